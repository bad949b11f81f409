import { turnOf } from '../steps';
import { spoedZonderZorg } from '../steps/step-specs';
import {
  normFasen,
  type CaseState,
  type Fase,
  type NormFase,
  type Rol,
  type TermijnPlan,
  type TermijnSignaal,
} from '../types';

/**
 * Norms and their clocks as the workflow sees them: which reminders and
 * escalations are due, and to whom they go. Pure, and free of the holiday
 * calendar: the read-model activity works out the instants (termijn-plan).
 */

export type Partij = 'wijkteam' | 'zorginstelling' | 'corporatie';

/** The party answerable for a fase's norm: its organisation's norm applies and its manager hears of an overrun. */
export const faseVerantwoordelijke: Record<NormFase | 'nazorg', Partij> = {
  vraag: 'wijkteam',
  zorg: 'zorginstelling',
  woonvorm: 'zorginstelling',
  buurt: 'corporatie',
  aanbod: 'corporatie',
  persoonlijk_contact: 'corporatie',
  toewijzing: 'corporatie',
  warme_overdracht: 'corporatie',
  nazorg: 'wijkteam',
};

export const isNormFase = (fase: Fase | 'totaal'): fase is NormFase => (normFasen as readonly string[]).includes(fase);

export function verantwoordelijkeVan(
  state: CaseState,
  fase: Fase,
): { partij: Partij; organisatie?: string | undefined } | undefined {
  if (!isNormFase(fase) && fase !== 'nazorg') return undefined;
  // Spoed without a zorginstelling: the wijkteam records what zorg would (regelset 2).
  const partij =
    (fase === 'zorg' || fase === 'woonvorm') && spoedZonderZorg(state) ? 'wijkteam' : faseVerantwoordelijke[fase];
  return { partij, organisatie: state.partijen[partij]?.organisatie };
}

export interface DueSignal {
  /** Key without the organisation: one per soort, fase and fase visit. */
  key: string;
  soort: TermijnSignaal['soort'];
  fase: Fase | 'totaal';
  dueAt: string;
  normWerkdagen: number;
}

const raised = (state: CaseState, key: string) =>
  (state.signalen ?? []).some((s) => s.key === key || s.key.startsWith(`${key}:`));

/** Signals of the plan not raised yet, earliest first. */
export function openSignals(state: CaseState, plan: TermijnPlan | undefined): DueSignal[] {
  if (!plan || state.status === 'afgesloten') return [];
  const all: DueSignal[] = [];
  const add = (
    soort: DueSignal['soort'],
    fase: DueSignal['fase'],
    key: string,
    at: string | undefined,
    norm: number | undefined,
  ) => {
    if (at && norm !== undefined && !raised(state, key)) all.push({ key, soort, fase, dueAt: at, normWerkdagen: norm });
  };
  if (plan.fase === state.fase) {
    add('herinnering', plan.fase, `herinnering:${plan.fase}:${plan.nr}`, plan.herinneringAt, plan.normWerkdagen);
    add('escalatie', plan.fase, `escalatie:${plan.fase}:${plan.nr}`, plan.deadlineAt, plan.normWerkdagen);
  }
  if (plan.totaal) {
    add('herinnering', 'totaal', 'herinnering:totaal', plan.totaal.herinneringAt, plan.totaal.normWerkdagen);
    add('escalatie', 'totaal', 'escalatie:totaal', plan.totaal.deadlineAt, plan.totaal.normWerkdagen);
  }
  return all.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}

/**
 * Who hears of a signal: for a fase, each organisation the case waits on (a
 * reminder goes to its team, an escalation to its manager); for the whole
 * case, the wijkteam, which holds the regie.
 */
export function signalenVoor(state: CaseState, s: DueSignal, at: string): TermijnSignaal[] {
  const base = {
    caseId: state.caseId,
    soort: s.soort,
    fase: s.fase,
    dueAt: s.dueAt,
    normWerkdagen: s.normWerkdagen,
    at,
  };
  if (s.fase === 'totaal') {
    return [
      {
        ...base,
        key: `${s.key}:${state.partijen.wijkteam.organisatie}`,
        organisatie: state.partijen.wijkteam.organisatie,
        rollen: ['consulent'],
      },
    ];
  }
  const byOrg = new Map<string | undefined, Rol[]>();
  for (const w of turnOf(state).wachtOp) byOrg.set(w.organisatie, [...(byOrg.get(w.organisatie) ?? []), w.rol]);
  if (byOrg.size === 0) byOrg.set(verantwoordelijkeVan(state, s.fase)?.organisatie, []);
  return [...byOrg].map(([organisatie, rollen]) => ({
    ...base,
    key: `${s.key}:${organisatie ?? 'onbekend'}`,
    organisatie,
    rollen,
  }));
}
