/**
 * The bare baseline for `bench/load.ts`: a workflow that does nothing but accept
 * updates. Each update returns at once; the workflow ends after the number of
 * updates it was started with (the journey's start + steps), like a case that
 * closes at its last step.
 */
import { condition, defineUpdate, setHandler } from '@temporalio/workflow';

export const baselineStepUpdate = defineUpdate<{ n: number }, [unknown]>('baselineStep');

export async function baselineCase(updates: number): Promise<number> {
  let n = 0;
  setHandler(baselineStepUpdate, () => ({ n: ++n }));
  await condition(() => n >= updates);
  return n;
}
