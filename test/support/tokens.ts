import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AuthConfig } from '../../api/auth/authenticate';
import type { Role } from '../../api/auth/principal';

/**
 * A test token issuer: a fresh ES256 key per test file, its JWKS in a temp
 * file the API verifies against. Signing is synchronous (node:crypto) so test
 * helpers can build headers inline. The same code path as production verifies them.
 */
const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const kid = `test-${randomUUID().slice(0, 8)}`;
const dir = mkdtempSync(path.join(tmpdir(), 'toewijzing-jwks-'));
const jwksFile = path.join(dir, 'jwks.json');
writeFileSync(
  jwksFile,
  JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'ES256', use: 'sig' }] }),
);

export const testAuth: AuthConfig = { issuer: 'urn:toewijzing:test-issuer', audience: 'toewijzing-api', jwksFile };

const b64 = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

export interface TokenClaims {
  sub: string;
  org: string;
  roles: Role[];
  gemeente?: string;
  /** OIDC standard claims: kept for the behandelaar; the name shown as a note's author. */
  name?: string;
  email?: string;
}

export interface TokenOptions {
  /** Seconds from now; negative for an expired token. */
  expiresIn?: number;
  /** `iat`, seconds from now: negative for a token issued in the past, positive for one "issued" in the future. */
  issuedAt?: number;
  issuer?: string;
  audience?: string;
  alg?: string;
  key?: KeyObject;
}

export function tokenFor(claims: TokenClaims, o: TokenOptions = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const header = b64({ alg: o.alg ?? 'ES256', kid, typ: 'JWT' });
  const payload = b64({
    ...claims,
    iss: o.issuer ?? testAuth.issuer,
    aud: o.audience ?? testAuth.audience,
    iat: now + (o.issuedAt ?? 0),
    exp: now + (o.expiresIn ?? 600),
  });
  const input = `${header}.${payload}`;
  if (o.alg === 'none') return `${input}.`;
  const signature = sign('sha256', Buffer.from(input), { key: o.key ?? privateKey, dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
}

export const bearer = (claims: TokenClaims, o?: TokenOptions) => ({ authorization: `Bearer ${tokenFor(claims, o)}` });
