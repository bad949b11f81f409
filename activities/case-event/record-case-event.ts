import type { Db } from '../../prisma/client';
import { inPgTransaction, writeDoorlooptijdRows, writeStep } from '../../prisma/leesmodel-write-repository';
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
 * transaction of two statements; the doorlooptijd is counted only when the event was
 * new, so a retry never counts time twice.
 */
export async function recordCaseEvent(
  db: Db,
  snapshot: CaseSnapshot,
  referentieHash?: ReferentieHasher,
): Promise<{ outcome: 'written' | 'duplicate'; plan: TermijnPlan | undefined }> {
  const { state, turn } = snapshot;
  const referentie = state.aanmelding.persoon.referentie;
  const aanZetRol = turn.wachtOp.map((w) => w.rol).join(',') || null;
  return inPgTransaction(db, async (client) => {
    const { written, normen, open } = await writeStep(client, {
      event: snapshot.event,
      state,
      aanZetRol,
      referentieHash: referentieHash && referentie ? referentieHash(referentie) : null,
      faseOrganisatie: verantwoordelijkeVan(state, state.fase)?.organisatie,
    });
    const plan = planTermijn(state, normen);
    if (written) await writeDoorlooptijdRows(client, doorlooptijdWrites(snapshot, plan, open));
    return { outcome: written ? 'written' : 'duplicate', plan };
  });
}
