import { importColumns, requiredImportColumns } from './woning-schemas';

/**
 * The import CSV's columns explained for the verhuurmedewerker who fills them, and a template
 * to start from. Derived from the create schema's columns, so a new field cannot be left out
 * (test/api/woning-sjabloon.test.ts compares them, and docs/examples/woningen.csv, with it).
 */
export const kolomUitleg: Record<(typeof importColumns)[number], string> = {
  referentie:
    'Uw eigen kenmerk van de woning (2 tot 40 letters, cijfers of streepjes). Een bekende referentie werkt de woning bij.',
  gemeente: 'CBS-code van de gemeente, bijvoorbeeld GM0363.',
  wijk: 'CBS-code van de wijk, bijvoorbeeld WK036301.',
  buurtcode: 'CBS-code van de buurt, bijvoorbeeld BU03630101.',
  woonvorm:
    'in_de_wijk, geschikt_wonen, beschut_wonen, beschermd_wonen, tijdelijke_verhuur, kamergewijze_verhuur, flexwoning, onzelfstandige_eenheid of toegankelijke_woning.',
  kamers: 'Aantal kamers, 1 tot 12.',
  kaleHuur: 'Kale huur per maand in euro, bijvoorbeeld 590,00.',
  servicekosten: 'Alle servicekosten per maand in euro.',
  zelfstandig: 'ja of nee. Beschermd wonen is zelfstandig, een onzelfstandige eenheid niet.',
  drempelsOverbrugd: 'ja als elke drempel van 2 cm of meer een hellingbaan heeft, of er geen zijn.',
  gangbreedteCm: 'Smalste gang in centimeters.',
  noodoproep: 'ja als er een noodoproepinstallatie is.',
  gemeenschappelijkeRuimte: 'ja als er een gemeenschappelijke ruimte voor maaltijden en ontspanning is.',
  opgave: 'opgave_1_nabij_steunpunt (bij een zorgsteunpunt) of opgave_2_gespikkeld (verspreid in de wijk).',
  beschikbaarVanaf: 'Datum waarop de woning beschikbaar is: jjjj-mm-dd.',
  brandveiligheidTypering:
    'Typering brandveiligheid van het gebouw (Bouwbesluit): gewone_woonfunctie, zorgclusterwoning of groepszorgwoning. Leeg: niet vastgelegd.',
  brandmeldinstallatie: 'geen, zonder_doormelding of met_doormelding (naar een alarmcentrale). Leeg: niet vastgelegd.',
  gebouwOppervlakM2:
    'Oppervlakte van het gebouw in m²; vanaf 500 m² gelden strengere eisen voor een woonfunctie voor zorg.',
  subsidiabeleServicekosten:
    'Het deel van de servicekosten dat meetelt voor de huurtoeslag (subsidiabel), in euro per maand. Leeg: alle servicekosten tellen mee.',
};

const voorbeeld: Record<(typeof importColumns)[number], string> = {
  referentie: 'VB-0001',
  gemeente: 'GM0363',
  wijk: 'WK036301',
  buurtcode: 'BU03630101',
  woonvorm: 'geschikt_wonen',
  kamers: '2',
  kaleHuur: '590,00',
  servicekosten: '35,00',
  zelfstandig: 'ja',
  drempelsOverbrugd: 'ja',
  gangbreedteCm: '120',
  noodoproep: 'ja',
  gemeenschappelijkeRuimte: 'nee',
  opgave: 'opgave_1_nabij_steunpunt',
  beschikbaarVanaf: '2026-01-01',
  brandveiligheidTypering: 'gewone_woonfunctie',
  brandmeldinstallatie: 'geen',
  gebouwOppervlakM2: '',
  subsidiabeleServicekosten: '20,00',
};

export const isVerplicht = (kolom: string) => (requiredImportColumns as readonly string[]).includes(kolom);

/** A template: the header (every column) and one example row, `;`-separated with decimal commas. */
export function csvSjabloon(): string {
  return `${importColumns.join(';')}\r\n${importColumns.map((c) => voorbeeld[c]).join(';')}\r\n`;
}
