import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import { buildApp } from '../../api/app';
import { createDb, type Db } from '../../prisma/client';
import { createLogger } from '../../platform/logger';
import { connectionOptionsFor, dataConverterFor } from '../../platform/temporal';
import { createCaseWorker } from '../../worker/create-worker';
import { apiClient, type ApiClient } from '../support/api-client';
import { testEnv } from '../support/env';
import { testAuth } from '../support/tokens';
import { quietWorkerLogs } from '../support/harness';
import { vvOudere } from '../support/fixtures';

// No worker polls this task queue until the test starts one: the API must answer in bounded time
// and a keyed retry must find the case its first attempt created.
const env = testEnv({ TEMPORAL_TASK_QUEUE: `test-noworker-${randomUUID()}`, LOG_LEVEL: 'silent' });
let db: Db;
let connection: Connection;
let server: Server;
let api: ApiClient;

beforeAll(async () => {
  quietWorkerLogs();
  db = createDb(env.DATABASE_URL, 2);
  connection = await Connection.connect(connectionOptionsFor(env));
  const client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE, dataConverter: dataConverterFor(env) });
  const app = buildApp({
    client,
    db,
    log: createLogger('t', 'silent'),
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    stepTimeoutMs: 1_500,
    auth: testAuth,
  });
  server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  api = apiClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await connection?.close();
  await db?.$disconnect();
});

test('a start that cannot finish answers 503, and the keyed retry completes the same case once a worker runs', async () => {
  const key = { 'idempotency-key': `k-${randomUUID()}` };
  const aanmelding = vvOudere();
  const started = Date.now();
  const first = await api.start(aanmelding, undefined, key);
  expect(Date.now() - started).toBeLessThan(10_000);
  expect(first.status).toBe(503);
  expect(first.body).toMatchObject({ error: 'step_pending', caseId: expect.any(String) });

  const { worker, connection: workerConnection } = await createCaseWorker({ env, db });
  const running = worker.run();
  try {
    // A client repeats with the same key until the case is confirmed; on two busy cores the
    // fresh worker may need more than one 1.5 s window.
    let retry = await api.start(aanmelding, undefined, key);
    for (let attempt = 0; retry.status === 503 && attempt < 20; attempt++)
      retry = await api.start(aanmelding, undefined, key);
    expect(retry.status).toBe(201);
    expect(retry.body.caseId).toBe(first.body.caseId);
    const listed = await api.list('?organisatie=wijkteam-noord&limit=100');
    expect(listed.body.items.filter((c: { id: string }) => c.id === first.body.caseId)).toHaveLength(1);
    expect((await api.get(first.body.caseId)).body.history).toHaveLength(1);
  } finally {
    worker.shutdown();
    await running;
    await workerConnection.close();
  }
});
