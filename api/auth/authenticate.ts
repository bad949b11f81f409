import { readFileSync } from 'node:fs';
import type { NextFunction, Request, Response } from 'express';
import { createLocalJWKSet, createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { HttpError } from '../http/errors';
import { mappedClaims, type ClaimMapping } from './claim-mapping';
import { claimsSchema, type Principal } from './principal';
import { tokenHash, type Credential } from './sessions';

export interface AuthConfig {
  issuer: string;
  audience: string;
  /** A JWKS URL (an OIDC provider) or a local JWKS file (the embedded default and tests). */
  jwksUrl?: string | undefined;
  jwksFile?: string | undefined;
  /** Seconds since `iat` after which a token is refused whatever its `exp` (default 8 h). */
  maxTokenAge?: number | undefined;
  /** Where the IdP puts org, roles and gemeente (OIDC_CLAIM_*); default: claims of those names. */
  claims?: ClaimMapping | undefined;
}

/** Where ended sessions (logout, idle, lifetime) are looked up; every API process shares it. */
export interface Revocations {
  isEnded(hash: string): Promise<boolean>;
}

export const DEFAULT_MAX_TOKEN_AGE = 8 * 3600;

/** Asymmetric algorithms only: a token signed with a shared secret or `none` is never accepted. */
const ALGORITHMS = ['RS256', 'PS256', 'ES256', 'EdDSA'];

export function keySetFor(config: AuthConfig): JWTVerifyGetKey {
  if (config.jwksUrl) return createRemoteJWKSet(new URL(config.jwksUrl));
  if (config.jwksFile) return createLocalJWKSet(JSON.parse(readFileSync(config.jwksFile, 'utf8')));
  throw new Error('AUTH_JWKS_URL or AUTH_JWKS_FILE is required');
}

const unauthorized = (message: string) => new HttpError(401, 'unauthorized', message);

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
    /** The verified token (by hash), for sessions and the audit log. */
    credential?: Credential;
  }
}

/**
 * Verifies the bearer token (signature, issuer, audience, expiry, age, not
 * ended server-side) and puts its principal on the request.
 */
export function authenticate(config: AuthConfig, revocations?: Revocations) {
  const keys = keySetFor(config);
  return async (req: Request, res: Response, next: NextFunction) => {
    const header = req.get('authorization');
    const token = header?.match(/^Bearer ([A-Za-z0-9._~+/=-]+)$/)?.[1];
    if (!token) {
      res.set('WWW-Authenticate', 'Bearer');
      return next(unauthorized('een token is nodig: Authorization: Bearer …'));
    }
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: config.issuer,
        audience: config.audience,
        algorithms: ALGORITHMS,
        requiredClaims: ['exp', 'sub', 'iat'],
        // Also refuses an iat in the future (beyond the tolerance).
        maxTokenAge: config.maxTokenAge ?? DEFAULT_MAX_TOKEN_AGE,
        clockTolerance: 5,
      });
      const claims = claimsSchema.safeParse(mappedClaims(payload, config.claims));
      if (!claims.success)
        return next(
          unauthorized(
            `het token mist claims of ze kloppen niet: ${claims.error.issues.map((i) => i.path.join('.')).join(', ')}`,
          ),
        );
      const credential = { hash: tokenHash(token), issuedAt: payload.iat!, expiresAt: payload.exp! };
      let ended: boolean;
      try {
        ended = revocations ? await revocations.isEnded(credential.hash) : false;
      } catch (err) {
        return next(err);
      }
      if (ended) {
        res.set('WWW-Authenticate', 'Bearer error="invalid_token"');
        return next(unauthorized('de sessie is beëindigd'));
      }
      req.principal = claims.data;
      req.credential = credential;
      return next();
    } catch (err) {
      res.set('WWW-Authenticate', 'Bearer error="invalid_token"');
      // Say which check failed, never echo the token or its claims.
      const reason =
        err instanceof joseErrors.JWTExpired
          ? err.claim === 'iat'
            ? 'het token is te oud'
            : 'het token is verlopen'
          : err instanceof joseErrors.JWTClaimValidationFailed
            ? `de claim ${err.claim} van het token wordt niet aanvaard`
            : 'het token is niet geldig';
      return next(unauthorized(reason));
    }
  };
}

export function principalOf(req: Request): Principal {
  if (!req.principal) throw unauthorized('een token is nodig: Authorization: Bearer …');
  return req.principal;
}
