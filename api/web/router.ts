import { aanmeldingPages } from './pages/aanmelding';
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import type { Db } from '../../prisma/client';
import type { Logger } from '../../platform/logger';
import type { Audit } from '../audit/audit-log';
import type { AuthConfig } from '../auth/authenticate';
import type { CaseReader } from '../cases/case-reader';
import type { CaseService } from '../cases/case-service';
import { HttpError } from '../http/errors';
import type { WoningenService } from '../woningen/woningen-service';
import type { RoutingService } from '../routing/routing-service';
import { routingPages } from './pages/routing';
import type { Meldingen } from '../meldingen/meldingen-service';
import type { Notes } from '../notes/notes-service';
import { withMeldingenCount } from './meldingen-count';
import { meldingenPages } from './pages/meldingen';
import { notePages } from './pages/notes';
import { caseRenderers } from './pages/case-render';
import { casePages } from './pages/cases';
import { send, type WebContext } from './pages/context';
import { dashboardPages } from './pages/dashboard';
import { beheerPages } from './pages/beheer';
import { privacyPages } from './pages/privacy';
import { createBeheerService } from '../beheer/beheer-service';
import { errorPages } from './pages/errors';
import { inboxPages } from './pages/inbox';
import { loginPages } from './pages/login';
import { stepPages } from './pages/steps';
import { woningenPages } from './pages/woningen';
import type { SessionStore } from '../auth/sessions';
import type { Limiters } from '../http/rate-limits';
import { withLocalBanner } from './local-banner';
import { serveNlds, themeFromEnv, useTheme } from './theme';
import { csrfProblem, csrfTokenFor, sessionFromCookie, type WebLogin } from './session';
import { oidcSessionFromCookie, type OidcWeb } from './oidc-session';
import { oidcLoginPages } from './pages/oidc-login';
import type { OrganisationRegister } from '../auth/organisation-register';
import { organisationRefusal, refusalTekst } from '../auth/organisation-fit';
import { errorPage } from './views/pages';

export interface WebDeps {
  cases: CaseService;
  reader: CaseReader;
  woningen: WoningenService;
  audit: Audit;
  db: Db;
  routing: RoutingService;
  auth: AuthConfig;
  log: Logger;
  sessions: SessionStore;
  meldingen: Meldingen;
  notes: Notes;
  /** The organisation register: who may act for which organisation, and the names pages show. */
  register: OrganisationRegister;
  /** Present only with AUTH_MODE=local (npm start): enables the local login page and the banner on every page. */
  login?: WebLogin | undefined;
  /** Sign-in through the organisation's IdP (OIDC_* configured); never together with `login`. */
  oidc?: OidcWeb | undefined;
  /** Request limits on sign-in, imports, the dashboard's reports and matching (see http/rate-limits). */
  limits?: Pick<Limiters, 'signin' | 'imports' | 'reports' | 'matching'> | undefined;
}

/** Static files: next to this module in the source tree, or in the source tree when running from dist/. */
function staticDir(): string {
  const candidates = [
    path.join(__dirname, 'static'),
    path.resolve(__dirname, '..', '..', '..', 'api', 'web', 'static'),
  ];
  return candidates.find((d) => existsSync(path.join(d, 'app.css'))) ?? candidates[0]!;
}

/**
 * The web app under /app: a thin adapter over the same services as the JSON
 * routes. This module sets up what every page shares (headers, static files,
 * the session, CSRF) and composes the page groups in pages/.
 */
export function webRouter(deps: WebDeps): Router {
  const router = Router();
  const { cases, reader, woningen, audit, db, routing, meldingen, notes } = deps;
  const context: WebContext = {
    cases,
    reader,
    woningen,
    audit,
    db,
    routing,
    meldingen,
    notes,
    register: deps.register,
  };

  // Security headers (CSP, frame, referrer) come from helmet app-wide: api/http/security-headers.ts.
  if (deps.login) router.use(withLocalBanner);
  // The one thing that may be cached: static js/css, no case data (everything else is no-store, app-wide).
  router.use(
    '/static',
    (_req, res, next) => (res.removeHeader('Cache-Control'), next()),
    express.static(staticDir(), { maxAge: '1h', index: false }),
  );
  // NL Design System CSS and the deployment's tokens, from node_modules (no CDN).
  const theme = themeFromEnv();
  useTheme(theme);
  serveNlds(router, theme);
  router.use(
    deps.oidc ? oidcSessionFromCookie(deps.oidc, deps.sessions, db) : sessionFromCookie(deps.auth, deps.sessions),
  );
  router.use(express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 300 }));
  if (deps.limits) {
    router.post('/inloggen', deps.limits.signin);
    router.get(['/inloggen/start', '/inloggen/terug'], deps.limits.signin);
    router.post('/woningen/import', deps.limits.imports);
    router.get('/dashboard', deps.limits.reports);
    router.get('/casussen/:id/woningen', deps.limits.matching);
  }

  if (deps.oidc) oidcLoginPages(router, deps.oidc, deps.sessions, db);
  else loginPages(router, deps.login, deps.sessions, deps.register, db);

  // Everything below needs a session.
  router.use((req, res, next) => {
    if (req.principal) return next();
    if (req.method === 'GET') {
      const query = new URLSearchParams();
      if (req.originalUrl.startsWith('/app')) query.set('terug', req.originalUrl);
      if (res.locals.sessionEnded) query.set('sessie', res.locals.sessionEnded as string);
      return res.redirect(303, `/app/inloggen${query.size ? `?${query}` : ''}`);
    }
    const message = (res.locals.sessionProblem as string | undefined) ?? 'Log eerst in.';
    send(res, errorPage({ status: 401, title: 'Niet ingelogd', message }), 401);
  });
  // The same register check as the API, as a Dutch page that still lets the user sign out.
  router.use((req, res, next) => {
    const p = req.principal!;
    deps.register.find(p.org).then((org) => {
      const refusal = organisationRefusal(p, org);
      // Pages show the organisation's name from the register (header and all).
      if (!refusal) return ((req.principal = { ...p, orgNaam: org!.naam }), next());
      const page = errorPage({
        principal: p,
        csrf: csrfTokenFor(req),
        status: 403,
        title: 'Geen toegang voor uw organisatie',
        message: refusalTekst(refusal, p.org),
        withoutHome: true,
      });
      send(res, page, 403);
    }, next);
  });
  // CSRF for every form post; the import checks after reading its multipart body.
  router.use((req, _res, next) => {
    if (req.method !== 'POST' || req.path === '/woningen/import') return next();
    if (csrfProblem(req)) return next(new HttpError(403, 'csrf', 'csrf'));
    next();
  });

  router.use(withMeldingenCount(meldingen));

  const render = caseRenderers(context);
  inboxPages(router, context);
  routingPages(router, context, render);
  aanmeldingPages(router, context);
  casePages(router, context, render);
  stepPages(router, context, render);
  woningenPages(router, context);
  dashboardPages(router, context);
  meldingenPages(router, context);
  notePages(router, context, render);
  beheerPages(router, context, createBeheerService(db, deps.log, deps.register));
  privacyPages(router, context);
  errorPages(router, deps.log);
  return router;
}
