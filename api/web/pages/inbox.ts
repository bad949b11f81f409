import type { Router } from 'express';
import { principalOf } from '../../auth/authenticate';
import { csrfTokenFor as csrf } from '../session';
import { caseListPage, errorPage, rolePage } from '../views/pages';
import type { CaseRowView } from '../views/components';
import { namesFor } from '../names';
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
export function inboxPages(router: Router, { reader, audit, register }: WebContext) {
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
        naam: await namesFor(
          register,
          rows.flatMap((r) => [r.partijen.wijkteam, r.partijen.zorginstelling, r.partijen.corporatie]),
        ),
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
