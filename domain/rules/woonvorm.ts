import type { Aanmelding, Vraag, Woonvorm, Zorg } from '../types';
import { adviseerWoonvorm } from './woonvorm-advies';

/**
 * Hard limits on the woonvorm choice: the advice's conflicts, and specifiek
 * verpleeghuis, which is a verwijzing rather than a woonvorm to allocate.
 * Returns the reasons the choice is not allowed; none means it is.
 */
export function woonvormBezwaren(aanmelding: Aanmelding, vraag: Vraag | undefined, zorg: Zorg | undefined, woonvorm: Woonvorm): string[] {
  if (woonvorm === 'specifiek_verpleeghuis') {
    return ['specifiek verpleeghuis is geen toewijzing door een corporatie: leg een verwijzing vast (Wlz intramuraal, via het zorgkantoor)'];
  }
  if (!zorg) return [];
  const optie = adviseerWoonvorm({ aanmelding, vraag, zorg }).opties.find((o) => o.woonvorm === woonvorm);
  return optie ? optie.conflicten : [`${woonvorm.replace(/_/g, ' ')} is alleen voor de deelgroep spoed`];
}
