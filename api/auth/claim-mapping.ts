import { claimsSchema, type Principal } from './principal';

/**
 * Which claims of the identity provider's tokens carry the organisation, the
 * roles, the gemeente, the name and the e-mail address (OIDC_CLAIM_*). A name
 * may be a dotted path into nested claims, e.g. `realm_access.roles` (Keycloak).
 */
export interface ClaimMapping {
  org: string;
  roles: string;
  gemeente: string;
  name: string;
  email: string;
}
export const defaultClaimMapping: ClaimMapping = {
  org: 'org',
  roles: 'roles',
  gemeente: 'gemeente',
  name: 'name',
  email: 'email',
};

export const CLAIM_PATH = /^[A-Za-z_][A-Za-z0-9_:/.-]{0,120}$/;

function at(claims: Record<string, unknown>, path: string): unknown {
  // A claim whose own name contains dots (e.g. an Entra URI) wins over the nested reading.
  if (path in claims) return claims[path];
  let v: unknown = claims;
  for (const part of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

/** The claims as the API reads them (`sub`, `org`, `roles`, `gemeente`, `name`, `email`), taken from where the mapping says. */
export function mappedClaims(claims: Record<string, unknown>, m: ClaimMapping = defaultClaimMapping) {
  const roles = at(claims, m.roles);
  return {
    sub: claims.sub,
    org: at(claims, m.org),
    // One role may come as a plain string (some IdPs do so when a user has one).
    roles: typeof roles === 'string' ? [roles] : roles,
    gemeente: at(claims, m.gemeente) ?? undefined,
    // Kept for the behandelaar and a note's author; a malformed one is dropped by the schema, never refused.
    name: at(claims, m.name),
    email: at(claims, m.email),
  };
}

export type ClaimProblem = 'sub' | 'org' | 'roles' | 'gemeente';
export type MappedPrincipal =
  | { ok: true; principal: Principal; name?: string | undefined; email?: string | undefined }
  | { ok: false; problems: ClaimProblem[] };

/** A signed-in user of the web app: the API's own claim rules, plus name and e-mail for the page header. */
export function principalFromClaims(claims: Record<string, unknown>, m: ClaimMapping): MappedPrincipal {
  const parsed = claimsSchema.safeParse(mappedClaims(claims, m));
  if (!parsed.success)
    return { ok: false, problems: [...new Set(parsed.error.issues.map((i) => String(i.path[0]) as ClaimProblem))] };
  const text = (v: unknown) => (typeof v === 'string' && v.length <= 200 ? v : undefined);
  return { ok: true, principal: parsed.data, name: text(at(claims, m.name)), email: text(at(claims, m.email)) };
}
