/** The floor's one write per step: a plain INSERT of the step's input through pg (bench/baseline-workflow.ts). */
import { activityInfo } from '@temporalio/activity';
import type { Pool } from 'pg';

export const FLOOR_TABLE_DDL = `CREATE TABLE IF NOT EXISTS bench_floor (
  id bigserial PRIMARY KEY, workflow_id text NOT NULL, input jsonb NOT NULL, at timestamptz NOT NULL DEFAULT now())`;

export function createFloorActivities(pool: Pool) {
  return {
    async floorInsert(input: unknown): Promise<void> {
      await pool.query('INSERT INTO bench_floor (workflow_id, input) VALUES ($1, $2)', [
        activityInfo().workflowExecution?.workflowId ?? 'unknown',
        JSON.stringify(input),
      ]);
    },
  };
}
export type FloorActivities = ReturnType<typeof createFloorActivities>;
