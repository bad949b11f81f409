import { Client, Connection } from '@temporalio/client';
import { createDb } from '../prisma/client';
import { ConfigError, parseEnv } from '../platform/env';
import { createLogger } from '../platform/logger';
import { connectionOptionsFor, dataConverterFor } from '../platform/temporal';
import { buildApp } from './app';
import { AesGcmPayloadCodec, parsePayloadKeys } from '../platform/payload-codec';
import { apiEnvSchema } from './config';
import { localWebLogin } from './web/local-login';
import { limitsFromEnv } from './http/rate-limits';

async function main() {
  const env = parseEnv(apiEnvSchema);
  const log = createLogger('api', env.LOG_LEVEL);
  const db = createDb(env.DATABASE_URL, env.DB_POOL_SIZE);
  // Lazy: the API starts (and /health reports) even while Temporal is still coming up.
  const connection = Connection.lazy(connectionOptionsFor(env));
  const client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE, dataConverter: dataConverterFor(env) });
  const app = buildApp({
    client,
    db,
    log,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    stepTimeoutMs: env.STEP_TIMEOUT_MS,
    draagkracht: { maxPlaatsingen: env.DRAAGKRACHT_MAX_PLAATSINGEN, periodeDagen: env.DRAAGKRACHT_PERIODE_DAGEN },
    auth: { issuer: env.AUTH_ISSUER, audience: env.AUTH_AUDIENCE, jwksUrl: env.AUTH_JWKS_URL, jwksFile: env.AUTH_JWKS_FILE },
    webLogin: localWebLogin({ issuer: env.AUTH_ISSUER, audience: env.AUTH_AUDIENCE, jwksUrl: env.AUTH_JWKS_URL, jwksFile: env.AUTH_JWKS_FILE }),
    codec: { codec: new AesGcmPayloadCodec(parsePayloadKeys(env.PAYLOAD_KEYS)), uiOrigin: env.TEMPORAL_UI_ORIGIN },
    limits: limitsFromEnv(env),
  });
  const server = app.listen(env.PORT, (err?: Error) => {
    if (err) {
      console.error(`api cannot listen on PORT ${env.PORT}: ${(err as NodeJS.ErrnoException).code ?? err.message}`);
      process.exit(1);
    }
    log.info({ port: env.PORT }, 'api listening');
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'api stopping');
    server.close(async () => {
      await connection.close();
      await db.$disconnect();
      process.exit(0);
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : `api failed: ${(err as Error)?.name}: ${(err as Error)?.message}`);
  process.exit(1);
});
