import type { FasePeriode } from '../../prisma/generated/client';
import { opschortingIntervals } from '../../domain/rules/termijn-plan';
import { werkdagenTussen } from '../../domain/rules/werkdagen';
import type { CaseState } from '../../domain/types';

/**
 * The clock of the fase a case is in, for people: werkdagen spent so far
 * against the norm, and when the reminder and escalation are due.
 */
export function termijnView(periode: FasePeriode | undefined, state: CaseState, now = new Date()) {
  if (!periode || state.status === 'afgesloten') return null;
  const besteed = werkdagenTussen(periode.startedAt, now, opschortingIntervals(state));
  const norm = periode.normWerkdagen === null ? null : periode.normWerkdagen + (periode.verlengdWerkdagen ?? 0);
  return {
    fase: periode.fase,
    sinds: periode.startedAt.toISOString(),
    normWerkdagen: periode.normWerkdagen,
    verlengdWerkdagen: periode.verlengdWerkdagen,
    werkdagenBesteed: Math.round(besteed * 100) / 100,
    overNorm: norm !== null && besteed > norm,
    opgeschort: (state.opschortingen ?? []).some((o) => !o.tot),
    herinneringAt: periode.herinneringAt?.toISOString() ?? null,
    deadlineAt: periode.deadlineAt?.toISOString() ?? null,
  };
}

export type TermijnView = NonNullable<ReturnType<typeof termijnView>>;
