import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { authenticate, type AuthConfig } from '../auth/authenticate';
import type { Principal } from '../auth/principal';
import { cookieFor, readCookie, SESSION_COOKIE, sessionToken } from '../http/cookies';
import { HttpError } from '../http/errors';
import type { SessionEnd, SessionPolicy, SessionStore } from '../auth/sessions';

/**
 * Browser sessions. The browser keeps the same bearer JWT the API takes, in an
 * HttpOnly, SameSite=Strict cookie; every request puts it through the API's own
 * `authenticate` middleware (signature, issuer, audience, expiry, age, not
 * ended), then the session store ends it when idle or past its lifetime.
 * Over https the cookie is `__Host-` prefixed (Secure, Path=/, no Domain), so no
 * sibling host or plain-http page can plant or overwrite it.
 */
const LOGIN_COOKIE = 'toewijzing_inlog';

export function setSessionCookie(req: Request, res: Response, token: string, maxAgeSeconds = 8 * 3600) {
  const c = cookieFor(req, SESSION_COOKIE, '/app');
  res.append(
    'Set-Cookie',
    `${c.name}=${encodeURIComponent(token)}; ${c.attrs}; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}`,
  );
}

export function clearSessionCookie(req: Request, res: Response) {
  const c = cookieFor(req, SESSION_COOKIE, '/app');
  res.append('Set-Cookie', `${c.name}=; ${c.attrs}; HttpOnly; SameSite=Strict; Max-Age=0`);
}

/** Why the browser is back at the login page, in Dutch. */
export function sessionEndedText(reason: SessionEnd, p: SessionPolicy): string {
  if (reason === 'idle')
    return `Uw sessie is beëindigd omdat u ${Math.round(p.idleSeconds / 60)} minuten niets hebt gedaan. Log opnieuw in.`;
  if (reason === 'idp') return 'Uw organisatie heeft uw aanmelding niet verlengd. Log opnieuw in.';
  if (reason === 'absolute') return `Uw sessie is na ${Math.round(p.maxSeconds / 3600)} uur beëindigd. Log opnieuw in.`;
  return 'U bent uitgelogd. Log opnieuw in.';
}

/**
 * Verifies the session cookie with the API's authenticate middleware, then
 * records the request on the session. Without a valid session the request goes
 * on without a principal (`requirePrincipal` then sends the browser to the login page).
 */
export function sessionFromCookie(auth: AuthConfig, sessions: SessionStore) {
  const verify = authenticate(auth, sessions);
  return (req: Request, res: Response, next: NextFunction) => {
    const token = sessionToken(req);
    req.principal = undefined;
    if (!token) return next();
    // The same check as the API: as if the browser had sent the bearer header.
    req.headers.authorization = `Bearer ${token}`;
    void verify(req, res, (err?: unknown) => {
      delete req.headers.authorization;
      res.removeHeader('WWW-Authenticate');
      if (err) {
        req.principal = undefined;
        req.credential = undefined;
        // An unreachable session store is not a bad session: an error page, not a signed-out user.
        if (!(err instanceof HttpError)) return next(err);
        res.locals.sessionProblem = 'Uw sessie is verlopen of niet geldig. Log opnieuw in.';
        return next();
      }
      sessions.touch(req.credential!).then((state) => {
        if (!state.active) {
          req.principal = undefined;
          req.credential = undefined;
          res.locals.sessionProblem = sessionEndedText(state.reason, sessions.policy);
          res.locals.sessionEnded = state.reason;
          clearSessionCookie(req, res);
        }
        next();
      }, next);
    });
  };
}

/** A same-origin request: no foreign Origin (a garbage one included) and no cross-site fetch. */
function originProblem(req: Request): string | undefined {
  const origin = req.get('origin');
  if (origin && origin !== 'null') {
    try {
      if (new URL(origin).host !== req.get('host')) return 'origin';
    } catch {
      return 'origin';
    }
  }
  if (req.get('sec-fetch-site') === 'cross-site') return 'cross-site';
  return undefined;
}

function sameToken(sent: unknown, expected: string): boolean {
  const a = Buffer.from(typeof sent === 'string' ? sent : '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * CSRF protection for every POST: a token bound to the session (a hash of the
 * session JWT, which a third-party page cannot read because the cookie is
 * HttpOnly), sent back in a hidden form field. SameSite=Strict and an Origin
 * check are the other two layers.
 */
export function csrfTokenFor(req: Request): string {
  const token = sessionToken(req) ?? '';
  return createHash('sha256').update(`csrf:v1:${token}`).digest('base64url');
}

export function csrfProblem(req: Request): string | undefined {
  return originProblem(req) ?? (sameToken(req.body?._csrf, csrfTokenFor(req)) ? undefined : 'token');
}

/**
 * The login form has no session yet: its CSRF token is bound to a random
 * HttpOnly pre-login cookie (set with the form), the same three layers otherwise.
 */
export function loginCsrfToken(req: Request, res: Response): string {
  const c = cookieFor(req, LOGIN_COOKIE, '/app/inloggen');
  let secret = readCookie(req, c.name);
  if (!secret || !/^[A-Za-z0-9_-]{43}$/.test(secret)) {
    secret = randomBytes(32).toString('base64url');
    res.append('Set-Cookie', `${c.name}=${secret}; ${c.attrs}; HttpOnly; SameSite=Strict; Max-Age=3600`);
  }
  return createHash('sha256').update(`login-csrf:v1:${secret}`).digest('base64url');
}

/** Signed in: the pre-login cookie has done its work. */
export function clearLoginCsrfCookie(req: Request, res: Response) {
  const c = cookieFor(req, LOGIN_COOKIE, '/app/inloggen');
  res.append('Set-Cookie', `${c.name}=; ${c.attrs}; HttpOnly; SameSite=Strict; Max-Age=0`);
}

export function loginCsrfProblem(req: Request): string | undefined {
  const secret = readCookie(req, cookieFor(req, LOGIN_COOKIE, '/app/inloggen').name);
  if (!secret) return 'token';
  return (
    originProblem(req) ??
    (sameToken(req.body?._csrf, createHash('sha256').update(`login-csrf:v1:${secret}`).digest('base64url'))
      ? undefined
      : 'token')
  );
}

/** Why a signed-out browser is at the login page, from the redirect's `sessie` parameter. */
export const endedReasonOf = (v: unknown): SessionEnd | undefined =>
  (['idle', 'absolute', 'logout', 'idp'] as const).find((r) => r === v);

export interface WebLogin {
  /** Signs a token for the principal with the local issuer. Only present when the app runs with AUTH_MODE=local. */
  sign(p: Principal): Promise<string>;
}
