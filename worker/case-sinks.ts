import type { InjectedSinks } from '@temporalio/worker';
import type { Db } from '../prisma/client';
import { recordOverdracht } from '../prisma/overdracht-repository';
import type { CaseSinks } from '../workflows/sinks';

/**
 * The case workflow's sinks on this worker. A handover is written for /health; the workflow does not
 * wait for it (a sink cannot answer), and a write that fails is logged, not retried: the metric and
 * the log line the workflow wrote count it anyway.
 */
export function caseSinks(db: Db, onError: (err: unknown) => void): InjectedSinks<CaseSinks> {
  return {
    overdrachten: {
      overgedragen: {
        fn: (info, o) => {
          recordOverdracht(db, {
            runId: info.runId,
            historyLength: o.historyLength,
            activiteit: o.activiteit,
            caseId: o.caseId,
            at: new Date(),
          }).catch(onError);
        },
        callDuringReplay: false,
      },
    },
  };
}
