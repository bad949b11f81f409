import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime, type Worker } from '@temporalio/worker';
import { buildApp, type AppDeps } from '../../api/app';
import { createDb, type Db } from '../../prisma/client';
import { createLogger } from '../../platform/logger';
import { connectionOptionsFor, dataConverterFor } from '../../platform/temporal';
import { createCaseWorker } from '../../worker/create-worker';
import type { SharedEnv } from '../../platform/env';
import { testEnv } from './env';
import { testAuth } from './tokens';
import { AesGcmPayloadCodec, parsePayloadKeys } from '../../platform/payload-codec';
import { referentieHasher } from '../../platform/referentie-hash';
import { apiClient, type ApiClient } from './api-client';
import { seedTestParameters } from './test-parameters';
import { registerOrganisations, testOrganisations } from './organisations';
import { limitNames, type Limit, type RateLimits } from '../../api/http/rate-limits';
import type { Notifier } from '../../activities/notifications';

/** The platform operator's organisation in tests: its privacy officers may use /codec (CODEC_ORGANISATIONS). */
export const OPERATOR_ORG = 'toewijzing-platform';

export interface Harness {
  env: SharedEnv;
  db: Db;
  client: Client;
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * The real stack in one process: a worker on its own task queue, the Express
 * app on a free port, a Temporal client and the database.
 */
export interface HarnessOptions {
  /** Request limits for this app; the rest stay out of reach so tests do not trip over them. */
  limits?: Partial<RateLimits>;
  /** Where the worker's mail goes (a notifier on test/support/smtp); absent: recorded, not sent. */
  notifier?: Notifier | undefined;
}

const unlimited: Limit = { limit: 1_000_000, windowMs: 60_000 };
/** Tests share one address and one database: limits only where a test sets them (test/api/limits.test.ts). */
export const unlimitedLimits = Object.fromEntries(limitNames.map((n) => [n, unlimited])) as RateLimits;

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  quietWorkerLogs();
  const env = testEnv({ TEMPORAL_TASK_QUEUE: `test-${randomUUID()}`, LOG_LEVEL: 'silent' });
  const db = createDb(env.DATABASE_URL, 5);
  // The API refuses a token of an unregistered organisation, as in production: register the ones the support acts for.
  await registerOrganisations(db, testOrganisations);
  const { worker, connection: workerConnection } = await createCaseWorker({ env, db, notifier: options.notifier });
  const running = worker.run();
  const cleanup: Array<() => Promise<unknown>> = [
    async () => {
      shutdown(worker);
      await running;
      await workerConnection.close();
      await db.$disconnect();
    },
  ];
  try {
    return await withApi(env, db, running, cleanup, options);
  } catch (err) {
    for (const fn of cleanup.reverse()) await fn().catch(() => undefined);
    throw err;
  }
}

async function withApi(
  env: SharedEnv,
  db: Db,
  running: Promise<void>,
  cleanup: Array<() => Promise<unknown>>,
  options: HarnessOptions,
): Promise<Harness> {
  void running;
  const connection = await Connection.connect(connectionOptionsFor(env));
  cleanup.push(() => connection.close());
  const client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE, dataConverter: dataConverterFor(env) });
  const app = buildApp({
    client,
    db,
    log: createLogger('api-test', 'silent'),
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    stepTimeoutMs: 30_000,
    auth: testAuth,
    referentieHash: referentieHasher(env),
    codec: {
      codec: new AesGcmPayloadCodec(parsePayloadKeys(env.PAYLOAD_KEYS)),
      uiOrigin: 'http://localhost:8233',
      organisations: [OPERATOR_ORG],
    },
    limits: { ...unlimitedLimits, ...options.limits },
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  await seedTestParameters(`http://127.0.0.1:${port}`).catch(async (err: unknown) => {
    await new Promise((resolve) => server.close(resolve));
    throw err;
  });
  return {
    env,
    db,
    client,
    baseUrl: `http://127.0.0.1:${port}`,
    async stop() {
      await new Promise((resolve) => server.close(resolve));
      for (const fn of cleanup.reverse()) await fn();
    },
  };
}

/**
 * A second app on the harness's services with other settings (local sign-in,
 * a trusted proxy, other limits), listening on 127.0.0.1; closed by `close`.
 */
export async function extraApp(
  h: Harness,
  overrides: Partial<AppDeps>,
): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const app = buildApp({
    client: h.client,
    db: h.db,
    log: createLogger('api-test', 'silent'),
    namespace: h.env.TEMPORAL_NAMESPACE,
    taskQueue: h.env.TEMPORAL_TASK_QUEUE,
    stepTimeoutMs: 30_000,
    auth: testAuth,
    referentieHash: referentieHasher(h.env),
    codec: {
      codec: new AesGcmPayloadCodec(parsePayloadKeys(h.env.PAYLOAD_KEYS)),
      uiOrigin: 'http://localhost:8233',
      organisations: [OPERATOR_ORG],
    },
    limits: unlimitedLimits,
    ...overrides,
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function shutdown(worker: Worker) {
  if (worker.getState() === 'RUNNING') worker.shutdown();
}

export function quietWorkerLogs() {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Installed already by an earlier harness in this process.
  }
}

/** Registers a harness for the enclosing test file: started before its tests, stopped after. */
export function useHarness(options: HarnessOptions = {}): { readonly h: Harness; readonly api: ApiClient } {
  let harness: Harness | undefined;
  let client: ApiClient | undefined;
  beforeAll(async () => {
    harness = await startHarness(options);
    client = apiClient(harness.baseUrl);
  });
  afterAll(async () => harness?.stop());
  return {
    get h() {
      if (!harness) throw new Error('harness not started');
      return harness;
    },
    get api() {
      if (!client) throw new Error('harness not started');
      return client;
    },
  };
}
