import { condition, setHandler, sleep } from '@temporalio/workflow';
import { openCaseUpdate, recordStepUpdate } from '../../workflows/messages';
import type { StepResult } from '../../domain/types';

/**
 * Test-only (replay.test.ts): an incompatible edit of the case workflow under
 * the same workflow type. It starts a reminder timer before it records the
 * aanmelding — a new feature added without `patched()` — so every stored
 * history, whose first command is the recordCaseEvent activity, must fail to
 * replay with a determinism error.
 */
export async function toewijzingCase(): Promise<void> {
  // Updates are accepted as before and never answered: only the main body's commands differ.
  const never = async (): Promise<StepResult> => {
    await condition(() => false);
    throw new Error('unreachable');
  };
  setHandler(openCaseUpdate, never);
  setHandler(recordStepUpdate, never);
  await sleep('14 days');
  await condition(() => false);
}
