import { Router } from 'express';
import type { Db } from '../../prisma/client';
import { principalOf } from '../auth/authenticate';
import { toCsv } from '../http/csv';
import { parseInput } from '../http/errors';
import type { Audit } from './audit-log';
import { auditCsvColumns, auditScopeOf, auditSearchQuery, searchAudit } from './audit-search';

/**
 * GET /audit: the privacy officer's search over the audit log (JSON, or CSV with
 * ?format=csv). Reading the audit log is itself audited, once per case it showed.
 */
export function auditRouter(db: Db, audit: Audit): Router {
  const router = Router();
  router.get('/audit', async (req, res) => {
    const p = principalOf(req);
    auditScopeOf(p);
    const { format, ...q } = parseInput(auditSearchQuery, req.query, 'query');
    const page = await searchAudit(db, p, q);
    const shown = [...new Set(page.items.map((e) => e.caseId).filter((id): id is string => id !== null))];
    await audit.record(req, p, 'audit', shown.length ? shown : [null], 200);
    if (format === 'csv')
      return res.attachment('auditlog.csv').type('text/csv; charset=utf-8').send(toCsv(auditCsvColumns, page.items));
    res.json(page);
  });
  return router;
}
