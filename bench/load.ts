/**
 * Load benchmark (issue 16, item 3): prints figures, not a pass/fail.
 *
 * Runs what production runs: the API (dist/api/server.js) and the case worker (dist/worker/main.js) as
 * separate processes with their production defaults (cache size WORKER_MAX_CACHED_WORKFLOWS, pool sizes,
 * log level), and a reference worker (bench/bench-worker.ts) for the two yardsticks, all on one Temporal
 * dev server and one PostgreSQL:
 *   bare     a no-op workflow sent the same updates (Temporal alone);
 *   floor    the no-op plus one local-activity INSERT per update (the least a step with a read model costs);
 *   product  the journey of a V&V oudere to gehuisvest through the HTTP API (start + 12 steps, each case
 *            its own vrije woning), every request with an Idempotency-Key as the web app sends.
 * Per variant: step latency p50/p95 at 1 and at 20 in flight, steps/s at 20, CPU ms per step per process
 * (/proc/<pid>/stat utime+stime; PostgreSQL with all its backends), SQL statements per step (counted in
 * each process's pg client, bench/count-queries.ts, and PostgreSQL's transactions from pg_stat_database),
 * RSS per cached workflow (open cases left at their first step), and the ratios to bare and to the floor.
 * A "step" is one request: the start or one step update.
 * First of all, on a fresh case worker, the product with many open cases (BENCH_OPEN_TIERS, default
 * 100,1000,5000): at each tier the worker's RSS and cache count (its temporal_sticky_cache_size), then
 * BENCH_TIER_CASES journeys with all of them still open: KB per cached workflow and the slowdown.
 *
 *   npm run bench                     (starts its own PostgreSQL 15 and Temporal dev server)
 *   BENCH_QUICK=1 npm run bench       (small counts: a minute or two)
 *   BENCH_CASES=200 BENCH_OPEN_CASES=450 npm run bench
 *   BENCH_TIERS_ONLY=1 BENCH_OPEN_TIERS=100,5000 npm run bench   (the open-case tiers alone)
 * Loopback only; every count and phase is bounded (BENCH_PHASE_MAX_SECONDS).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import { registerOrganisations, testOrganisations } from '../test/support/organisations';
import { createDb, type Db } from '../prisma/client';
import { workflowIdFor } from '../prisma/case-repository';
import { parseEnv, sharedEnvSchema } from '../platform/env';
import { connectionOptionsFor, dataConverterFor } from '../platform/temporal';
import type { Actor, Aanmelding } from '../domain/types';
import { jaarParameters } from '../domain/rules/parameters';
import { baselineStepUpdate } from './baseline-workflow';
import { ensureLocalKeys, issueToken, LOCAL_AUDIENCE, LOCAL_ISSUER } from '../api/auth/local-issuer';
import { cpuMs, findProcess, parentOf, rssBytes } from './proc';

const intEnv = (name: string, fallback: number) => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got ${raw}`);
  return n;
};

const QUICK = process.env.BENCH_QUICK === '1';
const CASES_AT_1 = Math.max(1, intEnv('BENCH_CASES_AT_1', QUICK ? 3 : 10));
const CASES = Math.max(1, intEnv('BENCH_CASES', QUICK ? 20 : 100));
const CONCURRENCY = Math.max(1, intEnv('BENCH_CONCURRENCY', 20));
const WARMUP = intEnv('BENCH_WARMUP', QUICK ? 5 : 20);
/** Open cases per yardstick (bare, floor) for RSS per cached workflow; they share a worker, so 2 × this must fit its cache. */
const OPEN_CASES = intEnv('BENCH_OPEN_CASES', QUICK ? 50 : 400);
/**
 * The product's open cases, cumulative tiers: at each the case worker's RSS and cache count, then a throughput
 * run (BENCH_TIER_CASES journeys at BENCH_CONCURRENCY) with all of them still open (issue 16 item 2).
 */
