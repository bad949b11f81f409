import { parseEnv, sharedEnvSchema, type SharedEnv } from '../../platform/env';

/**
 * The services the tests run against. `npm test` starts a real PostgreSQL 15
 * and Temporal dev server (scripts/with-services.mjs) and sets these; a test
 * run without them fails here rather than skipping.
 */
export function testEnv(overrides: Partial<SharedEnv> = {}): SharedEnv {
  for (const name of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'PAYLOAD_KEYS']) {
    if (!process.env[name]) {
      throw new Error(`${name} is not set: run the tests with \`npm test\`, which starts PostgreSQL and Temporal`);
    }
  }
  return { ...parseEnv(sharedEnvSchema), ...overrides };
}
