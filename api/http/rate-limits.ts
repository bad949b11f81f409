import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import type { Db } from '../../prisma/client';
import { HttpError } from './errors';
import { PostgresRateLimitStore } from './rate-limit-store';

/**
 * Request limits on what is worth abusing: signing in, guessing tokens, the codec, imports,
 * reports and matching. Counted in PostgreSQL, so every API process shares them. Over the
 * limit: 429 with Retry-After and a JSON problem (a Dutch page under /app).
 */

export const limitNames = ['signin', 'authFailures', 'codec', 'imports', 'reports', 'matching'] as const;
export type LimitName = (typeof limitNames)[number];
export interface Limit {
  limit: number;
  windowMs: number;
}
export type RateLimits = Record<LimitName, Limit>;

export const defaultLimits: RateLimits = {
  signin: { limit: 10, windowMs: 15 * 60_000 },
  authFailures: { limit: 30, windowMs: 15 * 60_000 },
  codec: { limit: 120, windowMs: 60_000 },
  imports: { limit: 10, windowMs: 10 * 60_000 },
  reports: { limit: 60, windowMs: 60_000 },
  matching: { limit: 120, windowMs: 60_000 },
};

const UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000 };
/** `RATE_LIMIT_<NAME>=<count>/<window>`, e.g. `10/15m`, `60/1m`, `5/30s`. */
export const limitSetting = z
  .string()
  .regex(/^\d{1,6}\/\d{1,4}[smh]$/, 'count/window, e.g. 10/15m (s, m or h)')
  .transform((v): Limit => {
    const [count, window] = v.split('/') as [string, string];
    return { limit: Number(count), windowMs: Number(window.slice(0, -1)) * UNITS[window.slice(-1)]! };
  });

export const rateLimitEnvShape = {
  RATE_LIMIT_SIGNIN: limitSetting.optional().describe('Sign-in attempts per address'),
  RATE_LIMIT_AUTH_FAILURES: limitSetting.optional().describe('Refused tokens (401) per address'),
  RATE_LIMIT_CODEC: limitSetting.optional().describe('Codec requests per address'),
  RATE_LIMIT_IMPORTS: limitSetting.optional().describe('CSV imports per user'),
  RATE_LIMIT_REPORTS: limitSetting.optional().describe('Report requests per user'),
  RATE_LIMIT_MATCHING: limitSetting.optional().describe('Matching requests per user'),
};

export function limitsFromEnv(env: { [K in keyof typeof rateLimitEnvShape]?: Limit | undefined }): RateLimits {
  return {
    signin: env.RATE_LIMIT_SIGNIN ?? defaultLimits.signin,
    authFailures: env.RATE_LIMIT_AUTH_FAILURES ?? defaultLimits.authFailures,
    codec: env.RATE_LIMIT_CODEC ?? defaultLimits.codec,
    imports: env.RATE_LIMIT_IMPORTS ?? defaultLimits.imports,
    reports: env.RATE_LIMIT_REPORTS ?? defaultLimits.reports,
    matching: env.RATE_LIMIT_MATCHING ?? defaultLimits.matching,
  };
}

const byAddress = (req: Request) => ipKeyGenerator(req.ip ?? 'unknown');
/** Signed-in work counts per user of an organisation; without a principal, per address. */
const byUser = (req: Request) =>
  req.principal ? `u:${req.principal.org}:${req.principal.sub}` : `a:${byAddress(req)}`;

const tooMany = (name: LimitName, res: Response) => {
  const seconds = Number(res.getHeader('Retry-After')) || undefined;
  return new HttpError(
    429,
    'too_many_requests',
    `too many ${name} requests: try again ${seconds ? `in ${seconds} s` : 'later'}`,
    {
      limit: name,
      ...(seconds ? { retryAfterSeconds: seconds } : {}),
    },
  );
};

export interface Limiters {
  /** Counts only refused tokens; an address over the limit is refused everything but /health. */
  authFailures: RequestHandler;
  signin: RequestHandler;
  codec: RequestHandler;
  imports: RequestHandler;
  reports: RequestHandler;
  matching: RequestHandler;
}

export function createLimiters(db: Db, limits: RateLimits): Limiters {
  const make = (
    name: LimitName,
    key: (req: Request) => string,
    extra: Parameters<typeof rateLimit>[0] = {},
  ): RequestHandler =>
    rateLimit({
      limit: limits[name].limit,
      windowMs: limits[name].windowMs,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      identifier: name,
      keyGenerator: key,
      // The setting is part of the key: processes configured alike share a count, a test app with other limits does not.
      store: new PostgresRateLimitStore(db, `${name}:${limits[name].limit}/${limits[name].windowMs}`),
      // The limit must not become the outage: without the database, let the request through.
      passOnStoreError: true,
      handler: (_req: Request, res: Response, next: NextFunction) => next(tooMany(name, res)),
      ...extra,
    });
  return {
    authFailures: authFailureLimiter(
      new PostgresRateLimitStore(db, `authFailures:${limits.authFailures.limit}/${limits.authFailures.windowMs}`),
      limits.authFailures,
    ),
    signin: make('signin', byAddress),
    codec: make('codec', byAddress),
    imports: make('imports', byUser),
    reports: make('reports', byUser),
    matching: make('matching', byUser),
  };
}

/**
 * Refused tokens per address. Only a 401 touches the database (a good request costs nothing):
 * it counts in the shared store, and an address past the limit is remembered here until its
 * window ends. Another process learns it at that address's next 401, so no more than one
 * extra attempt per process gets through.
 */
function authFailureLimiter(store: PostgresRateLimitStore, { limit, windowMs }: Limit): RequestHandler {
  store.init({ windowMs } as never);
  const blockedUntil = new Map<string, number>();
  return (req, res, next) => {
    // /health stays open to probes; /app has its own sign-in limit and answers in pages.
    if (req.path === '/health' || req.path === '/app' || req.path.startsWith('/app/')) return next();
    const key = byAddress(req);
    const until = blockedUntil.get(key);
    if (until !== undefined) {
      if (until > Date.now()) {
        res.set('Retry-After', String(Math.ceil((until - Date.now()) / 1000)));
        return next(tooMany('authFailures', res));
      }
      blockedUntil.delete(key);
    }
    res.on('finish', () => {
      if (res.statusCode !== 401) return;
      store
        .increment(key)
        .then(({ totalHits, resetTime }) => {
          if (totalHits >= limit && resetTime) blockedUntil.set(key, resetTime.getTime());
        })
        .catch(() => undefined);
    });
    next();
  };
}
