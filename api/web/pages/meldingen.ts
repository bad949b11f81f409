import type { Router } from 'express';
import { principalOf } from '../../auth/authenticate';
import { meldingKey } from '../../meldingen/meldingen-schemas';
import { csrfTokenFor as csrf } from '../session';
import { meldingenPage } from '../views/meldingen-page';
import { send, type WebContext } from './context';

/** The reader's meldingen and marking them read: the same service as GET /meldingen. */
export function meldingenPages(router: Router, { meldingen, audit }: WebContext) {
  router.get('/meldingen', async (req, res) => {
    const p = principalOf(req);
    const { items, ongelezen } = await meldingen.list(p, { limit: 100 });
    const caseIds = [...new Set(items.map((m) => m.caseId).filter((c): c is string => !!c))];
    await audit.record(req, p, 'list', caseIds.length ? caseIds : [null], 200);
    const flash = req.query.gedaan === 'gelezen' ? 'Gelukt: gemarkeerd als gelezen.' : undefined;
    send(res, meldingenPage({ principal: p, csrf: csrf(req), items, ongelezen, flash }));
  });

  router.post('/meldingen/gelezen', async (req, res) => {
    const p = principalOf(req);
    const body = req.body as Record<string, unknown>;
    const key = meldingKey.safeParse(body.key);
    // A stale or forged key marks nothing: the list shows what is still unread.
    const keys = body.alle === 'ja' ? 'alle' : key.success ? [key.data] : [];
    const { caseIds } = await meldingen.markRead(p, keys);
    await audit.record(req, p, 'write', caseIds.length ? caseIds : [null], 200);
    res.redirect(303, '/app/meldingen?gedaan=gelezen');
  });
}
