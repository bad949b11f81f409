import type { NextFunction, Request, Response, Router } from 'express';
import type { Logger } from '../../../platform/logger';
import { HttpError } from '../../http/errors';
import { csrfTokenFor } from '../session';
import { errorPage } from '../views/pages';
import { send } from './context';
import { dutchRefusal } from './refusals';

function titleOf(err: HttpError): string {
  if (err.status === 429) return 'Even wachten';
  if (err.status === 404) return 'Niet gevonden';
  if (err.code === 'csrf') return 'Formulier verlopen';
  if (err.status === 403) return 'Geen toegang';
  if (err.status === 503) return 'Even niet bereikbaar';
  return 'Dat lukte niet';
}

function messageOf(err: HttpError): string {
  if (err.status === 404) return 'Deze casus of pagina bestaat niet, of u mag hem niet zien.';
  if (err.code === 'csrf') {
    return 'Het formulier kon niet worden gecontroleerd. Ga terug, laad de pagina opnieuw en probeer het nog eens.';
  }
  if (err.status === 403) return 'U hebt geen toegang tot deze pagina met uw rol.';
  return dutchRefusal(err);
}

/** The last handlers: an unknown page, and every error as a Dutch page (never a stack trace or the API's JSON). */
export function errorPages(router: Router, log: Logger) {
  router.use((req, res) => {
    const message = 'Deze pagina bestaat niet, of u mag hem niet zien.';
    const csrf = req.principal ? csrfTokenFor(req) : undefined;
    send(res, errorPage({ principal: req.principal, csrf, status: 404, title: 'Pagina niet gevonden', message }), 404);
  });

  router.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const p = req.principal;
    const csrf = p ? csrfTokenFor(req) : undefined;
    if (err instanceof HttpError) {
      if (err.status === 401) return res.redirect(303, '/app/inloggen');
      const page = errorPage({ principal: p, csrf, status: err.status, title: titleOf(err), message: messageOf(err) });
      return send(res, page, err.status);
    }
    const status = (err as { status?: number }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const message = status === 413 ? 'Het bestand of formulier is te groot.' : 'Het verzoek kon niet worden gelezen.';
      return send(res, errorPage({ principal: p, csrf, status, title: 'Dat lukte niet', message }), status);
    }
    // The error's name, code and frames only: a message may quote input.
    const frames = (err as Error)?.stack
      ?.split('\n')
      .filter((l) => l.trimStart().startsWith('at '))
      .slice(0, 8);
    const { name, code } = (err ?? {}) as { name?: unknown; code?: unknown };
    log.error({ path: req.route?.path, err: { name, code, frames } }, 'web page error');
    const message = 'Er ging iets mis aan onze kant. Probeer het later nog eens.';
    send(res, errorPage({ principal: p, csrf, status: 500, title: 'Er ging iets mis', message }), 500);
  });
}
