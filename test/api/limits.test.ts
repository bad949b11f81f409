import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { actors, actorHeaders } from '../support/api-client';
import { vvOudere } from '../support/fixtures';
import { useHarness } from '../support/harness';
import { bearer, testAuth } from '../support/tokens';
import { buildApp } from '../../api/app';
import { createLogger } from '../../platform/logger';
import { limitNames, type RateLimits } from '../../api/http/rate-limits';
import { opgaven, woningWoonvormen } from '../../domain/types';
import { registerOrganisation } from '../support/organisations';

const minute = 60_000;
const limits: Partial<RateLimits> = {
  signin: { limit: 2, windowMs: minute },
  authFailures: { limit: 4, windowMs: minute },
  codec: { limit: 3, windowMs: minute },
  imports: { limit: 2, windowMs: minute },
  reports: { limit: 3, windowMs: minute },
  matching: { limit: 3, windowMs: minute },
};
const t = useHarness({ limits });

beforeAll(async () => {
  await t.h.db.$executeRaw`DELETE FROM rate_limit_hits`;
});

const manager = (sub = `u-m-${randomUUID().slice(0, 6)}`) => bearer({ sub, org: 'woonstad', roles: ['manager'] });
const get = (path: string, headers: Record<string, string>, base = t.h.baseUrl) => fetch(`${base}${path}`, { headers });

async function expectProblem429(res: Response, limit: string) {
  expect(res.status).toBe(429);
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  expect(await res.json()).toMatchObject({ error: 'too_many_requests', limit, retryAfterSeconds: expect.any(Number) });
}

describe('request limits', () => {
  test('reports: over the limit a 429 with Retry-After and a JSON problem, per user; counted in PostgreSQL, shared by a second API process', async () => {
    const headers = manager();
    // A second app on the same database: the count is one, whichever process answers.
    const other = buildApp({
      client: t.h.client,
      db: t.h.db,
      log: createLogger('second-api', 'silent'),
      namespace: t.h.env.TEMPORAL_NAMESPACE,
      taskQueue: t.h.env.TEMPORAL_TASK_QUEUE,
      stepTimeoutMs: 30_000,
      auth: testAuth,
      limits: {
        ...(Object.fromEntries(limitNames.map((n) => [n, { limit: 1_000_000, windowMs: minute }])) as RateLimits),
        ...limits,
      },
    });
    const server: Server = await new Promise((resolve) => {
      const s = other.listen(0, '127.0.0.1', () => resolve(s));
    });
    const second = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const statuses = [];
      for (const base of [t.h.baseUrl, second, t.h.baseUrl])
        statuses.push((await get('/reports/open-casussen', headers, base)).status);
      expect(statuses).toEqual([200, 200, 200]);
      await expectProblem429(await get('/reports/open-casussen', headers, second), 'reports');
      await expectProblem429(await get('/reports/open-casussen', headers), 'reports');
      // Another user is not held up by the first one's count.
      expect((await get('/reports/open-casussen', manager())).status).toBe(200);
      expect(await t.h.db.rateLimitHit.count({ where: { key: { startsWith: 'reports:' } } })).toBe(2);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('matching and the codec have their limits too', async () => {
    const { caseId } = (await t.api.start(vvOudere())).body;
    const headers = actorHeaders(actors.consulent);
    for (let i = 0; i < 3; i++) expect((await get(`/cases/${caseId}/matches`, headers)).status).not.toBe(429);
    await expectProblem429(await get(`/cases/${caseId}/matches`, headers), 'matching');
    // With a token (refused for its role): refused tokens count towards another limit.
    const codec = () =>
      fetch(`${t.h.baseUrl}/codec/decode`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: '{"payloads":[]}',
      });
    for (let i = 0; i < 3; i++) expect((await codec()).status).not.toBe(429);
    await expectProblem429(await codec(), 'codec');
  });

  test('imports: limited per user', async () => {
    const headers = {
      ...bearer({ sub: 'u-imp-1', org: 'woonstad', roles: ['verhuurmedewerker'] }),
      'content-type': 'text/csv',
    };
    const post = () => fetch(`${t.h.baseUrl}/woningen/import`, { method: 'POST', headers, body: 'referentie\nX' });
    for (let i = 0; i < 2; i++) expect((await post()).status).toBe(400);
    await expectProblem429(await post(), 'imports');
  });

  test('sign-in on /app: over the limit a Dutch page with Retry-After', async () => {
    const post = () =>
      fetch(`${t.h.baseUrl}/app/inloggen`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'sub=u-1&org=woonstad&role=consulent',
        redirect: 'manual',
      });
    for (let i = 0; i < 2; i++) expect((await post()).status).not.toBe(429);
    const res = await post();
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const page = await res.text();
    expect(page).toContain('Even wachten');
    expect(page).toMatch(/te vaak achter elkaar geprobeerd\. Wacht (\d+ seconden|ongeveer \d+ minuten)/);
  });
});

