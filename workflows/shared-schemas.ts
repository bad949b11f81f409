import type * as Notes from '../domain/notes';
import type * as Schemas from '../domain/schemas';
import type * as Verdeling from '../domain/verdeling-schemas';
import type { CaseState } from '../domain/types';

/**
 * Every zod schema the workflow validates with, built once per worker thread and shared by
 * every cached case (issue 16: built per workflow, zod and ~386 schemas cost ~1.6 MB and
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
 *
 * Workflow code must reach zod only through here: one static import of a module that loads
 * zod (domain/notes, domain/verdeling-schemas, domain/schemas, domain/primitives) brings all of
 * it back into every cached case. test/architecture/workflow-zod.test.ts guards that.
 */
interface Loaded {
  schemas: typeof Schemas;
  notes: typeof Notes;
  verdeling: typeof Verdeling;
}
let loaded: Loaded | undefined;

/* eslint-disable @typescript-eslint/no-require-imports -- loaded on first use, not at preload (see above) */
const load = (): Loaded =>
  (loaded ??= {
    schemas: require('../domain/schemas') as typeof Schemas,
    notes: require('../domain/notes') as typeof Notes,
    verdeling: require('../domain/verdeling-schemas') as typeof Verdeling,
  });
/* eslint-enable @typescript-eslint/no-require-imports */

export function stepRequestProblem(req: unknown): string | undefined {
  return load().schemas.stepRequestProblem(req);
}

/** domain/notes.ts noteProblem: why a note may not be added to the case now. */
export function noteProblem(state: CaseState, req: unknown): string | undefined {
  return load().notes.noteProblem(state, req);
}

/** A routing message (Casus aannemen, toewijzing of a side) that is malformed, or undefined. */
export function sideRequestProblem(req: unknown): string | undefined {
  const { messageProblem, sideRequestSchema } = load().verdeling;
  return messageProblem(sideRequestSchema, req);
}

/** A behandelaar message (oppakken, overdragen, vrijgeven) that is malformed, or undefined. */
export function behandelaarRequestProblem(req: unknown): string | undefined {
  const { messageProblem, behandelaarRequestSchema } = load().verdeling;
  return messageProblem(behandelaarRequestSchema, req);
}
