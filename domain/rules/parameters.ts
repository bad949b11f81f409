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