const OPEN_TIERS = (process.env.BENCH_OPEN_TIERS || (QUICK ? '50,200' : '100,1000,5000')).split(',').map((t) => {
  const n = Number(t.trim());
  if (!Number.isInteger(n) || n < 1) throw new Error(`BENCH_OPEN_TIERS must be positive integers, got ${t}`);
  return n;
});
for (let i = 1; i < OPEN_TIERS.length; i++)
  if (OPEN_TIERS[i]! <= OPEN_TIERS[i - 1]!) throw new Error('BENCH_OPEN_TIERS must increase');
const TIER_CASES = Math.max(1, intEnv('BENCH_TIER_CASES', QUICK ? 10 : 60));
/** Only the tiers: no yardsticks, no main table (a repeat of the open-case figures alone). */
const TIERS_ONLY = process.env.BENCH_TIERS_ONLY === '1';
const PHASE_MAX_S = intEnv('BENCH_PHASE_MAX_SECONDS', 600);
const REQUEST_TIMEOUT_MS = 60_000;
/** What the SDK and Node print when a worker falls over (sdk-typescript issues 939, 2227). */
const CRASH_PATTERN =
  /Trying to send a new WFT|async hook stack|ERR_WORKER_OUT_OF_MEMORY|heap out of memory|UnexpectedError|Workflow Worker Thread failed/i;

const actors = {
  consulent: { id: 'u-bench-cons', organisatie: 'wijkteam-noord', rol: 'consulent' },
  zorg: { id: 'u-bench-zorg', organisatie: 'zorg-de-brug', rol: 'zorgmedewerker' },
  verhuur: { id: 'u-bench-verh', organisatie: 'woonstad', rol: 'verhuurmedewerker' },
} satisfies Record<string, Actor>;

let refCounter = 0;
const aanmelding = (): Aanmelding => ({
  persoon: {
    referentie: `BENCH-${Date.now().toString(36).toUpperCase()}-${(refCounter++).toString(36).toUpperCase()}`,
    huishoudgrootte: 1,
    inkomensgroep: 'passendheidsgroep',
    huidigeSituatie: 'thuis',
  },
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
  [
    'zorg',
    { zorgvorm: 'op_afspraak', steunpuntGewenst: true, clusteringNodig: false, richtingen: ['ambulant', 'sober'] },
    actors.zorg,
  ],
  ['woonvorm', { woonvorm: 'geschikt_wonen' }, actors.zorg],
  [
    'buurt',
    {
      buurtcode: 'BU03630101',
      opgave: 'opgave_1_nabij_steunpunt',
      draagkrachtBesproken: true,
      voorlichtingNodig: false,
    },
    actors.verhuur,
  ],
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
  [
    'kennismakingsgesprek',
    { datum: VANDAAG, verwachtingenBesproken: true, deelnemers: ['bewoner', 'zorg', 'verhuurder'] },
    actors.verhuur,
  ],
  ['overdracht_bevestiging', {}, actors.verhuur],
  ['nazorg', { uitkomst: 'stabiel' }, actors.consulent],
  // nazorg@1: closing before the agreed follow-up moments needs a reason.
  ['nazorg_afsluiting', { reden: 'vervolg in overleg eerder afgerond' }, actors.consulent],
];
const REQUESTS_PER_CASE = 1 + STEPS.length;
// The API takes an aanbod dated at most 31 days back: today's, as a verhuurmedewerker records it.
const aanbodBody = (woningId: string) => ({ woningId, aanbodDatum: VANDAAG });

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

interface PhaseResult {
  cases: number;
  failed: number;
  seconds: number;
  ms: number[];
  errors: string[];
}
type Timer = <T>(call: () => Promise<T>) => Promise<T>;

const pct = (xs: number[], p: number) =>
  xs.length === 0 ? NaN : [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

/** Runs `count` cases, `concurrency` at a time; requests within a case are sequential. Stops starting new ones after PHASE_MAX_S. */
async function runPhase(
  name: string,
  count: number,
  concurrency: number,
  runCase: (i: number, time: Timer) => Promise<void>,
): Promise<PhaseResult> {
  const ms: number[] = [];
  const errors: string[] = [];
  let next = 0;
  let done = 0;
  let failed = 0;
  const t0 = performance.now();
  const deadline = t0 + PHASE_MAX_S * 1_000;
  const time: Timer = async (call) => {
    const s = performance.now();
    const r = await call();
    ms.push(performance.now() - s);
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
  for (const e of errors) console.log(`  ! ${e}`);
  return { cases: done, failed, seconds: (performance.now() - t0) / 1_000, ms, errors };
}

const fmt = (x: number) => (Number.isNaN(x) ? '-' : x >= 100 ? x.toFixed(0) : x.toFixed(x >= 10 ? 1 : 2));
const col = (x: string) => x.padStart(11);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** One question over a child's IPC channel (bench/count-queries.ts, bench/bench-worker.ts). */
function ask<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off('message', on);
      reject(new Error(`no answer to ${type} from pid ${child.pid}`));
    }, 10_000);
    const on = (m: unknown) => {
      if ((m as { type?: string })?.type !== type) return;
      clearTimeout(timer);
      child.off('message', on);
      resolve(m as T);
    };
    child.on('message', on);
    child.send({ type });
  });
}

