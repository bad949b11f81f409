import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Db } from '../../prisma/client';
import { woningaanbodRepository, WoningHeldError } from '../../prisma/woningaanbod-repository';
import { turnOf } from '../../domain/steps';
import { aanmeldingSchema } from '../../domain/schemas';
import { doelgroepen, fasen, stepNames, woningStatussen, type CaseState, type StepName } from '../../domain/types';
import type { Logger } from '../../platform/logger';
import { actorFrom } from '../auth/actor';
import type { Audit } from '../audit/audit-log';
import { canReadCase, listScope, viewOf, type CaseParties } from '../auth/access-policy';
import type { AuthConfig } from '../auth/authenticate';
import { shapeCase } from '../auth/case-view';
import { claimsSchema, type Principal } from '../auth/principal';
import type { CaseService } from '../cases/case-service';
import { HttpError } from '../http/errors';
import { toWoningBody } from '../woningen/woningen-router';
import { aanbodRequestSchema, apiStepSchemas } from '../cases/case-schemas';
import { parseWoningCsv } from '../woningen/woning-import';
import { echo, fieldErrors, readForm, type FieldErrors } from './forms';
import { parseMultipart } from './multipart';
import { dashboardRoutes } from './dashboard';
import { clearSessionCookie, csrfProblem, csrfTokenFor, sessionFromCookie, setSessionCookie, type WebLogin } from './session';
import type { Limiters } from '../http/rate-limits';
import { aanmeldingFields, formatMessages, stepForms } from './step-forms';
import { casePage, handoverPage, type CaseDetail, type StepFormState } from './views/case-page';
import type { CaseRowView } from './views/components';
import { caseListPage, errorPage, loginPage, matchesPage, newCasePage, noLoginPage, woningenPage } from './views/pages';

export interface WebDeps {
  cases: CaseService;
  audit: Audit;
  db: Db;
  auth: AuthConfig;
  log: Logger;
  /** Present only when the app runs with the local token issuer (npm start): enables the local login page. */
  login?: WebLogin | undefined;
  /** Extra pages mounted under /app by other modules (e.g. the manager dashboard). */
  extra?: (router: Router, helpers: WebHelpers) => void;
  /** Request limits on sign-in, imports, the dashboard's reports and matching (see http/rate-limits). */
  limits?: Pick<Limiters, 'signin' | 'imports' | 'reports' | 'matching'> | undefined;
}

export interface WebHelpers {
  principal(req: Request): Principal;
  csrf(req: Request): string;
}

/** Static files: next to this module in the source tree, or in the source tree when running from dist/. */
function staticDir(): string {
  const candidates = [path.join(__dirname, 'static'), path.resolve(__dirname, '..', '..', '..', 'api', 'web', 'static')];
  return candidates.find((d) => existsSync(path.join(d, 'app.css'))) ?? candidates[0]!;
}

const caseId = z.uuid();

/** Dutch for the API's refusals; the API's own message (rules and steps only, never personal data) follows where useful. */
function dutchRefusal(err: HttpError): string {
  switch (err.code) {
    case 'step_out_of_turn':
      return 'Deze stap kan nu niet: de casus is intussen verder gegaan. Hieronder staat de actuele stand.';
    case 'case_closed':
      return 'De casus is afgesloten; er kan niets meer worden vastgelegd.';
    case 'step_forbidden':
    case 'forbidden':
      return 'U mag deze stap niet vastleggen voor deze casus.';
    case 'rule_violation':
      return `Een regel staat dit niet toe: ${err.message}.`;
    case 'idempotency_key_reused':
      return 'Dit formulier is al eens met andere gegevens verstuurd. Laad de pagina opnieuw en vul het opnieuw in.';
    case 'woning_unavailable':
      return 'Deze woning is niet meer vrij. Kies een andere woning.';
    case 'unknown_woning':
      return 'Deze woning bestaat niet (meer). Kies een andere woning.';
    case 'step_pending':
      return 'Het vastleggen duurt langer dan verwacht. Verstuur het formulier nog een keer: het wordt maar één keer vastgelegd.';
    case 'too_many_requests': {
      const seconds = Number(err.extra.retryAfterSeconds) || 0;
      const wacht = seconds > 90 ? `ongeveer ${Math.ceil(seconds / 60)} minuten` : seconds > 0 ? `${seconds} seconden` : 'even';
      return `Dit is te vaak achter elkaar geprobeerd. Wacht ${wacht} en probeer het dan opnieuw.`;
    }
    case 'unavailable':
      return 'Het systeem is even niet bereikbaar. Probeer het zo nog eens; het formulier wordt maar één keer vastgelegd.';
    default:
      return 'Dit kon niet worden vastgelegd.';
  }
}

