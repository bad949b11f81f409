import type { Db, Prisma } from './client';
import { applicableNorm, STANDAARD_NORM } from './norm-repository';
import { verantwoordelijkeVan } from '../domain/rules/doorlooptijd';
import { opschortingIntervals, planTermijn, type Norm } from '../domain/rules/termijn-plan';
import { kalenderdagenTussen, werkdagenTussen } from '../domain/rules/werkdagen';
import type { CaseEvent, CaseState, TermijnPlan } from '../domain/types';
import type { Turn } from '../domain/steps';

type Tx = Prisma.TransactionClient;

/** The norms of the case's current fase and of the whole case; an organisation's agreed norm overrides the default. */
export async function normenVoor(tx: Tx, state: CaseState): Promise<{ fase?: Norm | undefined; totaal?: Norm | undefined }> {
  const faseOrg = verantwoordelijkeVan(state, state.fase)?.organisatie ?? STANDAARD_NORM;
  const wijkteam = state.partijen.wijkteam.organisatie;
  const rows = await tx.normInstelling.findMany({
    where: { fase: { in: [state.fase, 'totaal'] }, organisatie: { in: [faseOrg, wijkteam, STANDAARD_NORM] } },
  });
  const pick = (fase: string, org: string) => {
    const row = applicableNorm(rows, fase, org);
    return row ? { werkdagen: row.werkdagen, herinneringBij: row.herinneringBij } : undefined;
  };
  return { fase: pick(state.fase, faseOrg), totaal: pick('totaal', wijkteam) };
}

export async function planVoor(tx: Tx, state: CaseState): Promise<TermijnPlan | undefined> {
  return planTermijn(state, await normenVoor(tx, state));
}

const d = (iso: string | undefined) => (iso ? new Date(iso) : null);

/**
 * Keeps the doorlooptijd tables in step with one newly written event: the
 * fase periods, the parties' turns and the opschortingen. Runs in the
 * event's transaction and only when the event was new, so a retry never
 * counts time twice.
 */
export async function recordDoorlooptijd(tx: Tx, { event, state, turn }: { event: CaseEvent; state: CaseState; turn: Turn }, plan: TermijnPlan | undefined) {
  const at = new Date(event.at);
  const opgeschort = opschortingIntervals(state);
  const faseChanged = event.faseBefore !== event.faseAfter;

  // Only an opschorting this event started or ended changes.
  for (const o of (state.opschortingen ?? []).filter((x) => x.nr === event.seq || x.tot === event.at)) {
    await tx.opschorting.upsert({
      where: { caseId_nr: { caseId: state.caseId, nr: o.nr } },
      create: { caseId: state.caseId, nr: o.nr, van: new Date(o.van), tot: d(o.tot), reden: o.reden },
      update: { tot: d(o.tot) },
    });
  }

  const open = await tx.fasePeriode.findFirst({ where: { caseId: state.caseId, endedAt: null } });
  const current = plan?.fase === state.fase ? plan : undefined;
  const verantwoordelijke = verantwoordelijkeVan(state, state.fase);
  const partijen = {
    organisatie: verantwoordelijke?.organisatie ?? null,
    zorginstelling: state.partijen.zorginstelling?.organisatie ?? null,
    corporatie: state.partijen.corporatie?.organisatie ?? null,
    normWerkdagen: current?.normWerkdagen ?? null,
    herinneringAt: d(current?.herinneringAt),
    deadlineAt: d(current?.deadlineAt),
  };
  if (open && faseChanged) {
    const werkdagen = werkdagenTussen(open.startedAt, at, opgeschort);
    await tx.fasePeriode.update({
      where: { caseId_nr: { caseId: open.caseId, nr: open.nr } },
      data: {
        endedAt: at,
        werkdagen,
        kalenderdagen: kalenderdagenTussen(open.startedAt, at),
        overNorm: open.normWerkdagen === null ? null : werkdagen > open.normWerkdagen + (open.verlengdWerkdagen ?? 0),
        herinneringAt: null,
        deadlineAt: null,
      },
    });
  } else if (open) {
    await tx.fasePeriode.update({
      where: { caseId_nr: { caseId: open.caseId, nr: open.nr } },
      data: { ...partijen, verlengdWerkdagen: state.termijn?.fase === state.fase ? (state.termijn.verlenging?.werkdagen ?? null) : null },
    });
  }
  // A party that joins later (a corporatie at buurt) is a party of the whole case: reports scope on these columns.
  await tx.$executeRaw`
    UPDATE fase_periodes SET zorginstelling = ${partijen.zorginstelling}, corporatie = ${partijen.corporatie}
    WHERE case_id = ${state.caseId}
      AND (zorginstelling IS DISTINCT FROM ${partijen.zorginstelling} OR corporatie IS DISTINCT FROM ${partijen.corporatie})`;
  if (verantwoordelijke && (faseChanged || !open)) {
    await tx.fasePeriode.create({
      data: {
        caseId: state.caseId,
        nr: event.seq,
        fase: state.fase,
        partij: verantwoordelijke.partij,
        doelgroep: state.aanmelding.doelgroep,
        gemeente: state.aanmelding.gemeente,
        wijkteam: state.partijen.wijkteam.organisatie,
        startedAt: at,
        ...partijen,
      },
    });
  }

  // A party's turn: closed when the case stops waiting on that role and organisation, or the fase changes.
  const want = new Map(turn.wachtOp.map((w) => [`${w.rol}|${w.organisatie ?? ''}`, w]));
  const turns = await tx.wachtbeurt.findMany({ where: { caseId: state.caseId, endedAt: null } });
  const still = new Set<string>();
  for (const t of turns) {
    const key = `${t.rol}|${t.organisatie ?? ''}`;
    if (!faseChanged && want.has(key)) {
      still.add(key);
      continue;
    }
    await tx.wachtbeurt.update({
      where: { caseId_nr_rol: { caseId: t.caseId, nr: t.nr, rol: t.rol } },
      data: { endedAt: at, werkdagen: werkdagenTussen(t.startedAt, at, opgeschort) },
    });
  }
  const nieuw = [...want].filter(([key]) => !still.has(key));
  if (nieuw.length) {
    await tx.wachtbeurt.createMany({
      data: nieuw.map(([, w]) => ({
        caseId: state.caseId,
        nr: event.seq,
        rol: w.rol,
        organisatie: w.organisatie ?? null,
        fase: state.fase,
        doelgroep: state.aanmelding.doelgroep,
        startedAt: at,
      })),
      // Two turns of one role in one event cannot happen (keys are per role); a duplicate would mean a replayed write.
      skipDuplicates: true,
    });
  }
}

/** The open fase period of each case: its clock as the read model keeps it. */
export async function openPeriodes(db: Db, caseIds: string[]) {
  const rows = caseIds.length ? await db.fasePeriode.findMany({ where: { caseId: { in: caseIds }, endedAt: null } }) : [];
  return new Map(rows.map((r) => [r.caseId, r]));
}

export async function signalenVan(db: Db, caseId: string) {
  return db.caseSignaal.findMany({ where: { caseId }, orderBy: [{ at: 'asc' }, { key: 'asc' }] });
}