interface Counts {
  statements: number;
  txControl: number;
}

// ---------------------------------------------------------------------------------------------- main

async function main() {
  for (const name of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'PAYLOAD_KEYS']) {
    if (!process.env[name])
      throw new Error(`${name} is not set: run \`npm run bench\`, which starts PostgreSQL and Temporal`);
  }
  const runId = randomUUID().slice(0, 8);
  const env = parseEnv(sharedEnvSchema);
  const caseQueue = `bench-case-${runId}`;
  const benchQueue = `bench-ref-${runId}`;
  const db = createDb(env.DATABASE_URL, 4);
  // The API refuses tokens of unregistered organisations: the bench acts for the test organisations.
  await registerOrganisations(db, testOrganisations);
  const workDir = mkdtempSync(path.join(tmpdir(), 'toewijzing-bench-'));
  const logFile = path.join(workDir, 'processes.log');
  const logFd = openSync(logFile, 'a');

  // The services' processes: PostgreSQL's postmaster is the parent of our backend; Temporal by its command line.
  const [backend] = await db.$queryRaw<Array<{ pid: number }>>`SELECT pg_backend_pid() AS pid`;
  const backendPid = backend!.pid;
  const postgresPid = parentOf(backendPid)!;
  const temporalPid = findProcess(['start-dev', '--port', env.TEMPORAL_ADDRESS.split(':').pop()!]);

  const { jwksFile, privateFile } = await ensureLocalKeys(path.join(workDir, 'auth'));
  const apiPort = await freePort();
  const baseUrl = `http://127.0.0.1:${apiPort}`;
  const countQueries = require.resolve('./count-queries');
  const childEnv = { ...process.env, TEMPORAL_TASK_QUEUE: caseQueue };
  const spawnNode = (modulePath: string, extra: Record<string, string>) =>
    fork(modulePath, [], {
      // BENCH_CPU_PROF=<dir>: a V8 CPU profile per process, written when it stops (docs/benchmarks.md).
      execArgv: [
        '-r',
        countQueries,
        ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
      ],
      env: { ...childEnv, ...extra },
      stdio: ['ignore', logFd, logFd, 'ipc'],
    });
  const api = spawnNode(require.resolve('../api/server'), {
    PORT: String(apiPort),
    // The local issuer's tokens are accepted only in local sign-in mode (api/config.ts).
    AUTH_MODE: 'local',
    AUTH_ISSUER: LOCAL_ISSUER,
    AUTH_AUDIENCE: LOCAL_AUDIENCE,
    AUTH_JWKS_FILE: jwksFile,
    // The worker may still be bundling its workflows when the first case starts on a loaded machine.
    STEP_TIMEOUT_MS: '60000',
  });
  // The worker's own Prometheus endpoint says how many workflows it caches (temporal_sticky_cache_size).
  const workerMetrics = `127.0.0.1:${await freePort()}`;
  const worker = spawnNode(require.resolve('../worker/main'), { METRICS_ADDRESS: workerMetrics });
  const maxCached = Number(process.env.WORKER_MAX_CACHED_WORKFLOWS || 1000);
  const workerCached = async (): Promise<number> => {
    const text = await fetch(`http://${workerMetrics}/metrics`, { signal: AbortSignal.timeout(10_000) }).then(
      (r) => r.text(),
      () => '',
    );
    const values = [...text.matchAll(/^temporal_sticky_cache_size(?:\{[^}]*\})? ([0-9.e+]+)$/gm)].map((m) =>
      Number(m[1]),
    );
    return values.length === 0 ? NaN : values.reduce((a, b) => a + b, 0);
  };
  const benchWorker = spawnNode(require.resolve('./bench-worker'), { BENCH_TASK_QUEUE: benchQueue });
  const children = { api, worker, benchWorker };
  for (const [name, child] of Object.entries(children)) {
    child.once('exit', (code, signal) => {
      if (!stopping) console.log(`  ! ${name} process exited early (code ${code}, signal ${signal}); see ${logFile}`);
    });
  }
  let stopping = false;

  const connection = await Connection.connect(connectionOptionsFor(env));
  const client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE, dataConverter: dataConverterFor(env) });

  try {
    // Ready: the API answers and both task queues have a poller.
    const readyBy = Date.now() + 180_000;
    for (;;) {
      const apiUp = await fetch(`${baseUrl}/health`).then(
        () => true,
        () => false,
      );
      const polled = await Promise.all(
        [caseQueue, benchQueue].map((name) =>
          client.workflowService
            .describeTaskQueue({ namespace: env.TEMPORAL_NAMESPACE, taskQueue: { name }, taskQueueType: 1 })
            .then(
              (r) => (r.pollers?.length ?? 0) > 0,
              () => false,
            ),
        ),
      );
      if (apiUp && polled.every(Boolean)) break;
      if (Date.now() > readyBy)
        throw new Error(`processes not ready after 180 s (api ${apiUp}, pollers ${polled}); see ${logFile}`);
      await sleep(500);
    }

    const tokens = new Map(
      await Promise.all(
        Object.values(actors).map(
          async (a) =>
            [
              a.id,
              `Bearer ${await issueToken(privateFile, { sub: a.id, org: a.organisatie, roles: [a.rol] }, { expiresIn: '4h' })}`,
            ] as const,
        ),
      ),
    );
    async function post(p: string, body: unknown, actor: Actor, expect: number): Promise<any> {
      const res = await fetch(`${baseUrl}${p}`, {
        method: 'POST',
        // A fresh key per request, as the web app renders one per form.
        headers: {
          'content-type': 'application/json',
          authorization: tokens.get(actor.id)!,
          'idempotency-key': randomUUID(),
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await res.text();
      if (res.status !== expect)
        throw new Error(`POST ${p.replace(/[0-9a-f-]{36}/, ':id')} → ${res.status}: ${text.slice(0, 200)}`);
      return JSON.parse(text);
    }

    // The API refuses an aanbod in a year without its own rule parameters: this year's, set as a beheerder
    // would, with 2023's amounts marked as bench values (as test/support/test-parameters.ts does).
    const { jaar: _2023, ...bedragen } = jaarParameters.find((p) => p.jaar === 2023)!;
    const beheerder = await issueToken(
      privateFile,
      { sub: 'u-bench-beheer', org: 'gemeente-amsterdam', roles: ['beheerder'] },
      { expiresIn: '1h' },
    );
    const parametersRes = await fetch(`${baseUrl}/parameters/${VANDAAG.slice(0, 4)}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${beheerder}` },
      body: JSON.stringify({ ...bedragen, bron: 'BENCH: de bedragen van 2023, geen officiële bedragen van dit jaar' }),
    });
    if (parametersRes.status !== 200 && parametersRes.status !== 201)
      throw new Error(`PUT /parameters → ${parametersRes.status}: ${(await parametersRes.text()).slice(0, 200)}`);

    const woningIds = await seedWoningen(
      db,
      runId,
      2 + 2 * WARMUP + CASES_AT_1 + CASES + TIER_CASES * OPEN_TIERS.length,
    );
    let woning = 0;
    const productCase = async (_i: number, time: Timer) => {
      const woningId = woningIds[woning++]!;
      const started = await time(() => post('/cases', aanmelding(), actors.consulent, 201));
      for (const [step, body, actor] of STEPS) {
        await time(() =>
          post(`/cases/${started.caseId}/steps/${step}`, body === AANBOD ? aanbodBody(woningId) : body, actor, 200),
        );
      }
    };
    const refCase = (workflowType: 'baselineCase' | 'floorCase', prefix: string) => async (i: number, time: Timer) => {
      const workflowId = `bench-${prefix}-${runId}-${i}`;
      await time(() =>
        client.workflow.executeUpdateWithStart(baselineStepUpdate, {
          args: [{ step: 'aanmelding', input: aanmelding(), actor: actors.consulent }],
          startWorkflowOperation: new WithStartWorkflowOperation(workflowType, {
            workflowId,
            taskQueue: benchQueue,
            args: [REQUESTS_PER_CASE],
            workflowIdConflictPolicy: 'USE_EXISTING',
          }),
        }),
      );
      const handle = client.workflow.getHandle(workflowId);
      for (const [step, body, actor] of STEPS) {
        // The same payload as the journey sends (the aanbod as its API body), so the codec does comparable work.
        const input = body === AANBOD ? aanbodBody(randomUUID()) : body;
        await time(() =>
          handle.executeUpdate(baselineStepUpdate, {
            args: [{ step, input, actor }],
            updateId: `step-${randomUUID()}`,
          }),
        );
      }
    };
    const variants = [
      { name: 'bare', run: (prefix: string) => refCase('baselineCase', `bare-${prefix}`), node: [benchWorker] },
      { name: 'floor', run: (prefix: string) => refCase('floorCase', `floor-${prefix}`), node: [benchWorker] },
      { name: 'product', run: (_prefix: string) => productCase, node: [api, worker] },
    ] as const;

    console.log(
      `load benchmark${QUICK ? ' (BENCH_QUICK)' : ''}: per variant ${CASES_AT_1} cases at 1 in flight, ${CASES} at ${CONCURRENCY} in flight, ` +
        `${REQUESTS_PER_CASE} steps per case (start + ${STEPS.length}), ${WARMUP} warm-up cases, ${OPEN_CASES} open cases for memory`,
    );
    console.log(
      `${cpus().length} cores, node ${process.version}, load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} at start`,
    );
    console.log(
      `processes: api ${api.pid}, worker ${worker.pid}, bench worker ${benchWorker.pid}, temporal ${temporalPid ?? 'not found'}, postgres ${postgresPid}; their log ${logFile}`,
    );

    // A first case per variant proves the set-up before anything is measured.
    for (const v of variants) await runPhase(`${v.name} first`, 1, 1, v.run('first'));

    // ------------------------------------------------------------------ the product with many open cases
    // First, on a fresh worker: its cache holds only what these cases put in it. Each tier opens cases (left at
    // their first step) up to its count, reads the worker's RSS and cache count, then runs journeys with them
    // all still open: how much memory a cached case costs, and whether the worker slows as open cases grow.
    const rssPerCached = new Map<string, number>();
    const opened: string[] = [];
    const productVariant = variants[2];
    await runPhase('product tier warm-up', WARMUP, CONCURRENCY, productVariant.run('tier-warmup'));
    await sleep(2_000);
    const tierBase = { rss: rssBytes(worker.pid!), cached: await workerCached() };
    interface Tier {
      open: number;
      failedOpen: number;
      cached: number;
      rssMb: number;
      kbPerCached: number;
      stepsPerS: number;
      p50: number;
      p95: number;
      failed: number;
      load: string;
    }
    const tiers: Tier[] = [];
    const loadNow = () =>
      loadavg()
        .map((l) => l.toFixed(1))
        .join(' ');
    console.log(
      `product tiers: worker cache ${maxCached}, ${tierBase.cached} cached and rss ${(tierBase.rss / 2 ** 20).toFixed(0)} MB after ${WARMUP} warm-up journeys`,
    );
    let failedOpen = 0;
    for (const target of OPEN_TIERS) {
      const open = await runPhase(`product open ${target}`, target - opened.length, CONCURRENCY, async () => {
        opened.push(workflowIdFor((await post('/cases', aanmelding(), actors.consulent, 201)).caseId));
      });
      failedOpen += open.failed;
      await sleep(3_000);
      const rss = rssBytes(worker.pid!);
      const cached = await workerCached();
      const many = await runPhase(
        `product at ${opened.length} open`,
        TIER_CASES,
        CONCURRENCY,
        productVariant.run(`t${target}`),
      );
      tiers.push({
        open: opened.length,
        failedOpen,
        cached,
        rssMb: rss / 2 ** 20,
        kbPerCached: (rss - tierBase.rss) / 1024 / (cached - tierBase.cached),
        stepsPerS: many.ms.length / many.seconds,
        p50: pct(many.ms, 50),
        p95: pct(many.ms, 95),
        failed: many.failed,
        load: loadNow(),
      });
      console.log(
        `product  ${opened.length} open cases (${failedOpen} failed to open), ${cached} cached: rss ${(rss / 2 ** 20).toFixed(0)} MB; ` +
          `${TIER_CASES} journeys: ${(many.ms.length / many.seconds).toFixed(1)} steps/s, ${many.failed} failed; load ${loadNow()}`,
      );
      if (worker.exitCode !== null || worker.signalCode !== null) break;
    }
    // The main table's product figure: the largest tier the cache holds whole.
    const held = tiers.filter((t) => t.open <= maxCached).pop() ?? tiers[0];
    if (held) rssPerCached.set('product', held.kbPerCached * 1024);
    const printTiers = () => {
      console.log(
        `\nproduct with open cases (worker cache ${maxCached}; ${TIER_CASES} journeys at ${CONCURRENCY} in flight per tier, the open cases still open)`,
      );
      console.log(
        `${'open cases'.padEnd(12)}${['cached', 'rss MB', 'KB/cached', 'steps/s', 'vs first', 'p50 ms', 'p95 ms', 'failed'].map(col).join('')}  load 1/5/15`,
      );
      for (const t of tiers) {
        console.log(
          `${String(t.open).padEnd(12)}${[
            fmt(t.cached),
            fmt(t.rssMb),
            fmt(t.kbPerCached),
            fmt(t.stepsPerS),
            (t.stepsPerS / tiers[0]!.stepsPerS).toFixed(2),
            fmt(t.p50),
            fmt(t.p95),
            String(t.failed + t.failedOpen),
            t.load.padStart(15),
          ]
            .map(col)
            .join('')}`,
        );
      }
      const alive = worker.exitCode === null && worker.signalCode === null;
      const crashLines = readFileSync(logFile, 'utf8')
        .split('\n')
        .filter((l) => CRASH_PATTERN.test(l));
      console.log(
        `case worker ${alive ? 'alive' : `exited (code ${worker.exitCode}, signal ${worker.signalCode})`} at the end; ` +
          `${crashLines.length} crash lines in its log${crashLines.length ? `, first: ${crashLines[0]!.slice(0, 300)}` : ''}`,
      );
      if (tiers.length > 1)
        console.log(
          `aims (issue 16 item 2): ≤ 300 KB per cached workflow → ${fmt(held?.kbPerCached ?? NaN)} at ${held?.open} open; ` +
            `at most 10 % slower from ${tiers[0]!.open} to ${tiers.at(-1)!.open} open → ${(100 * (1 - tiers.at(-1)!.stepsPerS / tiers[0]!.stepsPerS)).toFixed(0)} % slower`,
        );
    };
    printTiers();
    if (worker.exitCode !== null || worker.signalCode !== null)
      throw new Error(`the case worker fell over with ${opened.length} open cases; see ${logFile}`);
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        for (let id = opened.pop(); id; id = opened.pop())
          await client.workflow
            .getHandle(id)
            .terminate('bench: tiers measured')
            .catch(() => undefined);
      }),
    );
    if (TIERS_ONLY) return;

    // ------------------------------------------------------------------ memory: open cases left at their first step
    // Before the throughput runs, so memory freed by finished cases does not hide the growth. The product's
    // figure comes from the tiers above.
    for (const v of variants.slice(0, 2)) {
      const pid = benchWorker.pid!;
      await sleep(1_000);
      const before = rssBytes(pid);
      const cachedBefore = (await ask<{ cached: number }>(benchWorker, 'bench:status')).cached;
      const open = await runPhase(`${v.name} open`, OPEN_CASES, CONCURRENCY, async (i) => {
        const workflowId = `bench-${v.name}-open-${runId}-${i}`;
        await client.workflow.executeUpdateWithStart(baselineStepUpdate, {
          args: [{ step: 'aanmelding', input: aanmelding(), actor: actors.consulent }],
          startWorkflowOperation: new WithStartWorkflowOperation(v.name === 'bare' ? 'baselineCase' : 'floorCase', {
            workflowId,
            taskQueue: benchQueue,
            args: [REQUESTS_PER_CASE],
            workflowIdConflictPolicy: 'USE_EXISTING',
          }),
        });
        opened.push(workflowId);
      });
      await sleep(2_000);
      const after = rssBytes(pid);
      const cached = (await ask<{ cached: number }>(benchWorker, 'bench:status')).cached - cachedBefore;
      if (cached > 0) rssPerCached.set(v.name, (after - before) / cached);
      console.log(
        `${v.name.padEnd(8)} ${open.cases} open cases, ${cached} more cached: rss ${(before / 2 ** 20).toFixed(0)} → ${(after / 2 ** 20).toFixed(0)} MB`,
      );
    }
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        for (let id = opened.pop(); id; id = opened.pop())
          await client.workflow
            .getHandle(id)
            .terminate('bench: memory measured')
            .catch(() => undefined);
      }),
    );

    // ------------------------------------------------------------------ throughput and cost
    for (const v of variants) await runPhase(`${v.name} warm-up`, WARMUP, CONCURRENCY, v.run('warmup'));

    const processes = {
      api: api.pid!,
      worker: worker.pid!,
      'bench worker': benchWorker.pid!,
      temporal: temporalPid,
      postgres: postgresPid,
    };
    async function snapshot() {
      await sleep(1_200); // PostgreSQL flushes a backend's statistics at most once a second
      const [pgStat] = await db.$queryRaw<Array<{ xacts: number }>>`
        SELECT (xact_commit + xact_rollback)::float8 AS xacts FROM pg_stat_database WHERE datname = current_database()`;
      const counts = Object.fromEntries(
        await Promise.all(
          Object.entries(children).map(async ([name, c]) => [name, await ask<Counts>(c, 'bench:counts')] as const),
        ),
      ) as Record<keyof typeof children, Counts>;
      const cpu = Object.fromEntries(
        Object.entries(processes).map(([name, pid]) => [
          name,
          pid === undefined ? NaN : cpuMs(pid, name === 'postgres'),
        ]),
      ) as Record<keyof typeof processes, number>;
      const self = process.cpuUsage();
      return { xacts: pgStat!.xacts, counts, cpu: { ...cpu, driver: (self.user + self.system) / 1000 } };
    }

    interface Figures {
      p50at1: number;
      p95at1: number;
      p50: number;
      p95: number;
      stepsPerS: number;
      cpu: Record<string, number>;
      statements: number;
      txControl: number;
      xacts: number;
      failed: number;
    }
    const figures = new Map<string, Figures>();
    for (const v of variants) {
      const one = await runPhase(`${v.name} at 1`, CASES_AT_1, 1, v.run('one'));
      const before = await snapshot();
      const many = await runPhase(`${v.name} at ${CONCURRENCY}`, CASES, CONCURRENCY, v.run('many'));
      const after = await snapshot();
      const steps = many.ms.length;
      const per = (a: number, b: number) => (b - a) / steps;
      const cpu = Object.fromEntries(
        Object.keys(after.cpu).map((k) => [k, per(before.cpu[k as 'api']!, after.cpu[k as 'api']!)]),
      );
      const nodeChildren = v.name === 'product' ? (['api', 'worker'] as const) : (['benchWorker'] as const);
      figures.set(v.name, {
        p50at1: pct(one.ms, 50),
        p95at1: pct(one.ms, 95),
        p50: pct(many.ms, 50),
        p95: pct(many.ms, 95),
        stepsPerS: steps / many.seconds,
        cpu,
        statements: nodeChildren.reduce((s, c) => s + per(before.counts[c].statements, after.counts[c].statements), 0),
        txControl: nodeChildren.reduce((s, c) => s + per(before.counts[c].txControl, after.counts[c].txControl), 0),
        xacts: per(before.xacts, after.xacts),
        failed: one.failed + many.failed,
      });
    }

    // ------------------------------------------------------------------ the table: variants as columns, then the ratios
    const bare = figures.get('bare')!;
    const floor = figures.get('floor')!;
    const product = figures.get('product')!;
    const cpuTotal = (f: Figures) => Object.values(f.cpu).reduce((s, x) => s + (Number.isNaN(x) ? 0 : x), 0);
    // The last field: whether a ratio says something (not for a process a variant does not have).
    const rows: Array<[string, (f: Figures, name: string) => number, boolean]> = [
      ['step p50 ms at 1 in flight', (f) => f.p50at1, true],
      ['step p95 ms at 1 in flight', (f) => f.p95at1, true],
      [`step p50 ms at ${CONCURRENCY} in flight`, (f) => f.p50, true],
      [`step p95 ms at ${CONCURRENCY} in flight`, (f) => f.p95, true],
      [`steps/s at ${CONCURRENCY} in flight`, (f) => f.stepsPerS, true],
      ['CPU ms/step: driver (client)', (f) => f.cpu.driver!, false],
      ['CPU ms/step: node api', (f) => f.cpu.api!, false],
      ['CPU ms/step: node worker', (f, n) => (n === 'product' ? f.cpu.worker! : f.cpu['bench worker']!), true],
      ['CPU ms/step: temporal server', (f) => f.cpu.temporal!, true],
      ['CPU ms/step: postgresql', (f) => f.cpu.postgres!, true],
      ['CPU ms/step: all processes', cpuTotal, true],
      ['SQL statements/step (pg client)', (f) => f.statements, true],
      ['  + BEGIN/COMMIT/...', (f) => f.txControl, false],
      ['PostgreSQL transactions/step', (f) => f.xacts, true],
      ['RSS KB per cached workflow', (_f, n) => (rssPerCached.get(n) ?? NaN) / 1024, true],
    ];
    console.log(
      `\nat ${CONCURRENCY} in flight: CPU and SQL per step; load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} at the end`,
    );
    console.log(
      `${'figure'.padEnd(34)}${['bare', 'floor', 'product', 'prod/floor', 'prod/bare', 'floor/bare'].map(col).join('')}`,
    );
    for (const [label, get, comparable] of rows) {
      const [b, f, p] = [get(bare, 'bare'), get(floor, 'floor'), get(product, 'product')];
      // Not against next to nothing (bare Temporal's 0.1 ms of PostgreSQL).
      const ratio = (x: number, y: number) => (comparable && y >= 0.5 && x > 0 ? (x / y).toFixed(2) : '');
      console.log(
        `${label.padEnd(34)}${[fmt(b), fmt(f), fmt(p), ratio(p, f), ratio(p, b), ratio(f, b)].map(col).join('')}`,
      );
    }
    const failed = [...figures.values()].reduce((s, f) => s + f.failed, 0);
    console.log(`failed cases: ${failed}${failed ? ' (see the ! lines above)' : ''}`);
    console.log(
      `aims (issue 16): CPU/step ≤ 20 ms → ${fmt(cpuTotal(product) - product.cpu.driver!)} (without the driver); p50 at 1 ≤ 1.5 × floor → ${(product.p50at1 / floor.p50at1).toFixed(2)}; ` +
        `steps/s ≥ 0.7 × floor → ${(product.stepsPerS / floor.stepsPerS).toFixed(2)}, ≥ 0.5 × bare → ${(product.stepsPerS / bare.stepsPerS).toFixed(2)}`,
    );

    printTiers();
  } finally {
    stopping = true;
    await connection.close();
    for (const child of Object.values(children)) child.kill('SIGTERM');
    await Promise.all(
      Object.values(children).map((c) =>
        c.exitCode !== null || c.signalCode !== null ? Promise.resolve() : new Promise((r) => c.once('exit', r)),
      ),
    );
    // The owner made it (bench-worker.ts); the services are the bench's own and go with it anyway.
    await db.$executeRawUnsafe('DROP TABLE IF EXISTS bench_floor').catch(() => undefined);
    await db.$disconnect();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