const doneText = (step: string) => {
  const spec = (stepForms as Record<string, { submit: string }>)[step];
  return spec ? `Gelukt: ${spec.submit.charAt(0).toLowerCase()}${spec.submit.slice(1)} is vastgelegd.` : 'Gelukt: vastgelegd.';
};

export function webRouter(deps: WebDeps): Router {
  const { cases, audit, db, log } = deps;
  const woningen = woningaanbodRepository(db);
  const router = Router();

  router.use((_req, res, next) => {
    res.set({
      'Content-Security-Policy': "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'same-origin',
      'X-Frame-Options': 'DENY',
    });
    next();
  });
  router.use('/static', express.static(staticDir(), { maxAge: '1h', index: false }));
  router.use(sessionFromCookie(deps.auth));
  router.use(express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 300 }));
  if (deps.limits) {
    router.post('/inloggen', deps.limits.signin);
    router.post('/woningen/import', deps.limits.imports);
    router.get('/dashboard', deps.limits.reports);
    router.get('/casussen/:id/woningen', deps.limits.matching);
  }

  const send = (res: Response, body: string, status = 200) => {
    res.status(status).set('Cache-Control', 'no-store').type('html').send(body);
  };
  const helpers: WebHelpers = {
    principal: (req) => {
      if (!req.principal) throw new HttpError(401, 'unauthorized', 'login required');
      return req.principal;
    },
    csrf: (req) => csrfTokenFor(req),
  };
  const { principal, csrf } = helpers;

  // ---- Login (local issuer only) and logout ----
  router.get('/inloggen', (req, res) => {
    if (req.principal) return res.redirect(303, '/app');
    send(res, deps.login ? loginPage({ sessionProblem: res.locals.sessionProblem as string | undefined }) : noLoginPage(), deps.login ? 200 : 401);
  });
  router.post('/inloggen', async (req, res) => {
    if (!deps.login) return send(res, noLoginPage(), 404);
    const origin = req.get('origin');
    if (origin && origin !== 'null' && new URL(origin).host !== req.get('host')) throw new HttpError(403, 'forbidden', 'cross-origin login');
    const b = req.body as Record<string, string>;
    const claims = claimsSchema.safeParse({ sub: b.sub?.trim(), org: b.org?.trim(), roles: b.role ? [b.role] : [], gemeente: b.gemeente?.trim() || undefined });
    if (!claims.success) {
      return send(res, loginPage({ error: 'Vul een gebruikerscode (letters, cijfers, . _ : -), een organisatiecode (kleine letters, cijfers, streepjes) en een rol in.', values: echo(b) }), 400);
    }
    setSessionCookie(req, res, await deps.login.sign(claims.data));
    res.redirect(303, '/app');
  });
  router.post('/uitloggen', (req, res) => {
    if (req.principal && csrfProblem(req)) throw new HttpError(403, 'csrf', 'csrf');
    clearSessionCookie(req, res);
    res.redirect(303, '/app/inloggen');
  });

  // ---- Everything below needs a session ----
  router.use((req, res, next) => {
    if (req.principal) return next();
    if (req.method === 'GET') {
      const terug = req.originalUrl.startsWith('/app') ? `?terug=${encodeURIComponent(req.originalUrl)}` : '';
      return res.redirect(303, `/app/inloggen${terug}`);
    }
    send(res, errorPage({ status: 401, title: 'Niet ingelogd', message: res.locals.sessionProblem ?? 'Log eerst in.' }), 401);
  });
  // CSRF for every form post; the import checks after reading its multipart body.
  router.use((req, _res, next) => {
    if (req.method !== 'POST' || req.path === '/woningen/import') return next();
    if (csrfProblem(req)) return next(new HttpError(403, 'csrf', 'csrf'));
    next();
  });

  router.get('/', (req, res) => {
    const p = principal(req);
    if (p.roles.includes('consulent')) return res.redirect(303, '/app/casussen');
    if (p.roles.includes('zorgmedewerker') || p.roles.includes('verhuurmedewerker')) return res.redirect(303, '/app/inbox');
    if (p.roles.includes('manager')) return res.redirect(303, '/app/dashboard');
    send(res, errorPage({ principal: p, csrf: csrf(req), status: 403, title: 'Geen casussen', message: 'Met uw rol zijn er hier geen casussen te zien.' }), 403);
  });

  // ---- Lists ----
  const limit = 25;
  const offsetOf = (req: Request) => Math.min(1_000_000, Math.max(0, Number.parseInt(String(req.query.offset ?? '0'), 10) || 0));
  const pick = <T extends readonly string[]>(values: T, v: unknown) => (typeof v === 'string' && (values as readonly string[]).includes(v) ? (v as T[number]) : undefined);

  function rowsFor(p: Principal, items: Array<{ id: string; gemeente: string; partijen: CaseParties & object } & Record<string, unknown>>): CaseRowView[] {
    return items.map((item) => shapeCase(item, viewOf(p, { ...item.partijen, gemeente: item.gemeente })) as unknown as CaseRowView);
  }

  router.get('/casussen', async (req, res) => {
    const p = principal(req);
    const scope = listScope(p);
    const offset = offsetOf(req);
    const filter = { status: pick(['lopend', 'afgesloten'] as const, req.query.status), fase: pick(fasen, req.query.fase), doelgroep: pick(doelgroepen, req.query.doelgroep) };
    const page = scope ? await cases.list(filter, { limit, offset }, scope) : { items: [], total: 0 };
    const rows = rowsFor(p, page.items.map((i) => ({ ...i, partijen: { ...i.partijen, gemeente: i.gemeente } })));
    await audit.record(req, p, 'list', rows.length ? rows.map((r) => r.id) : [null], 200);
    const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v) as Array<[string, string]>);
    const consulent = p.roles.includes('consulent');
    send(res, caseListPage({
      principal: p, csrf: csrf(req), current: '/app/casussen', rows, total: page.total, offset, limit, query, filters: true,
      title: consulent ? 'Mijn casussen' : 'Alle casussen',
      intro: consulent ? 'De casussen van uw wijkteam: de stap waar ze staan, wie aan zet is en hoe lang de stap al duurt tegen de norm.' : 'De casussen waarin uw organisatie partij is.',
      flash: req.query.gedaan === 'aanmelding' ? 'Gelukt: de aanmelding is verstuurd.' : undefined,
    }));
  });

  router.get('/inbox', async (req, res) => {
    const p = principal(req);
    const rol = pick(['zorgmedewerker', 'verhuurmedewerker'] as const, req.query.rol) ?? (p.roles.includes('zorgmedewerker') ? 'zorgmedewerker' : p.roles.includes('verhuurmedewerker') ? 'verhuurmedewerker' : undefined);
    const scope = listScope(p);
    if (!rol || !p.roles.includes(rol) || !scope) {
      return send(res, errorPage({ principal: p, csrf: csrf(req), status: 403, title: 'Geen inbox', message: 'Een inbox is er voor zorgmedewerkers en verhuurmedewerkers.' }), 403);
    }
    const offset = offsetOf(req);
    const page = await cases.waitingOn(rol, scope, { limit, offset });
    const items = page.items.map((i) => ({ ...i, partijen: { ...i.partijen, gemeente: i.gemeente } }));
    const rows = rowsFor(p, items);
    await audit.record(req, p, 'list', rows.length ? rows.map((r) => r.id) : [null], 200);
    const zorg = rol === 'zorgmedewerker';
    send(res, caseListPage({
      principal: p, csrf: csrf(req), current: '/app/inbox', rows, total: page.total, offset, limit,
      query: new URLSearchParams(req.query.rol ? { rol } : {}), filters: false,
      title: zorg ? 'Inbox zorg' : 'Inbox verhuur',
      intro: zorg ? 'Casussen die wachten op de zorgkant: zorg en begeleiding, woonvorm of de bevestiging van de overdracht. De langst wachtende staan bovenaan.' : 'Casussen die wachten op de verhuurkant: buurt, aanbod, toewijzing of de overdracht. De langst wachtende staan bovenaan.',
    }));
  });

  // ---- New aanmelding ----
  router.get('/casussen/nieuw', (req, res) => {
    const p = principal(req);
    send(res, newCasePage({ principal: p, csrf: csrf(req), values: { gemeente: p.gemeente ?? '', persoon: { huishoudgrootte: 1 } }, errors: {} }));
  });
  router.post('/casussen/nieuw', async (req, res) => {
    const p = principal(req);
    const body = req.body as Record<string, unknown>;
    const key = typeof body._key === 'string' && /^[A-Za-z0-9._:-]{8,128}$/.test(body._key) ? body._key : undefined;
    const values = echo(body);
    const form = readForm(aanmeldingFields, body);
    const parsed = aanmeldingSchema.safeParse(form);
    if (!parsed.success) {
      return send(res, newCasePage({ principal: p, csrf: csrf(req), values, errors: fieldErrors(parsed.error, formatMessages), key }), 400);
    }
    try {
      const actor = actorFrom(req, ['consulent']);
      const reply = await cases.start(parsed.data, actor, key);
      const id = (reply.body as { caseId?: string }).caseId ?? null;
      await audit.record(req, p, 'write', [id], reply.status);
      res.redirect(303, id ? `/app/casussen/${id}?gedaan=aanmelding` : '/app/casussen');
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      await audit.record(req, p, 'write', [null], err.status);
      send(res, newCasePage({ principal: p, csrf: csrf(req), values, errors: {}, general: dutchRefusal(err), key }), err.status);
    }
  });

  // ---- One case ----
  async function loadCase(req: Request, p: Principal, id: string, allowed: (p: Principal, c: CaseParties, s: CaseState) => boolean = canReadCase) {
    const found = caseId.safeParse(id).success ? await cases.parties(id) : null;
    if (!found || !allowed(p, found.parties, found.state)) {
      await audit.record(req, p, 'read', [found ? id : null], 404);
      throw new HttpError(404, 'not_found', 'case not found');
    }
    return found;
  }
  async function detail(p: Principal, id: string, parties: CaseParties) {
    const view = viewOf(p, parties);
    return { c: shapeCase(await cases.get(id), view) as unknown as CaseDetail, view };
  }

  async function renderCase(req: Request, res: Response, id: string, o: { form?: StepFormState; flash?: string; status?: number } = {}) {
    const p = principal(req);
    const { parties } = await loadCase(req, p, id);
    const { c, view } = await detail(p, id, parties);
    await audit.record(req, p, 'read', [id], o.status ?? 200);
    send(res, casePage({ principal: p, csrf: csrf(req), c, view, form: o.form, flash: o.flash }), o.status ?? 200);
  }

  router.get('/casussen/:id', async (req, res) => {
    const gedaan = typeof req.query.gedaan === 'string' ? req.query.gedaan : undefined;
    await renderCase(req, res, req.params.id as string, { flash: gedaan === 'aanmelding' ? 'Gelukt: de aanmelding is verstuurd. De volgende stap is de vraag.' : gedaan ? doneText(gedaan) : undefined });
  });

  router.get('/casussen/:id/overdracht', async (req, res) => {
    const p = principal(req);
    const id = req.params.id as string;
    const { parties } = await loadCase(req, p, id);
    const { c } = await detail(p, id, parties);
    await audit.record(req, p, 'read', [id], 200);
    send(res, handoverPage({ principal: p, csrf: csrf(req), c, flash: req.query.gedaan ? doneText(String(req.query.gedaan)) : undefined }));
  });

  const verhuurVan = (pr: Principal, c: CaseParties) => canReadCase(pr, c) && pr.roles.includes('verhuurmedewerker') && pr.org === c.corporatie;

  async function renderMatches(req: Request, res: Response, id: string, o: { errors?: FieldErrors; general?: string; values?: Record<string, unknown>; status?: number } = {}) {
    const p = principal(req);
    const { state } = await loadCase(req, p, id, verhuurVan);
    const showExcluded = req.query.uitgesloten === 'ja';
    let result;
    try {
      result = await cases.matches(state, { limit: 20, uitgesloten: showExcluded });
    } catch (err) {
      if (err instanceof HttpError && err.status === 409) {
        await audit.record(req, p, 'read', [id], 409);
        return res.redirect(303, `/app/casussen/${id}`);
      }
      throw err;
    }
    await audit.record(req, p, 'read', [id], o.status ?? 200);
    send(res, matchesPage({ principal: p, csrf: csrf(req), caseId: id, result, showExcluded, errors: o.errors ?? {}, general: o.general, values: o.values ?? {} }), o.status ?? 200);
  }
  router.get('/casussen/:id/woningen', async (req, res) => renderMatches(req, res, req.params.id as string));

  router.post('/casussen/:id/stappen/:step', async (req, res) => {
    const p = principal(req);
    const id = req.params.id as string;
    const step = req.params.step as StepName;
    if (!(stepNames as readonly string[]).includes(step)) throw new HttpError(404, 'not_found', 'no such step');
    const body = req.body as Record<string, unknown>;
    const key = typeof body._key === 'string' && /^[A-Za-z0-9._:-]{8,128}$/.test(body._key) ? body._key : undefined;
    const terug = req.query.terug === 'overdracht' ? 'overdracht' : undefined;
    const { state } = await loadCase(req, p, id, (pr, c, s) => canReadCase(pr, c) || canClaim(pr, step, s));

    const input = step === 'aanbod' ? readForm([{ kind: 'text', name: 'woningId', label: '' }, { kind: 'date', name: 'bezichtigingOp', label: '' }], body) : readFormFor(step, body);
    const schema = step === 'aanbod' ? aanbodRequestSchema : apiStepSchemas[step];
    const parsed = schema.safeParse(input);
    const refuse = async (errors: FieldErrors, general: string | undefined, status: number) => {
      if (step === 'aanbod') {
        return renderMatches(req, res, id, { errors: step === 'aanbod' && errors.woningId ? { woningId: 'Kies een woning.' , ...errors } : errors, general, values: echo(body), status });
      }
      if (terug === 'overdracht') {
        const { c } = await detail(p, id, (await loadCase(req, p, id)).parties);
        return send(res, handoverPage({ principal: p, csrf: csrf(req), c, form: { step, values: {}, errors, general, key } }), status);
      }
      return renderCase(req, res, id, { form: { step, values: echo(body), errors, general, key }, status });
    };
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error, formatMessages);
      if (step === 'aanbod' && errors.woningId) errors.woningId = 'Kies een woning.';
      await audit.record(req, p, 'write', [id], 400);
      return refuse(errors, undefined, 400);
    }
    try {
      const actor = actorFrom(req, turnOf(state).stappen.find((s) => s.step === step)?.rollen.map((r) => r.rol) ?? []);
      const reply = await cases.recordStep(state, step, parsed.data, actor, key);
      await audit.record(req, p, 'write', [id], reply.status);
      res.redirect(303, `/app/casussen/${id}${terug ? '/overdracht' : ''}?gedaan=${step}`);
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      await audit.record(req, p, 'write', [id], err.status);
      return refuse({}, dutchRefusal(err), err.status);
    }
  });

  // ---- Woningaanbod ----
  const verhuurmedewerker = (p: Principal) => {
    if (!p.roles.includes('verhuurmedewerker')) throw new HttpError(403, 'forbidden', 'verhuurmedewerker only');
  };
  async function renderWoningen(req: Request, res: Response, extra: { importResult?: Parameters<typeof woningenPage>[0]['importResult']; importError?: string; status?: number } = {}) {
    const p = principal(req);
    verhuurmedewerker(p);
    const status = pick(woningStatussen, req.query.status);
    const offset = offsetOf(req);
    const { items, total } = await woningen.list({ corporatie: p.org, status }, { limit: 50, offset });
    const rows = items.map(toWoningBody);
    send(res, woningenPage({ principal: p, csrf: csrf(req), rows, total, offset, limit: 50, query: new URLSearchParams(status ? { status } : {}), ...extra }), extra.status ?? 200);
  }
  router.get('/woningen', (req, res) => renderWoningen(req, res));
  router.post(
    '/woningen/import',
    (req, _res, next) => {
      verhuurmedewerker(principal(req));
      next();
    },
    express.raw({ type: 'multipart/form-data', limit: '5mb' }),
    async (req, res) => {
      const p = principal(req);
      let fields: Record<string, string>;
      try {
        fields = Buffer.isBuffer(req.body) ? parseMultipart(req.body, req.get('content-type') ?? '') : {};
      } catch {
        fields = {};
      }
      req.body = fields;
      if (csrfProblem(req)) throw new HttpError(403, 'csrf', 'csrf');
      const csv = fields.bestand ?? '';
      if (!csv.trim()) return renderWoningen(req, res, { importError: 'Kies een CSV-bestand om te importeren.', status: 400 });
      let parsed;
      try {
        parsed = await parseWoningCsv(csv);
      } catch (err) {
        if (!(err instanceof HttpError)) throw err;
        const missing = ((err.extra.fields ?? []) as Array<{ field: string; problem: string }>).map((f) => `${f.field} (${f.problem})`);
        return renderWoningen(req, res, { importError: `Het bestand klopt niet als geheel: ${err.message}${missing.length ? `. Kolommen: ${missing.join(', ')}` : ''}.`, status: 400 });
      }
      const { created, updated, refused } = await woningen.importRows(p.org, parsed.rows);
      const errors = [...parsed.errors];
      for (const { row, error } of refused) {
        errors.push({ row, field: 'referentie', problem: error instanceof WoningHeldError ? 'de woning is vastgelegd voor een casus; de mutatie kan pas als de casus hem vrijgeeft' : error.message });
      }
      errors.sort((a, b) => a.row - b.row);
      renderWoningen(req, res, { importResult: { created, updated, rejected: new Set(errors.map((e) => e.row)).size, errors } });
    },
  );

  dashboardRoutes(router, { db, audit, helpers });
  deps.extra?.(router, helpers);

  // ---- Errors as pages ----
  router.use((req, res) => {
    send(res, errorPage({ principal: req.principal, csrf: req.principal ? csrf(req) : undefined, status: 404, title: 'Pagina niet gevonden', message: 'Deze pagina bestaat niet, of u mag hem niet zien.' }), 404);
  });
  router.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const p = req.principal;
    const c = p ? csrf(req) : undefined;
    if (err instanceof HttpError) {
      if (err.status === 401) return res.redirect(303, '/app/inloggen');
      const title = err.status === 429 ? 'Even wachten' : err.status === 404 ? 'Niet gevonden' : err.code === 'csrf' ? 'Formulier verlopen' : err.status === 403 ? 'Geen toegang' : err.status === 503 ? 'Even niet bereikbaar' : 'Dat lukte niet';
      const message =
        err.status === 404 ? 'Deze casus of pagina bestaat niet, of u mag hem niet zien.'
          : err.code === 'csrf' ? 'Het formulier kon niet worden gecontroleerd. Ga terug, laad de pagina opnieuw en probeer het nog eens.'
            : err.status === 403 ? 'U hebt geen toegang tot deze pagina met uw rol.'
              : dutchRefusal(err);
      return send(res, errorPage({ principal: p, csrf: c, status: err.status, title, message }), err.status);
    }
    const status = (err as { status?: number }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return send(res, errorPage({ principal: p, csrf: c, status, title: 'Dat lukte niet', message: status === 413 ? 'Het bestand of formulier is te groot.' : 'Het verzoek kon niet worden gelezen.' }), status);
    }
    const frames = (err as Error)?.stack?.split('\n').filter((l) => l.trimStart().startsWith('at ')).slice(0, 8);
    log.error({ path: req.route?.path, err: { name: (err as Error)?.name, code: (err as { code?: unknown })?.code, frames } }, 'web page error');
    send(res, errorPage({ principal: p, csrf: c, status: 500, title: 'Er ging iets mis', message: 'Er ging iets mis aan onze kant. Probeer het later nog eens.' }), 500);
  });
  return router;
}

function readFormFor(step: Exclude<StepName, 'aanbod'>, body: Record<string, unknown>) {
  const spec = stepForms[step];
  const form = readForm(spec.fields, body);
  return spec.toBody ? spec.toBody(form) : form;
}

/** Whether `p` may take an open side of the case (no organisation yet) by recording `step` (as the API's cases router). */
function canClaim(p: Principal, step: StepName, state: CaseState): boolean {
  const open = turnOf(state).stappen.find((s) => s.step === step)?.rollen.filter((r) => r.organisatie === undefined) ?? [];
  return open.some((r) => p.roles.includes(r.rol));
}
