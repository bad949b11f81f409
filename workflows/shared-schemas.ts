import type * as Schemas from '../domain/schemas';

/**
 * The step schemas the workflow validates with, built once per worker thread and shared by
 * every cached case (issue 16: built per workflow, zod and ~386 schemas cost ~1.2 MB and
 * ~11 ms for each case the worker holds or replays).
 *
 * The worker preloads this module (`preloadModules`, worker/workflow-bundle.ts), so its scope
 * is one for all workflows of the reusable V8 context. The SDK deep-freezes what it preloads,
 * and a frozen zod schema cannot run (zod builds members on first use and resets its
 * patterns' `lastIndex`), so zod and the schemas are not loaded here at preload: the first
 * case that validates loads them, and the reference kept in this module's closure (which the
 * freeze does not reach) serves every later case. The schemas are pure: sharing them shares
 * no state between cases. test/workflows/shared-schemas.test.ts checks that this judges as
 * the API's schemas do.
 */
let schemas: typeof Schemas | undefined;

export function stepRequestProblem(req: unknown): string | undefined {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not at preload (see above)
  schemas ??= require('../domain/schemas') as typeof Schemas;
  return schemas.stepRequestProblem(req);
}
