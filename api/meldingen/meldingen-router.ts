import { Router } from 'express';
import { principalOf } from '../auth/authenticate';
import type { Audit } from '../audit/audit-log';
import { parseInput } from '../http/errors';
import { markReadBody, meldingenQuery } from './meldingen-schemas';
import type { Meldingen } from './meldingen-service';

/** GET /meldingen and POST /meldingen/gelezen: the caller's own meldingen and their read marks. */
export function meldingenRouter(meldingen: Meldingen, audit: Audit): Router {
  const router = Router();

  router.get('/meldingen', async (req, res) => {
    const p = principalOf(req);
    const { ongelezen, limit } = parseInput(meldingenQuery, req.query, 'query');
    const body = await meldingen.list(p, { ongelezen, limit });
    const caseIds = [...new Set(body.items.map((m) => m.caseId).filter((c): c is string => !!c))];
    await audit.record(req, p, 'list', caseIds.length ? caseIds : [null], 200);
    res.json(body);
  });

  router.post('/meldingen/gelezen', async (req, res) => {
    const p = principalOf(req);
    const body = parseInput(markReadBody, req.body ?? {}, 'body');
    const { gemarkeerd, caseIds } = await meldingen.markRead(p, 'alle' in body ? 'alle' : body.keys);
    await audit.record(req, p, 'write', caseIds.length ? caseIds : [null], 200);
    res.json({ gemarkeerd });
  });

  return router;
}
