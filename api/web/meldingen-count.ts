import type { NextFunction, Request, Response } from 'express';
import type { Meldingen } from '../meldingen/meldingen-service';
import { html } from './html';

/** The link to the Meldingen with the unread count, as it sits in the page header. */
export const meldingenLink = (count: number | undefined) =>
  html`<a class="meldingen-link" id="meldingen-teller" href="/app/meldingen">Meldingen${
    count === undefined ? '' : html` <span class="teller">${count}</span><span class="sr-only"> ongelezen</span>`
  }</a>`.value;

/**
 * Puts the signed-in reader's unread count into the header of every page this router sends
 * (like the local banner), so no view has to fetch it. Counted when the page is sent, after
 * the page's own work (opening a case's notes marks them read first). If counting fails,
 * the page goes out with the link and no count.
 */
export function withMeldingenCount(meldingen: Meldingen) {
  return (req: Request, res: Response, next: NextFunction) => {
    const p = req.principal;
    if (req.method !== 'GET' || !p) return next();
    const send = res.send.bind(res);
    res.send = (body?: unknown) => {
      if (typeof body !== 'string' || !/^text\/html/.test(String(res.get('content-type') ?? ''))) return send(body);
      const put = (count: number | undefined) =>
        send(body.replace('<div class="gebruiker">', `<div class="gebruiker">${meldingenLink(count)}`));
      meldingen.unreadCount(p).then(put, () => put(undefined));
      return res;
    };
    next();
  };
}
