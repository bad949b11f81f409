import { Client, Connection } from '@temporalio/client';
import { createDb } from '../prisma/client';
import { ConfigError, parseEnv } from '../platform/env';
import { createLogger } from '../platform/logger';
import { connectionOptionsFor, dataConverterFor } from '../platform/temporal';
import { buildApp } from './app';
import { referentieHasher } from '../platform/referentie-hash';
import { AesGcmPayloadCodec, parsePayloadKeys } from '../platform/payload-codec';
import { apiEnvSchema, listenHost, oidcConfigOf, temporalUiOrigins, trustProxySetting } from './config';
import { createOidcClient } from './auth/oidc-client';
import { createSealer } from './auth/seal';
import { localWebLogin } from './web/local-login';
import { createApiMetrics } from './ops/metrics';
import { serveMetrics } from './ops/metrics-server';
import { startTracing } from '../platform/tracing';
import { limitsFromEnv } from './http/rate-limits';

async function main() {
  const env = parseEnv(apiEnvSchema);
  const log = createLogger('api', env.LOG_LEVEL);
  const tracing = startTracing('toewijzing-api');
  const db = createDb(env.DATABASE_URL, env.DB_POOL_SIZE);
  // Lazy: the API starts (and /health reports) even while Temporal is still coming up.
  const connection = Connection.lazy(connectionOptionsFor(env));
  const client = new Client({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    dataConverter: dataConverterFor(env),
    ...(tracing ? { interceptors: tracing.clientInterceptors } : {}),
  });
  const metrics = createApiMetrics(db);
  const auth = {
    issuer: env.AUTH_ISSUER,
    audience: env.AUTH_AUDIENCE,
    jwksUrl: env.AUTH_JWKS_URL,
    jwksFile: env.AUTH_JWKS_FILE,
    maxTokenAge: env.AUTH_MAX_TOKEN_AGE,
    claims: {
      org: env.OIDC_CLAIM_ORG,
      roles: env.OIDC_CLAIM_ROLES,
      gemeente: env.OIDC_CLAIM_GEMEENTE,
      name: env.OIDC_CLAIM_NAME,
      email: env.OIDC_CLAIM_EMAIL,
    },
  };
  const oidcConfig = oidcConfigOf(env);
  const oidc = oidcConfig && {
    client: createOidcClient(oidcConfig),
    sealer: createSealer(
      parsePayloadKeys(env.PAYLOAD_KEYS).map((k) => k.key),
      'web-session',
    ),
  };
  // The login page that hands out any role only with the explicit switch (the schema refuses it in production).
  const webLogin = env.AUTH_MODE === 'local' ? localWebLogin(auth) : undefined;
  if (env.AUTH_MODE === 'local' && !webLogin) {
    throw new ConfigError(
      'AUTH_MODE=local needs the local issuer: AUTH_ISSUER/AUTH_AUDIENCE of the local issuer and AUTH_JWKS_FILE next to its signing-key.json (npm start sets these)',
    );
  }
  const app = buildApp({
    client,
    db,
    log,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    stepTimeoutMs: env.STEP_TIMEOUT_MS,
    referentieHash: referentieHasher(env),
    draagkracht: { maxPlaatsingen: env.DRAAGKRACHT_MAX_PLAATSINGEN, periodeDagen: env.DRAAGKRACHT_PERIODE_DAGEN },
    aanbodMaxTerugDagen: env.AANBOD_MAX_TERUG_DAGEN,
    nazorg: { vervolgMaanden: env.NAZORG_VERVOLG_MAANDEN, omklapHerinneringDagen: env.OMKLAP_HERINNERING_DAGEN },
    auth,
    sessions: { idleSeconds: env.SESSION_IDLE_MINUTES * 60, maxSeconds: env.SESSION_MAX_HOURS * 3600 },
    webLogin,
    oidc,
    pruneSessions: { everySeconds: 15 * 60, graceSeconds: 24 * 3600 },
    trustProxy: trustProxySetting(env.TRUST_PROXY),
    codec: {
      codec: new AesGcmPayloadCodec(parsePayloadKeys(env.PAYLOAD_KEYS)),
      uiOrigin: temporalUiOrigins(env),
      organisations: env.CODEC_ORGANISATIONS,
    },
    metrics,
    tracer: tracing?.tracer,
    limits: limitsFromEnv(env),
  });
  const metricsServer = env.METRICS_ADDRESS ? await listenMetrics(metrics.registry, env.METRICS_ADDRESS) : undefined;
  const host = listenHost(env);
  const onListen = (err?: Error) => {
    if (err) {
      console.error(
        `api cannot listen on ${host ?? '*'}:${env.PORT}: ${(err as NodeJS.ErrnoException).code ?? err.message}`,
      );
      process.exit(1);
    }
    log.info(
      { port: env.PORT, host: host ?? '*', authMode: env.AUTH_MODE },
      env.AUTH_MODE === 'local' ? 'api listening (local test sign-in: AUTH_MODE=local)' : 'api listening',
    );
  };
  const server = host ? app.listen(env.PORT, host, onListen) : app.listen(env.PORT, onListen);
  server.keepAliveTimeout = env.HTTP_KEEP_ALIVE_TIMEOUT_MS;
  // Must outlast keepAliveTimeout, or a reused connection can be cut while its next request's headers arrive.
  server.headersTimeout = env.HTTP_KEEP_ALIVE_TIMEOUT_MS + 1_000;

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'api stopping');
    metricsServer?.close();
    server.close(() => {
      // close() takes a plain callback: the shutdown's own failure must still end the process.
      void (async () => {
        await tracing?.shutdown().catch(() => undefined);
        await connection.close();
        await db.$disconnect();
      })().then(
        () => process.exit(0),
        (err: unknown) => {
          log.error({ err }, 'api stop failed');
          process.exit(1);
        },
      );
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

async function listenMetrics(registry: Parameters<typeof serveMetrics>[0], address: string) {
  const [host, port] = [
    address.slice(0, address.lastIndexOf(':')),
    Number(address.slice(address.lastIndexOf(':') + 1)),
  ];
  try {
    return await serveMetrics(registry, host, port);
  } catch (err) {
    console.error(
      `api cannot serve metrics on METRICS_ADDRESS ${address}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
    process.exit(1);
  }
}

main().catch((err) => {
  console.error(
    err instanceof ConfigError ? err.message : `api failed: ${(err as Error)?.name}: ${(err as Error)?.message}`,
  );
  process.exit(1);
});
