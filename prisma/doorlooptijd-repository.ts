import type { Db } from './client';
import type { Tx } from './transaction';
import { applicableNorm, STANDAARD_NORM } from './norm-repository';
import type { Norm } from '../domain/rules/termijn-plan';

/**
 * The doorlooptijd tables: fase periods, the parties' turns and the opschortingen. The
 * hot-path writes are in leesmodel-write-repository.ts (pg); what to write for an event is worked out in
 * activities/case-event (doorlooptijd-writes.ts).
 */

/** The norms of a case's fase and of the whole case, off the hot path (a change of parties, not a step). */
export async function normenVoor(
  tx: Tx,
  k: { fase: string; faseOrganisatie: string | undefined; wijkteam: string },
): Promise<{ fase?: Norm | undefined; totaal?: Norm | undefined }> {
  const faseOrg = k.faseOrganisatie ?? STANDAARD_NORM;
  const rows = await tx.normInstelling.findMany({
    where: { fase: { in: [k.fase, 'totaal'] }, organisatie: { in: [faseOrg, k.wijkteam, STANDAARD_NORM] } },
  });
  const pick = (fase: string, org: string) => {
    const row = applicableNorm(rows, fase, org);
    return row ? { werkdagen: row.werkdagen, herinneringBij: row.herinneringBij } : undefined;
  };
  return { fase: pick(k.fase, faseOrg), totaal: pick('totaal', k.wijkteam) };
}

export interface OpenFasePeriode {
  caseId: string;
  nr: number;
  startedAt: Date;
  normWerkdagen: number | null;
  verlengdWerkdagen: number | null;
}

export interface OpenWachtbeurt {
  caseId: string;
  nr: number;
  rol: string;
  organisatie: string | null;
  startedAt: Date;
}

export interface FasePartijen {
  organisatie: string | null;
  zorginstelling: string | null;
  corporatie: string | null;
  normWerkdagen: number | null;
  herinneringAt: Date | null;
  deadlineAt: Date | null;
}

/** Everything one event changes in the doorlooptijd tables, as rows. */
export interface DoorlooptijdWrites {
  caseId: string;
  opschortingen: { nr: number; van: Date; tot: Date | null; reden: string }[];
  /** The open period ends (the fase changed). */
  sluitPeriode?:
    { nr: number; endedAt: Date; werkdagen: number; kalenderdagen: number; overNorm: boolean | null } | undefined;
  /** The open period carries on with the current parties, norm and due dates. */
  werkPeriodeBij?: { nr: number; partijen: FasePartijen; verlengdWerkdagen: number | null } | undefined;
  /** A party that joins later is a party of the whole case: every period of the case gets it. */
  casePartijen: { zorginstelling: string | null; corporatie: string | null };
  nieuwePeriode?:
    | (FasePartijen & {
        nr: number;
        fase: string;
        partij: string;
        doelgroep: string;
        gemeente: string;
        wijkteam: string;
        startedAt: Date;
      })
    | undefined;
  sluitBeurten: { nr: number; rol: string; endedAt: Date; werkdagen: number }[];
  nieuweBeurten: {
    nr: number;
    rol: string;
    organisatie: string | null;
    fase: string;
    doelgroep: string;
    startedAt: Date;
  }[];
}

/** The open fase period of each case: its clock as the read model keeps it. */
export async function openPeriodes(db: Db, caseIds: string[]) {
  const rows = caseIds.length
    ? await db.fasePeriode.findMany({ where: { caseId: { in: caseIds }, endedAt: null } })
    : [];
  return new Map(rows.map((r) => [r.caseId, r]));
}

export async function signalenVan(db: Db, caseId: string) {
  return db.caseSignaal.findMany({ where: { caseId }, orderBy: [{ at: 'asc' }, { key: 'asc' }] });
}
