import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import express from 'express';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { Client, Connection } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import { buildApp } from '../../api/app';
import { createApiMetrics } from '../../api/ops/metrics';
import { serveMetrics } from '../../api/ops/metrics-server';
import { probesRouter } from '../../api/ops/probes-router';
import { createDb, type Db } from '../../prisma/client';
import { createLogger } from '../../platform/logger';
import { connectionOptionsFor, dataConverterFor } from '../../platform/temporal';
import { startTracing, type Tracing } from '../../platform/tracing';
import { createCaseWorker } from '../../worker/create-worker';
import { testEnv } from '../support/env';
import { testAuth } from '../support/tokens';
import { apiClient, actors, type ApiClient } from '../support/api-client';
import { quietWorkerLogs } from '../support/harness';
import { vraag, vvOudere } from '../support/fixtures';
import { registerOrganisations, testOrganisations } from '../support/organisations';

// The real stack with tracing and metrics switched on: worker and API in this process, spans
// caught by an in-memory exporter behind the real SDK (no mock of our code).
const exporter = new InMemorySpanExporter();
let tracing: Tracing;
let db: Db;
let worker: Worker;
let running: Promise<void>;
let closeAll: Array<() => Promise<unknown>> = [];
let baseUrl = '';
let api: ApiClient;
let metrics: ReturnType<typeof createApiMetrics>;

