import type { Principal, Role } from './principal';

/** What the register knows of a token's organisation, as far as the role check needs it. */
export interface RegisteredOrganisation {
  id: string;
  naam: string;
  soort: 'wijkteam' | 'zorginstelling' | 'corporatie' | 'gemeente' | 'operator';
  gemeente: string | null;
  actief: boolean;
}
export type Soort = RegisteredOrganisation['soort'];

const parties: readonly Soort[] = ['wijkteam', 'zorginstelling', 'corporatie'];

/**
 * Which kinds of organisation a role may act for. A manager with a `gemeente` claim manages for
 * that gemeente and must belong to a gemeente organisation of it; without one a manager leads a
 * party (its own organisation's cases). The beheerder keeps the samenwerkingsverband's tables for
 * the gemeente or the platform operator. A privacy officer reads the audit log of a party's cases
 * (canReadAudit), or decodes histories for the operator (/codec).
 */
export function soortenFor(role: Role, p: Pick<Principal, 'gemeente'>): readonly Soort[] {
  switch (role) {
    case 'consulent':
      return ['wijkteam'];
    case 'zorgmedewerker':
      return ['zorginstelling'];
    case 'verhuurmedewerker':
      return ['corporatie'];
    case 'manager':
      return p.gemeente === undefined ? parties : ['gemeente'];
    case 'beheerder':
      return ['gemeente', 'operator'];
    case 'privacy_officer':
      return [...parties, 'operator'];
  }
}

export type OrganisationRefusal =
  | { reason: 'unknown' }
  | { reason: 'inactive' }
  | { reason: 'soort'; role: Role; soort: Soort }
  | { reason: 'gemeente' };

/** Why `p` may not act for its organisation as the register has it, or undefined when it may. */
export function organisationRefusal(
  p: Principal,
  org: RegisteredOrganisation | null | undefined,
): OrganisationRefusal | undefined {
  if (!org) return { reason: 'unknown' };
  if (!org.actief) return { reason: 'inactive' };
  for (const role of p.roles)
    if (!soortenFor(role, p).includes(org.soort)) return { reason: 'soort', role, soort: org.soort };
  // A gemeente manager sees the cases of the gemeente the token names: it must be the organisation's own.
  if (p.gemeente !== undefined && p.roles.includes('manager') && org.gemeente !== p.gemeente)
    return { reason: 'gemeente' };
  return undefined;
}

/** For the JSON problem (English, like every API message). */
export function refusalMessage(r: OrganisationRefusal, orgId: string): string {
  switch (r.reason) {
    case 'unknown':
      return `organisation ${orgId} is not in the register`;
    case 'inactive':
      return `organisation ${orgId} is not active`;
    case 'soort':
      return `a ${r.role} cannot act for organisation ${orgId}, a ${r.soort}`;
    case 'gemeente':
      return `the token's gemeente is not the gemeente of organisation ${orgId}`;
  }
}

const soortNl: Record<Soort, string> = {
  wijkteam: 'een wijkteam',
  zorginstelling: 'een zorginstelling',
  corporatie: 'een corporatie',
  gemeente: 'een gemeente',
  operator: 'de beheerder van het platform',
};
const rolNl: Record<Role, string> = {
  consulent: 'consulent',
  zorgmedewerker: 'zorgmedewerker',
  verhuurmedewerker: 'verhuurmedewerker',
  manager: 'manager',
  beheerder: 'beheerder',
  privacy_officer: 'privacy officer',
};

/** For the web app's page (Dutch: a person reads it). */
export function refusalTekst(r: OrganisationRefusal, orgId: string): string {
  switch (r.reason) {
    case 'unknown':
      return `Uw organisatie (${orgId}) staat niet in het register van het samenwerkingsverband. Vraag de beheerder haar toe te voegen.`;
    case 'inactive':
      return `Uw organisatie (${orgId}) is niet actief in het samenwerkingsverband. Vraag de beheerder haar weer actief te maken.`;
    case 'soort':
      return `Als ${rolNl[r.role]} kunt u niet werken voor ${orgId}: dat is ${soortNl[r.soort]}. Vraag uw beheerder om de juiste rol.`;
    case 'gemeente':
      return `De gemeente in uw inlog hoort niet bij uw organisatie (${orgId}). Vraag uw beheerder om de juiste inlog.`;
  }
}
