import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import type { Principal } from './principal';

/**
 * A local token issuer for the embedded default and tests: an ES256 key pair
 * kept in a folder (private key mode 0600), its public half as a JWKS file the
 * API verifies against. Production points AUTH_JWKS_URL at a real OIDC provider.
 */
export const LOCAL_ISSUER = 'urn:toewijzing:local-issuer';
export const LOCAL_AUDIENCE = 'toewijzing-api';

export async function ensureLocalKeys(dir: string): Promise<{ jwksFile: string; privateFile: string }> {
  const privateFile = path.join(dir, 'signing-key.json');
  const jwksFile = path.join(dir, 'jwks.json');
  if (!existsSync(privateFile)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const kid = `local-${Date.now().toString(36)}`;
    writeFileSync(privateFile, JSON.stringify({ ...(await exportJWK(privateKey)), kid, alg: 'ES256' }), {
      mode: 0o600,
    });
    writeFileSync(
      jwksFile,
      JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' }] }),
    );
  }
  return { jwksFile, privateFile };
}

export interface IssueOptions {
  issuer?: string;
  audience?: string;
  expiresIn?: string;
}

export async function issueToken(privateFile: string, p: Principal, o: IssueOptions = {}): Promise<string> {
  const jwk = JSON.parse(readFileSync(privateFile, 'utf8')) as JWK & { kid: string };
  const key = await importJWK(jwk, 'ES256');
  return new SignJWT({ org: p.org, roles: p.roles, ...(p.gemeente ? { gemeente: p.gemeente } : {}) })
    .setProtectedHeader({ alg: 'ES256', kid: jwk.kid })
    .setSubject(p.sub)
    .setIssuer(o.issuer ?? LOCAL_ISSUER)
    .setAudience(o.audience ?? LOCAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(o.expiresIn ?? '8h')
    .sign(key);
}
