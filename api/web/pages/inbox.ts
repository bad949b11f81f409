import type { Router } from 'express';
import { principalOf } from '../../auth/authenticate';
import type { Role } from '../../auth/principal';
import { csrfTokenFor as csrf } from '../session';
import { errorPage, rolePage } from '../views/pages';
import { inboxPage, type InboxRow } from '../views/routing-views';
import { behandelaarFilter } from '../../cases/case-schemas';
import { offsetOf, pick, send, type WebContext } from './context';

const LIMIT = 25;
const inboxRoles = ['zorgmedewerker', 'verhuurmedewerker'] as const;

/** Each role's start page; the first of the reader's roles in this order wins. */
export const startPages: Partial<Record<Role, string>> = {
  consulent: '/app/casussen',
  zorgmedewerker: '/app/inbox',
  verhuurmedewerker: '/app/inbox',
  manager: '/app/dashboard',
  beheerder: '/app/beheer',
  privacy_officer: '/app/privacy',
};
export const startPageOf = (roles: readonly Role[]): string | undefined =>
  (Object.keys(startPages) as Role[]).filter((r) => roles.includes(r)).map((r) => startPages[r])[0];

/** The start page by role, and the inbox of the cases waiting on the professional's side. */
export function inboxPages(router: Router, { routing, audit }: WebContext) {
  router.get('/', (req, res) => {
    const p = principalOf(req);
    const start = startPageOf(p.roles);
    if (start) return res.redirect(303, start);
    // A role without a start page (one added later) gets what it may do, not a 403 that links to itself.
    send(res, rolePage({ principal: p, csrf: csrf(req), startPages }));
  });

  // Linked from every 403 page: what the reader's roles may do here, and where.
  router.get('/wat-u-kunt-doen', (req, res) =>
    send(res, rolePage({ principal: principalOf(req), csrf: csrf(req), startPages })),
  );

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
    // Team only, as GET /inbox takes it; a stale or unreadable value shows the unfiltered list.
    const behandelaar = lijst === 'team' ? behandelaarFilter.safeParse(req.query.behandelaar).data : undefined;
    const page = await routing.inbox(p, { lijst, rol, sorteer, richting, behandelaar, limit: LIMIT, offset });
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
        behandelaar,
        behandelaars: await routing.behandelaarKeuze(p),
      }),
    );
  });
}
