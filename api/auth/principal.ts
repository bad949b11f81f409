import { z } from 'zod';
import { gemeentecode, ORG_ID_PATTERN, safeText } from '../../domain/primitives';

/** Who is calling, from a verified token. */
export const roles = [
  'consulent',
  'zorgmedewerker',
  'verhuurmedewerker',
  'manager',
  'beheerder',
  'privacy_officer',
] as const;
export type Role = (typeof roles)[number];
export const caseRoles = ['consulent', 'zorgmedewerker', 'verhuurmedewerker'] as const satisfies readonly Role[];

/** The claims a token must carry besides iss/aud/exp. */
export const claimsSchema = z.object({
  sub: z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/, 'a pseudonymous user id'),
  org: z.string().regex(ORG_ID_PATTERN, 'an organisation id'),
  roles: z.array(z.enum(roles)).min(1),
  /** A manager with this claim manages for the gemeente (CBS code) and sees its cases. */
  gemeente: gemeentecode.optional(),
  /** The person's name and e-mail (OIDC standard claims): kept for the behandelaar, shown as a note's author; a malformed one is dropped. */
  name: safeText().trim().min(1).max(200).optional().catch(undefined),
  email: z.email().max(254).optional().catch(undefined),
});

export interface Principal {
  sub: string;
  org: string;
  roles: Role[];
  gemeente?: string | undefined;
  /** Shown in the page header after sign-in through the IdP (OIDC_CLAIM_NAME); never in logs or the audit log. */
  name?: string | undefined;
  email?: string | undefined;
  /** The organisation's display name from the register (set for web pages; never signed into a token). */
  orgNaam?: string | undefined;
}
