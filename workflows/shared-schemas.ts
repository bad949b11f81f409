import type * as Notes from '../domain/notes';
import type * as Schemas from '../domain/schemas';
import type * as Verdeling from '../domain/verdeling-schemas';
import type { CaseState } from '../domain/types';

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

// The note and routing checks use zod and the step schemas too: loaded the same way, once per
// thread, so a case does not build them again (imported straight into the workflow, they were).
let notes: typeof Notes | undefined;
let verdeling: typeof Verdeling | undefined;
/* eslint-disable @typescript-eslint/no-require-imports -- loaded on first use, not at preload (see above) */
const notesModule = () => (notes ??= require('../domain/notes') as typeof Notes);
const verdelingModule = () => (verdeling ??= require('../domain/verdeling-schemas') as typeof Verdeling);
/* eslint-enable @typescript-eslint/no-require-imports */

export function noteProblem(state: CaseState, req: unknown): string | undefined {
  return notesModule().noteProblem(state, req);
}

export function sideRequestProblem(req: unknown): string | undefined {
  const v = verdelingModule();
  return v.messageProblem(v.sideRequestSchema, req);
}

export function behandelaarRequestProblem(req: unknown): string | undefined {
  const v = verdelingModule();
  return v.messageProblem(v.behandelaarRequestSchema, req);
}
