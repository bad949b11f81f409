import type { Db } from '../prisma/client';
import { recordCaseEvent, type CaseSnapshot } from './case-event/record-case-event';
import { recordCaseParties, type PartiesSnapshot } from './case-event/record-case-parties';
import { releaseWoning, reserveWoning, verhuurWoning } from '../prisma/woning-repository';
import { ApplicationFailure, log } from '@temporalio/activity';
import { PermanentDataError, permanentDataError, WoningNotAvailableError } from './errors';
import { recordLeesmodelStoring } from '../prisma/leesmodel-storing-repository';
import { UNSAFE_TEXT } from '../domain/primitives';
import { pseudonymiseClosedCases } from '../prisma/retention-repository';
import type { KanaalUitkomst, TermijnPlan, TermijnSignaal } from '../domain/types';
import { meldAanname, meldTermijn, type AanameMelding, type Notifier } from './notifications';
import { insertNote } from '../prisma/note-repository';
import type { NoteRequest } from '../domain/notes';
import type { ReferentieHasher } from '../platform/referentie-hash';

export interface ActivityDeps {
  db: Db;
  /** Where reminders and escalations go out; without it every channel is 'niet_ingesteld'. */
  notifier?: Notifier | undefined;
  /** The keyed hash of a referentie the read model stores for search; without it none is stored. */
  referentieHash?: ReferentieHasher | undefined;
}

export interface WoningRequest {
  caseId: string;
  woningId: string;
  version: number;
}

const UNSAFE_ALL = new RegExp(UNSAFE_TEXT.source, 'gu');
/** Every string with the characters the database refuses replaced by U+FFFD. */
const scrubbed = <T>(value: T): T =>
  JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'string' ? v.replace(UNSAFE_ALL, '\uFFFD') : v)));

/** The worker's log inside an activity; stderr when called outside one (tests, scripts). Ids and codes only. */
function logError(message: string, attrs: Record<string, unknown>) {
  try {
    log.error(message, attrs);
  } catch {
    process.stderr.write(`${JSON.stringify({ level: 'error', msg: message, ...attrs })}\n`);
  }
}

/** A permanent data error fails the activity for good (no retry loop); anything else is retried by policy. */
async function once<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const permanent = permanentDataError(err);
    if (!permanent || err instanceof WoningNotAvailableError) throw err;
    throw ApplicationFailure.create({ type: PermanentDataError.name, message: permanent.message, nonRetryable: true });
  }
}

/**
 * All I/O of the case workflow. Built from its dependencies so tests and the
 * worker wire their own database. Every activity is idempotent: a retry after
 * a lost acknowledgement changes nothing twice.
 */
export function createActivities({ db, notifier, referentieHash }: ActivityDeps) {
  return {
    /** Returns when the case's reminders and escalations are due, worked out against the norms in force. */
    async recordCaseEvent(snapshot: CaseSnapshot): Promise<TermijnPlan | undefined> {
      try {
        return (await recordCaseEvent(db, snapshot, referentieHash)).plan;
      } catch (err) {
        const permanent = permanentDataError(err);
        if (!permanent) throw err;
        // The workflow accepted the step and holds it; failing here would leave the update hanging
        // (local activity retries) or answer "failed" for a step that is applied. So: record the
        // storing for operators, write the step with the refused characters replaced, and go on.
        const { caseId, seq, step } = snapshot.event;
        await recordLeesmodelStoring(db, { caseId, seq, step, sqlstate: permanent.code });
        logError('read model refused a step for good; the case moves on, see leesmodel_storingen', {
          caseId,
          seq,
          step,
          code: permanent.code,
        });
        try {
          return (await recordCaseEvent(db, scrubbed(snapshot), referentieHash)).plan;
        } catch (again) {
          if (!permanentDataError(again)) throw again;
          return undefined;
        }
      }
    },

    /** An accepted or assigned side, or a new behandelaar, into the read model; returns the plan as recordCaseEvent does. */
    async recordCaseParties(snapshot: PartiesSnapshot): Promise<TermijnPlan | undefined> {
      return once(() => recordCaseParties(db, snapshot));
    },

    /** Tells the wijkteam that an organisation accepted an open side of its case. */
    async meldAanname(melding: AanameMelding): Promise<string> {
      return once(() => meldAanname(db, notifier, melding));
    },

    async reserveWoning({ caseId, woningId, version }: WoningRequest): Promise<void> {
      if (!(await once(() => reserveWoning(db, woningId, caseId, version)))) {
        throw new WoningNotAvailableError(
          'de woning is niet meer beschikbaar: een andere casus heeft haar, of ze is gewijzigd',
        );
      }
    },

    async releaseWoning({ caseId, woningId }: WoningRequest): Promise<void> {
      await once(() => releaseWoning(db, woningId, caseId));
    },

    /** Removes personal fields of cases closed more than `retentionDays` ago; returns how many. */
    async pseudonymiseClosedCases({ retentionDays, batch }: { retentionDays: number; batch: number }): Promise<number> {
      return once(() => pseudonymiseClosedCases(db, new Date(Date.now() - retentionDays * 86_400_000), batch));
    },

    async verhuurWoning({
      caseId,
      woningId,
      doelgroep,
      at,
    }: WoningRequest & { doelgroep: string; at: string }): Promise<void> {
      await once(() => verhuurWoning(db, { caseId, woningId, doelgroep, at: new Date(at) }));
    },

    /** Writes an accepted note to the notes table, once (keyed by its id). */
    async writeNote(note: NoteRequest & { at: string }): Promise<void> {
      await once(() =>
        insertNote(db, {
          id: note.id,
          caseId: note.caseId,
          organisatie: note.actor.organisatie,
          voor: note.voor,
          authorId: note.actor.id,
          authorName: note.authorName ?? null,
          authorRol: note.actor.rol,
          tekst: note.tekst,
          at: new Date(note.at),
        }),
      );
    },

    /** A termijn timer fired: mail the team (herinnering) or the manager (escalatie), and the webhook; once per signal key. */
    async meldTermijn(signaal: TermijnSignaal): Promise<{ email: KanaalUitkomst; webhook: KanaalUitkomst }> {
      return once(() => meldTermijn(db, notifier, signaal));
    },
  };
}
