import type { NextFunction, Request, Response } from 'express';
import type { Db } from '../../prisma/client';
import type { Logger } from '../../platform/logger';
import { IdpRefusedError, type IdpTokens, type OidcClient } from '../auth/oidc-client';
import { claimRefresh, loadOidcSession, releaseRefresh, storeRefresh } from '../auth/oidc-sessions';
import type { Sealer } from '../auth/seal';
import { tokenHash, type SessionStore } from '../auth/sessions';
import { sessionToken } from '../http/cookies';
import { clearSessionCookie, sessionEndedText } from './session';

export interface OidcWeb {
  client: OidcClient;
  /** Seals the login transaction cookie and the IdP's tokens in auth_sessions. */
  sealer: Sealer;
  log: Logger;
}

/**
 * Browser sessions after sign-in through the IdP: the cookie is a random id whose
 * row in auth_sessions holds the principal. Every request records itself on the
 * session (idle, absolute lifetime, logout: the session store) and, shortly before
 * the IdP's access token expires, renews it with the refresh token, reading the
 * user's claims again: an IdP that refuses, or a user who lost their role or
 * organisation, ends the session.
 */
export function oidcSessionFromCookie(o: OidcWeb, sessions: SessionStore, db: Db) {
  const margin = o.client.config.refreshMarginSeconds * 1000;
  return async (req: Request, res: Response, next: NextFunction) => {
    req.principal = undefined;
    req.credential = undefined;
    const token = sessionToken(req);
    if (!token) return next();
    try {
      const hash = tokenHash(token);
      const row = await loadOidcSession(db, hash);
      if (!row) {
        res.locals.sessionProblem = 'Uw sessie is verlopen of niet geldig. Log opnieuw in.';
        clearSessionCookie(req, res);
        return next();
      }
      const credential = { hash, issuedAt: row.startedAt, expiresAt: row.expiresAt };
      const ended = (reason: Parameters<typeof sessionEndedText>[0]) => {
        res.locals.sessionProblem = sessionEndedText(reason, sessions.policy);
        res.locals.sessionEnded = reason;
        clearSessionCookie(req, res);
        next();
      };
      const state = await sessions.touch(credential);
      if (!state.active) return ended(state.reason);
      let principal = row.principal;
      if (row.now >= row.accessExpiresAt - margin) {
        const outcome = await renew(o, db, hash, row.now < row.accessExpiresAt);
        if (outcome === 'refused') {
          await sessions.end(credential, 'idp');
          return ended('idp');
        }
        if (outcome !== 'unchanged') principal = outcome;
      }
      req.principal = principal;
      req.credential = credential;
      next();
    } catch (err) {
      next(err);
    }
  };
}

/** The refresh itself: the new principal, `unchanged` (no new ID token, or another request refreshes), or `refused`. */
async function renew(o: OidcWeb, db: Db, hash: string, stillValid: boolean) {
  const sealed = await claimRefresh(db, hash, 30);
  if (sealed === undefined) return 'unchanged' as const;
  const tokens = o.sealer.open<IdpTokens>(sealed);
  if (!tokens) return 'refused' as const;
  try {
    const next = await o.client.refresh(tokens);
    if (next.user && !next.user.ok) return 'refused' as const;
    const principal = next.user?.ok
      ? { ...next.user.principal, name: next.user.name, email: next.user.email }
      : undefined;
    await storeRefresh(db, hash, {
      principal,
      idpTokens: o.sealer.seal(next.tokens),
      accessExpiresIn: next.accessExpiresIn,
    });
    return principal ?? ('unchanged' as const);
  } catch (err) {
    if (err instanceof IdpRefusedError) return 'refused' as const;
    await releaseRefresh(db, hash);
    // The IdP is unreachable: the session goes on while its access token lasts, then the request fails (503).
    o.log.warn({ err: (err as Error).name }, 'oidc refresh failed');
    if (stillValid) return 'unchanged' as const;
    throw err;
  }
}
