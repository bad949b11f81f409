import { z } from 'zod';
import { ORG_ID_PATTERN } from '../domain/primitives';
import { sharedEnvSchema } from '../platform/env';
import { CLAIM_PATH, defaultClaimMapping } from './auth/claim-mapping';
import { LOCAL_ISSUER } from './auth/local-issuer';
import { rateLimitEnvShape } from './http/rate-limits';
import type { OidcConfig } from './auth/oidc-client';

const claimPath = (fallback: string) =>
  z.string().regex(CLAIM_PATH, 'a claim name or dotted path, e.g. realm_access.roles').default(fallback);
/** https, or http on this machine only (a local IdP, the tests). */
const idpUrl = z.url({ protocol: /^https?$/ }).refine((u) => {
  const url = new URL(u);
  return url.protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}, 'https (http only for localhost)');

/**
 * Sign-in through the organisation's identity provider (OpenID Connect, authorization
 * code with PKCE) in the web app; see docs/sign-in.md. Unset OIDC_ISSUER: no such sign-in.
 */
export const oidcEnvShape = {
  OIDC_ISSUER: idpUrl.optional(),
  OIDC_CLIENT_ID: z.string().min(1).max(200).optional(),
  /** Unset: a public client (PKCE, no client authentication). */
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** `<public base URL>/app/inloggen/terug`, registered at the IdP. */
  OIDC_REDIRECT_URL: idpUrl
    .refine((u) => new URL(u).pathname === '/app/inloggen/terug', 'must end in /app/inloggen/terug')
    .optional(),
  /** Registered at the IdP as post-logout redirect URI; default `<base>/app/inloggen?sessie=logout`. */
  OIDC_POST_LOGOUT_REDIRECT_URL: idpUrl.optional(),
  OIDC_SCOPES: z
    .string()
    .regex(/^[\x21\x23-\x5B\x5D-\x7E]+( [\x21\x23-\x5B\x5D-\x7E]+)*$/, 'scopes separated by single spaces')
    .refine((s) => s.split(' ').includes('openid'), 'must include openid')
    .default('openid profile email offline_access'),
  OIDC_CLAIM_ORG: claimPath(defaultClaimMapping.org),
  OIDC_CLAIM_ROLES: claimPath(defaultClaimMapping.roles),
  OIDC_CLAIM_GEMEENTE: claimPath(defaultClaimMapping.gemeente),
  OIDC_CLAIM_NAME: claimPath(defaultClaimMapping.name),
  OIDC_CLAIM_EMAIL: claimPath(defaultClaimMapping.email),
  /** true: also read the userinfo endpoint (when the ID token lacks the claims). */
  OIDC_USERINFO: z.enum(['true', 'false']).default('false'),
  /** Refresh the IdP's access token this many seconds before it expires. */
  OIDC_REFRESH_MARGIN_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
};

