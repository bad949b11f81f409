import type { Aanmelding, RuleVerdict, WoningSnapshot } from '../types';
import { formatEuro } from '../format';
import { parametersOp, type JaarParameters } from './parameters';

/**
 * Passendheidstoets and inkomenstoets. Both compare the household with the
 * rent under the parameters in force on the aanbod's date, and say why.
 */

/** Since regelset 3 (issue 14 item 11): the rekenhuur counts only the subsidiabele servicekosten. */
export const PASSENDHEID_REGEL = 'passendheidstoets@4';
/** Regelset 2: only with scheiden van wonen en zorg, rekenhuur with all servicekosten. */
export const PASSENDHEID_REGEL_V3 = 'passendheidstoets@3';
/** Before issue 14: the test applied with every indicatie. Kept for cases that replay steps recorded under it. */
export const PASSENDHEID_REGEL_V2 = 'passendheidstoets@2';
export const INKOMENSTOETS_REGEL = 'inkomenstoets@2';
/** Before regelset 3: rekenhuur with all servicekosten. */
export const INKOMENSTOETS_REGEL_V1 = 'inkomenstoets@1';

type Persoon = Pick<Aanmelding['persoon'], 'huishoudgrootte' | 'inkomensgroep' | 'inkomen'>;
type Huur = Pick<WoningSnapshot, 'kaleHuur' | 'servicekosten' | 'subsidiabeleServicekosten'>;

const euro = (n: number) => formatEuro(n);
const euroJaar = (n: number) => formatEuro(n, { heleEuros: true });
/**
 * The rekenhuur: kale huur plus the servicekosten that count for huurtoeslag. With `subsidiabel`
 * (regelset 3) only the subsidiabele part the woning records; when it records none, all of
 * them (the stricter reading) and the reason says so. Before regelset 3 always all of them.
 */
function rekenhuur(w: Huur, subsidiabel: boolean, metRedenen = true): { huur: number; uitleg?: string } {
  const som = (service: number) => Math.round((w.kaleHuur + service) * 100) / 100;
  if (!subsidiabel) return { huur: som(w.servicekosten) };
  if (w.subsidiabeleServicekosten === undefined)
    return {
      huur: som(w.servicekosten),
      uitleg: 'subsidiabele servicekosten niet vastgelegd: alle servicekosten geteld',
    };
  if (!metRedenen) return { huur: som(w.subsidiabeleServicekosten) };
  return {
    huur: som(w.subsidiabeleServicekosten),
    uitleg: `kale huur ${euro(w.kaleHuur)} + subsidiabele servicekosten ${euro(w.subsidiabeleServicekosten)}`,
  };
}
const metUitleg = (tekst: string, uitleg?: string) => (uitleg ? `${tekst} (${uitleg})` : tekst);
const meerpersoons = (p: Persoon) => p.huishoudgrootte > 1;

function usedParameters(set: JaarParameters, waarschuwing?: string) {
  return { jaar: set.jaar, ...(waarschuwing ? { waarschuwing } : {}) };
}

/** Whether the household is in the passendheidsgroep: by its income when known, else by the band the consulent chose. */
export function inPassendheidsgroep(p: Persoon, set: JaarParameters): { ja: boolean; reden: string } {
  if (p.inkomen === undefined) {
    return {
      ja: p.inkomensgroep === 'passendheidsgroep',
      reden: `inkomensgroep ${p.inkomensgroep} (opgegeven bij aanmelding)`,
    };
  }
  const grens = meerpersoons(p) ? set.passendheidsgrensMeerpersoons : set.passendheidsgrensEenpersoons;
  const ja = p.inkomen <= grens;
  return {
    ja,
    reden: `inkomen ${euroJaar(p.inkomen)} ${ja ? 'valt binnen' : 'ligt boven'} de passendheidsgrens ${euroJaar(grens)} (${set.jaar})`,
  };
}

/**
 * Whether wonen and zorg are separated (scheiden van wonen en zorg). A Wlz zzp
 * is zorg met verblijf: the zorgaanbieder houses the client as huurder or
 * onderverhuurder, so the client rents nothing in the passend-toewijzen sense
 * (seed 004, toolbox "contractuele afspraken", passendheidstoets under beschermd wonen).
 */
export const gescheidenWonenEnZorg = (indicatie: Aanmelding['indicatie']) =>
  !(indicatie.wet === 'wlz' && indicatie.leveringsvorm === 'zzp');

/**
 * A household in the passendheidsgroep may not be offered a rekenhuur above
 * the aftoppingsgrens for its size. Applies with a Wlz-indicatie too, but
 * only when wonen and zorg are separated: with a zzp in natura it does not apply.
 * `subsidiabel` (regelset 3): the rekenhuur counts only the subsidiabele servicekosten; else all of them.
 * `indicatie` absent: the rule as it was before issue 14 (passendheidstoets@2).
 */
