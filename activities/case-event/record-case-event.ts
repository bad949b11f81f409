import type { Db } from '../../prisma/client';
import { writeCaseEvent } from '../../prisma/case-repository';
import { normenVoor, openDoorlooptijd, writeDoorlooptijd } from '../../prisma/doorlooptijd-repository';
import { inTransaction } from '../../prisma/transaction';
import { verantwoordelijkeVan } from '../../domain/rules/doorlooptijd';
import { planTermijn } from '../../domain/rules/termijn-plan';
import type { Turn } from '../../domain/steps';
import type { CaseEvent, CaseState, TermijnPlan } from '../../domain/types';
import { doorlooptijdWrites } from './doorlooptijd-writes';
import type { ReferentieHasher } from '../../platform/referentie-hash';

export interface CaseSnapshot {
  event: CaseEvent;
  state: CaseState;
  turn: Turn;
}

/**
 * Writes one step to the read model, with its doorlooptijd, and returns when the
 * case's reminders and escalations are due against the norms in force. One
 * transaction; the doorlooptijd is counted only when the event was new, so a retry
 * never counts time twice.
 */
export async function recordCaseEvent(
  db: Db,
  snapshot: CaseSnapshot,
  referentieHash?: ReferentieHasher,
): Promise<{ outcome: 'written' | 'duplicate'; plan: TermijnPlan | undefined }> {
  const { state, turn } = snapshot;
  const referentie = state.aanmelding.persoon.referentie;
  const aanZetRol = turn.wachtOp.map((w) => w.rol).join(',') || null;
  return inTransaction(db, async (tx) => {
    const outcome = await writeCaseEvent(tx, {
      event: snapshot.event,
      state,
      aanZetRol,
      referentieHash: referentieHash && referentie ? referentieHash(referentie) : null,
    });
    const normen = await normenVoor(tx, {
      fase: state.fase,
      faseOrganisatie: verantwoordelijkeVan(state, state.fase)?.organisatie,
      wijkteam: state.partijen.wijkteam.organisatie,
    });
    const plan = planTermijn(state, normen);
    if (outcome === 'written') {
      await writeDoorlooptijd(tx, doorlooptijdWrites(snapshot, plan, await openDoorlooptijd(tx, state.caseId)));
    }
    return { outcome, plan };
  });
}
