/**
 * The reference worker of `bench/load.ts`, a process of its own like the case worker: the bare and the
 * floor workflows (bench/baseline-workflow.ts) on BENCH_TASK_QUEUE, with the case worker's data
 * converter (AES-GCM payload codec) and cache size (WORKER_MAX_CACHED_WORKFLOWS, default as worker/main.ts).
 * Answers `{ type: 'bench:status' }` over IPC with its cached workflow count.
 */
import { NativeConnection, Runtime, DefaultLogger, Worker } from '@temporalio/worker';
import { Pool } from 'pg';
import { z } from 'zod';
import { parseEnv, sharedEnvSchema } from '../platform/env';
import { dataConverterFor } from '../platform/temporal';
import { createFloorActivities, FLOOR_TABLE_DDL } from './floor-activities';

const envSchema = sharedEnvSchema.extend({
  BENCH_TASK_QUEUE: z.string().min(1),
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).max(100_000).default(1000),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
});

async function main() {
  const env = parseEnv(envSchema);
  Runtime.install({
    shutdownSignals: ['SIGINT', 'SIGTERM'],
    logger: new DefaultLogger('WARN'),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } },
  });
  // The floor's table is the bench's own: made (and written) by the owner role where there is one, as the
  // application role may not create tables (prisma/app-role.sql).
  const pool = new Pool({
    connectionString: process.env.MIGRATION_DATABASE_URL ?? env.DATABASE_URL,
    max: env.DB_POOL_SIZE,
  });
  await pool.query(FLOOR_TABLE_DDL);
  const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  const worker = await Worker.create({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.BENCH_TASK_QUEUE,
    workflowsPath: require.resolve('./baseline-workflow'),
    activities: createFloorActivities(pool),
    dataConverter: dataConverterFor(env),
    maxCachedWorkflows: env.WORKER_MAX_CACHED_WORKFLOWS,
  });
  process.on('message', (m: { type?: string }) => {
    if (m?.type === 'bench:status')
      process.send?.({
        type: 'bench:status',
        cached: worker.getStatus().numCachedWorkflows,
        maxCached: worker.options.maxCachedWorkflows,
      });
  });
  process.channel?.unref();
  process.send?.({ type: 'bench:ready' });
  try {
    await worker.run();
  } finally {
    await connection.close();
    await pool.end();
  }
}

main().catch((err) => {
  console.error('bench worker failed:', err);
  process.exit(1);
});
