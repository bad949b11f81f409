// The direction of dependencies, checked in CI (`npm run lint:deps`). See docs/development.md.
//   domain    -> nothing of ours
//   workflows -> domain; activities type-only (the sandbox must not load I/O code)
//   platform  -> domain at most
//   prisma    -> domain, its generated client
//   activities-> domain, prisma, platform
//   api       -> domain, prisma, platform, workflows (messages, failure converter; the workflow function type-only)
//   worker    -> anything but api
// and no cycles anywhere.
const ours = '^(domain|workflows|activities|prisma|platform|api|worker|bench|scripts|test)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes two modules one; split out what both need.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'domain/ is the pure core: it imports npm packages and itself, nothing else of ours.',
      from: { path: '^domain/' },
      to: { path: ours, pathNot: '^domain/' },
    },
    {
      name: 'workflows-only-domain',
      severity: 'error',
      comment:
        'Workflow code runs in the sandbox: it may import domain/ and itself; activities only with `import type`.',
      from: { path: '^workflows/' },
      to: { path: ours, pathNot: '^(domain|workflows|activities)/' },
    },
    {
      name: 'workflows-activities-type-only',
      severity: 'error',
      comment: 'Activities are I/O: the workflow names their signatures (`import type`), never their code.',
      from: { path: '^workflows/' },
      to: { path: '^activities/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'platform-at-most-domain',
      severity: 'error',
      comment: 'platform/ (env, logger, codec, Temporal connection) sits below everything but domain/.',
      from: { path: '^platform/' },
      to: { path: ours, pathNot: '^(domain|platform)/' },
    },
    {
      name: 'prisma-only-domain',
      severity: 'error',
      comment: 'prisma/ holds SQL and repositories: it imports domain/ and its generated client, nothing above.',
      from: { path: '^prisma/' },
      to: { path: ours, pathNot: '^(domain|prisma)/' },
    },
    {
      name: 'activities-below-api',
      severity: 'error',
      comment:
        'Activities do I/O through prisma/ and platform/; they never reach into the API, the workflows or the worker.',
      from: { path: '^activities/' },
      to: { path: ours, pathNot: '^(domain|prisma|platform|activities)/' },
    },
    {
      name: 'api-no-activities-or-worker',
      severity: 'error',
      comment: 'The API talks to cases through the Temporal client, never by calling activities or the worker.',
      from: { path: '^api/' },
      to: { path: ours, pathNot: '^(domain|prisma|platform|workflows|api)/' },
    },
    {
      name: 'api-workflow-function-type-only',
      severity: 'error',
      comment:
        'The API starts workflows by type; it may import messages and the failure converter, the workflow code only as a type.',
      from: { path: '^api/' },
      to: {
        path: '^workflows/',
        pathNot: '^workflows/(messages|failure-converter)\\.ts$',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'worker-not-api',
      severity: 'error',
      comment: 'The worker runs workflows and activities; the HTTP layer is another process.',
      from: { path: '^worker/' },
      to: { path: '^api/' },
    },
    {
      name: 'web-not-json-routers',
      severity: 'error',
      comment:
        'The web app is an adapter over the same services as the JSON API; it shares services, schemas and policies, not routers.',
      from: { path: '^api/web/' },
      to: { path: '^api/(?!web/)[^/]+/.*-router\\.ts$' },
    },
    {
      name: 'no-one-imports-web',
      severity: 'error',
      comment: 'Only app.ts (which mounts it) and server.ts (which announces the local login) know the web app.',
      from: {
        path: '^(api/(?!web/)|domain|workflows|activities|prisma|platform|worker)',
        pathNot: '^api/(app|server)\\.ts$',
      },
      to: { path: '^api/web/' },
    },
    {
      name: 'production-not-test',
      severity: 'error',
      comment: 'Production code never imports test support.',
      from: { path: '^(domain|workflows|activities|prisma|platform|api|worker)/' },
      to: { path: '^test/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that does not resolve is a broken build.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|prisma/generated)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.d.ts', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
