import type { NextFunction, Request, Response } from 'express';
import type { Meldingen } from '../meldingen/meldingen-service';
import { html } from './html';

/** The link to the Meldingen with the unread count, as it sits in the page header. */
export const meldingenLink = (count: number) =>
  html`<a class="meldingen-link" id="meldingen-teller" href="/app/meldingen">Meldingen <span class="teller">${count}</span><span class="sr-only"> ongelezen</span></a>`
    .value;

/**
 * Puts the signed-in reader's unread count into the header of every page this router sends
 * (like the local banner), so no view has to fetch it. Only for GET pages with a session.
 */
export function withMeldingenCount(meldingen: Meldingen) {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || !req.principal || req.path.startsWith('/static')) return next();
    let count: number;
    try {
      count = await meldingen.unreadCount(req.principal);
    } catch (err) {
      return next(err);
    }
    const send = res.send.bind(res);
    res.send = (body?: unknown) => {
      if (typeof body === 'string' && /^text\/html/.test(String(res.get('content-type') ?? ''))) {
        return send(body.replace('<div class="gebruiker">', `<div class="gebruiker">${meldingenLink(count)}`));
      }
      return send(body);
    };
    next();
  };
}
