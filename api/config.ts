import { z } from 'zod';
import { sharedEnvSchema } from '../platform/env';
import { rateLimitEnvShape } from './http/rate-limits';

export const apiEnvSchema = sharedEnvSchema.extend({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** How long a step request waits for the workflow before answering 503 (the step may still land; retry with the same Idempotency-Key). */
  STEP_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /** Buurt draagkracht: more placements of bijzondere doelgroepen than this in the period is a warning. */
  DRAAGKRACHT_MAX_PLAATSINGEN: z.coerce.number().int().min(0).max(10_000).default(3),
  DRAAGKRACHT_PERIODE_DAGEN: z.coerce.number().int().min(1).max(3650).default(365),
  /** Bearer tokens: the issuer and audience they must name, and where the signing keys are. */
  AUTH_ISSUER: z.string().min(1),
  AUTH_AUDIENCE: z.string().min(1),
  AUTH_JWKS_URL: z.url().optional(),
  AUTH_JWKS_FILE: z.string().min(1).optional(),
  /** The Temporal Web UI's origin, allowed to call the codec endpoint. */
  TEMPORAL_UI_ORIGIN: z.url().default('http://localhost:8233'),
  /** Request limits, `<count>/<window>` (e.g. 10/15m); see docs/limits-and-input.md. */
  ...rateLimitEnvShape,
  /** true: beheer may set webhooks to loopback, private and link-local addresses (tests, local trials). */
  WEBHOOK_ALLOW_PRIVATE_TARGETS: z.enum(['true', 'false']).optional(),
}).refine((e) => e.AUTH_JWKS_URL || e.AUTH_JWKS_FILE, { message: 'AUTH_JWKS_URL (an OIDC provider\'s JWKS) or AUTH_JWKS_FILE is required', path: ['AUTH_JWKS_URL'] });
export type ApiEnv = z.infer<typeof apiEnvSchema>;
