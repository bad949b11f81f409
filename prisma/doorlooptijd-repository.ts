import type { Db } from './client';
import type { Tx } from './transaction';
import { applicableNorm, STANDAARD_NORM } from './norm-repository';
import type { Norm } from '../domain/rules/termijn-plan';

/**
 * The doorlooptijd tables: fase periods, the parties' turns and the opschortingen. The
 * repository reads and writes rows; what to write for an event is worked out in
 * activities/case-event (doorlooptijd-writes.ts).
 */

/** The norm of a fase for the organisation responsible and of the whole case for the wijkteam; an organisation's agreed norm overrides the default. */
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

/** The case's open fase period and open turns: what the next event closes or carries on. */
export async function openDoorlooptijd(
  tx: Tx,
  caseId: string,
): Promise<{ periode: OpenFasePeriode | null; beurten: OpenWachtbeurt[] }> {
  const periode = await tx.fasePeriode.findFirst({ where: { caseId, endedAt: null } });
  const beurten = await tx.wachtbeurt.findMany({ where: { caseId, endedAt: null } });
  return { periode, beurten };
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

/** Applies one event's doorlooptijd changes inside the event's transaction. */
export async function writeDoorlooptijd(tx: Tx, w: DoorlooptijdWrites): Promise<void> {
  const { caseId } = w;
  for (const o of w.opschortingen) {
    await tx.opschorting.upsert({
      where: { caseId_nr: { caseId, nr: o.nr } },
      create: { caseId, nr: o.nr, van: o.van, tot: o.tot, reden: o.reden },
      update: { tot: o.tot },
    });
  }
  if (w.sluitPeriode) {
    const { nr, ...data } = w.sluitPeriode;
    await tx.fasePeriode.update({
      where: { caseId_nr: { caseId, nr } },
      data: { ...data, herinneringAt: null, deadlineAt: null },
    });
  } else if (w.werkPeriodeBij) {
    const { nr, partijen, verlengdWerkdagen } = w.werkPeriodeBij;
    await tx.fasePeriode.update({ where: { caseId_nr: { caseId, nr } }, data: { ...partijen, verlengdWerkdagen } });
  }
  const { zorginstelling, corporatie } = w.casePartijen;
  await tx.$executeRaw`
    UPDATE fase_periodes SET zorginstelling = ${zorginstelling}, corporatie = ${corporatie}
    WHERE case_id = ${caseId}
      AND (zorginstelling IS DISTINCT FROM ${zorginstelling} OR corporatie IS DISTINCT FROM ${corporatie})`;
  if (w.nieuwePeriode) await tx.fasePeriode.create({ data: { caseId, ...w.nieuwePeriode } });

  for (const b of w.sluitBeurten) {
    await tx.wachtbeurt.update({
      where: { caseId_nr_rol: { caseId, nr: b.nr, rol: b.rol } },
      data: { endedAt: b.endedAt, werkdagen: b.werkdagen },
    });
  }
  if (w.nieuweBeurten.length) {
    await tx.wachtbeurt.createMany({
      data: w.nieuweBeurten.map((b) => ({ caseId, ...b })),
      // Two turns of one role in one event cannot happen (keys are per role); a duplicate would mean a replayed write.
      skipDuplicates: true,
    });
  }
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
