import type { RuleVerdict, WoningSnapshot, WoningWoonvorm } from '../types';

export const ZORGWONING_REGEL = 'zorgwoning@2';
/** Before issue 14: every clustered woonvorm asked the full zorgwoning features. */
export const ZORGWONING_REGEL_V1 = 'zorgwoning@1';
export const TOEGANKELIJK_REGEL = 'toegankelijkheid@1';
const MIN_GANGBREEDTE_CM = 120;

/** The woonvormen that need a zorgwoning. */
export const zorgwoningVormen: readonly WoningWoonvorm[] = ['geschikt_wonen', 'beschut_wonen', 'beschermd_wonen'];

type Kenmerken = Pick<
  WoningSnapshot,
  'drempelsOverbrugd' | 'gangbreedteCm' | 'noodoproep' | 'gemeenschappelijkeRuimte'
>;

function toegankelijkheidGebreken(w: Kenmerken): string[] {
  const gebreken: string[] = [];
  if (!w.drempelsOverbrugd) gebreken.push('drempels vanaf 0,02 m zijn niet overbrugd (hellingbaan nodig)');
  if (w.gangbreedteCm < MIN_GANGBREEDTE_CM)
    gebreken.push(`gangbreedte ${w.gangbreedteCm} cm is minder dan ${MIN_GANGBREEDTE_CM} cm`);
  return gebreken;
}

/**
 * Beschut and beschermd wonen need a zorgwoning: thresholds bridged, corridors
 * of at least 1.2 m, an emergency call system and a shared room for meals and
 * recreation (the puntenwaardering of clustered forms). Geschikt wonen has no
 * shared facilities; it needs a toegankelijke (nultreden) home with alarmering.
 * `versie` 1 is the rule before issue 14, which asked the shared room of geschikt wonen too.
 */
export function zorgwoningCheck(woonvorm: WoningWoonvorm, w: Kenmerken, versie: 1 | 2 = 2): RuleVerdict {
  const regel = versie === 1 ? ZORGWONING_REGEL_V1 : ZORGWONING_REGEL;
  if (!zorgwoningVormen.includes(woonvorm)) {
    return { regel, uitkomst: 'niet_van_toepassing', redenen: [`${woonvorm} vraagt geen zorgwoning`] };
  }
  const gebreken = toegankelijkheidGebreken(w);
  if (!w.noodoproep) gebreken.push('geen noodoproepinstallatie');
  const geschikt = versie === 2 && woonvorm === 'geschikt_wonen';
  if (!geschikt && !w.gemeenschappelijkeRuimte)
    gebreken.push('geen gemeenschappelijke ruimte voor maaltijden en recreatie');
  if (gebreken.length) return { regel, uitkomst: 'voldoet_niet', redenen: gebreken };
  return {
    regel,
    uitkomst: 'voldoet',
    redenen: [
      geschikt
        ? 'geschikt wonen: drempels overbrugd, gang ≥ 1,2 m en noodoproep aanwezig (geen gemeenschappelijke ruimte nodig)'
        : 'drempels overbrugd, gang ≥ 1,2 m, noodoproep en gemeenschappelijke ruimte aanwezig',
    ],
  };
}

/** After doorgeleiding the home must be toegankelijk: thresholds bridged and wide corridors. */
export function toegankelijkheidCheck(w: Kenmerken): RuleVerdict {
  const gebreken = toegankelijkheidGebreken(w);
  return gebreken.length
    ? { regel: TOEGANKELIJK_REGEL, uitkomst: 'voldoet_niet', redenen: gebreken }
    : { regel: TOEGANKELIJK_REGEL, uitkomst: 'voldoet', redenen: ['drempels overbrugd en gang ≥ 1,2 m'] };
}
