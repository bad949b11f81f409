import { z } from 'zod';
import { ORG_ID_PATTERN } from '../domain/primitives';
import { sharedEnvSchema } from '../platform/env';
import { LOCAL_ISSUER } from './auth/local-issuer';
import { rateLimitEnvShape } from './http/rate-limits';

export const apiEnvSchema = sharedEnvSchema
  .extend({
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    /** The interface to listen on; unset: all interfaces, or 127.0.0.1 with AUTH_MODE=local. */
    HOST: z.string().min(1).optional(),
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
    /** The Temporal Web UI's origin, allowed to call the codec endpoint. */
    TEMPORAL_UI_ORIGIN: z.url().default('http://localhost:8233'),
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
    if (e.AUTH_MODE !== 'local' && e.AUTH_ISSUER === LOCAL_ISSUER)
      ctx.addIssue({ code: 'custom', path: ['AUTH_ISSUER'], message: 'the local test issuer needs AUTH_MODE=local' });
  });
export type ApiEnv = z.infer<typeof apiEnvSchema>;

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
