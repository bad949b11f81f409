import express from 'express';
import type { Client } from '@temporalio/client';
import type { Db } from '../prisma/client';
import type { Logger } from '../platform/logger';
import { createCaseService } from './cases/case-service';
import { createMatchingService } from './woningen/matching-service';
import type { DraagkrachtParameters } from '../domain/rules/draagkracht';
import { errorHandler, HttpError } from './http/errors';
import { casesRouter } from './cases/cases-router';
import { docsRouter } from './http/docs-router';
import { healthRouter } from './http/health-router';
import { woningenRouter } from './woningen/woningen-router';
import { createAudit } from './audit/audit-log';
import { codecRouter } from './codec/codec-router';
import { parametersRouter } from './beheer/parameters-router';
import { beheerRouter } from './beheer/beheer-router';
import { reportsRouter } from './reports/reports-router';
import type { PayloadCodec } from '@temporalio/common';
import { authenticate, type AuthConfig } from './auth/authenticate';
import { webRouter } from './web/router';
import type { WebLogin } from './web/session';
import { createLimiters, defaultLimits, type RateLimits } from './http/rate-limits';

export interface AppDeps {
  client: Client;
  db: Db;
  log: Logger;
  namespace: string;
  taskQueue: string;
  stepTimeoutMs: number;
  draagkracht?: DraagkrachtParameters;
  auth: AuthConfig;
  /** The payload codec, served to the Temporal Web UI at /codec for privacy officers. */
  codec?: { codec: PayloadCodec; uiOrigin: string } | undefined;
  /** The local login page of the web app (only with the local token issuer, as under npm start). */
  webLogin?: WebLogin | undefined;
  /** Request limits (RATE_LIMIT_* in the environment); the defaults when absent. */
  limits?: RateLimits | undefined;
}

/** Builds the Express app without listening, so tests can drive it on any port. */
export function buildApp({ client, db, log, namespace, taskQueue, stepTimeoutMs, auth, codec, webLogin, limits = defaultLimits, draagkracht = { maxPlaatsingen: 3, periodeDagen: 365 } }: AppDeps) {
  const matching = createMatchingService({ db, draagkracht });
  const limit = createLimiters(db, limits);
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    // The route pattern, never the body or query: those may hold personal data.
    res.on('finish', () =>
      log.info({ method: req.method, route: req.route?.path ?? 'unmatched', status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 }, 'request'),
    );
    next();
  });
  app.use(limit.authFailures);
  app.use('/codec', limit.codec);
  if (codec) app.use(codecRouter(codec.codec, auth, codec.uiOrigin));
  app.use(express.json({ limit: '64kb', strict: true }));
  app.use(healthRouter(client, db, namespace));
  app.use(docsRouter());
  const cases = createCaseService({ client, db, matching, taskQueue, stepTimeoutMs });
  const audit = createAudit(db);
  // The web app (server-rendered pages) on the same services; its session cookie is verified like a bearer token.
  app.use('/app', webRouter({ cases, audit, db, auth, log, login: webLogin, limits: limit }));
  // Everything below needs a verified bearer token.
  app.use(authenticate(auth));
  app.post('/woningen/import', limit.imports);
  app.use('/reports', limit.reports);
  app.get('/cases/:id/matches', limit.matching);
  app.use(casesRouter(cases, audit));
  app.use(woningenRouter(db));
  app.use(parametersRouter(db, log));
  app.use(beheerRouter(db, log));
  app.use(reportsRouter(db, createAudit(db)));
  app.use((req, _res, next) => next(new HttpError(404, 'not_found', `no route ${req.method} ${req.path}`)));
  app.use(errorHandler(log));
  return app;
}
