import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for small secrets the API keeps between requests (the OIDC login's
 * state, nonce and PKCE verifier in a cookie; the IdP's refresh and ID token in
 * auth_sessions). Keys are derived (HKDF) from the payload keys with a purpose of
 * their own, so a sealed value is never a valid Temporal payload and the reverse.
 * The first key seals, every key opens (rotation as for payloads).
 */
export interface Sealer {
  seal(value: unknown): string;
  /** The value, or undefined when it was not sealed by us, was altered, or is older than `maxAgeSeconds`. */
  open<T>(sealed: string, maxAgeSeconds?: number): T | undefined;
}

export function createSealer(secrets: readonly Buffer[], purpose: string): Sealer {
  if (!secrets.length) throw new Error('a sealer needs at least one key');
  const keys = secrets.map((s) => Buffer.from(hkdfSync('sha256', s, Buffer.alloc(0), `toewijzing:${purpose}:v1`, 32)));
  const aad = Buffer.from(purpose);
  return {
    seal(value) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', keys[0]!, iv).setAAD(aad);
      const body = Buffer.concat([cipher.update(JSON.stringify({ v: value, t: Date.now() }), 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    },
    open<T>(sealed: string, maxAgeSeconds?: number): T | undefined {
      const raw = Buffer.from(sealed, 'base64url');
      if (raw.length < 29) return undefined;
      for (const key of keys) {
        try {
          const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12)).setAAD(aad);
          decipher.setAuthTag(raw.subarray(12, 28));
          const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
          const { v, t } = JSON.parse(text) as { v: T; t: number };
          if (maxAgeSeconds !== undefined && Date.now() - t > maxAgeSeconds * 1000) return undefined;
          return v;
        } catch {
          // another key, or not ours
        }
      }
      return undefined;
    },
  };
}
