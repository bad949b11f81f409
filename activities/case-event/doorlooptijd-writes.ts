import type { DoorlooptijdWrites, OpenFasePeriode, OpenWachtbeurt } from '../../prisma/doorlooptijd-repository';
import { verantwoordelijkeVan } from '../../domain/rules/doorlooptijd';
import { opschortingIntervals } from '../../domain/rules/termijn-plan';
import { kalenderdagenTussen, werkdagenTussen } from '../../domain/rules/werkdagen';
import type { Turn } from '../../domain/steps';
import type { CaseEvent, CaseState, TermijnPlan } from '../../domain/types';

const d = (iso: string | undefined) => (iso ? new Date(iso) : null);

/**
 * What one newly written event changes in the doorlooptijd tables, given what is open
 * there now: the fase periods, the parties' turns and the opschortingen. Pure, so the
 * counting of werkdagen is one place and the repository only writes rows.
 */
export function doorlooptijdWrites(
  { event, state, turn }: { event: CaseEvent; state: CaseState; turn: Turn },
  plan: TermijnPlan | undefined,
  open: { periode: OpenFasePeriode | null; beurten: OpenWachtbeurt[] },
): DoorlooptijdWrites {
  const at = new Date(event.at);
  const opgeschort = opschortingIntervals(state);
  const faseChanged = event.faseBefore !== event.faseAfter;
  const { periode } = open;

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

  let sluitPeriode: DoorlooptijdWrites['sluitPeriode'];
  let werkPeriodeBij: DoorlooptijdWrites['werkPeriodeBij'];
  if (periode && faseChanged) {
    const werkdagen = werkdagenTussen(periode.startedAt, at, opgeschort);
    sluitPeriode = {
      nr: periode.nr,
      endedAt: at,
      werkdagen,
      kalenderdagen: kalenderdagenTussen(periode.startedAt, at),
      overNorm:
        periode.normWerkdagen === null ? null : werkdagen > periode.normWerkdagen + (periode.verlengdWerkdagen ?? 0),
    };
  } else if (periode) {
    werkPeriodeBij = {
      nr: periode.nr,
      partijen,
      verlengdWerkdagen: state.termijn?.fase === state.fase ? (state.termijn.verlenging?.werkdagen ?? null) : null,
    };
  }

  const nieuwePeriode =
    verantwoordelijke && (faseChanged || !periode)
      ? {
          nr: event.seq,
          fase: state.fase,
          partij: verantwoordelijke.partij,
          doelgroep: state.aanmelding.doelgroep,
          gemeente: state.aanmelding.gemeente,
          wijkteam: state.partijen.wijkteam.organisatie,
          startedAt: at,
          ...partijen,
        }
      : undefined;

  // A party's turn: closed when the case stops waiting on that role and organisation, or the fase changes.
  const want = new Map(turn.wachtOp.map((w) => [`${w.rol}|${w.organisatie ?? ''}`, w]));
  const still = new Set<string>();
  const sluitBeurten: DoorlooptijdWrites['sluitBeurten'] = [];
  for (const t of open.beurten) {
    const key = `${t.rol}|${t.organisatie ?? ''}`;
    if (!faseChanged && want.has(key)) {
      still.add(key);
      continue;
    }
    sluitBeurten.push({ nr: t.nr, rol: t.rol, endedAt: at, werkdagen: werkdagenTussen(t.startedAt, at, opgeschort) });
  }
  const nieuweBeurten = [...want]
    .filter(([key]) => !still.has(key))
    .map(([, w]) => ({
      nr: event.seq,
      rol: w.rol,
      organisatie: w.organisatie ?? null,
      fase: state.fase,
      doelgroep: state.aanmelding.doelgroep,
      startedAt: at,
    }));

  return {
    caseId: state.caseId,
    // Only an opschorting this event started or ended changes.
    opschortingen: (state.opschortingen ?? [])
      .filter((o) => o.nr === event.seq || o.tot === event.at)
      .map((o) => ({ nr: o.nr, van: new Date(o.van), tot: d(o.tot), reden: o.reden })),
    sluitPeriode,
    werkPeriodeBij,
    casePartijen: { zorginstelling: partijen.zorginstelling, corporatie: partijen.corporatie },
    nieuwePeriode,
    sluitBeurten,
    nieuweBeurten,
  };
}
