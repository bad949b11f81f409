import type { RuleVerdict, WoningSnapshot } from '../types';
import { aanbodUitkomsten, toetsAanbod, weigeringen, type AanbodCase } from './aanbod-toetsen';
import type { DraagkrachtParameters } from './draagkracht';
import type { JaarParameters } from './parameters';

export const MATCHING_REGEL = 'matching@1';

export interface Kandidaat {
  woning: WoningSnapshot;
  score: number;
  /** Why it is kept and where it ranks. */
  redenen: string[];
  toetsen: RuleVerdict[];
}

export interface Uitgesloten {
  woning: WoningSnapshot;
  /** The hard rules that exclude it, with their reasons. */
  weigeringen: RuleVerdict[];
}

export interface MatchOptions {
  aanbodDatum: string;
  plaatsingenPerBuurt?: ReadonlyMap<string, number> | undefined;
  draagkracht?: DraagkrachtParameters | undefined;
  parameters?: JaarParameters | undefined;
}

const DAG_MS = 86_400_000;
const WEGING = {
  buurt: 30,
  opgave: 20,
  steunpunt: 10,
  gemeente: 10,
  draagkracht: -15,
  maxLeegstandDagen: 180,
  perLeegstandDag: 0.1,
};

/** The score and, with `metRedenen`, why: one function, so the ranking and its explanation never differ. */
function waardering(
  c: AanbodCase,
  woning: WoningSnapshot,
  toetsen: readonly RuleVerdict[],
  leeg: number,
  metRedenen: boolean,
): { score: number; redenen: string[] } {
  let score = 0;
  const redenen: string[] = metRedenen ? ['voldoet aan woonvorm, passendheid, inkomenstoets en woningeisen'] : [];
  const uitkomst = (regel: string) => toetsen.find((t) => t.regel === regel)?.uitkomst;
  if (uitkomst('buurtwens@1') === 'voldoet') {
    score += WEGING.buurt;
    if (metRedenen) redenen.push(`in de gekozen buurt (+${WEGING.buurt})`);
  } else if (woning.gemeente === c.aanmelding.gemeente) {
    score += WEGING.gemeente;
    if (metRedenen) redenen.push(`in de gemeente van de aanmelding (+${WEGING.gemeente})`);
  }
  if (uitkomst('opgave@1') === 'voldoet') {
    score += WEGING.opgave;
    if (metRedenen) redenen.push(`${woning.opgave} zoals gekozen (+${WEGING.opgave})`);
  }
  if (c.zorg?.steunpuntGewenst && woning.opgave === 'opgave_1_nabij_steunpunt') {
    score += WEGING.steunpunt;
    if (metRedenen) redenen.push(`nabij een zorgsteunpunt, zoals gewenst (+${WEGING.steunpunt})`);
  }
  if (leeg > 0) {
    const punten = Math.round(Math.min(leeg, WEGING.maxLeegstandDagen) * WEGING.perLeegstandDag * 10) / 10;
    score += punten;
    if (metRedenen) redenen.push(`staat ${leeg} dagen leeg (+${punten})`);
  }
  if (uitkomst('buurt-draagkracht@1') === 'waarschuwing') {
    score += WEGING.draagkracht;
    if (metRedenen) redenen.push(`draagkracht van de buurt (${WEGING.draagkracht})`);
  }
  return { score: Math.round(score * 10) / 10, redenen };
}

/**
 * Candidate woningen for a case at the aanbod step: those that pass every
 * hard rule, ranked by buurt wish, opgave fit and time vacant; the others with
 * the rules that exclude them. Pure, so the ranking is the same everywhere.
 * With `toon`, every woning is ranked on the rules' outcomes (`aanbodUitkomsten`) and only the first
 * `toon` kandidaten and uitgesloten get their full verdicts (`toetsAanbod`) and reasons; `totaal` counts all.
 */
export function matchWoningen(
  c: AanbodCase,
  woningen: readonly WoningSnapshot[],
  o: MatchOptions & { toon?: number | undefined },
) {
  const omstandigheden = (woning: WoningSnapshot) => ({
    aanbodDatum: o.aanbodDatum,
    plaatsingenInBuurt: o.plaatsingenPerBuurt?.get(woning.buurtcode) ?? (o.plaatsingenPerBuurt ? 0 : undefined),
    draagkracht: o.draagkracht,
    parameters: o.parameters,
  });
  const volledig = o.toon === undefined;
  const gerangschikt: Array<{ woning: WoningSnapshot; score: number; leeg: number; kandidaat?: Kandidaat }> = [];
  const uitgesloten: Uitgesloten[] = [];
  const peildag = Date.parse(o.aanbodDatum);
  const dagen = new Map<string, number>();
  for (const woning of woningen) {
    const toetsen = (volledig ? toetsAanbod : aanbodUitkomsten)(c, woning, omstandigheden(woning));
    const harde = weigeringen(toetsen);
    if (harde.length) {
      if (volledig) uitgesloten.push({ woning, weigeringen: harde });
      else if (uitgesloten.length < o.toon!)
        uitgesloten.push({ woning, weigeringen: weigeringen(toetsAanbod(c, woning, omstandigheden(woning))) });
      continue;
    }
    let leeg = dagen.get(woning.beschikbaarVanaf);
    if (leeg === undefined)
      dagen.set(woning.beschikbaarVanaf, (leeg = Math.floor((peildag - Date.parse(woning.beschikbaarVanaf)) / DAG_MS)));
    const { score, redenen } = waardering(c, woning, toetsen, leeg, volledig);
    gerangschikt.push({ woning, score, leeg, ...(volledig ? { kandidaat: { woning, score, redenen, toetsen } } : {}) });
  }
  // Plain comparison, not localeCompare: ISO dates and ids order the same, at a fraction of the cost.
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  gerangschikt.sort(
    (a, b) =>
      b.score - a.score || cmp(a.woning.beschikbaarVanaf, b.woning.beschikbaarVanaf) || cmp(a.woning.id, b.woning.id),
  );
  const getoond = volledig ? gerangschikt : gerangschikt.slice(0, o.toon);
  const kandidaten = getoond.map(({ woning, leeg, kandidaat }): Kandidaat => {
    if (kandidaat) return kandidaat;
    const toetsen = toetsAanbod(c, woning, omstandigheden(woning));
    return { woning, ...waardering(c, woning, toetsen, leeg, true), toetsen };
  });
  return { regel: MATCHING_REGEL, kandidaten, totaal: gerangschikt.length, uitgesloten };
}