export function passendheidstoets(
  persoon: Persoon,
  woning: Huur,
  aanbodDatum: string,
  sets?: readonly JaarParameters[],
  indicatie?: Aanmelding['indicatie'],
  subsidiabel = false,
  /** False: no reasons (matching's outcome path); the uitkomst and parameters are the same. */
  metRedenen = true,
): RuleVerdict {
  const { set, waarschuwing } = parametersOp(aanbodDatum, sets);
  const parameters = usedParameters(set, waarschuwing);
  const regel = !indicatie ? PASSENDHEID_REGEL_V2 : subsidiabel ? PASSENDHEID_REGEL : PASSENDHEID_REGEL_V3;
  if (indicatie && !gescheidenWonenEnZorg(indicatie)) {
    return {
      regel,
      uitkomst: 'niet_van_toepassing',
      // Worded without the indicatie, which the corporatie does not see: that the zorgaanbieder houses the client it knows from the contract.
      redenen: ['zorg met verblijf: geen scheiden van wonen en zorg, de passendheidstoets geldt niet'],
      parameters,
    };
  }
  const groep = inPassendheidsgroep(persoon, set);
  if (!groep.ja) {
    return { regel, uitkomst: 'niet_van_toepassing', redenen: [groep.reden], parameters };
  }
  const grens = persoon.huishoudgrootte >= 3 ? set.aftoppingsgrensHoog : set.aftoppingsgrensLaag;
  const soort = grens === set.aftoppingsgrensHoog ? 'hoge' : 'lage';
  const { huur, uitleg } = rekenhuur(woning, subsidiabel, metRedenen);
  const voldoet = huur <= grens;
  return {
    regel,
    uitkomst: voldoet ? 'voldoet' : 'voldoet_niet',
    redenen: !metRedenen
      ? []
      : [
          groep.reden,
          metUitleg(
            `huur ${euro(huur)} ligt ${voldoet ? 'niet boven' : 'boven'} de ${soort} aftoppingsgrens ${euro(grens)} (${set.jaar})`,
            uitleg,
          ),
        ],
    parameters: { ...parameters, aftoppingsgrens: grens },
  };
}

/**
 * High incomes do not get social rent (a rent up to the huurtoeslaggrens).
 * Not applicable with a Wlz-indicatie: then a high income may still get social rent.
 */
export function inkomenstoets(
  persoon: Persoon,
  indicatie: Aanmelding['indicatie'],
  woning: Huur,
  aanbodDatum: string,
  sets?: readonly JaarParameters[],
  subsidiabel = false,
  /** False: no reasons (matching's outcome path); the uitkomst and parameters are the same. */
  metRedenen = true,
): RuleVerdict {
  const { set, waarschuwing } = parametersOp(aanbodDatum, sets);
  const parameters = usedParameters(set, waarschuwing);
  const regel = subsidiabel ? INKOMENSTOETS_REGEL : INKOMENSTOETS_REGEL_V1;
  if (indicatie.wet === 'wlz') {
    return {
      regel,
      uitkomst: 'niet_van_toepassing',
      redenen: ['Wlz-indicatie: de inkomenstoets geldt niet'],
      parameters,
    };
  }
  const { huur, uitleg } = rekenhuur(woning, subsidiabel, metRedenen);
  if (huur > set.huurtoeslaggrens) {
    return {
      regel,
      uitkomst: 'niet_van_toepassing',
      redenen: !metRedenen
        ? []
        : [metUitleg(`huur ${euro(huur)} is geen sociale huur (boven ${euro(set.huurtoeslaggrens)})`, uitleg)],
      parameters,
    };
  }
  if (persoon.inkomen === undefined) {
    const hoog = persoon.inkomensgroep === 'hoog';
    return {
      regel,
      uitkomst: hoog ? 'voldoet_niet' : 'voldoet',
      redenen: [
        hoog
          ? 'inkomensgroep hoog: geen sociale huurwoning'
          : `inkomensgroep ${persoon.inkomensgroep}: sociale huur mogelijk`,
      ],
      parameters,
    };
  }
  const grens = meerpersoons(persoon) ? set.inkomensgrensMeerpersoons : set.inkomensgrensEenpersoons;
  const voldoet = persoon.inkomen <= grens;
  return {
    regel,
    uitkomst: voldoet ? 'voldoet' : 'voldoet_niet',
    redenen: !metRedenen
      ? []
      : [
          `inkomen ${euroJaar(persoon.inkomen)} ligt ${voldoet ? 'niet boven' : 'boven'} de inkomensgrens sociale huur ${euroJaar(grens)} (${set.jaar})`,
        ],
    parameters: { ...parameters, inkomensgrens: grens },
  };
}
