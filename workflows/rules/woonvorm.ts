import { tijdelijkeWoonvormen, type Aanmelding, type Woonvorm, type Zorg } from '../types';

/**
 * Hard limits on the woonvorm choice. Returns the reasons the choice is not
 * allowed; an empty list means it is.
 */
export function woonvormBezwaren(aanmelding: Aanmelding, zorg: Zorg | undefined, woonvorm: Woonvorm): string[] {
  const bezwaren: string[] = [];
  if (woonvorm === 'specifiek_verpleeghuis') {
    bezwaren.push('specifiek verpleeghuis is geen toewijzing door een corporatie: leg een verwijzing vast (Wlz intramuraal, via het zorgkantoor)');
  }
  if ((tijdelijkeWoonvormen as readonly string[]).includes(woonvorm) && aanmelding.deelgroep !== 'spoed') {
    bezwaren.push(`tijdelijke woonvorm ${woonvorm} is alleen bedoeld voor de deelgroep spoed`);
  }
  if (zorg?.zorgvorm === '24_uurs_toezicht' && woonvorm !== 'beschermd_wonen' && woonvorm !== 'specifiek_verpleeghuis') {
    bezwaren.push('24-uurs toezicht vraagt beschermd wonen');
  }
  return bezwaren;
}
