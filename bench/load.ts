/**
 * Load benchmark (issue 7, item 4): prints figures, not a pass/fail.
 *
 * All on one Temporal server, in one process, in one run:
 *   1. baseline  — a no-op workflow (bench/baseline-workflow.ts) on its own worker and task queue, started
 *                  with the Temporal client and sent as many updates as the journey has requests;
 *   2. direct    — the real case workflow driven with the Temporal client (no HTTP, no API), to show where
 *                  the API overhead goes: workflow + activities vs. the HTTP layer (BENCH_DIRECT=0 skips it);
 *   3. api       — the full journey of a V&V oudere to gehuisvest through the HTTP API
 *                  (start + 12 steps, each case its own vrije woning);
 *   then the in-process case worker's memory with BENCH_OPEN_CASES cases left open at fase vraag.
 *
 *   npm run bench                                  (starts its own PostgreSQL 15 and Temporal)
 *   BENCH_CASES=200 BENCH_CONCURRENCY=20 BENCH_OPEN_CASES=5000 npm run bench
 *
 * Every worker uses the same data converter (AES-GCM payload codec), so the comparison is fair.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { buildApp } from '../api/app';
import { createMatchingService } from '../api/woningen/matching-service';
import { createDb, type Db } from '../prisma/client';
import { workflowIdFor } from '../prisma/case-repository';
import { createLogger } from '../platform/logger';
import { parseEnv, sharedEnvSchema } from '../platform/env';
import { connectionOptionsFor, dataConverterFor } from '../platform/temporal';
import { AesGcmPayloadCodec, parsePayloadKeys } from '../platform/payload-codec';
import { createCaseWorker } from '../worker/create-worker';
import { openCaseUpdate, recordStepUpdate } from '../workflows/messages';
import type { toewijzingCase } from '../workflows';
import type { Actor, Aanmelding } from '../domain/types';
import { baselineStepUpdate, type baselineCase } from './baseline-workflow';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureLocalKeys, issueToken, LOCAL_AUDIENCE, LOCAL_ISSUER } from '../api/auth/local-issuer';

const intEnv = (name: string, fallback: number) => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got ${raw}`);
  return n;
};

const CASES = intEnv('BENCH_CASES', 200);
const CONCURRENCY = Math.max(1, intEnv('BENCH_CONCURRENCY', 20));
const WARMUP = intEnv('BENCH_WARMUP', Math.min(CONCURRENCY, 10));
const OPEN_CASES = intEnv('BENCH_OPEN_CASES', 5_000);
const OPEN_CONCURRENCY = Math.max(1, intEnv('BENCH_OPEN_CONCURRENCY', 50));
const DIRECT = process.env.BENCH_DIRECT !== '0';
/** Bounds in time: a phase stops starting new cases after this many seconds. */
const PHASE_MAX_S = intEnv('BENCH_PHASE_MAX_SECONDS', 900);
const OPEN_MAX_S = intEnv('BENCH_OPEN_MAX_SECONDS', 1_200);
const REQUEST_TIMEOUT_MS = 60_000;

const actors = {
  consulent: { id: 'u-bench-cons', organisatie: 'wijkteam-noord', rol: 'consulent' },
  zorg: { id: 'u-bench-zorg', organisatie: 'zorg-de-brug', rol: 'zorgmedewerker' },
  verhuur: { id: 'u-bench-verh', organisatie: 'woonstad', rol: 'verhuurmedewerker' },
} satisfies Record<string, Actor>;

let refCounter = 0;
const aanmelding = (): Aanmelding => ({
  persoon: { referentie: `BENCH-${Date.now().toString(36).toUpperCase()}-${(refCounter++).toString(36).toUpperCase()}`, huishoudgrootte: 1, inkomensgroep: 'passendheidsgroep', huidigeSituatie: 'thuis' },
  deelgroep: 'verstoorde_zelfregulering',
  doelgroep: 'vv',
  indicatie: { wet: 'wlz', leveringsvorm: 'vpt' },
  urgent: false,
  gemeente: 'GM0363',
  zorginstelling: 'zorg-de-brug',
  corporatie: 'woonstad',
});

