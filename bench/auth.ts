/**
 * A local ES256 issuer for the benchmark, the same approach as test/support/tokens.ts
 * (which bench/ does not import: test/ is not part of the build). The API verifies
 * these tokens on the same code path as production.
 */
import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AuthConfig } from '../api/auth/authenticate';
import type { Actor } from '../workflows/types';

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const kid = `bench-${randomUUID().slice(0, 8)}`;
const dir = mkdtempSync(path.join(tmpdir(), 'toewijzing-bench-jwks-'));
const jwksFile = path.join(dir, 'jwks.json');
writeFileSync(jwksFile, JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'ES256', use: 'sig' }] }));

export const benchAuth: AuthConfig = { issuer: 'urn:toewijzing:bench-issuer', audience: 'toewijzing-api', jwksFile };

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A bearer header for the professional, valid for `seconds`. */
export function bearerFor(actor: Actor, seconds = 4 * 3600): string {
  const now = Math.floor(Date.now() / 1000);
  const header = b64({ alg: 'ES256', kid, typ: 'JWT' });
  const payload = b64({ sub: actor.id, org: actor.organisatie, roles: [actor.rol], iss: benchAuth.issuer, aud: benchAuth.audience, iat: now, exp: now + seconds });
  const input = `${header}.${payload}`;
  const signature = sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' });
  return `Bearer ${input}.${signature.toString('base64url')}`;
}
