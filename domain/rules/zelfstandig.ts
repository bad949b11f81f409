import type { RuleVerdict, WoningWoonvorm } from '../types';

export const ZELFSTANDIG_REGEL = 'zelfstandig@1';

/**
 * Woonvormen whose homes are zelfstandig or onzelfstandig by definition:
 * beschermd wonen is zelfstandige woningen with 24-uurs zorg (seed 004:1304-1306);
 * an onzelfstandige eenheid shares voorzieningen (004:910-913, 1425-1427), as do
 * rooms let kamergewijs to several people (003:660).
 */
const vereist: Partial<Record<WoningWoonvorm, boolean>> = {
  beschermd_wonen: true,
  onzelfstandige_eenheid: false,
  kamergewijze_verhuur: false,
};

/** Why a woning's zelfstandig flag does not fit its woonvorm, or undefined when it does. */
export function zelfstandigGebrek(woonvorm: WoningWoonvorm, zelfstandig: boolean): string | undefined {
  const moet = vereist[woonvorm];
  if (moet === undefined || moet === zelfstandig) return undefined;
  return moet
    ? `${woonvorm.replace(/_/g, ' ')} is een zelfstandige woning: zelfstandig moet waar zijn`
    : `${woonvorm.replace(/_/g, ' ')} is geen zelfstandige woning: zelfstandig moet onwaar zijn`;
}

export function zelfstandigCheck(w: { woonvorm: WoningWoonvorm; zelfstandig: boolean }): RuleVerdict {
  const gebrek = zelfstandigGebrek(w.woonvorm, w.zelfstandig);
  if (gebrek) return { regel: ZELFSTANDIG_REGEL, uitkomst: 'voldoet_niet', redenen: [gebrek] };
  return {
    regel: ZELFSTANDIG_REGEL,
    uitkomst: 'voldoet',
    redenen: [`${w.zelfstandig ? 'zelfstandig' : 'onzelfstandig'} past bij ${w.woonvorm.replace(/_/g, ' ')}`],
  };
}
