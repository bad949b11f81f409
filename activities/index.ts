import type { Db } from '../prisma/client';
import { recordCaseEvent, type CaseSnapshot } from './case-event/record-case-event';
import { releaseWoning, reserveWoning, verhuurWoning } from '../prisma/woning-repository';
import { WoningNotAvailableError } from './errors';
import { pseudonymiseClosedCases } from '../prisma/retention-repository';
import type { KanaalUitkomst, TermijnPlan, TermijnSignaal } from '../domain/types';
import { meldTermijn, type Notifier } from './notifications';

export interface ActivityDeps {
  db: Db;
  /** Where reminders and escalations go out; without it every channel is 'niet_ingesteld'. */
  notifier?: Notifier | undefined;
}

export interface WoningRequest {
  caseId: string;
  woningId: string;
  version: number;
}

/**
 * All I/O of the case workflow. Built from its dependencies so tests and the
 * worker wire their own database. Every activity is idempotent: a retry after
 * a lost acknowledgement changes nothing twice.
 */
export function createActivities({ db, notifier }: ActivityDeps) {
  return {
    /** Returns when the case's reminders and escalations are due, worked out against the norms in force. */
    async recordCaseEvent(snapshot: CaseSnapshot): Promise<TermijnPlan | undefined> {
      return (await recordCaseEvent(db, snapshot)).plan;
    },

    async reserveWoning({ caseId, woningId, version }: WoningRequest): Promise<void> {
      if (!(await reserveWoning(db, woningId, caseId, version))) {
        throw new WoningNotAvailableError('de woning is niet meer beschikbaar: een andere casus heeft haar, of ze is gewijzigd');
      }
    },

    async releaseWoning({ caseId, woningId }: WoningRequest): Promise<void> {
      await releaseWoning(db, woningId, caseId);
    },

    /** Removes personal fields of cases closed more than `retentionDays` ago; returns how many. */
    async pseudonymiseClosedCases({ retentionDays, batch }: { retentionDays: number; batch: number }): Promise<number> {
      return pseudonymiseClosedCases(db, new Date(Date.now() - retentionDays * 86_400_000), batch);
    },

    async verhuurWoning({ caseId, woningId, doelgroep, at }: WoningRequest & { doelgroep: string; at: string }): Promise<void> {
      await verhuurWoning(db, { caseId, woningId, doelgroep, at: new Date(at) });
    },

    /** A termijn timer fired: mail the team (herinnering) or the manager (escalatie), and the webhook; once per signal key. */
    async meldTermijn(signaal: TermijnSignaal): Promise<{ email: KanaalUitkomst; webhook: KanaalUitkomst }> {
      return meldTermijn(db, notifier, signaal);
    },
  };
}
