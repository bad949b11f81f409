import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { authenticate, type AuthConfig } from '../auth/authenticate';
import type { Principal } from '../auth/principal';

/**
 * Browser sessions. The browser keeps the same bearer JWT the API takes, in an
 * HttpOnly, SameSite=Strict cookie (Secure over https); every request puts it
 * through the API's own `authenticate` middleware, so signature, issuer,
 * audience and expiry are checked exactly as for an API client.
 */
export const SESSION_COOKIE = 'toewijzing_sessie';

export function readCookie(req: Request, name: string): string | undefined {
  const header = req.get('cookie');
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

const isHttps = (req: Request) => req.secure || req.get('x-forwarded-proto') === 'https';

export function setSessionCookie(req: Request, res: Response, token: string, maxAgeSeconds = 8 * 3600) {
  const secure = isHttps(req) ? '; Secure' : '';
  res.append('Set-Cookie', `${SESSION_COOKIE}=${encodeURIComponent(token)}; Path=/app; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure}`);
}

export function clearSessionCookie(req: Request, res: Response) {
  const secure = isHttps(req) ? '; Secure' : '';
  res.append('Set-Cookie', `${SESSION_COOKIE}=; Path=/app; HttpOnly; SameSite=Strict; Max-Age=0${secure}`);
}

/**
 * Verifies the session cookie with the API's authenticate middleware. Without
 * a valid session the request goes on without a principal (`requirePrincipal`
 * then sends the browser to the login page).
 */
export function sessionFromCookie(auth: AuthConfig) {
  const verify = authenticate(auth);
  return (req: Request, res: Response, next: NextFunction) => {
    const token = readCookie(req, SESSION_COOKIE);
    req.principal = undefined;
    if (!token) return next();
    // The same check as the API: as if the browser had sent the bearer header.
    req.headers.authorization = `Bearer ${token}`;
    void verify(req, res, (err?: unknown) => {
      delete req.headers.authorization;
      res.removeHeader('WWW-Authenticate');
      if (err) {
        req.principal = undefined;
        res.locals.sessionProblem = 'Uw sessie is verlopen of niet geldig. Log opnieuw in.';
      }
      next();
    });
  };
}

/**
 * CSRF protection for every POST: a token bound to the session (a hash of the
 * session JWT, which a third-party page cannot read because the cookie is
 * HttpOnly), sent back in a hidden form field. SameSite=Strict and an Origin
 * check are the other two layers.
 */
export function csrfTokenFor(req: Request): string {
  const token = readCookie(req, SESSION_COOKIE) ?? '';
  return createHash('sha256').update(`csrf:v1:${token}`).digest('base64url');
}

export function csrfProblem(req: Request): string | undefined {
  const origin = req.get('origin');
  if (origin && origin !== 'null') {
    const host = req.get('host');
    try {
      if (new URL(origin).host !== host) return 'origin';
    } catch {
      return 'origin';
    }
  }
  if (req.get('sec-fetch-site') === 'cross-site') return 'cross-site';
  const sent = typeof req.body?._csrf === 'string' ? (req.body._csrf as string) : '';
  const expected = csrfTokenFor(req);
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b) ? undefined : 'token';
}

export interface WebLogin {
  /** Signs a token for the principal with the local issuer. Only present when the app runs with the local issuer. */
  sign(p: Principal): Promise<string>;
}
