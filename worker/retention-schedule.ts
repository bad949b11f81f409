import { ScheduleAlreadyRunning, type Client } from '@temporalio/client';
import type { retentionSweep } from '../workflows/retention-workflow';

export const RETENTION_SCHEDULE_ID = 'retention-sweep';

/** Creates the daily retention schedule once; a running worker finding it already there leaves it be. */
export async function ensureRetentionSchedule(
  client: Client,
  taskQueue: string,
  retentionDays: number,
): Promise<'created' | 'exists'> {
  try {
    await client.schedule.create({
      scheduleId: RETENTION_SCHEDULE_ID,
      spec: { calendars: [{ hour: 2, minute: 15 }] },
      action: {
        type: 'startWorkflow',
        workflowType: 'retentionSweep' satisfies (typeof retentionSweep)['name'],
        taskQueue,
        args: [{ retentionDays }],
      },
      policies: { overlap: 'SKIP' },
    });
    return 'created';
  } catch (err) {
    if (err instanceof ScheduleAlreadyRunning) return 'exists';
    throw err;
  }
}
