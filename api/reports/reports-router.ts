import { Router, type Request, type Response } from 'express';
import type { z } from 'zod';
import type { Db } from '../../prisma/client';
import type { Audit } from '../audit/audit-log';
import { reportScope } from '../auth/access-policy';
import { principalOf } from '../auth/authenticate';
import { HttpError, parseInput } from '../http/errors';
import { reports, type ReportName } from './report-service';

export const reportPaths: Record<ReportName, string> = {
  doorlooptijd: '/reports/doorlooptijd',
  wachttijdPerPartij: '/reports/wachttijd-per-partij',
  doorlooptijdTotaal: '/reports/doorlooptijd-totaal',
  openCasussen: '/reports/open-casussen',
  contingent: '/reports/contingent',
  vraagEnAanbod: '/reports/vraag-en-aanbod',
};

/** `?format=csv`, else the Accept header (JSON unless text/csv is preferred). */
function wantsCsv(req: Request, format: unknown): boolean {
  if (format === 'csv' || format === 'json') return format === 'csv';
  return req.accepts(['application/json', 'text/csv']) === 'text/csv';
}

/**
 * Management reports: managers only (others 403), over the cases their
 * organisation is a party to (and, for a gemeente manager, the gemeente's).
 * Aggregates without case ids; each request is still logged as a listing.
 */
export function reportsRouter(db: Db, audit: Audit): Router {
  const router = Router();
  for (const name of Object.keys(reports) as ReportName[]) {
    const r = reports[name] as {
      naam: string;
      query: z.ZodType<Record<string, unknown>>;
      load(db: Db, scope: NonNullable<ReturnType<typeof reportScope>>, q: Record<string, unknown>): Promise<unknown>;
      csv(answer: unknown): string;
    };
    router.get(reportPaths[name], async (req: Request, res: Response) => {
      const p = principalOf(req);
      const scope = reportScope(p);
      if (!scope) throw new HttpError(403, 'forbidden', 'de rapportages zijn er voor managers');
      const query = parseInput(r.query, req.query, 'query');
      const answer = await r.load(db, scope, query);
      await audit.record(req, p, 'list', [null], 200);
      res.vary('Accept');
      if (wantsCsv(req, query.format)) {
        res.attachment(`${r.naam}.csv`).type('text/csv; charset=utf-8').send(r.csv(answer));
      } else {
        res.json(answer);
      }
    });
  }
  return router;
}
