/**
 * The two reference workflows of `bench/load.ts`, run by `bench/bench-worker.ts`:
 * - baselineCase ("bare Temporal"): accepts updates and does nothing else;
 * - floorCase ("the floor"): the same, plus one local-activity INSERT per update, the least a step that
 *   writes a read model can cost.
 * Each ends after the number of updates it was started with (the journey's start + steps), like a case
 * that closes at its last step.
 */
import { condition, defineUpdate, proxyLocalActivities, setHandler } from '@temporalio/workflow';
import type { FloorActivities } from './floor-activities';

export const baselineStepUpdate = defineUpdate<{ n: number }, [unknown]>('baselineStep');

const { floorInsert } = proxyLocalActivities<FloorActivities>({ startToCloseTimeout: '10 seconds' });

export async function baselineCase(updates: number): Promise<number> {
  let n = 0;
  setHandler(baselineStepUpdate, () => ({ n: ++n }));
  await condition(() => n >= updates);
  return n;
}

export async function floorCase(updates: number): Promise<number> {
  let n = 0;
  setHandler(baselineStepUpdate, async (input) => {
    await floorInsert(input);
    return { n: ++n };
  });
  await condition(() => n >= updates);
  return n;
}
