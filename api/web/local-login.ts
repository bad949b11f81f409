import { existsSync } from 'node:fs';
import path from 'node:path';
import { issueToken, LOCAL_AUDIENCE, LOCAL_ISSUER } from '../auth/local-issuer';
import type { WebLogin } from './session';

/**
 * The web app's login page signs with the local issuer, only with AUTH_MODE=local
 * (npm start; server.ts asks for it only then): issuer and audience are the
 * local ones and the private key lies next to the JWKS file. Anywhere else
 * there is no login page; the IdP's login sets the session cookie (docs/security.md).
 */
export function localWebLogin(o: {
  issuer: string;
  audience: string;
  jwksFile?: string | undefined;
  jwksUrl?: string | undefined;
}): WebLogin | undefined {
  if (o.jwksUrl || !o.jwksFile || o.issuer !== LOCAL_ISSUER || o.audience !== LOCAL_AUDIENCE) return undefined;
  const privateFile = path.join(path.dirname(o.jwksFile), 'signing-key.json');
  if (!existsSync(privateFile)) return undefined;
  return { sign: (p) => issueToken(privateFile, p, { expiresIn: '8h' }) };
}
