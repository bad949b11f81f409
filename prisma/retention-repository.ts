import type { Db } from './client';
import { Prisma } from './client';
import type { CaseState } from '../domain/types';

export const VERWIJDERD = '[verwijderd]';

/**
 * A closed case with its personal fields removed: what the reports need stays
 * (steps, times, parties, doelgroep, gemeente, route, outcome, rule verdicts),
 * the person, the care details and every free text go. Pure and idempotent.
 */
export function pseudonymise(state: CaseState): CaseState {
  const s: CaseState = structuredClone(state);
  s.aanmelding.persoon = {
    referentie: VERWIJDERD,
    huishoudgrootte: s.aanmelding.persoon.huishoudgrootte,
    inkomensgroep: s.aanmelding.persoon.inkomensgroep,
    huidigeSituatie: s.aanmelding.persoon.huidigeSituatie,
  };
  if (s.vraag) delete s.vraag.meting;
  if (s.woonvorm) delete s.woonvorm.toelichting;
  if (s.doorgeleiding)
    s.doorgeleiding = {
      ...s.doorgeleiding,
      reden: VERWIJDERD,
      contactpersoon: { naam: VERWIJDERD, organisatie: s.doorgeleiding.contactpersoon.organisatie },
    };
  if (s.persoonlijkContact) s.persoonlijkContact = { ...s.persoonlijkContact, vervolg: VERWIJDERD };
  for (const a of s.aanbiedingen) if (a.reden) a.reden = VERWIJDERD;
  if (s.overdracht) {
    s.overdracht = {
      woonplek: VERWIJDERD,
      begeleidingsafspraken: s.overdracht.begeleidingsafspraken.map((b) => ({ wie: b.wie, wat: VERWIJDERD })),
      contactpersonen: s.overdracht.contactpersonen.map((c) => ({
        rol: c.rol,
        organisatie: c.organisatie,
        naam: VERWIJDERD,
      })),
      signaleringsafspraken: s.overdracht.signaleringsafspraken.map((x) => ({
        signaal: x.signaal,
        afspraak: VERWIJDERD,
      })),
    };
  }
  s.nazorg = s.nazorg.map((n) => ({ uitkomst: n.uitkomst }));
  // Nazorg@1: the direction of support and the omklap dates stay, the reasons go.
  if (s.ondersteuning) s.ondersteuning = s.ondersteuning.map((o) => ({ ...o, reden: VERWIJDERD }));
  if (s.nazorgPlan?.omklap)
    s.nazorgPlan.omklap.verlengingen = s.nazorgPlan.omklap.verlengingen.map((v) => ({ ...v, reden: VERWIJDERD }));
  // Reason codes and werkdagen stay for the doorlooptijd reports; the words around them go.
  if (s.opschortingen) s.opschortingen = s.opschortingen.map(({ toelichting: _t, ...o }) => o);
  if (s.termijn?.verlenging) s.termijn = { ...s.termijn, verlenging: { ...s.termijn.verlenging, reden: VERWIJDERD } };
  if (s.uitkomstReden) s.uitkomstReden = VERWIJDERD;
  return s;
}

/**
 * Pseudonymises up to `batch` cases closed before `closedBefore`. Each case is
 * rewritten in its own transaction, guarded so a re-run or a concurrent sweep
 * changes nothing twice; its notes, the read marks on them and the referentie
 * hash go with it. Returns how many were done.
 */
export async function pseudonymiseClosedCases(db: Db, closedBefore: Date, batch: number): Promise<number> {
  const due = await db.case.findMany({
    where: { status: 'afgesloten', closedAt: { lt: closedBefore }, pseudonymisedAt: null },
    select: { id: true, state: true },
    orderBy: { closedAt: 'asc' },
    take: batch,
  });
  let done = 0;
  for (const row of due) {
    const [updated] = await db.$transaction([
      db.case.updateMany({
        where: { id: row.id, pseudonymisedAt: null },
        data: {
          state: pseudonymise(row.state as unknown as CaseState) as unknown as Prisma.InputJsonValue,
          pseudonymisedAt: new Date(),
          referentieHash: null,
        },
      }),
      db.note.deleteMany({ where: { caseId: row.id } }),
      db.meldingGelezen.deleteMany({ where: { caseId: row.id } }),
    ]);
    done += updated.count;
  }
  return done;
}
