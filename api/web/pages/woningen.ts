import express, { type Request, type Response, type Router } from 'express';
import { woningStatussen } from '../../../domain/types';
import { principalOf } from '../../auth/authenticate';
import { HttpError } from '../../http/errors';
import { ownCorporatie, type ImportResult } from '../../woningen/woningen-service';
import { parseMultipart } from '../multipart';
import { csrfProblem, csrfTokenFor as csrf } from '../session';
import { woningenPage } from '../views/pages';
import { woningFormFields } from '../views/woning-form';
import { echo, fieldErrors, readForm, type FieldErrors, type FormValues } from '../forms';
import { woningCreateBody } from '../../woningen/woning-schemas';
import { csvSjabloon } from '../../woningen/woning-kolommen';
import { dutchRefusal } from './refusals';
import { offsetOf, pick, send, type WebContext } from './context';

const LIMIT = 50;
const heldProblem = () => 'de woning is vastgelegd voor een casus; de mutatie kan pas als de casus hem vrijgeeft';

/** What a whole-file refusal of the import (a 400 from the woningen service) says, column names included. */
function fileProblem(err: HttpError): string {
  const fields = (err.extra.fields ?? []) as Array<{ field: string; problem: string }>;
  const columns = fields.length ? `. Kolommen: ${fields.map((f) => `${f.field} (${f.problem})`).join(', ')}` : '';
  return `Het bestand klopt niet als geheel: ${err.message}${columns}.`;
}

/** The corporatie's woningaanbod and its CSV import, through the same service as /woningen. */
export function woningenPages(router: Router, { woningen }: WebContext) {
  type Shown = {
    importResult?: ImportResult;
    importError?: string;
    status?: number;
    form?: { values: FormValues; errors: FieldErrors; general?: string; gelukt?: string };
  };
  async function renderWoningen(req: Request, res: Response, shown: Shown = {}) {
    const p = principalOf(req);
    const corporatie = ownCorporatie(p);
    const status = pick(woningStatussen, req.query.status);
    const offset = offsetOf(req);
    const { items, total } = await woningen.list(p, { corporatie, status }, { limit: LIMIT, offset });
    const query = new URLSearchParams(status ? { status } : {});
    const page = woningenPage({
      principal: p,
      csrf: csrf(req),
      rows: items,
      total,
      offset,
      limit: LIMIT,
      query,
      ...shown,
    });
    send(res, page, shown.status ?? 200);
  }

  router.get('/woningen', (req, res) =>
    renderWoningen(req, res, {
      form: {
        values: {},
        errors: {},
        gelukt:
          typeof req.query.toegevoegd === 'string' ? 'Gelukt: de woning is toegevoegd aan het aanbod.' : undefined,
      },
    }),
  );

  // The template to fill: every column, one example row (the columns are explained on the page).
  router.get('/woningen/sjabloon.csv', (req, res) => {
    ownCorporatie(principalOf(req));
    res.type('text/csv; charset=utf-8').attachment('woningen-sjabloon.csv').send(`\ufeff${csvSjabloon()}`);
  });

  // One woning by hand: the create schema and service of POST /woningen.
  router.post('/woningen/nieuw', async (req, res) => {
    const p = principalOf(req);
    ownCorporatie(p);
    const body = req.body as Record<string, unknown>;
    const values = echo(body);
    const parsed = woningCreateBody.safeParse(readForm(woningFormFields, body));
    if (!parsed.success) {
      // The schema's own checks across fields (woningGebreken) already say it in Dutch.
      const eigen = Object.fromEntries(
        parsed.error.issues.filter((i) => i.code === 'custom').map((i) => [i.path.join('.'), i.message]),
      );
      return renderWoningen(req, res, { form: { values, errors: fieldErrors(parsed.error, eigen) }, status: 400 });
    }
    try {
      await woningen.create(p, parsed.data);
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      const general = err.status === 409 ? 'Uw corporatie heeft al een woning met deze referentie.' : dutchRefusal(err);
      return renderWoningen(req, res, { form: { values, errors: {}, general }, status: err.status });
    }
    res.redirect(303, '/app/woningen?toegevoegd=1');
  });

  router.post(
    '/woningen/import',
    // Who before reading up to 5 MB; the CSRF token is in the multipart body, so it is checked after.
    (req, _res, next) => {
      ownCorporatie(principalOf(req));
      next();
    },
    express.raw({ type: 'multipart/form-data', limit: '5mb' }),
    async (req, res) => {
      let fields: Record<string, string>;
      try {
        fields = Buffer.isBuffer(req.body) ? parseMultipart(req.body, req.get('content-type') ?? '') : {};
      } catch {
        fields = {};
      }
      req.body = fields;
      if (csrfProblem(req)) throw new HttpError(403, 'csrf', 'csrf');
      const csv = fields.bestand ?? '';
      if (!csv.trim()) {
        return renderWoningen(req, res, { importError: 'Kies een CSV-bestand om te importeren.', status: 400 });
      }
      let importResult: ImportResult;
      try {
        importResult = await woningen.importCsv(principalOf(req), csv, heldProblem);
      } catch (err) {
        if (!(err instanceof HttpError) || err.status !== 400) throw err;
        return renderWoningen(req, res, { importError: fileProblem(err), status: 400 });
      }
      await renderWoningen(req, res, { importResult });
    },
  );
}
