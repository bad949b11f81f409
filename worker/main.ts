import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import { createDb } from '../prisma/client';
import { checkNotificationEnv, ConfigError, notificationEnvShape, parseEnv, sharedEnvSchema } from '../platform/env';
import { createNotifier } from '../activities/notifications';
import { createLogger } from '../platform/logger';
import { Client, Connection } from '@temporalio/client';
import { z } from 'zod';
import { connectionOptionsFor, dataConverterFor } from '../platform/temporal';
import { createCaseWorker } from './create-worker';
import { ensureRetentionSchedule } from './retention-schedule';
import { startTracing } from '../platform/tracing';

const workerEnvSchema = sharedEnvSchema
  .extend({
    /** Days after closure before a case's personal fields leave the read model. */
    RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
    /** Open cases kept in memory (about 0.2 MB each, docs/performance.md); the rest are replayed from history on their next task. */
    WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).max(100_000).default(1000),
    /**
     * Workflow tasks one worker takes at once (unset: the SDK's 40). On a saturated worker, fewer keeps tasks waiting
     * on the server, where no timeout runs, rather than in the worker past their 10 s timeout (docs/performance.md).
     */
    WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: z.coerce.number().int().min(2).max(1000).optional(),
    /** `on`: the SDK's `__stack_trace` query (Temporal UI's stack trace), at 2–3 ms of CPU per step (docs/performance.md). */
    WORKER_WORKFLOW_STACK_TRACES: z.enum(['on', 'off']).default('off'),
    DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    ...notificationEnvShape,
  })
  .superRefine(checkNotificationEnv);

const sdkLogLevel: Record<string, LogLevel> = {
  trace: 'TRACE',
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARN',
  error: 'ERROR',
  fatal: 'ERROR',
  silent: 'ERROR',
};

async function main() {
  const env = parseEnv(workerEnvSchema);
  const log = createLogger('worker', env.LOG_LEVEL);
  // Worker.run() stops polling on SIGINT/SIGTERM and lets running tasks finish.
  // The SDK's own log goes through the same JSON logger as ours: one format, one level.
  const toPino = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const;
  Runtime.install({
    shutdownSignals: ['SIGINT', 'SIGTERM'],
    logger: new DefaultLogger(sdkLogLevel[env.LOG_LEVEL], (entry) =>
      log[toPino[entry.level]]({ sdk: entry.meta }, entry.message),
    ),
    // The SDK's own metrics (task latencies, slots, cache, activity failures...) at http://METRICS_ADDRESS/metrics.
    ...(env.METRICS_ADDRESS
      ? { telemetryOptions: { metrics: { prometheus: { bindAddress: env.METRICS_ADDRESS } } } }
      : {}),
  });
  const tracing = startTracing('toewijzing-worker');
  const db = createDb(env.DATABASE_URL, env.DB_POOL_SIZE);
  const notifier = createNotifier({
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    appBaseUrl: env.APP_BASE_URL,
    webhookSecret: env.WEBHOOK_SECRET,
    allowPrivateTargets: env.WEBHOOK_ALLOW_PRIVATE_TARGETS === 'true',
  });
  const { worker, connection } = await createCaseWorker({
    env,
    db,
    notifier,
    maxCachedWorkflows: env.WORKER_MAX_CACHED_WORKFLOWS,
    maxConcurrentWorkflowTasks: env.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    workflowStackTraces: env.WORKER_WORKFLOW_STACK_TRACES === 'on',
    tracing,
  });
  const clientConnection = await Connection.connect(connectionOptionsFor(env));
  const client = new Client({
    connection: clientConnection,
    namespace: env.TEMPORAL_NAMESPACE,
    dataConverter: dataConverterFor(env),
  });
  const schedule = await ensureRetentionSchedule(client, env.TEMPORAL_TASK_QUEUE, env.RETENTION_DAYS);
  await clientConnection.close();
  log.info(
    {
      taskQueue: env.TEMPORAL_TASK_QUEUE,
      namespace: env.TEMPORAL_NAMESPACE,
      retentionSchedule: schedule,
      retentionDays: env.RETENTION_DAYS,
      email: notifier.mail ? 'ingesteld' : 'niet_ingesteld',
      webhook: notifier.webhook ? 'ingesteld' : 'niet_ingesteld',
    },
    'worker started',
  );
  try {
    await worker.run();
  } finally {
    notifier.close();
    await connection.close();
    await db.$disconnect();
    await tracing?.shutdown().catch(() => undefined);
    log.info('worker stopped');
  }
}

main().catch((err) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
  } else {
    console.error('worker failed:', err instanceof Error ? `${err.name}: ${err.message}` : 'unknown error');
  }
  process.exit(1);
});
