// Test tiers (docs/development.md):
//   unit        pure code, no services; `npm run test:unit` runs it in seconds
//   replay      stored workflow histories against today's workflow code; no services
//   integration everything against a real PostgreSQL, Temporal, SMTP, OIDC and Chromium
//   faults      its own lab of services it kills and restarts
// `npm test` runs all four (what it ran before the split), after the lint.

/** Service-free tests that sit beside the code they test; a file listed here must not touch a database or Temporal. */
const pureFiles = [
  'test/platform/payload-codec.test.ts',
  'test/api/unavailable-errors.test.ts',
  'test/activities/doorlooptijd-writes.test.ts',
  'test/activities/webhook-target.test.ts',
  'test/api/list-filters.test.ts',
  'test/workflows/shared-schemas.test.ts',
  'test/api/auth/organisation-fit.test.ts',
  'test/worker/sdk-stack-traces-patch.test.ts',
];
const unitFolders = ['domain', 'architecture'];

/** ESM-only packages (openid-client v6, oidc-provider v9 and their jose v6) that jest must compile to CommonJS. */
const esmOnlyPackages = ['openid-client/', 'oauth4webapi/', 'oidc-provider/', 'jose/dist/webapi/'];
const esmOnly = `/node_modules/(${esmOnlyPackages.join('|')})`;

/** @type {import('jest').Config} */
const base = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  // The generated Prisma client imports its siblings with ESM-style .js suffixes.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } },
    ],
    // The OIDC libraries ship ESM only; Node 20 requires them natively, jest's loader needs them as CommonJS.
    [`${esmOnly}.+\\.js$`]: [
      '@swc/jest',
      { jsc: { target: 'es2022', parser: { syntax: 'ecmascript' } }, module: { type: 'commonjs' } },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!${esmOnlyPackages.join('|')})`, '\\.pnp\\.[^\\/]+$'],
};

/** @type {import('jest').Config} */
module.exports = {
  // Global options (jest reads these only here, not per project). Journeys wait on a real Temporal server and PostgreSQL.
  testTimeout: 120_000,
  slowTestThreshold: 30,
  projects: [
    {
      ...base,
      displayName: 'unit',
      testMatch: [
        ...unitFolders.map((d) => `<rootDir>/test/${d}/**/*.test.ts`),
        ...pureFiles.map((f) => `<rootDir>/${f}`),
      ],
      // A unit test that reaches for a service fails loudly instead of finding one by accident.
      setupFiles: ['<rootDir>/test/support/no-services.ts'],
    },
    {
      ...base,
      displayName: 'replay',
      testMatch: ['<rootDir>/test/replay/**/*.test.ts'],
    },
    {
      ...base,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: [
        '/node_modules/',
        `<rootDir>/test/(${[...unitFolders, 'replay', 'faults'].join('|')})/`,
        ...pureFiles.map((f) => `<rootDir>/${f.replace(/\./g, '\\.')}$`),
      ],
    },
    {
      ...base,
      displayName: 'faults',
      testMatch: ['<rootDir>/test/faults/**/*.test.ts'],
    },
  ],
};
