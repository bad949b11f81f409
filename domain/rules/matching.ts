import type { RuleVerdict, WoningSnapshot } from '../types';
import { toetsAanbod, weigeringen, type AanbodCase } from './aanbod-toetsen';
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

/**
 * Candidate woningen for a case at the aanbod step: those that pass every
 * hard rule, ranked by buurt wish, opgave fit and time vacant; the others with
 * the rules that exclude them. Pure, so the ranking is the same everywhere.
 */
export function matchWoningen(c: AanbodCase, woningen: readonly WoningSnapshot[], o: MatchOptions) {
  const kandidaten: Kandidaat[] = [];
  const uitgesloten: Uitgesloten[] = [];
  const peildag = Date.parse(o.aanbodDatum);
  const dagen = new Map<string, number>();
  for (const woning of woningen) {
    const toetsen = toetsAanbod(c, woning, {
      aanbodDatum: o.aanbodDatum,
      plaatsingenInBuurt: o.plaatsingenPerBuurt?.get(woning.buurtcode) ?? (o.plaatsingenPerBuurt ? 0 : undefined),
      draagkracht: o.draagkracht,
      parameters: o.parameters,
    });
    const harde = weigeringen(toetsen);
    if (harde.length) {
      uitgesloten.push({ woning, weigeringen: harde });
      continue;
    }
    let score = 0;
    const redenen: string[] = ['voldoet aan woonvorm, passendheid, inkomenstoets en woningeisen'];
    const uitkomst = (regel: string) => toetsen.find((t) => t.regel === regel)?.uitkomst;
    if (uitkomst('buurtwens@1') === 'voldoet') {
      score += WEGING.buurt;
      redenen.push(`in de gekozen buurt (+${WEGING.buurt})`);
    } else if (woning.gemeente === c.aanmelding.gemeente) {
      score += WEGING.gemeente;
      redenen.push(`in de gemeente van de aanmelding (+${WEGING.gemeente})`);
    }
    if (uitkomst('opgave@1') === 'voldoet') {
      score += WEGING.opgave;
      redenen.push(`${woning.opgave} zoals gekozen (+${WEGING.opgave})`);
    }
    if (c.zorg?.steunpuntGewenst && woning.opgave === 'opgave_1_nabij_steunpunt') {
      score += WEGING.steunpunt;
      redenen.push(`nabij een zorgsteunpunt, zoals gewenst (+${WEGING.steunpunt})`);
    }
    let leeg = dagen.get(woning.beschikbaarVanaf);
    if (leeg === undefined)
      dagen.set(woning.beschikbaarVanaf, (leeg = Math.floor((peildag - Date.parse(woning.beschikbaarVanaf)) / DAG_MS)));
    if (leeg > 0) {
      const punten = Math.round(Math.min(leeg, WEGING.maxLeegstandDagen) * WEGING.perLeegstandDag * 10) / 10;
      score += punten;
      redenen.push(`staat ${leeg} dagen leeg (+${punten})`);
    }
    if (uitkomst('buurt-draagkracht@1') === 'waarschuwing') {
      score += WEGING.draagkracht;
      redenen.push(`draagkracht van de buurt (${WEGING.draagkracht})`);
    }
    kandidaten.push({ woning, score: Math.round(score * 10) / 10, redenen, toetsen });
  }
  // Plain comparison, not localeCompare: ISO dates and ids order the same, at a fraction of the cost.
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  kandidaten.sort(
    (a, b) =>
      b.score - a.score || cmp(a.woning.beschikbaarVanaf, b.woning.beschikbaarVanaf) || cmp(a.woning.id, b.woning.id),
  );
  return { regel: MATCHING_REGEL, kandidaten, uitgesloten };
}
