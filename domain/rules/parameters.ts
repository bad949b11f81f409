/**
 * Dated parameters of the allocation rules, one set per year. Data, not
 * logic: a decision records the set it used, so it can be explained with the
 * amounts that were in force on its date.
 */
export interface JaarParameters {
  jaar: number;
  /** Rent ceiling (rekenhuur, €/month) for the passendheidsgroep, households of one or two persons. */
  aftoppingsgrensLaag: number;
  /** The same for households of three or more. */
  aftoppingsgrensHoog: number;
  /** Huurtoeslag limit = sociale huurgrens (liberalisatiegrens), €/month. */
  huurtoeslaggrens: number;
  /** Yearly household income up to which a household is in the passendheidsgroep. */
  passendheidsgrensEenpersoons: number;
  passendheidsgrensMeerpersoons: number;
  /** Yearly household income above which social rent is not allocated (inkomenstoets). */
  inkomensgrensEenpersoons: number;
  inkomensgrensMeerpersoons: number;
  bron: string;
}

export const jaarParameters: readonly JaarParameters[] = [
  {
    jaar: 2023,
    aftoppingsgrensLaag: 647.19,
    aftoppingsgrensHoog: 693.6,
    huurtoeslaggrens: 808.06,
    passendheidsgrensEenpersoons: 25_075,
    passendheidsgrensMeerpersoons: 34_025,
    inkomensgrensEenpersoons: 44_035,
    inkomensgrensMeerpersoons: 48_625,
    bron: 'prijspeil 2023 (Huurtoeslag, Woningwet passend toewijzen; HevoFame toolbox)',
  },
];

export interface ParameterKeuze {
  set: JaarParameters;
  /** Set when no set exists for the date's own year: the nearest earlier (or first) set was used. */
  waarschuwing?: string;
}

/** The set in force on `datum` (yyyy-mm-dd): that year's, else the latest earlier one, else the first. */
export function parametersOp(datum: string, sets: readonly JaarParameters[] = jaarParameters): ParameterKeuze {
  const jaar = Number(datum.slice(0, 4));
  const sorted = [...sets].sort((a, b) => a.jaar - b.jaar);
  const first = sorted[0];
  if (!first) throw new Error('no rule parameters configured');
  let chosen = first;
  for (const set of sorted) if (set.jaar <= jaar) chosen = set;
  return chosen.jaar === jaar
    ? { set: chosen }
    : { set: chosen, waarschuwing: `geen parameters voor ${jaar}: die van ${chosen.jaar} zijn gebruikt` };
}

/**
 * The set of `jaar` itself, or undefined. Since issue 14 item 11 the API never falls back to
 * another year's amounts: an aanbod in a year without its own set is refused, naming the year.
 * (parametersOp keeps its fallback for aanbiedingen recorded before, which carry their set.)
 */
export const setVoorJaar = (jaar: number, sets: readonly JaarParameters[]) => sets.find((s) => s.jaar === jaar);

/** The built-in sets with the beheerder's kept sets over them, year by year, oldest first. */
export function samengevoegd(kept: readonly JaarParameters[], ingebouwd = jaarParameters): JaarParameters[] {
  const perJaar = new Map<number, JaarParameters>();
  for (const set of [...ingebouwd, ...kept]) perJaar.set(set.jaar, set);
  return [...perJaar.values()].sort((a, b) => a.jaar - b.jaar);
}

const DAG_MS = 86_400_000;
const dagenTussen = (van: string, tot: string) => Math.round((Date.parse(tot) - Date.parse(van)) / DAG_MS);

/**
 * Why an aanbod date is not accepted, or undefined: not after today, and at most `maxTerugDagen`
 * before it (a client must not pick a year's amounts by back-dating). Dates are yyyy-mm-dd.
 */
export function aanbodDatumProbleem(aanbodDatum: string, vandaag: string, maxTerugDagen: number): string | undefined {
  if (aanbodDatum > vandaag) return `de aanbiedingsdatum ${aanbodDatum} ligt na vandaag (${vandaag})`;
  const terug = dagenTussen(aanbodDatum, vandaag);
  if (terug > maxTerugDagen)
    return `de aanbiedingsdatum ${aanbodDatum} ligt ${terug} dagen terug; ten hoogste ${maxTerugDagen} dagen is toegestaan`;
  return undefined;
}

export interface ParameterWaarschuwing {
  jaar: number;
  code: 'parameters_ontbreken' | 'parameters_ontbreken_binnenkort';
  bericht: string;
}

/**
 * What the beheerder must do about the sets: the current year without one (every aanbod is
 * refused now), or the next year without one within `vooraf` days of 1 January.
 */
export function parameterWaarschuwingen(
  vandaag: string,
  sets: readonly JaarParameters[],
  vooraf = 60,
): ParameterWaarschuwing[] {
  const jaar = Number(vandaag.slice(0, 4));
  const out: ParameterWaarschuwing[] = [];
  if (!setVoorJaar(jaar, sets))
    out.push({
      jaar,
      code: 'parameters_ontbreken',
      bericht: `er zijn geen regelparameters voor ${jaar}: elk aanbod in ${jaar} wordt geweigerd tot de beheerder ze vastlegt`,
    });
  const volgend = jaar + 1;
  const dagen = dagenTussen(vandaag, `${volgend}-01-01`);
  if (dagen <= vooraf && !setVoorJaar(volgend, sets))
    out.push({
      jaar: volgend,
      code: 'parameters_ontbreken_binnenkort',
      bericht: `over ${dagen} dagen begint ${volgend} en er zijn nog geen regelparameters voor ${volgend}: leg ze vast vóór 1 januari, anders wordt elk aanbod geweigerd`,
    });
  return out;
}
