import { isNormFase } from './doorlooptijd';
import { tijdstipNaWerkdagen, type Interval } from './werkdagen';
import type { CaseState, TermijnPlan } from '../types';

/**
 * When a fase's and a whole case's reminder and escalation are due, on the
 * werkdagen clock. Used by the read-model activity, which looks the norms up;
 * the workflow only sees the instants, so a new holiday calendar never
 * changes a running case's history.
 */

export interface Norm {
  werkdagen: number;
  /** Share of the norm after which a reminder goes out; null for none. */
  herinneringBij: number | null;
}

export function opschortingIntervals(state: CaseState): Interval[] {
  return (state.opschortingen ?? []).map((o) => ({ van: new Date(o.van), tot: o.tot ? new Date(o.tot) : undefined }));
}

const iso = (d: Date | undefined) => d?.toISOString();

function due(van: string, norm: Norm, extra: number, opgeschort: Interval[]) {
  const total = norm.werkdagen + extra;
  return {
    herinneringAt: norm.herinneringBij
      ? iso(tijdstipNaWerkdagen(new Date(van), total * norm.herinneringBij, opgeschort))
      : undefined,
    deadlineAt: iso(tijdstipNaWerkdagen(new Date(van), total, opgeschort)),
  };
}

/** When the current fase's and the whole case's reminder and escalation are due. */
export function planTermijn(
  state: CaseState,
  normen: { fase?: Norm | undefined; totaal?: Norm | undefined },
): TermijnPlan | undefined {
  const t = state.termijn;
  if (!t || state.status === 'afgesloten') return undefined;
  const opgeschort = opschortingIntervals(state);
  const verlenging = t.fase === state.fase ? t.verlenging?.werkdagen : undefined;
  const plan: TermijnPlan = { fase: t.fase, nr: t.nr };
  if (normen.fase && isNormFase(t.fase)) {
    Object.assign(
      plan,
      { normWerkdagen: normen.fase.werkdagen, verlengdWerkdagen: verlenging },
      due(t.sinds, normen.fase, verlenging ?? 0, opgeschort),
    );
  }
  if (normen.totaal && isNormFase(state.fase)) {
    plan.totaal = { normWerkdagen: normen.totaal.werkdagen, ...due(state.startedAt, normen.totaal, 0, opgeschort) };
  }
  return plan;
}