function checkOidcEnv(
  e: { OIDC_ISSUER?: string | undefined; OIDC_CLIENT_ID?: string | undefined; OIDC_REDIRECT_URL?: string | undefined },
  ctx: z.RefinementCtx,
) {
  const set = [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_REDIRECT_URL].some(Boolean);
  if (!set) return;
  for (const k of ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_REDIRECT_URL'] as const)
    if (!e[k])
      ctx.addIssue({ code: 'custom', path: [k], message: 'required for sign-in through an identity provider' });
}

export const apiEnvSchema = sharedEnvSchema
  .extend({
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    /** The interface to listen on; unset: all interfaces, or 127.0.0.1 with AUTH_MODE=local. */
    HOST: z.string().min(1).optional(),
    /**
     * How long an idle keep-alive connection stays open. Longer than a load balancer's idle timeout (60 s on most), so
     * the balancer or client closes first: with Node's 5 s, a request sent on a connection the server was closing
     * fails as a socket error.
     */
    HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(65_000),
    NODE_ENV: z.string().optional(),
    /** How long a step request waits for the workflow before answering 503 (the step may still land; retry with the same Idempotency-Key). */
    STEP_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
    DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    /** Buurt draagkracht: more placements of bijzondere doelgroepen than this in the period is a warning. */
    DRAAGKRACHT_MAX_PLAATSINGEN: z.coerce.number().int().min(0).max(10_000).default(3),
    DRAAGKRACHT_PERIODE_DAGEN: z.coerce.number().int().min(1).max(3650).default(365),
    /** An aanbod may be dated at most this many days before today (never after it): a client cannot pick a year's amounts. */
    AANBOD_MAX_TERUG_DAGEN: z.coerce.number().int().min(0).max(366).default(31),
    /** Nazorg follow-up moments, months after the contract starts (comma-separated, e.g. 3,6). */
    NAZORG_VERVOLG_MAANDEN: z
      .string()
      .default('3,6')
      .transform((v) => v.split(',').map((s) => Number(s.trim())))
      .pipe(z.array(z.number().int().min(1).max(60)).min(1).max(6)),
    /** Days before the omklapdatum (onderverhuur door zorg) the reminder goes out. */
    OMKLAP_HERINNERING_DAGEN: z.coerce.number().int().min(0).max(365).default(30),
    /**
     * `oidc` (default): tokens of a real identity provider only. `local`: the local
     * test issuer and its login page (npm start sets it); never with NODE_ENV=production
     * or AUTH_JWKS_URL.
     */
    AUTH_MODE: z.enum(['oidc', 'local']).default('oidc'),
    /** Bearer tokens: the issuer and audience they must name, and where the signing keys are. */
    AUTH_ISSUER: z.string().min(1),
    AUTH_AUDIENCE: z.string().min(1),
    AUTH_JWKS_URL: z.url().optional(),
    AUTH_JWKS_FILE: z.string().min(1).optional(),
    /** A token issued longer ago than this (seconds, from its `iat`) is refused, whatever its `exp`. */
    AUTH_MAX_TOKEN_AGE: z.coerce
      .number()
      .int()
      .min(60)
      .max(7 * 24 * 3600)
      .default(8 * 3600),
    /** Web app sessions: ended after this many idle minutes, and this many hours after sign-in. */
    SESSION_IDLE_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(30),
    SESSION_MAX_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(7 * 24)
      .default(8),
    /** Express `trust proxy`: hop count, `loopback` or addresses/CIDRs of the TLS-terminating proxy. Unset: no proxy trusted. */
    TRUST_PROXY: z
      .string()
      .regex(
        /^(\d{1,2}|true|false|loopback|linklocal|uniquelocal|[0-9a-fA-F.:/]+(,\s*[0-9a-fA-F.:/]+)*)$/,
        'a hop count, loopback, or addresses/CIDRs separated by commas',
      )
      .optional(),
    /**
     * The Temporal Web UI's origins (comma-separated) allowed to call the codec endpoint.
     * Unset: the UI npm start runs, http://localhost and http://127.0.0.1 on TEMPORAL_UI_PORT.
     */
    TEMPORAL_UI_ORIGIN: z
      .string()
      .optional()
      .transform((v) =>
        (v ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.url({ protocol: /^https?$/ }).transform((u) => new URL(u).origin))),
    TEMPORAL_UI_PORT: z.coerce.number().int().min(1).max(65535).default(8233),
    ...oidcEnvShape,
    /** The platform operator's organisation ids whose privacy officers may decode payloads (comma-separated). Unset: nobody. */
    CODEC_ORGANISATIONS: z
      .string()
      .optional()
      .transform((v) =>
        (v ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.string().regex(ORG_ID_PATTERN, 'organisation ids separated by commas'))),
    /** Request limits, `<count>/<window>` (e.g. 10/15m); see docs/limits-and-input.md. */
    ...rateLimitEnvShape,
    /** true: beheer may set webhooks to loopback, private and link-local addresses (tests, local trials). */
    WEBHOOK_ALLOW_PRIVATE_TARGETS: z.enum(['true', 'false']).optional(),
  })
  .refine((e) => e.AUTH_JWKS_URL || e.AUTH_JWKS_FILE, {
    message: "AUTH_JWKS_URL (an OIDC provider's JWKS) or AUTH_JWKS_FILE is required",
    path: ['AUTH_JWKS_URL'],
  })
  .superRefine((e, ctx) => {
    if (e.AUTH_MODE === 'local' && e.NODE_ENV === 'production')
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_MODE'],
        message: 'local sign-in is refused with NODE_ENV=production',
      });
    if (e.AUTH_MODE === 'local' && e.AUTH_JWKS_URL)
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_MODE'],
        message: 'local sign-in is refused together with AUTH_JWKS_URL (a real identity provider)',
      });
    if (e.AUTH_MODE === 'local' && e.OIDC_ISSUER)
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_MODE'],
        message: 'local sign-in is refused together with OIDC_ISSUER (sign-in through an identity provider)',
      });
    checkOidcEnv(e, ctx);
    if (e.AUTH_MODE !== 'local' && e.AUTH_ISSUER === LOCAL_ISSUER)
      ctx.addIssue({ code: 'custom', path: ['AUTH_ISSUER'], message: 'the local test issuer needs AUTH_MODE=local' });
  });
export type ApiEnv = z.infer<typeof apiEnvSchema>;

/** The codec's allowed origins: as configured, or the local Temporal UI on its port. */
export function temporalUiOrigins(env: Pick<ApiEnv, 'TEMPORAL_UI_ORIGIN' | 'TEMPORAL_UI_PORT'>): string[] {
  if (env.TEMPORAL_UI_ORIGIN.length) return env.TEMPORAL_UI_ORIGIN;
  return [`http://localhost:${env.TEMPORAL_UI_PORT}`, `http://127.0.0.1:${env.TEMPORAL_UI_PORT}`];
}

/** The web app's OIDC client settings, when OIDC_ISSUER is set. */
export function oidcConfigOf(env: ApiEnv): OidcConfig | undefined {
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_REDIRECT_URL) return undefined;
  const base = new URL(env.OIDC_REDIRECT_URL);
  return {
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    redirectUrl: env.OIDC_REDIRECT_URL,
    postLogoutRedirectUrl: env.OIDC_POST_LOGOUT_REDIRECT_URL ?? new URL('/app/inloggen?sessie=logout', base).href,
    scopes: env.OIDC_SCOPES,
    claims: {
      org: env.OIDC_CLAIM_ORG,
      roles: env.OIDC_CLAIM_ROLES,
      gemeente: env.OIDC_CLAIM_GEMEENTE,
      name: env.OIDC_CLAIM_NAME,
      email: env.OIDC_CLAIM_EMAIL,
    },
    userinfo: env.OIDC_USERINFO === 'true',
    refreshMarginSeconds: env.OIDC_REFRESH_MARGIN_SECONDS,
  };
}

/** Where the API listens: local mode stays on the loopback interface unless HOST says otherwise. */
export function listenHost(env: Pick<ApiEnv, 'HOST' | 'AUTH_MODE'>): string | undefined {
  return env.HOST ?? (env.AUTH_MODE === 'local' ? '127.0.0.1' : undefined);
}

/** TRUST_PROXY as Express's `trust proxy` setting. */
export function trustProxySetting(v: string | undefined): boolean | number | string {
  if (v === undefined || v === 'false') return false;
  if (v === 'true') return true;
  return /^\d+$/.test(v) ? Number(v) : v;
}
