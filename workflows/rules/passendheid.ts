import type { Aanbod, Aanmelding, PassendheidVerdict } from '../types';

/**
 * Passendheid parameters, one set per year. Dated data rather than constants in
 * the rules: a decision must be explainable with the set that was in force on
 * the aanbod's date.
 */
export interface PassendheidParameters {
  jaar: number;
  /** Rent ceiling for the passendheidsgroep, households of one or two persons. */
  aftoppingsgrensLaag: number;
  /** Rent ceiling for the passendheidsgroep, households of three or more. */
  aftoppingsgrensHoog: number;
  /** Upper limit of huurtoeslag (liberalisatiegrens). */
  huurtoeslaggrens: number;
}

export const passendheidParameters: readonly PassendheidParameters[] = [
  { jaar: 2023, aftoppingsgrensLaag: 647.19, aftoppingsgrensHoog: 693.6, huurtoeslaggrens: 808.66 },
];

export const PASSENDHEID_REGEL = 'passendheidstoets@1';

/** The set in force in the aanbod's year; before the first known year the first set applies. */
export function parametersFor(datum: string, sets: readonly PassendheidParameters[] = passendheidParameters): PassendheidParameters {
  const jaar = Number(datum.slice(0, 4));
  const sorted = [...sets].sort((a, b) => a.jaar - b.jaar);
  let chosen = sorted[0];
  for (const set of sorted) if (set.jaar <= jaar) chosen = set;
  if (!chosen) throw new Error('no passendheid parameters configured');
  return chosen;
}

const euro = (n: number) => `€${n.toFixed(2)}`;

/**
 * Passendheidstoets: a household in the passendheidsgroep (income within the
 * huurtoeslag limits) may not be offered a rent above the aftoppingsgrens for
 * its size. It applies with a Wlz-indicatie too (only the inkomenstoets does not).
 */
export function passendheidstoets(
  persoon: Pick<Aanmelding['persoon'], 'huishoudgrootte' | 'inkomensgroep'>,
  aanbod: Pick<Aanbod, 'kaleHuur' | 'servicekosten' | 'aanbodDatum'>,
  sets: readonly PassendheidParameters[] = passendheidParameters,
): PassendheidVerdict {
  const p = parametersFor(aanbod.aanbodDatum, sets);
  const rekenhuur = Math.round((aanbod.kaleHuur + aanbod.servicekosten) * 100) / 100;
  const base = { regel: PASSENDHEID_REGEL, parameterJaar: p.jaar };
  if (persoon.inkomensgroep !== 'passendheidsgroep') {
    return { ...base, passend: true, redenen: ['inkomen boven de passendheidsgroep: geen aftoppingsgrens van toepassing'] };
  }
  const grens = persoon.huishoudgrootte <= 2 ? p.aftoppingsgrensLaag : p.aftoppingsgrensHoog;
  const soort = persoon.huishoudgrootte <= 2 ? 'lage' : 'hoge';
  if (rekenhuur > grens) {
    return {
      ...base,
      passend: false,
      redenen: [`huur ${euro(rekenhuur)} ligt boven de ${soort} aftoppingsgrens ${euro(grens)} (${p.jaar}) voor de passendheidsgroep`],
    };
  }
  return { ...base, passend: true, redenen: [`huur ${euro(rekenhuur)} ligt niet boven de ${soort} aftoppingsgrens ${euro(grens)} (${p.jaar})`] };
}