const AANBOD = Symbol('aanbod');
// The kennismakingsgesprek falls between the toewijzing's recording (today) and the contract's ingangsdatum.
const VANDAAG = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
const INGANG = new Date(Date.parse(VANDAAG) + 30 * 86_400_000).toISOString().slice(0, 10);
/** The journey of test/e2e/journeys.test.ts 'a V&V oudere ... geschikt wonen', after the start. */
const STEPS: Array<[string, unknown, Actor]> = [
  ['vraag', { perspectief: 'lange_termijn', samenwonen: 'alleen', nabijLotgenoten: 'geen_voorkeur' }, actors.consulent],
  ['zorg', { zorgvorm: 'op_afspraak', steunpuntGewenst: true, clusteringNodig: false, richtingen: ['ambulant', 'sober'] }, actors.zorg],
  ['woonvorm', { woonvorm: 'geschikt_wonen' }, actors.zorg],
  ['buurt', { buurtcode: 'BU03630101', opgave: 'opgave_1_nabij_steunpunt', draagkrachtBesproken: true, voorlichtingNodig: false }, actors.verhuur],
  ['aanbod', AANBOD, actors.verhuur],
  ['reactie', { besluit: 'accepteert' }, actors.verhuur],
  ['toewijzing', { contractvorm: 'rechtstreeks', ingangsdatum: INGANG }, actors.verhuur],
  [
    'overdracht',
    {
      woonplek: 'Zelfstandig appartement in cluster, begane grond',
      begeleidingsafspraken: [{ wie: 'zorg-de-brug', wat: 'ambulante begeleiding twee keer per week' }],
      contactpersonen: [
        { rol: 'begeleider', organisatie: 'zorg-de-brug', naam: 'M. de Vries' },
        { rol: 'wijkbeheerder', organisatie: 'woonstad', naam: 'A. Jansen' },
      ],
      signaleringsafspraken: [{ signaal: 'huurachterstand', afspraak: 'corporatie belt begeleider binnen een week' }],
    },
    actors.zorg,
  ],
  ['overdracht_bevestiging', {}, actors.zorg],
  ['kennismakingsgesprek', { datum: VANDAAG, verwachtingenBesproken: true, deelnemers: ['bewoner', 'zorg', 'verhuurder'] }, actors.verhuur],
  ['overdracht_bevestiging', {}, actors.verhuur],
  ['nazorg', { uitkomst: 'stabiel' }, actors.consulent],
];
const REQUESTS_PER_CASE = 1 + STEPS.length;
const aanbodBody = (woningId: string) => ({ woningId, aanbodDatum: '2023-06-01' });

/** N vrije woningen that pass every zorgwoning rule for the aanmelding above (as test/support/fixtures.ts woningInDb). */
async function seedWoningen(db: Db, runId: string, n: number): Promise<string[]> {
  const ids = Array.from({ length: n }, () => randomUUID());
  for (let i = 0; i < n; i += 1_000) {
    await db.woning.createMany({
      data: ids.slice(i, i + 1_000).map((id, j) => ({
        id,
        corporatie: 'woonstad',
        referentie: `BENCH-${runId}-${i + j}`,
        gemeente: 'GM0363',
        wijk: null,
        buurtcode: 'BU03630101',
        woonvorm: 'geschikt_wonen',
        kamers: 2,
        kaleHuurCent: 60_000,
        servicekostenCent: 4_000,
        zelfstandig: true,
        drempelsOverbrugd: true,
        gangbreedteCm: 120,
        noodoproep: true,
        gemeenschappelijkeRuimte: true,
        opgave: 'opgave_1_nabij_steunpunt',
        beschikbaarVanaf: new Date('2023-05-01T00:00:00Z'),
        status: 'vrij',
      })),
    });
  }
  return ids;
}

// ---------------------------------------------------------------------------------------------- measuring

interface Sample {
  label: string;
  ms: number;
}
interface PhaseResult {
  name: string;
  cases: number;
  failed: number;
  seconds: number;
  samples: Sample[];
  errors: string[];
}

