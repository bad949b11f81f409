import { turnOf } from '../../domain/steps';
import type { CaseState, StepName } from '../../domain/types';
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

/** The roles that may record `step` now, to pick the caller's role when they hold several. */
export function stepRoles(step: StepName, state: CaseState) {
  return (
    turnOf(state)
      .stappen.find((s) => s.step === step)
      ?.rollen.map((r) => r.rol) ?? []
  );
}

/** Whether `p` may take an open side of the case (no organisation yet) by recording `step`. */
export function canClaim(p: Principal, step: StepName, state: CaseState): boolean {
  const rollen = turnOf(state).stappen.find((s) => s.step === step)?.rollen ?? [];
  return rollen.some((r) => r.organisatie === undefined && has(p, r.rol));
}

/** Recording a step: a party of the case, or the first professional of a side that has no organisation yet. */
export const canRecordStep = (p: Principal, c: CaseParties, state: CaseState, step: StepName) =>
  canReadCase(p, c) || canClaim(p, step, state);

/** Whether `p` acts in one of a step's roles, for the side's organisation or for a side that has none yet. */
export const actsIn = (p: Principal, rollen: ReadonlyArray<{ rol: string; organisatie?: string | undefined }>) =>
  rollen.some((r) => has(p, r.rol as Role) && (r.organisatie === undefined || r.organisatie === p.org));

/** The woningen that match a case: the corporatie's verhuurmedewerkers only. */
export const canSeeMatches = (p: Principal, c: CaseParties) =>
  canReadCase(p, c) && has(p, 'verhuurmedewerker') && p.org === c.corporatie;

/**
 * The woonvorm advice weighs the indicatie and the care: the zorg view only (the wijkteam and
 * the zorginstelling), as the case page shows it; the corporatie and management never see it.
 */
export const canSeeWoonvormAdvies = (p: Principal, c: CaseParties) => canReadCase(p, c) && viewOf(p, c) === 'zorg';

/** The woningaanbod is kept by the corporatie's verhuurmedewerkers, for their own organisation. */
export const canMaintainWoningaanbod = (p: Principal) => has(p, 'verhuurmedewerker');

/** The audit log of a case: a privacy officer of one of its parties. */
export const canReadAudit = (p: Principal, c: CaseParties) => has(p, 'privacy_officer') && isParty(p, c);

/**
 * Notes between the parties: the professionals of a party read and write them (their
 * managers and a gemeente manager do not: notes are free text about the person). Which
 * notes they read is noteVisibleTo (domain/notes.ts): `eigen` notes stay in the author's organisation.
 */
export const canReadNotes = (p: Principal, c: CaseParties) => has(p, ...caseRoles) && isParty(p, c);
export const canWriteNotes = canReadNotes;

/** The referentie of the person: the wijkteam's own reference, in lists and searches for the wijkteam only. */
export const showsReferentie = (p: Principal, c: Pick<CaseParties, 'wijkteam'>) =>
  has(p, 'consulent', 'zorgmedewerker') && p.org === c.wijkteam;
export const canSearchReferentie = (p: Principal) => has(p, 'consulent');

/**
 * The behandelaar filter is about the reader's own side: for a party's professionals and its managers. A
 * gemeente manager also lists the gemeente's cases, where the gemeente has no side and so no behandelaar.
 */
export const canFilterOnBehandelaar = (p: Principal) =>
  has(p, ...caseRoles) || (has(p, 'manager') && p.gemeente === undefined);

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
  if (
    (has(p, 'consulent') && p.org === c.wijkteam) ||
    (has(p, 'zorgmedewerker') && (p.org === c.zorginstelling || p.org === c.wijkteam))
  )
    return 'zorg';
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
    ...(has(p, 'manager')
      ? [
          { ...none, wijkteam: p.org },
          { ...none, gemeente: p.gemeente ?? '' },
        ]
      : []),
  ];
  return [...new Set(asParty.map((c) => viewOf(p, c)))];
}
