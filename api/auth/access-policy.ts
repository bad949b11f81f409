import { caseRoles, type Principal, type Role } from './principal';

/**
 * Who may see which case, in one place. Listing, reading, steps, matching and
 * the audit log all ask these functions; a case a principal may not see is
 * answered 404, exactly like a case that does not exist.
 */

export interface CaseParties {
  wijkteam: string;
  zorginstelling: string | null;
  corporatie: string | null;
  gemeente: string;
}

export const isParty = (p: Principal, c: CaseParties) => [c.wijkteam, c.zorginstelling, c.corporatie].includes(p.org);
const has = (p: Principal, ...wanted: Role[]) => p.roles.some((r) => wanted.includes(r));

/** Case content: the professionals of a party, its managers, and a gemeente manager for the gemeente's cases. The beheerder never. */
export function canReadCase(p: Principal, c: CaseParties): boolean {
  if (has(p, ...caseRoles, 'manager') && isParty(p, c)) return true;
  return has(p, 'manager') && p.gemeente !== undefined && p.gemeente === c.gemeente;
}

/** The audit log of a case: a privacy officer of one of its parties. */
export const canReadAudit = (p: Principal, c: CaseParties) => has(p, 'privacy_officer') && isParty(p, c);

/** Which rows a listing may return; `null` means none. */
export function listScope(p: Principal): { organisatie: string; gemeente?: string | undefined } | null {
  if (!has(p, ...caseRoles, 'manager')) return null;
  return { organisatie: p.org, gemeente: has(p, 'manager') ? p.gemeente : undefined };
}

/** Management reports: managers only, over the cases their organisation is a party to, plus their gemeente's for a gemeente manager. */
export function reportScope(p: Principal): { organisatie: string; gemeente?: string | undefined } | null {
  if (!has(p, 'manager')) return null;
  return { organisatie: p.org, gemeente: p.gemeente };
}

/** How much of a case a reader sees (field-level minimisation, see case-view.ts). */
export type CaseView = 'zorg' | 'verhuur' | 'management';

export function viewOf(p: Principal, c: CaseParties): CaseView {
  if ((has(p, 'consulent') && p.org === c.wijkteam) || (has(p, 'zorgmedewerker') && (p.org === c.zorginstelling || p.org === c.wijkteam))) return 'zorg';
  if (has(p, 'verhuurmedewerker') && p.org === c.corporatie) return 'verhuur';
  return 'management';
}

/**
 * Every view a reader may be served in a list of cases: each case role reads its own side's
 * cases as that side would; a manager also reads the gemeente's cases, as management. A filter
 * or sort key must be visible in all of them, or the list itself would tell what the view hides.
 */
export function listViews(p: Principal): CaseView[] {
  const none = { wijkteam: '', zorginstelling: null, corporatie: null, gemeente: '' };
  const asParty: CaseParties[] = [
    ...(has(p, 'consulent', 'zorgmedewerker') ? [{ ...none, wijkteam: p.org }] : []),
    ...(has(p, 'zorgmedewerker') ? [{ ...none, zorginstelling: p.org }] : []),
    ...(has(p, 'verhuurmedewerker') ? [{ ...none, corporatie: p.org }] : []),
    ...(has(p, 'manager') ? [{ ...none, wijkteam: p.org }, { ...none, gemeente: p.gemeente ?? '' }] : []),
  ];
  return [...new Set(asParty.map((c) => viewOf(p, c)))];
}
