import { proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../activities';

const { pseudonymiseClosedCases } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '10 seconds', maximumInterval: '10 minutes' },
});

export interface RetentionInput {
  retentionDays: number;
  batch?: number;
}

/**
 * One retention sweep, started daily by the `retention-sweep` schedule: the
 * read model keeps a closed case's personal fields no longer than
 * `retentionDays`. (Temporal's own histories go by the namespace's retention period.)
 * Its name is the workflow type: renaming it breaks the schedule.
 */
export async function retentionSweep({ retentionDays, batch = 500 }: RetentionInput): Promise<number> {
  let total = 0;
  // Bounded per run; the next scheduled run picks up what is left.
  for (let round = 0; round < 20; round++) {
    const done = await pseudonymiseClosedCases({ retentionDays, batch });
    total += done;
    if (done < batch) break;
  }
  return total;
}
