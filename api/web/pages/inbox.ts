import type { Router } from 'express';
import { principalOf } from '../../auth/authenticate';
import { csrfTokenFor as csrf } from '../session';
import { beheerPage, caseListPage, errorPage } from '../views/pages';
import { parameterOverzicht } from '../../beheer/parameters-service';
import type { CaseRowView } from '../views/components';
import { offsetOf, pick, send, type WebContext } from './context';

const LIMIT = 25;
const inboxRoles = ['zorgmedewerker', 'verhuurmedewerker'] as const;

const intro = {
  zorgmedewerker:
    'Casussen die wachten op de zorgkant: zorg en begeleiding, woonvorm of de bevestiging van de overdracht. ' +
    'De langst wachtende staan bovenaan.',
  verhuurmedewerker:
    'Casussen die wachten op de verhuurkant: buurt, aanbod, toewijzing of de overdracht. ' +
    'De langst wachtende staan bovenaan.',
};

/** The start page by role, and the inbox of the cases waiting on the professional's side. */
export function inboxPages(router: Router, { reader, audit, db }: WebContext) {
  router.get('/', async (req, res) => {
    const p = principalOf(req);
    // The beheerder's start page: the rule parameter sets and any year still without one.
    if (p.roles.includes('beheerder'))
      return send(res, beheerPage({ principal: p, csrf: csrf(req), ...(await parameterOverzicht(db)) }));
    if (p.roles.includes('consulent')) return res.redirect(303, '/app/casussen');
    if (inboxRoles.some((r) => p.roles.includes(r))) return res.redirect(303, '/app/inbox');
    if (p.roles.includes('manager')) return res.redirect(303, '/app/dashboard');
    const message = 'Met uw rol zijn er hier geen casussen te zien.';
    send(res, errorPage({ principal: p, csrf: csrf(req), status: 403, title: 'Geen casussen', message }), 403);
  });

  router.get('/inbox', async (req, res) => {
    const p = principalOf(req);
    const rol = pick(inboxRoles, req.query.rol) ?? inboxRoles.find((r) => p.roles.includes(r));
    const offset = offsetOf(req);
    const page = rol && p.roles.includes(rol) ? await reader.waitingOn(p, rol, { limit: LIMIT, offset }) : null;
    if (!rol || !page) {
      const message = 'Een inbox is er voor zorgmedewerkers en verhuurmedewerkers.';
      return send(res, errorPage({ principal: p, csrf: csrf(req), status: 403, title: 'Geen inbox', message }), 403);
    }
    const rows = page.items as unknown as CaseRowView[];
    await audit.record(req, p, 'list', rows.length ? rows.map((r) => r.id) : [null], 200);
    const zorg = rol === 'zorgmedewerker';
    send(
      res,
      caseListPage({
        principal: p,
        csrf: csrf(req),
        current: '/app/inbox',
        rows,
        total: page.total,
        offset,
        limit: LIMIT,
        query: new URLSearchParams(req.query.rol ? { rol } : {}),
        filters: false,
        title: zorg ? 'Inbox zorg' : 'Inbox verhuur',
        intro: intro[rol],
      }),
    );
  });
}
