import type { Db } from '../../prisma/client';
import { gemeenteOrganisaties } from '../../prisma/organisatie-repository';

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

export type GemeenteNaam = (code: string | null | undefined) => string;

/**
 * How pages name the gemeenten they show: the register's gemeente organisation of that CBS code
 * ("Gemeente Proefstad" shows as "Proefstad"), else the list above, else the code itself. One query a page.
 */
export async function gemeenteNamen(db: Db, codes: Iterable<string | null | undefined>): Promise<GemeenteNaam> {
  const wanted = [...new Set([...codes].filter((c): c is string => !!c))];
  const fromRegister = new Map<string, string>();
  for (const r of await gemeenteOrganisaties(db, wanted))
    if (!fromRegister.has(r.gemeente)) fromRegister.set(r.gemeente, r.naam.replace(/^gemeente\s+/i, ''));
  return (code) => (code ? (fromRegister.get(code) ?? gemeenteNaam(code)) : '—');
}
