import type { Router } from 'express';
import { principalOf } from '../../auth/authenticate';
import { csrfTokenFor as csrf } from '../session';
import { errorPage, rolePage } from '../views/pages';
import { inboxPage, type InboxRow } from '../views/routing-views';
import { offsetOf, pick, send, type WebContext } from './context';

const LIMIT = 25;
const inboxRoles = ['zorgmedewerker', 'verhuurmedewerker'] as const;

/** The start page by role, and the inbox of the cases waiting on the professional's side. */
export function inboxPages(router: Router, { routing, audit }: WebContext) {
  router.get('/', (req, res) => {
    const p = principalOf(req);
    if (p.roles.includes('consulent')) return res.redirect(303, '/app/casussen');
    if (inboxRoles.some((r) => p.roles.includes(r))) return res.redirect(303, '/app/inbox');
    if (p.roles.includes('manager')) return res.redirect(303, '/app/dashboard');
    if (p.roles.includes('beheerder')) return res.redirect(303, '/app/beheer');
    if (p.roles.includes('privacy_officer')) return res.redirect(303, '/app/privacy');
    // Every role has a start page above; a role added later gets what it may do, not a 403 that links to itself.
    send(res, rolePage({ principal: p, csrf: csrf(req) }));
  });

  router.get('/inbox', async (req, res) => {
    const p = principalOf(req);
    const rol = pick(inboxRoles, req.query.rol) ?? inboxRoles.find((r) => p.roles.includes(r));
    if (!rol || !p.roles.includes(rol)) {
      const message = 'Een inbox is er voor zorgmedewerkers en verhuurmedewerkers.';
      return send(res, errorPage({ principal: p, csrf: csrf(req), status: 403, title: 'Geen inbox', message }), 403);
    }
    const lijst = pick(['mijn', 'team'] as const, req.query.lijst) ?? 'team';
    const sorteer = pick(['deadline', 'wachttijd'] as const, req.query.sorteer) ?? 'deadline';
    const richting = pick(['op', 'af'] as const, req.query.richting) ?? 'op';
    const offset = offsetOf(req);
    const page = await routing.inbox(p, { lijst, rol, sorteer, richting, limit: LIMIT, offset });
    await audit.record(req, p, 'list', page.items.length ? page.items.map((r) => r.id) : [null], 200);
    const rows = page.items as unknown as InboxRow[];
    const title = rol === 'zorgmedewerker' ? 'Inbox zorg' : 'Inbox verhuur';
    send(
      res,
      inboxPage({
        principal: p,
        csrf: csrf(req),
        title,
        lijst,
        rol,
        sorteer,
        richting,
        rows,
        total: page.total,
        offset,
        limit: LIMIT,
      }),
    );
  });
}
