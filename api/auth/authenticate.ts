import { readFileSync } from 'node:fs';
import type { NextFunction, Request, Response } from 'express';
import { createLocalJWKSet, createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { HttpError } from '../http/errors';
import { claimsSchema, type Principal } from './principal';

export interface AuthConfig {
  issuer: string;
  audience: string;
  /** A JWKS URL (an OIDC provider) or a local JWKS file (the embedded default and tests). */
  jwksUrl?: string | undefined;
  jwksFile?: string | undefined;
}

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
  }
}

/** Verifies the bearer token (signature, issuer, audience, expiry) and puts its principal on the request. */
export function authenticate(config: AuthConfig) {
  const keys = keySetFor(config);
  return async (req: Request, res: Response, next: NextFunction) => {
    const header = req.get('authorization');
    const token = header?.match(/^Bearer ([A-Za-z0-9._~+/=-]+)$/)?.[1];
    if (!token) {
      res.set('WWW-Authenticate', 'Bearer');
      return next(unauthorized('a bearer token is required'));
    }
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: config.issuer,
        audience: config.audience,
        algorithms: ALGORITHMS,
        requiredClaims: ['exp', 'sub'],
        clockTolerance: 5,
      });
      const claims = claimsSchema.safeParse(payload);
      if (!claims.success) return next(unauthorized(`token claims: ${claims.error.issues.map((i) => i.path.join('.')).join(', ')}`));
      req.principal = claims.data;
      return next();
    } catch (err) {
      res.set('WWW-Authenticate', 'Bearer error="invalid_token"');
      // Say which check failed, never echo the token or its claims.
      const reason =
        err instanceof joseErrors.JWTExpired
          ? 'token expired'
          : err instanceof joseErrors.JWTClaimValidationFailed
            ? `token ${err.claim} not accepted`
            : 'token not valid';
      return next(unauthorized(reason));
    }
  };
}

export function principalOf(req: Request): Principal {
  if (!req.principal) throw unauthorized('a bearer token is required');
  return req.principal;
}
