/**
 * Gemeenten by name for the forms: the value stays the CBS code. The GM99xx ones are the
 * clearly fictitious gemeenten of the local demo (npm start); Amsterdam and Utrecht are
 * the test fixtures' gemeenten. A code not listed shows as itself.
 */
export const gemeenten: ReadonlyArray<readonly [code: string, naam: string]> = [
  ['GM9901', 'Voorbeeldstad (fictief)'],
  ['GM9902', 'Proefwaard (fictief)'],
  ['GM0363', 'Amsterdam'],
  ['GM0344', 'Utrecht'],
];
const byCode = new Map(gemeenten);

export const gemeenteNaam = (code: string | null | undefined): string => (code ? (byCode.get(code) ?? code) : '—');
