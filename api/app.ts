import express from 'express';
import type { Client } from '@temporalio/client';
import type { Db } from '../prisma/client';
import type { Logger } from '../platform/logger';
import { createCaseService } from './cases/case-service';
import { caseReader } from './cases/case-reader';
import { createMatchingService } from './woningen/matching-service';
import type { DraagkrachtParameters } from '../domain/rules/draagkracht';
import type { NazorgAfspraak } from '../domain/types';
import { errorHandler, HttpError } from './http/errors';
import { casesRouter } from './cases/cases-router';
import { docsRouter } from './http/docs-router';
import { healthRouter } from './http/health-router';
import { probesRouter } from './ops/probes-router';
import type { ApiMetrics } from './ops/metrics';
import type { Tracer } from '@opentelemetry/api';
import { httpTracing } from '../platform/tracing';
import { woningenRouter } from './woningen/woningen-router';
import { createWoningenService } from './woningen/woningen-service';
import { createAudit } from './audit/audit-log';
import { auditRefusals } from './audit/refusal-audit';
import { auditRouter } from './audit/audit-router';
import { codecRouter } from './codec/codec-router';
import { parametersRouter } from './beheer/parameters-router';
import { beheerRouter } from './beheer/beheer-router';
import { reportsRouter } from './reports/reports-router';
import type { PayloadCodec } from '@temporalio/common';
import { authenticate, principalOf, type AuthConfig } from './auth/authenticate';
import { createOrganisationRegister, requireRegisteredOrganisation } from './auth/organisation-register';
import { webRouter } from './web/router';
import type { WebLogin } from './web/session';
import type { OidcWeb } from './web/oidc-session';
import { startSessionPruning } from './auth/session-pruning';
import { securityHeaders } from './http/security-headers';
import { createSessionStore, defaultSessionPolicy, type SessionPolicy } from './auth/sessions';
import { createLimiters, defaultLimits, type RateLimits } from './http/rate-limits';
import { createRoutingService } from './routing/routing-service';
import { routingRouter } from './routing/routing-router';
import type { ReferentieHasher } from '../platform/referentie-hash';
import { notesRouter } from './notes/notes-router';
import { meldingenRouter } from './meldingen/meldingen-router';
import { createMeldingen } from './meldingen/meldingen-service';
import { createNotes } from './notes/notes-service';

export interface AppDeps {
  client: Client;
  db: Db;
  log: Logger;
  namespace: string;
  taskQueue: string;
  stepTimeoutMs: number;
  draagkracht?: DraagkrachtParameters;
  /** How many days before today an aanbod may be dated (AANBOD_MAX_TERUG_DAGEN; default 31). */
  aanbodMaxTerugDagen?: number | undefined;
  /** Nazorg follow-up months and the omklap reminder; the defaults of rules/nazorg when absent. */
  nazorg?: NazorgAfspraak | undefined;
  auth: AuthConfig;
  /** Web app sessions: idle timeout and absolute lifetime (default 30 min and 8 h). */
  sessions?: SessionPolicy | undefined;
  /** The payload codec, served to the Temporal Web UI at /codec for the operator's privacy officers (`organisations`). */
  codec?: { codec: PayloadCodec; uiOrigin: string | readonly string[]; organisations?: readonly string[] } | undefined;
  /** The local login page of the web app (only with AUTH_MODE=local, as under npm start). */
  webLogin?: WebLogin | undefined;
  /** Sign-in through the organisation's IdP in the web app (OIDC_* in the environment). */
  oidc?: Omit<OidcWeb, 'log'> | undefined;
  /** Deletes ended and expired auth_sessions rows on a timer (server.ts; tests call prune themselves). */
  pruneSessions?: { everySeconds: number; graceSeconds: number } | undefined;
  /** Express `trust proxy` (TRUST_PROXY): which proxy's X-Forwarded-Proto makes a request https. Default: none. */
  trustProxy?: boolean | number | string | undefined;
  /** Request limits (RATE_LIMIT_* in the environment); the defaults when absent. */
  limits?: RateLimits | undefined;
  /** Prometheus metrics (latency and status per route template); served on their own port by server.ts. */
  metrics?: ApiMetrics | undefined;
  /** OpenTelemetry: a server span per request, parent of the Temporal calls it makes. */
  tracer?: Tracer | undefined;
  /** The referentie hash the wijkteam searches on (platform/referentie-hash.ts), as the worker stores it. */
  referentieHash?: ReferentieHasher | undefined;
}

