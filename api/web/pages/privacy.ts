import type { Request, Response, Router } from 'express';
import { principalOf } from '../../auth/authenticate';
import { auditCsvColumns, auditScopeOf, auditSearchQuery, searchAudit } from '../../audit/audit-search';
import { toCsv } from '../../http/csv';
import { echo, fieldErrors } from '../forms';
import { csrfTokenFor as csrf } from '../session';
import { auditPage } from '../views/privacy-pages';
import { offsetOf, send, type WebContext } from './context';

const LIMIT = 50;
const FILTERS = ['caseId', 'actorId', 'action', 'van', 'tot'] as const;

/** The filters as GET /audit takes them: empty fields and anything else in the query left out. */
function filtersOf(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of FILTERS) {
    const v = req.query[k];
    if (typeof v === 'string' && v.trim()) out[k] = v.trim();
  }
  return out;
}

/** The privacy officer's audit log over the same search, scope and audit as GET /audit. */
export function privacyPages(router: Router, { db, audit, register }: WebContext) {
  async function search(req: Request, res: Response, csvExport: boolean) {
    const p = principalOf(req);
    auditScopeOf(p);
    const filters = filtersOf(req);
    const parsed = auditSearchQuery.safeParse({
      ...filters,
      limit: csvExport ? 1000 : LIMIT,
      offset: csvExport ? 0 : offsetOf(req),
    });
    const query = new URLSearchParams(filters);
    if (!parsed.success) {
      await audit.record(req, p, 'audit', [null], 400);
      const page = auditPage({
        principal: p,
        csrf: csrf(req),
        values: echo(filters),
        errors: fieldErrors(parsed.error),
        query,
        items: [],
        names: new Map(),
        total: 0,
        offset: 0,
        limit: LIMIT,
      });
      return send(res, page, 400);
    }
    const { format: _format, ...q } = parsed.data;
    const found = await searchAudit(db, p, q);
    const shown = [...new Set(found.items.map((e) => e.caseId).filter((id): id is string => id !== null))];
    await audit.record(req, p, 'audit', shown.length ? shown : [null], 200);
    if (csvExport)
      return res
        .status(200)
        .set('Cache-Control', 'no-store')
        .attachment('auditlog.csv')
        .type('text/csv; charset=utf-8')
        .send(toCsv(auditCsvColumns, found.items));
    const names = await register.names(found.items.map((e) => e.organisatie));
    const page = auditPage({
      principal: p,
      csrf: csrf(req),
      values: echo(filters),
      errors: {},
      query,
      items: found.items,
      names,
      total: found.total,
      offset: q.offset,
      limit: LIMIT,
    });
    send(res, page);
  }
  router.get('/privacy', (req, res) => search(req, res, false));
  router.get('/privacy/export', (req, res) => search(req, res, true));
}
