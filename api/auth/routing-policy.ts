import type { OrganisatieRow } from '../../prisma/organisatie-repository';
import { rolVan, type Zijde } from '../../domain/steps';
import type { CaseState } from '../../domain/types';
import { canReadCase, type CaseParties } from './access-policy';
import type { Principal } from './principal';

/**
 * Who may see and take an open side, and who may assign one or change a behandelaar. The
 * register decides eligibility: an active organisation of the side's kind whose werkgebied holds
 * the case's gemeente. Nobody else learns that the case exists (404, like any case not theirs).
 */

const has = (p: Principal, rol: string) => (p.roles as string[]).includes(rol);

const zijdeNl: Record<Zijde, string> = { zorginstelling: 'zorginstelling', corporatie: 'woningcorporatie' };

/**
 * Why organisation `id` (`org` as the register has it) may not be the `zijde` of a case in `gemeente`, in
 * Dutch (the aanmelding form shows it on its field); undefined when it may. The one rule for naming a party at
 * the aanmelding (web and API), assigning an open side, and taking one: registered, active, of the side's kind,
 * and serving the case's gemeente (without `gemeente`: any gemeente).
 */
export function partijProbleem(
  id: string,
  org: OrganisatieRow | null,
  zijde: Zijde,
  gemeente?: string,
): string | undefined {
  if (!org) return `${id} staat niet in het register van het samenwerkingsverband`;
  if (!org.actief) return `${org.naam} is niet actief in het samenwerkingsverband`;
  if (org.soort !== zijde) return `${org.naam} is geen ${zijdeNl[zijde]}`;
  if (gemeente !== undefined && !org.werkgebied.includes(gemeente))
    return `${org.naam} werkt niet in de gemeente van de casus (niet in het werkgebied)`;
  return undefined;
}

/** Whether the organisation (from the register) may pick up open `zijde` sides of cases in `gemeente`. */
export const servesAs = (org: OrganisatieRow | null, zijde: Zijde, gemeente?: string): org is OrganisatieRow =>
  org !== null && partijProbleem(org.id, org, zijde, gemeente) === undefined;

/** The sides `p` may pick up: its role for the side and its organisation registered as that kind. */
export const sidesFor = (p: Principal, org: OrganisatieRow | null): Zijde[] =>
  (['zorginstelling', 'corporatie'] as const).filter((z) => has(p, rolVan[z]) && servesAs(org, z));

/**
 * "Casus aannemen": a professional of the side's kind, for an organisation serving the case's gemeente,
 * while the side is open (or already its own: then the answer is 409). A side another organisation took
 * is none of its business: 404, so the werkgebied's other organisations do not learn the case exists.
 */
export const canAcceptSide = (p: Principal, org: OrganisatieRow | null, zijde: Zijde, c: CaseParties) =>
  has(p, rolVan[zijde]) &&
  org?.id === p.org &&
  servesAs(org, zijde, c.gemeente) &&
  (c[zijde] === null || c[zijde] === p.org);

/** Assigning an open side: the consulent of the case's wijkteam. */
export const canAssignSide = (p: Principal, c: CaseParties) => has(p, 'consulent') && p.org === c.wijkteam;

/** Oppakken, overdragen, vrijgeven: a professional of a party, in that party's role. */
export const canSetBehandelaar = (p: Principal, c: CaseParties, state: CaseState) =>
  canReadCase(p, c) &&
  (Object.keys(rolVan) as Array<keyof typeof rolVan>).some(
    (k) => state.partijen[k]?.organisatie === p.org && has(p, rolVan[k]),
  );
