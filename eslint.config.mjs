// @ts-check
// Lint rules that catch what the compiler does not: promises nobody awaits, and I/O in code that must stay pure
// (domain/) or deterministic (workflows/, which runs in Temporal's sandbox). See docs/development.md.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Node built-ins in both spellings (`fs`, `node:fs`), as in Temporal's samples. */
const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_')).flatMap((m) => [m, `node:${m}`]);

/** Modules that talk to the world: a workflow or a domain rule that imports one is a bug. */
const ioModules = [
  'pg',
  'pino',
  'express',
  'nodemailer',
  'jose',
  'helmet',
  'supertest',
  'csv-parse',
  'swagger-ui-express',
  '@temporalio/client',
  '@temporalio/worker',
  '@temporalio/activity',
  '@temporalio/testing',
];
const ioPatterns = ['@prisma/*', '@electric-sql/*', 'express-*', '@acpr/*'];

/** Our own folders a pure or sandboxed module must not reach (dependency-cruiser checks the full direction). */
const outerLayers = (...layers) => layers.map((l) => `**/${l}`).concat(layers.map((l) => `**/${l}/**`));

const restrictImports = (message, extraPatterns = []) => [
  'error',
  {
    paths: [...nodeBuiltins, ...ioModules].map((name) => ({ name, message })),
    patterns: [{ group: [...ioPatterns, ...extraPatterns], message }],
  },
];

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', 'prisma/generated/', 'coverage/', 'test/replay/histories/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mts', '**/*.mjs'],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.mjs', '*.cjs', 'jest.config.js', 'test/faults/support/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // A promise nobody awaits loses its error (an unhandled rejection) and its ordering.
      '@typescript-eslint/no-floating-promises': 'error',
      // An async function where a callback's result is ignored (Express handlers, event listeners) drops its rejection.
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // Type assertions are how the sandbox and zod boundaries are typed; the compiler checks the rest.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.mjs', '*.cjs', '*.js'],
    rules: {
      // The compiler (scripts/tsconfig.json, checkJs; the project service for the rest) knows Node's globals.
      'no-undef': 'off',
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // Tests and benchmarks read JSON bodies of many shapes; `any` there is the honest type.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Served to the browser as is (no build step): plain ES5 with the browser's globals.
    files: ['api/web/static/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: { document: 'readonly', window: 'readonly', setTimeout: 'readonly' },
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': restrictImports(
        'Workflow code runs in the deterministic sandbox: no Node built-ins or I/O. Do I/O in an activity.',
        // Activities only as `import type`: dependency-cruiser checks that (it tells type-only imports apart).
        outerLayers('api', 'prisma', 'platform', 'worker'),
      ),
    },
  },
  {
    files: ['domain/**/*.ts'],
    rules: {
      'no-restricted-imports': restrictImports(
        'domain/ is pure: no Node built-ins, no I/O, no Temporal. Pass what a rule needs (time, rows) in.',
        ['@temporalio/*', ...outerLayers('api', 'prisma', 'platform', 'worker', 'activities', 'workflows')],
      ),
    },
  },
);
