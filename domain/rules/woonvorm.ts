import type { Aanmelding, Vraag, Woonvorm, Zorg } from '../types';
import { regels14, type Regelset } from './regelset';
import { adviseerWoonvorm, tijdelijkConflict, zonderZorgConflict } from './woonvorm-advies';

/**
 * Hard limits on the woonvorm choice: the advice's conflicts, and specifiek
 * verpleeghuis, which is a verwijzing rather than a woonvorm to allocate.
 * Returns the reasons the choice is not allowed; none means it is.
 */
export function woonvormBezwaren(
  aanmelding: Aanmelding,
  vraag: Vraag | undefined,
  zorg: Zorg | undefined,
  woonvorm: Woonvorm,
  regelset?: Regelset,
): string[] {
  if (woonvorm === 'specifiek_verpleeghuis') {
    return [
      'specifiek verpleeghuis is geen toewijzing door een corporatie: leg een verwijzing vast (Wlz intramuraal, via het zorgkantoor)',
    ];
  }
  // Without zorg only spoed gets this far (regelset 2); before, no limit applied.
  if (!zorg && !regels14({ regelset })) return [];
  const input = { aanmelding, vraag, zorg, regelset };
  const optie = adviseerWoonvorm(input).opties.find((o) => o.woonvorm === woonvorm);
  if (optie) return optie.conflicten;
  return zorg ? [tijdelijkConflict(woonvorm, input)] : [zonderZorgConflict(woonvorm)];
}
