import type { Db } from '../../prisma/client';
import { writeCaseParties } from '../../prisma/case-repository';
import { normenVoor } from '../../prisma/doorlooptijd-repository';
import { inTransaction } from '../../prisma/transaction';
import { verantwoordelijkeVan } from '../../domain/rules/doorlooptijd';
import { planTermijn } from '../../domain/rules/termijn-plan';
import type { Turn } from '../../domain/steps';
import type { CaseState, TermijnPlan } from '../../domain/types';

export interface PartiesSnapshot {
  state: CaseState;
  turn: Turn;
}

/**
 * Writes an accepted or assigned side, or a new behandelaar, to the read model and returns the
 * case's reminders and escalations against the norms now in force (a new party may have its own
 * norm). Idempotent: a retry writes the same row again.
 */
export async function recordCaseParties(db: Db, { state, turn }: PartiesSnapshot): Promise<TermijnPlan | undefined> {
  const aanZetRol = turn.wachtOp.map((w) => w.rol).join(',') || null;
  return inTransaction(db, async (tx) => {
    await writeCaseParties(tx, { state, aanZetRol });
    const normen = await normenVoor(tx, {
      fase: state.fase,
      faseOrganisatie: verantwoordelijkeVan(state, state.fase)?.organisatie,
      wijkteam: state.partijen.wijkteam.organisatie,
    });
    return planTermijn(state, normen);
  });
}