beforeAll(async () => {
  quietWorkerLogs();
  tracing = startTracing('toewijzing-test', { exporter })!;
  const env = testEnv({ TEMPORAL_TASK_QUEUE: `ops-${randomUUID()}`, LOG_LEVEL: 'silent' });
  db = createDb(env.DATABASE_URL, 5);
  // Its own app, not the harness: register the organisations it acts for, as the harness does (alone it got 403).
  await registerOrganisations(db, testOrganisations);
  const w = await createCaseWorker({ env, db, tracing });
  worker = w.worker;
  running = worker.run();
  const connection = await Connection.connect(connectionOptionsFor(env));
  const client = new Client({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    dataConverter: dataConverterFor(env),
    interceptors: tracing.clientInterceptors,
  });
  metrics = createApiMetrics(db, { businessCacheMs: 0 });
  const app = buildApp({
    client,
    db,
    log: createLogger('api-test', 'silent'),
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    stepTimeoutMs: 30_000,
    auth: testAuth,
    metrics,
    tracer: tracing.tracer,
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  api = apiClient(baseUrl);
  closeAll = [
    () => new Promise((r) => server.close(r)),
    () => connection.close(),
    async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await w.connection.close();
    },
    () => db.$disconnect(),
    () => tracing.shutdown(),
  ];
});
afterAll(async () => {
  for (const fn of closeAll) await fn().catch(() => undefined);
});

async function waitFor<T>(what: string, fn: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const inTrace = (traceId: string) => exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
const named = (spans: ReadableSpan[], prefix: string) => spans.filter((s) => s.name.startsWith(prefix));

describe('tracing', () => {
  test('a step is one trace: the caller’s traceparent, the HTTP span, the Temporal update, the workflow and its activities', async () => {
    const aanmelding = vvOudere();
    const started = await api.start(aanmelding);
    expect(started.status).toBe(201);
    const caseId = started.body.caseId as string;

    const traceId = randomBytes(16).toString('hex');
    const callerSpan = randomBytes(8).toString('hex');
    const step = await api.step(caseId, 'vraag', vraag, actors.consulent, {
      traceparent: `00-${traceId}-${callerSpan}-01`,
    });
    expect(step.status).toBe(200);

    const http = await waitFor('the HTTP span', () => named(inTrace(traceId), 'POST /cases/:id/steps/:step')[0]);
    expect(http.parentSpanId).toBe(callerSpan);
    expect(http.attributes['http.response.status_code']).toBe(200);
    const update = await waitFor('the client update span', () => named(inTrace(traceId), 'StartWorkflowUpdate')[0]);
    expect(update.parentSpanId).toBe(http.spanContext().spanId);
    // Workflow spans come through the worker's sink after the activation; the activity after that.
    const handled = await waitFor('the workflow update span', () => named(inTrace(traceId), 'HandleUpdate')[0]);
    const activity = await waitFor('an activity span', () => named(inTrace(traceId), 'RunActivity')[0]);
    const ids = new Set(inTrace(traceId).map((s) => s.spanContext().spanId));
    expect(ids.has(handled.parentSpanId!)).toBe(true);
    expect(ids.has(activity.parentSpanId!)).toBe(true);

    // No personal data in any span of the run: not the referentie, not a body field.
    const everything = JSON.stringify(
      exporter.getFinishedSpans().map((s) => ({ n: s.name, a: s.attributes, e: s.events, st: s.status })),
    );
    expect(everything).not.toContain(aanmelding.persoon.referentie);
    expect(everything).not.toContain(vraag.perspectief);
  });

  test('a request without traceparent starts its own trace; a refused one is traced with its status', async () => {
    const res = await api.start({ persoon: 'x' });
    expect([400, 422]).toContain(res.status);
    const span = await waitFor('the refused request', () =>
      exporter
        .getFinishedSpans()
        .find((s) => s.name === 'POST /cases' && s.attributes['http.response.status_code'] === res.status),
    );
    expect(span.parentSpanId).toBeUndefined();
  });
});

describe('metrics', () => {
  test('latency and status per route template, business gauges from the read model, no case ids', async () => {
    const before = await metrics.registry.getSingleMetricAsString('toewijzing_open_cases');
    const openIntake = (text: string) => Number(/toewijzing_open_cases\{fase="vraag"\} (\d+)/.exec(text)?.[1] ?? 0);
    const started = await api.start(vvOudere());
    expect(started.status).toBe(201);
    const caseId = started.body.caseId as string;
    expect((await api.request('GET', `/cases/${caseId}`)).status).toBe(200);
    expect((await api.request('GET', `/cases/${randomUUID()}`)).status).toBe(404);

    const server = await serveMetrics(metrics.registry, '127.0.0.1', 0);
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/plain');
      const text = await res.text();
      expect(text).toMatch(/http_request_duration_seconds_count\{method="POST",route="\/cases",status="201"\} [1-9]/);
      expect(text).toMatch(
        /http_request_duration_seconds_count\{method="GET",route="\/cases\/:id",status="200"\} [1-9]/,
      );
      expect(text).toMatch(
        /http_request_duration_seconds_count\{method="GET",route="\/cases\/:id",status="404"\} [1-9]/,
      );
      expect(text).not.toContain(caseId);
      expect(openIntake(text)).toBe(openIntake(before) + 1);
      expect(text).toContain('# TYPE toewijzing_fase_over_deadline gauge');
      expect(text).toContain('# TYPE toewijzing_signalen gauge');
      expect(text).toContain('process_cpu_seconds_total');
      const other = await fetch(`http://127.0.0.1:${port}/cases`);
      expect(other.status).toBe(404);
      expect(await other.json()).toEqual({ error: 'not_found', message: 'only GET /metrics' });
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  test('the over-deadline gauge counts an open period whose deadline passed', async () => {
    const started = await api.start(vvOudere());
    const caseId = started.body.caseId as string;
    const text = () => metrics.registry.getSingleMetricAsString('toewijzing_fase_over_deadline');
    const count = (t: string) =>
      [...t.matchAll(/toewijzing_fase_over_deadline\{fase="[^"]+"\} (\d+)/g)].reduce((n, m) => n + Number(m[1]), 0);
    const before = count(await text());
    const moved = await db.pool.query(
      `UPDATE fase_periodes SET deadline_at = now() - interval '1 day' WHERE case_id = $1 AND ended_at IS NULL`,
      [caseId],
    );
    expect(moved.rowCount).toBe(1);
    expect(count(await text())).toBe(before + 1);
  });
});

describe('probes', () => {
  test('/live and /ready answer 200 while the database and Temporal answer', async () => {
    const live = await fetch(`${baseUrl}/live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${baseUrl}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', temporal: true, database: true });
    const doc = (await api.request('GET', '/openapi.json', { anonymous: true })).body;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/live', '/ready', '/health']));
  });

  test('/ready answers 503 naming the database when it cannot be reached; /live stays 200', async () => {
    const env = testEnv();
    const deadDb = createDb('postgresql://postgres@127.0.0.1:1/none', 1);
    const connection = await Connection.connect(connectionOptionsFor(env));
    const app = express().use(
      probesRouter(new Client({ connection, namespace: env.TEMPORAL_NAMESPACE }), deadDb, env.TEMPORAL_NAMESPACE),
    );
    const server: Server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const ready = await fetch(`${url}/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: 'not_ready', temporal: true, database: false });
      expect((await fetch(`${url}/live`)).status).toBe(200);
    } finally {
      await new Promise((r) => server.close(r));
      await connection.close();
      await deadDb.$disconnect().catch(() => undefined);
    }
  });
});
