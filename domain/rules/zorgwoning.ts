import type { RuleVerdict, WoningSnapshot, WoningWoonvorm } from '../types';

export const ZORGWONING_REGEL = 'zorgwoning@1';
export const TOEGANKELIJK_REGEL = 'toegankelijkheid@1';
const MIN_GANGBREEDTE_CM = 120;

/** The woonvormen that need a zorgwoning. */
export const zorgwoningVormen: readonly WoningWoonvorm[] = ['geschikt_wonen', 'beschut_wonen', 'beschermd_wonen'];

type Kenmerken = Pick<WoningSnapshot, 'drempelsOverbrugd' | 'gangbreedteCm' | 'noodoproep' | 'gemeenschappelijkeRuimte'>;

function toegankelijkheidGebreken(w: Kenmerken): string[] {
  const gebreken: string[] = [];
  if (!w.drempelsOverbrugd) gebreken.push('drempels vanaf 0,02 m zijn niet overbrugd (hellingbaan nodig)');
  if (w.gangbreedteCm < MIN_GANGBREEDTE_CM) gebreken.push(`gangbreedte ${w.gangbreedteCm} cm is minder dan ${MIN_GANGBREEDTE_CM} cm`);
  return gebreken;
}

/**
 * A zorgwoning needs thresholds bridged, corridors of at least 1.2 m, an
 * emergency call system and a shared room for meals and recreation.
 */
export function zorgwoningCheck(woonvorm: WoningWoonvorm, w: Kenmerken): RuleVerdict {
  if (!zorgwoningVormen.includes(woonvorm)) {
    return { regel: ZORGWONING_REGEL, uitkomst: 'niet_van_toepassing', redenen: [`${woonvorm} vraagt geen zorgwoning`] };
  }
  const gebreken = toegankelijkheidGebreken(w);
  if (!w.noodoproep) gebreken.push('geen noodoproepinstallatie');
  if (!w.gemeenschappelijkeRuimte) gebreken.push('geen gemeenschappelijke ruimte voor maaltijden en recreatie');
  return gebreken.length
    ? { regel: ZORGWONING_REGEL, uitkomst: 'voldoet_niet', redenen: gebreken }
    : { regel: ZORGWONING_REGEL, uitkomst: 'voldoet', redenen: ['drempels overbrugd, gang ≥ 1,2 m, noodoproep en gemeenschappelijke ruimte aanwezig'] };
}

/** After doorgeleiding the home must be toegankelijk: thresholds bridged and wide corridors. */
export function toegankelijkheidCheck(w: Kenmerken): RuleVerdict {
  const gebreken = toegankelijkheidGebreken(w);
  return gebreken.length
    ? { regel: TOEGANKELIJK_REGEL, uitkomst: 'voldoet_niet', redenen: gebreken }
    : { regel: TOEGANKELIJK_REGEL, uitkomst: 'voldoet', redenen: ['drempels overbrugd en gang ≥ 1,2 m'] };
}
