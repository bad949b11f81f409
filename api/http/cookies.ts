import type { Request } from 'express';

/**
 * The session cookie's name and how to read it, shared by the web app's sessions and by
 * the audit log (which records a hash of the session a refused request came with).
 */
export const SESSION_COOKIE = 'toewijzing_sessie';
export const HTTPS_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;
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

/** https as Express sees it: the socket, or X-Forwarded-Proto from a proxy trusted by TRUST_PROXY only. */
const isHttps = (req: Request) => req.secure;

/** The cookie's name and attributes for this request's scheme. */
export function cookieFor(req: Request, name: string, path: string) {
  return isHttps(req) ? { name: `__Host-${name}`, attrs: 'Path=/; Secure' } : { name, attrs: `Path=${path}` };
}

export const sessionCookieName = (req: Request) => cookieFor(req, SESSION_COOKIE, '/app').name;
export const sessionToken = (req: Request) => readCookie(req, sessionCookieName(req));
