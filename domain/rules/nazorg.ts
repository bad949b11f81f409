import type { CaseState, NazorgAfspraak, NazorgPlan, Rol, TermijnSignaal, Toewijzing } from '../types';

/**
 * Nazorg as the sources describe it (rule `nazorg@1`): the home stays and support
 * scales up and down instead of the person moving (Housing First) [003:64-69,
 * 003:831-833, 002:1232-1233]; a follow-up some months after the contract starts
 * closes the case as gehuisvest [domain 10]. With onderverhuur door de
 * zorgorganisatie the contract goes over to the resident after an agreed period
 * (omklap), or is extended with a reason [001:248, 004:1646-1651].
 * Pure: the months come from configuration (added to the toewijzing by the API),
 * the workflow's timers mark when a moment is reached.
 */

export const NAZORG_REGEL = 'nazorg@1';

/** The configuration's defaults: follow-ups 3 and 6 months after the contract starts; the omklap reminder 30 days before. */
export const standaardNazorgAfspraak: NazorgAfspraak = { vervolgMaanden: [3, 6], omklapHerinneringDagen: 30 };

/** yyyy-mm-dd plus whole months, clamped to the month's last day (31 jan + 1 = 28/29 feb). */
export function plusMaanden(datum: string, maanden: number): string {
  const [j, m, d] = datum.split('-').map(Number) as [number, number, number];
  const doel = new Date(Date.UTC(j, m - 1 + maanden, 1));
  const laatste = new Date(Date.UTC(doel.getUTCFullYear(), doel.getUTCMonth() + 1, 0)).getUTCDate();
  doel.setUTCDate(Math.min(d, laatste));
  return doel.toISOString().slice(0, 10);
}

export function minDagen(datum: string, dagen: number): string {
  return new Date(Date.parse(`${datum}T00:00:00Z`) - dagen * 86_400_000).toISOString().slice(0, 10);
}

/** Timers fire at 08:00 UTC on their date (09:00 or 10:00 in Amsterdam): in office hours, whatever the season. */
export const tijdstipOp = (datum: string) => `${datum}T08:00:00.000Z`;

/** The plan a toewijzing under nazorg@1 starts: follow-up moments from the ingangsdatum, and the omklap if agreed. */
export function planNazorg(t: Toewijzing & { nazorgAfspraak: NazorgAfspraak }): NazorgPlan {
  const maanden = [...new Set(t.nazorgAfspraak.vervolgMaanden)].sort((a, b) => a - b);
  return {
    regel: NAZORG_REGEL,
    vanaf: t.ingangsdatum,
    momenten: maanden.map((m, i) => ({ nr: i + 1, maanden: m, op: plusMaanden(t.ingangsdatum, m) })),
    ...(t.contractvorm === 'onderverhuur_door_zorg' && t.omklapdatum
      ? {
          omklap: {
            op: t.omklapdatum,
            nr: 1,
            herinneringDagen: t.nazorgAfspraak.omklapHerinneringDagen,
            verlengingen: [],
          },
        }
      : {}),
  };
}

/** Why a toewijzing's omklapdatum does not fit (422), or undefined. Only toewijzingen under nazorg@1 are judged. */
export function omklapProbleem(t: Toewijzing): string | undefined {
  if (!t.nazorgAfspraak) return undefined;
  if (t.contractvorm === 'onderverhuur_door_zorg') {
    if (!t.omklapdatum)
      return 'omklapdatum: bij onderverhuur door de zorgorganisatie hoort het moment waarop het contract naar de bewoner gaat';
    if (t.omklapdatum <= t.ingangsdatum)
      return `omklapdatum: na de ingangsdatum van het huurcontract (${t.ingangsdatum})`;
    return undefined;
  }
  return t.omklapdatum ? 'omklapdatum: alleen bij onderverhuur door de zorgorganisatie' : undefined;
}

const raised = (state: CaseState, key: string) => (state.signalen ?? []).some((s) => s.key.startsWith(`${key}:`));

/** The follow-up moments whose timer has not fired yet. */
export const openMomenten = (state: CaseState) =>
  (state.nazorgPlan?.momenten ?? []).filter((m) => !raised(state, `vervolg:${m.nr}`));

/** An omklap agreed and not yet recorded as done. */
export const omklapOpen = (state: CaseState) => {
  const o = state.nazorgPlan?.omklap;
  return o && !o.omgeklaptOp ? o : undefined;
};

/**
 * Why closing now needs a reason: the agreed follow-up has not been reached, or the
 * omklap is still open. Undefined when the case may close as gehuisvest without one.
 */
export function vroegeAfsluiting(state: CaseState): string | undefined {
  const open = openMomenten(state);
  const omklap = omklapOpen(state);
  const redenen = [
    ...(open.length
      ? [`het afgesproken vervolg (${open.map((m) => `${m.maanden} maanden, ${m.op}`).join('; ')}) is nog niet bereikt`]
      : []),
    ...(omklap ? [`het contract is nog niet omgeklapt naar de bewoner (afgesproken op ${omklap.op})`] : []),
  ];
  return redenen.length ? redenen.join(' en ') : undefined;
}

export interface NazorgDue {
  /** Without the organisation: `vervolg:<nr>` or `omklap:<nr>`. */
  key: string;
  soort: 'vervolg' | 'omklap';
  dueAt: string;
}

/** The nazorg timers not raised yet, earliest first: each follow-up moment, and the reminder before the omklap. */
export function nazorgDue(state: CaseState): NazorgDue[] {
  // Reminders are about life after the move: they wait for the case to reach nazorg.
  if (state.fase !== 'nazorg' || !state.nazorgPlan) return [];
  const due: NazorgDue[] = openMomenten(state).map((m) => ({
    key: `vervolg:${m.nr}`,
    soort: 'vervolg',
    dueAt: tijdstipOp(m.op),
  }));
  const omklap = omklapOpen(state);
  if (omklap && !raised(state, `omklap:${omklap.nr}`))
    due.push({
      key: `omklap:${omklap.nr}`,
      soort: 'omklap',
      dueAt: tijdstipOp(minDagen(omklap.op, omklap.herinneringDagen)),
    });
  return due.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}

/**
 * Who hears of a nazorg timer: a follow-up moment goes to the wijkteam (the regie) and
 * the zorginstelling (the behandelaar); the omklap to the zorginstelling (the huurder
 * that sublets) and the corporatie (which makes the new contract).
 */
export function nazorgSignalen(state: CaseState, d: NazorgDue, at: string): TermijnSignaal[] {
  const ontvangers: Array<[string | undefined, Rol]> =
    d.soort === 'vervolg'
      ? [
          [state.partijen.wijkteam.organisatie, 'consulent'],
          [state.partijen.zorginstelling?.organisatie, 'zorgmedewerker'],
        ]
      : [
          [state.partijen.zorginstelling?.organisatie, 'zorgmedewerker'],
          [state.partijen.corporatie?.organisatie, 'verhuurmedewerker'],
        ];
  return ontvangers
    .filter((o): o is [string, Rol] => Boolean(o[0]))
    .map(([organisatie, rol]) => ({
      caseId: state.caseId,
      key: `${d.key}:${organisatie}`,
      soort: d.soort,
      fase: 'nazorg',
      organisatie,
      rollen: [rol],
      dueAt: d.dueAt,
      normWerkdagen: 0,
      at,
    }));
}