/** Builds the Express app without listening, so tests can drive it on any port. */
export function buildApp({
  client,
  db,
  log,
  namespace,
  taskQueue,
  stepTimeoutMs,
  auth,
  codec,
  webLogin,
  oidc,
  pruneSessions,
  metrics,
  tracer,
  referentieHash,
  limits = defaultLimits,
  trustProxy = false,
  sessions: sessionPolicy = defaultSessionPolicy,
  draagkracht = { maxPlaatsingen: 3, periodeDagen: 365 },
  aanbodMaxTerugDagen,
  nazorg,
}: AppDeps) {
  const matching = createMatchingService({ db, draagkracht, maxTerugDagen: aanbodMaxTerugDagen });
  const sessions = createSessionStore(db, sessionPolicy);
  if (pruneSessions) startSessionPruning(sessions, log, pruneSessions);
  const limit = createLimiters(db, limits);
  const audit = createAudit(db);
  const register = createOrganisationRegister(db);
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('trust proxy', trustProxy);
  if (tracer) app.use(httpTracing(tracer));
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    // The route pattern, never the body or query: those may hold personal data.
    res.on('finish', () =>
      log.info(
        {
          method: req.method,
          route: req.route?.path ?? 'unmatched',
          status: res.statusCode,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
        },
        'request',
      ),
    );
    next();
  });
  if (metrics) app.use(metrics.http);
  // Before everything that can refuse: every 4xx is in the audit log.
  app.use(auditRefusals(audit, log));
  app.use(securityHeaders());
  app.use(limit.authFailures);
  app.use('/codec', limit.codec);
  if (codec) {
    const access = { organisations: codec.organisations ?? [] };
    app.use(codecRouter(codec.codec, auth, codec.uiOrigin, { access, audit, revocations: sessions, register }));
  }
  app.use(express.json({ limit: '64kb', strict: true }));
  app.use(healthRouter(client, db, namespace));
  app.use(probesRouter(client, db, namespace));
  app.use(docsRouter());
  const cases = createCaseService({ client, db, matching, taskQueue, stepTimeoutMs, nazorg });
  const reader = caseReader(cases, audit, referentieHash);
  const meldingen = createMeldingen(db);
  const notes = createNotes(cases, reader, db, meldingen);
  const woningen = createWoningenService(db);
  const routing = createRoutingService(db, cases, reader);
  // The web app (server-rendered pages) on the same services; its session cookie is verified like a bearer token.
  app.use(
    '/app',
    webRouter({
      cases,
      reader,
      woningen,
      audit,
      db,
      routing,
      auth,
      log,
      sessions,
      register,
      login: webLogin,
      meldingen,
      notes,
      oidc: oidc && { ...oidc, log },
      limits: limit,
    }),
  );
  // Everything below needs a verified bearer token whose session has not ended.
  app.use(authenticate(auth, sessions));
  // The token's organisation must be in the register, active, and of a kind its roles fit (docs/access-and-audit.md).
  app.use(requireRegisteredOrganisation(register));
  app.post('/woningen/import', limit.imports);
  app.use('/reports', limit.reports);
  app.get('/cases/:id/matches', limit.matching);
  // Whoever records a step is kept as a user (name, e-mail from the token), so colleagues can pick them.
  app.post(
    '/cases/:id/steps/:step',
    (req, _res, next) => void routing.remember(principalOf(req)).then(() => next(), next),
  );
  app.use(casesRouter(cases, reader, audit));
  app.use(routingRouter(routing, audit));
  app.use(notesRouter(notes, audit));
  app.use(meldingenRouter(meldingen, audit));
  app.use(woningenRouter(woningen));
  app.use(parametersRouter(db, log));
  app.use(beheerRouter(db, log, register));
  app.use(reportsRouter(db, audit));
  app.use(auditRouter(db, audit));
  app.use((req, _res, next) => next(new HttpError(404, 'not_found', `geen route ${req.method} ${req.path}`)));
  app.use(errorHandler(log));
  return app;
}
