import type { Db } from '../prisma/client';
import { recordCaseEvent, type CaseSnapshot } from '../prisma/case-repository';

export interface ActivityDeps {
  db: Db;
}

/**
 * All I/O of the case workflow. Built from its dependencies so tests and the
 * worker wire their own database.
 */
export function createActivities({ db }: ActivityDeps) {
  return {
    /** Idempotent: a retry after a lost acknowledgement writes nothing twice. */
    async recordCaseEvent(snapshot: CaseSnapshot): Promise<void> {
      await recordCaseEvent(db, snapshot);
    },
  };
}
