import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/**
 * The web app loads only its own static js and css (no inline script or
 * style), so the policy can be strict; swagger-ui (/docs) writes inline
 * <style> blocks and gets 'unsafe-inline' for styles only.
 */
const directives = {
  defaultSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  styleSrc: ["'self'"],
  scriptSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  objectSrc: ["'none'"],
};
const HSTS_MAX_AGE = 365 * 24 * 3600;

/**
 * helmet app-wide; HSTS only on a request Express sees as https (the socket, or
 * X-Forwarded-Proto from a proxy trusted by TRUST_PROXY: a spoofed header
 * from anyone else is ignored); `Cache-Control: no-store` on every answer
 * unless a route says otherwise (the static files do), as nearly all carry case data.
 */
export function securityHeaders(): RequestHandler[] {
  const common = {
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'same-origin' as const },
    xFrameOptions: { action: 'deny' as const },
  };
  const app = helmet({ ...common, contentSecurityPolicy: { useDefaults: false, directives } });
  const docs = helmet({
    ...common,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { ...directives, styleSrc: ["'self'", "'unsafe-inline'"] },
    },
  });
  const hsts = helmet.strictTransportSecurity({ maxAge: HSTS_MAX_AGE, includeSubDomains: true });
  return [
    (req: Request, res: Response, next: NextFunction) =>
      (req.path === '/docs' || req.path.startsWith('/docs/') ? docs : app)(req, res, next),
    (req: Request, res: Response, next: NextFunction) => (req.secure ? hsts(req, res, next) : next()),
    (_req: Request, res: Response, next: NextFunction) => {
      res.set('Cache-Control', 'no-store');
      next();
    },
  ];
}
