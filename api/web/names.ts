import type { OrganisationRegister } from '../auth/organisation-register';

/** How a page shows an organisation: its name from the register, the code itself when unknown. */
export type Naam = (id: string | null | undefined) => string;
export const codeAsNaam: Naam = (id) => id ?? '—';

/**
 * The one helper every page uses to show organisation names, not codes: one register
 * lookup (cached, see organisation-register.ts) for all the ids a page shows.
 */
export async function namesFor(
  register: OrganisationRegister,
  ids: Iterable<string | null | undefined>,
): Promise<Naam> {
  const names = await register.names(ids);
  return (id) => (id ? (names.get(id) ?? id) : '—');
}