describe('idempotency keys belong to an organisation', () => {
  test("another organisation's equal key is a different key (was 422); the same organisation's reuse is still 422", async () => {
    const key = `k-${randomUUID()}`;
    const zuid = { id: 'u-cons-z', organisatie: 'wijkteam-zuid', rol: 'consulent' as const };
    const a = await t.api.start(vvOudere(), actors.consulent, { 'idempotency-key': key });
    const b = await t.api.start(vvOudere(), zuid, { 'idempotency-key': key });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body.caseId).not.toBe(a.body.caseId);
    const reused = await t.api.start(vvOudere(), actors.consulent, { 'idempotency-key': key });
    expect(reused.status).toBe(422);
    const repeat = await t.api.start({ ...vvOudere() }, zuid, { 'idempotency-key': key });
    expect(repeat.status).toBe(422);
  });
});

describe('heavy work', () => {
  test('a 45,000-row import does not starve the event loop: /health keeps answering', async () => {
    const org = `corp-bulk-${randomUUID().slice(0, 8)}`;
    await registerOrganisation(t.h.db, org, 'corporatie');
    const header =
      'referentie;gemeente;wijk;buurtcode;woonvorm;kamers;kaleHuur;servicekosten;zelfstandig;drempelsOverbrugd;gangbreedteCm;noodoproep;gemeenschappelijkeRuimte;opgave;beschikbaarVanaf';
    // A gemeente of its own, so the bulk does not weigh on other tests' matching.
    const rows = Array.from(
      { length: 45_000 },
      (_, i) =>
        `B-${i};GM9999;WK999900;BU99990000;${woningWoonvormen[0]};2;650,00;40,00;ja;ja;90;nee;nee;${opgaven[0]};2026-01-01`,
    );
    const csv = [header, ...rows].join('\n');
    const latencies: number[] = [];
    let importing = true;
    const probe = (async () => {
      while (importing) {
        const started = performance.now();
        await fetch(`${t.h.baseUrl}/health`).then((r) => r.arrayBuffer());
        latencies.push(performance.now() - started);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    // The API runs in this process: its event loop's delay is measured directly too.
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const started = performance.now();
    const res = await fetch(`${t.h.baseUrl}/woningen/import`, {
      method: 'POST',
      headers: { ...bearer({ sub: 'u-bulk', org, roles: ['verhuurmedewerker'] }), 'content-type': 'text/csv' },
      body: csv,
    });
    const importMs = performance.now() - started;
    loop.disable();
    importing = false;
    await probe;
    const body = await res.json();
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ created: 45_000, rejected: 0 });
    const sorted = [...latencies].sort((x, y) => x - y);
    const max = sorted.at(-1)!;
    const median = sorted[Math.floor(sorted.length / 2)]!;
    const loopMaxMs = loop.max / 1e6;
    console.log(
      `45,000-row import: ${Math.round(importMs)} ms; /health during it: ${latencies.length} probes, median ${Math.round(median)} ms, ` +
        `p95 ${Math.round(sorted[Math.floor(sorted.length * 0.95)]!)} ms, max ${Math.round(max)} ms; event-loop delay max ${Math.round(loopMaxMs)} ms, p99 ${Math.round(loop.percentile(99) / 1e6)} ms`,
    );
    expect(latencies.length).toBeGreaterThan(5);
    // Before, parsing alone held the event loop for the whole file: one stall of 8.6 s, most of the import. The bound
    // is a share of the import's own duration, not milliseconds: on a loaded 2-core CI machine the process can be
    // descheduled for a second or more (CI saw a 1.6 s stall in a 15.7 s import), which says nothing about the code.
    expect(loopMaxMs).toBeLessThan(importMs * 0.25);
    expect(max).toBeLessThan(importMs * 0.4);
    await t.h.db.woning.deleteMany({ where: { corporatie: org } });
  });
});

describe('refused tokens', () => {
  // Last: it blocks this address for the rest of the window.
  test('refused tokens: after the limit the address gets 429 even with a good token, /health stays open', async () => {
    const good = actorHeaders(actors.consulent);
    expect((await get('/cases', good)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await get('/cases', { authorization: 'Bearer nope' })).status).toBe(401);
    // The count lands after the 401 is sent.
    await new Promise((r) => setTimeout(r, 200));
    await expectProblem429(await get('/cases', good), 'authFailures');
    expect((await get('/health', {})).status).not.toBe(429);
  });
});