const pct = (xs: number[], p: number) => (xs.length === 0 ? NaN : [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!);

/** Runs `count` cases, `concurrency` at a time; requests within a case are sequential. Stops starting new ones after maxS. */
async function runPhase(name: string, count: number, concurrency: number, maxS: number, runCase: (i: number, time: Timer) => Promise<void>): Promise<PhaseResult> {
  const samples: Sample[] = [];
  const errors: string[] = [];
  let next = 0;
  let done = 0;
  let failed = 0;
  const t0 = performance.now();
  const deadline = t0 + maxS * 1_000;
  const time: Timer = async (label, call) => {
    const s = performance.now();
    const r = await call();
    samples.push({ label, ms: performance.now() - s });
    return r;
  };
  async function lane() {
    while (next < count && performance.now() < deadline) {
      const i = next++;
      try {
        await runCase(i, time);
        done++;
      } catch (err) {
        failed++;
        if (errors.length < 5) errors.push(`${name} case ${i}: ${(err as Error).message}`.slice(0, 400));
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  return { name, cases: done, failed, seconds: (performance.now() - t0) / 1_000, samples, errors };
}
type Timer = <T>(label: string, call: () => Promise<T>) => Promise<T>;

function report(r: PhaseResult) {
  const all = r.samples.map((s) => s.ms);
  const casesPerS = r.cases / r.seconds;
  const reqPerS = r.samples.length / r.seconds;
  console.log(
    [
      r.name.padEnd(9),
      String(r.cases).padStart(6),
      String(r.failed).padStart(7),
      r.seconds.toFixed(1).padStart(8),
      casesPerS.toFixed(2).padStart(8),
      reqPerS.toFixed(1).padStart(7),
      pct(all, 50).toFixed(1).padStart(8),
      pct(all, 95).toFixed(1).padStart(8),
      pct(all, 99).toFixed(1).padStart(8),
    ].join(' '),
  );
  for (const e of r.errors) console.log(`  ! ${e}`);
  return { casesPerS, reqPerS };
}

function perStep(rs: PhaseResult[]) {
  const labels = [...new Set(rs.flatMap((r) => r.samples.map((s) => s.label)))];
  console.log(`\nper request, p50 / p95 ms`);
  console.log(['request'.padEnd(24), ...rs.map((r) => r.name.padStart(17))].join(''));
  for (const label of labels) {
    const cells = rs.map((r) => {
      const xs = r.samples.filter((s) => s.label === label).map((s) => s.ms);
      return (xs.length ? `${pct(xs, 50).toFixed(1)} / ${pct(xs, 95).toFixed(1)}` : '-').padStart(17);
    });
    console.log([label.padEnd(24), ...cells].join(''));
  }
}

function findGc(): (() => void) | undefined {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) return g;
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
function memLine(label: string, m: NodeJS.MemoryUsage, cached: number) {
  console.log(`${label.padEnd(30)} rss ${mb(m.rss).padStart(8)} MB  heapUsed ${mb(m.heapUsed).padStart(8)} MB  heapTotal ${mb(m.heapTotal).padStart(8)} MB  external ${mb(m.external).padStart(7)} MB  cached workflows ${cached}`);
}

// ---------------------------------------------------------------------------------------------- main

async function main() {
  for (const name of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'PAYLOAD_KEYS']) {
    if (!process.env[name]) throw new Error(`${name} is not set: run \`npm run bench\`, which starts PostgreSQL and Temporal`);
  }
  try {
    // Core's per-task warnings (workflow task > 5 s, task not found after a workflow task timeout) would flood the
    // figures under load; BENCH_CORE_LOG=WARN shows them.
    const core = process.env.BENCH_CORE_LOG === 'WARN' ? 'WARN' : 'ERROR';
    Runtime.install({ logger: new DefaultLogger('WARN'), telemetryOptions: { logging: { filter: { core, other: 'ERROR' } } } });
  } catch {
    // installed already
  }
  const runId = randomUUID().slice(0, 8);
  const env = { ...parseEnv(sharedEnvSchema), TEMPORAL_TASK_QUEUE: `bench-case-${runId}`, LOG_LEVEL: 'silent' as const };
  const baselineQueue = `bench-baseline-${runId}`;
  const db = createDb(env.DATABASE_URL, 10);
  const gc = findGc();

  // The case worker exactly as the harness builds it; the baseline worker on its own queue, same data converter.
  const { worker, connection: workerConnection } = await createCaseWorker({ env, db });
  const baselineWorker = await Worker.create({
    connection: workerConnection,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: baselineQueue,
    workflowsPath: require.resolve('./baseline-workflow'),
    dataConverter: dataConverterFor(env),
  });
  const running = [worker.run(), baselineWorker.run()];

  const connection = await Connection.connect(connectionOptionsFor(env));
  const client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE, dataConverter: dataConverterFor(env) });
  // Tokens from the same local issuer `npm start` uses, in a throwaway key folder.
  const { jwksFile, privateFile } = await ensureLocalKeys(mkdtempSync(path.join(tmpdir(), 'toewijzing-bench-auth-')));
  const benchAuth = { issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE, jwksFile };
  const app = buildApp({
    client,
    db,
    log: createLogger('api-bench', 'silent'),
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    stepTimeoutMs: 30_000,
    auth: benchAuth,
    codec: { codec: new AesGcmPayloadCodec(parsePayloadKeys(env.PAYLOAD_KEYS)), uiOrigin: 'http://localhost:8233' },
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const tokens = new Map(
    await Promise.all(
      Object.values(actors).map(async (a) => [a.id, `Bearer ${await issueToken(privateFile, { sub: a.id, org: a.organisatie, roles: [a.rol] }, { expiresIn: '4h' })}`] as const),
    ),
  );
  const matching = createMatchingService({ db, draagkracht: { maxPlaatsingen: 3, periodeDagen: 365 } });

  async function post(path: string, body: unknown, actor: Actor, expect: number): Promise<any> {
    const res = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: tokens.get(actor.id)! },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    if (res.status !== expect) throw new Error(`POST ${path.replace(/[0-9a-f-]{36}/, ':id')} → ${res.status}: ${text.slice(0, 200)}`);
    return JSON.parse(text);
  }

  const apiCase = (woningIds: string[]) => async (i: number, time: Timer) => {
    const started = await time('start (POST /cases)', () => post('/cases', aanmelding(), actors.consulent, 201));
    const id: string = started.caseId;
    for (const [step, body, actor] of STEPS) {
      const input = body === AANBOD ? aanbodBody(woningIds[i]!) : body;
      await time(step, () => post(`/cases/${id}/steps/${step}`, input, actor, 200));
    }
  };

  const directCase = (woningIds: string[]) => async (i: number, time: Timer) => {
    const caseId = randomUUID();
    const actor = actors.consulent;
    await time('start (POST /cases)', () =>
      client.workflow.executeUpdateWithStart(openCaseUpdate, {
        startWorkflowOperation: new WithStartWorkflowOperation<typeof toewijzingCase>('toewijzingCase', {
          workflowId: workflowIdFor(caseId),
          taskQueue: env.TEMPORAL_TASK_QUEUE,
          args: [{ caseId, aanmelding: aanmelding(), actor }],
          workflowIdConflictPolicy: 'USE_EXISTING',
        }),
      }),
    );
    const handle = client.workflow.getHandle(workflowIdFor(caseId));
    for (const [step, body, stepActor] of STEPS) {
      await time(step, async () => {
        const input = body === AANBOD ? await matching.aanbodInput(caseId, aanbodBody(woningIds[i]!)) : body;
        return handle.executeUpdate(recordStepUpdate, { args: [{ step, input, actor: stepActor } as never], updateId: `step-${randomUUID()}` });
      });
    }
  };

  const baselineRun = randomUUID().slice(0, 8);
  const baselineCaseRun = async (i: number, time: Timer) => {
    const workflowId = `bench-baseline-${baselineRun}-${i}`;
    await time('start (POST /cases)', () =>
      client.workflow.executeUpdateWithStart(baselineStepUpdate, {
        args: [{ step: 'aanmelding', input: aanmelding(), actor: actors.consulent }],
        startWorkflowOperation: new WithStartWorkflowOperation<typeof baselineCase>('baselineCase', {
          workflowId,
          taskQueue: baselineQueue,
          args: [REQUESTS_PER_CASE],
          workflowIdConflictPolicy: 'USE_EXISTING',
        }),
      }),
    );
    const handle = client.workflow.getHandle(workflowId);
    for (const [step, body, actor] of STEPS) {
      // The same payload as the journey sends (the aanbod as its API body), so the codec does comparable work.
      const input = body === AANBOD ? aanbodBody(randomUUID()) : body;
      await time(step, () => handle.executeUpdate(baselineStepUpdate, { args: [{ step, input, actor }], updateId: `step-${randomUUID()}` }));
    }
  };

  try {
    const cores = (await import('node:os')).cpus().length;
    console.log(`load benchmark: ${CASES} cases per variant, ${CONCURRENCY} in flight, ${REQUESTS_PER_CASE} requests per case (start + ${STEPS.length} steps), ${WARMUP} warm-up cases each; ${cores} cores, node ${process.version}`);
    console.log(`temporal ${env.TEMPORAL_ADDRESS}, task queues ${env.TEMPORAL_TASK_QUEUE} (case worker) and ${baselineQueue} (baseline worker); gc ${gc ? 'available' : 'not available'}`);
    const woningIds = await seedWoningen(db, runId, 2 * (CASES + WARMUP));
    const apiWoningen = woningIds.slice(0, CASES + WARMUP);
    const directWoningen = woningIds.slice(CASES + WARMUP);

    // Warm-up: workflow bundles loaded, connections and JIT warm; not counted.
    await runPhase('warmup', WARMUP, CONCURRENCY, PHASE_MAX_S, baselineCaseRun);
    await runPhase('warmup', WARMUP, CONCURRENCY, PHASE_MAX_S, apiCase(apiWoningen.slice(CASES)));
    if (DIRECT) await runPhase('warmup', WARMUP, CONCURRENCY, PHASE_MAX_S, directCase(directWoningen.slice(CASES)));

    const results: PhaseResult[] = [];
    results.push(await runPhase('baseline', CASES, CONCURRENCY, PHASE_MAX_S, baselineCaseRun));
    if (DIRECT) results.push(await runPhase('direct', CASES, CONCURRENCY, PHASE_MAX_S, directCase(directWoningen)));
    results.push(await runPhase('api', CASES, CONCURRENCY, PHASE_MAX_S, apiCase(apiWoningen)));

    console.log(`\nvariant    cases  failed   wall s  cases/s  req/s  p50 ms   p95 ms   p99 ms   (latency per request)`);
    const figures = new Map(results.map((r) => [r.name, report(r)]));
    perStep(results);
    const api = figures.get('api')!;
    const base = figures.get('baseline')!;
    console.log(`\nratio api/baseline throughput: ${(api.casesPerS / base.casesPerS).toFixed(2)} (cases/s; aim ≥ 0.70)`);
    const direct = figures.get('direct');
    if (direct) {
      console.log(`ratio direct/baseline: ${(direct.casesPerS / base.casesPerS).toFixed(2)} (the case workflow and its activities, without HTTP)`);
      console.log(`ratio api/direct:      ${(api.casesPerS / direct.casesPerS).toFixed(2)} (the HTTP API layer alone)`);
    }

    // ------------------------------------------------------------------------------------ memory with open cases
    if (OPEN_CASES > 0) {
      console.log(`\nworker memory with open cases (process.memoryUsage() of this process: API, client and both workers; maxCachedWorkflows ${worker.options.maxCachedWorkflows})`);
      gc?.();
      const before = process.memoryUsage();
      memLine('before', before, worker.getStatus().numCachedWorkflows);
      const opened: string[] = [];
      const open = await runPhase('open', OPEN_CASES, OPEN_CONCURRENCY, OPEN_MAX_S, async (_i, time) => {
        const r = await time('start (POST /cases)', () => post('/cases', aanmelding(), actors.consulent, 201));
        opened.push(r.caseId);
      });
      const after = process.memoryUsage();
      memLine(`after ${opened.length} open cases`, after, worker.getStatus().numCachedWorkflows);
      let settled = after;
      if (gc) {
        gc();
        await new Promise((r) => setTimeout(r, 1_000));
        gc();
        settled = process.memoryUsage();
        memLine('after gc', settled, worker.getStatus().numCachedWorkflows);
      }
      const starts = open.samples.map((s) => s.ms);
      console.log(
        `opened ${opened.length} of ${OPEN_CASES} cases in ${open.seconds.toFixed(1)} s (${(opened.length / open.seconds).toFixed(1)} starts/s, p50 ${pct(starts, 50).toFixed(1)} ms, p95 ${pct(starts, 95).toFixed(1)} ms, ${open.failed} failed)`,
      );
      for (const e of open.errors) console.log(`  ! ${e}`);
      if (opened.length > 0) {
        const cached = worker.getStatus().numCachedWorkflows;
        const per = (a: number, b: number, n: number) => ((b - a) / n / 1024).toFixed(1);
        console.log(`per open case: rss ${per(before.rss, settled.rss, opened.length)} KB, heapUsed ${per(before.heapUsed, settled.heapUsed, opened.length)} KB (main-thread heap only; the workflow sandboxes live in the worker's workflow thread, counted in rss)`);
        if (cached > 0) console.log(`per cached workflow (${cached} in the worker's cache): rss ${per(before.rss, settled.rss, cached)} KB`);
        if (opened.length < 5_000) {
          const at5000 = before.rss + ((settled.rss - before.rss) / opened.length) * Math.min(5_000, worker.options.maxCachedWorkflows);
          console.log(`extrapolated to 5,000 open cases: ~${mb(at5000)} MB rss (growth stops at maxCachedWorkflows ${worker.options.maxCachedWorkflows}; the rest are evicted and replayed on their next task)`);
        }
      }
      if (process.env.BENCH_KEEP_OPEN !== '1') {
        // Close the open cases so a shared Temporal server is not left with them (the read model keeps them as lopend).
        let k = 0;
        await Promise.all(
          Array.from({ length: 20 }, async () => {
            while (k < opened.length) {
              const id = opened[k++]!;
              await client.workflow.getHandle(workflowIdFor(id)).terminate('bench: open-case memory measurement done').catch(() => undefined);
            }
          }),
        );
      }
    }
  } finally {
    await new Promise((resolve) => server.close(resolve));
    worker.shutdown();
    baselineWorker.shutdown();
    await Promise.allSettled(running);
    await connection.close();
    await workerConnection.close();
    await db.$disconnect();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
