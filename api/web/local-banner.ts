import type { NextFunction, Request, Response } from 'express';

/** Shown on every page with AUTH_MODE=local: anyone can sign in here as anyone. */
export const LOCAL_BANNER =
  '<p class="utrecht-paragraph omgeving-lokaal" role="note"><strong>Lokale testomgeving.</strong> Iedereen kan hier inloggen als elke gebruiker: gebruik geen echte persoonsgegevens.</p>';

/**
 * Puts the banner into every HTML page this router sends (pages, error pages,
 * the dashboard), at the top of the page header, so no view can forget it.
 */
export function withLocalBanner(_req: Request, res: Response, next: NextFunction) {
  const send = res.send.bind(res);
  res.send = (body?: unknown) => {
    if (typeof body === 'string' && /^text\/html/.test(String(res.get('content-type') ?? ''))) {
      return send(body.replace(/<header class="[^"]*\bkop\b[^"]*">/, (header) => `${header}\n${LOCAL_BANNER}`));
    }
    return send(body);
  };
  next();
}
