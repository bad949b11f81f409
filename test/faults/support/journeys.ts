import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import { getStateQuery } from '../../../workflows/messages';
import { workflowIdFor } from '../../../prisma/case-repository';
import { dataConverterFor } from '../../../platform/temporal';
import type { Actor } from '../../../domain/types';
import { actorHeaders, actors } from '../../support/api-client';
import { vraag, vvOudere, zorg24uur, zorgOpAfspraak } from '../../support/fixtures';
import type { Lab } from './lab';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// Journeys: paths that need no woning, so 100 cases need no seeded data and run in parallel.
// ---------------------------------------------------------------------------------------------

interface Request {
  step: string; // 'aanmelding' = POST /cases
  body: unknown;
  actor: Actor;
}
export interface Journey {
  name: string;
  requests: Request[];
  uitkomst: string;
}

const intrekking = (actor: Actor): Request => ({
  step: 'intrekking',
  body: { reden: 'kiest zelf voor particuliere huur' },
  actor,
});

/** Three shapes, cycled: withdrawn after buurt, verwezen at woonvorm, doorgeleid and then withdrawn. */
export function journeyFor(i: number): Journey {
  switch (i % 3) {
    case 0:
      return {
        name: 'ingetrokken-na-buurt',
        uitkomst: 'ingetrokken',
        requests: [
          { step: 'aanmelding', body: vvOudere(), actor: actors.consulent },
          { step: 'vraag', body: vraag, actor: actors.consulent },
          { step: 'zorg', body: zorgOpAfspraak, actor: actors.zorg },
          { step: 'woonvorm', body: { woonvorm: 'geschikt_wonen' }, actor: actors.zorg },
          {
            step: 'buurt',
            body: {
              buurtcode: 'BU03630101',
              opgave: 'opgave_1_nabij_steunpunt',
              draagkrachtBesproken: true,
              voorlichtingNodig: false,
            },
            actor: actors.verhuur,
          },
          intrekking(actors.consulent),
        ],
      };
    case 1:
      return {
        name: 'verwezen',
        uitkomst: 'verwezen',
        requests: [
          { step: 'aanmelding', body: vvOudere(), actor: actors.consulent },
          { step: 'vraag', body: vraag, actor: actors.consulent },
          { step: 'zorg', body: zorg24uur, actor: actors.zorg },
          { step: 'verwijzing', body: { reden: 'zzp met verblijf: zorgkantoor' }, actor: actors.zorg },
        ],
      };
    default:
      return {
        name: 'doorgeleid-ingetrokken',
        uitkomst: 'ingetrokken',
        requests: [
          {
            step: 'aanmelding',
            body: { ...vvOudere(), doelgroep: 'ghz_lg', indicatie: { wet: 'wmo', leveringsvorm: 'pgb' } },
            actor: actors.consulent,
          },
          { step: 'vraag', body: vraag, actor: actors.consulent },
          { step: 'zorg', body: zorgOpAfspraak, actor: actors.zorg },
          {
            step: 'doorgeleiding',
            body: {
              reden: 'geen zorgwoning nodig; toegankelijke woning volstaat',
              contactpersoon: { naam: 'A. Jansen', organisatie: 'woonstad' },
            },
            actor: actors.zorg,
          },
          {
            step: 'persoonlijk_contact',
            body: { datum: '2023-06-05', vervolg: 'zoekprofiel toegankelijke woning opgesteld' },
            actor: actors.verhuur,
          },
          intrekking(actors.verhuur),
        ],
      };
  }
}

// ---------------------------------------------------------------------------------------------
// Traffic: every answer is recorded; requests rotate over the API processes.
// ---------------------------------------------------------------------------------------------

export interface Observation {
  at: number;
  kind: 'write' | 'read';
  api: string;
  route: string;
  status: number | 'network';
  error?: string | undefined;
  json: boolean;
}

export class Traffic {
  readonly observations: Observation[] = [];
  private rr = 0;
  constructor(readonly apis: string[]) {}

  private nextApi() {
    return this.apis[this.rr++ % this.apis.length]!;
  }

  async send(
    kind: Observation['kind'],
    method: string,
    route: string,
    path: string,
    o: { body?: unknown; headers?: Record<string, string> } = {},
  ) {
    const api = this.nextApi();
    const at = Date.now();
    try {
      const res = await fetch(`${api}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...o.headers },
        body: o.body === undefined ? undefined : JSON.stringify(o.body),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await res.text();
      let body: any;
      let json = false;
      try {
        body = text ? JSON.parse(text) : undefined;
        json = text !== '' && (res.headers.get('content-type') ?? '').includes('application/json');
      } catch {
        body = text;
      }
      this.observations.push({ at, kind, api, route, status: res.status, error: body?.error, json });
      return { status: res.status, body, replayed: res.headers.get('idempotent-replayed') === 'true' };
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
      this.observations.push({ at, kind, api, route, status: 'network', error: cause, json: false });
      return null;
    }
  }

  /** Observations by status, e.g. { '200': 410, '503': 12, network: 3 }. */
  tally(filter: (o: Observation) => boolean = () => true) {
    const t: Record<string, number> = {};
    for (const o of this.observations.filter(filter)) t[String(o.status)] = (t[String(o.status)] ?? 0) + 1;
    return t;
  }
}

// ---------------------------------------------------------------------------------------------
// Driving cases: all cases are open together; a pool of `concurrency` lanes takes one request of
// the case at the head of the queue and puts the case back at the tail, so at any moment every
// case is somewhere in its journey. 503 and network errors are retried with the same key.
// ---------------------------------------------------------------------------------------------

export interface CaseRun {
  i: number;
  journey: Journey;
  caseId?: string;
  next: number;
  answers: Array<{ status: number; body: any }>;
  keys: string[];
  failure?: string;
  retries: number;
  replayed: number;
}

export interface Drive {
  runs: CaseRun[];
  total: number;
  /** Requests answered finally (201/200 or a refusal), over all cases. */
  done(): number;
  finished: Promise<void>;
}

export function driveCases(traffic: Traffic, o: { cases: number; concurrency: number; deadline: number }): Drive {
  const runId = randomUUID().slice(0, 8);
  const runs: CaseRun[] = Array.from({ length: o.cases }, (_, i) => ({
    i,
    journey: journeyFor(i),
    next: 0,
    answers: [],
    keys: [],
    retries: 0,
    replayed: 0,
  }));
  const total = runs.reduce((n, r) => n + r.journey.requests.length, 0);
  let done = 0;
  const queue = [...runs];

  async function keyed(run: CaseRun, req: Request, key: string) {
    const headers = () => ({ ...actorHeaders(req.actor), 'idempotency-key': key });
    for (let attempt = 0; ; attempt++) {
      if (Date.now() > o.deadline) throw new Error(`deadline passed at ${req.step} after ${attempt} attempts`);
      const r =
        req.step === 'aanmelding'
          ? await traffic.send('write', 'POST', 'POST /cases', '/cases', { body: req.body, headers: headers() })
          : await traffic.send(
              'write',
              'POST',
              `POST /cases/:id/steps/${req.step}`,
              `/cases/${run.caseId}/steps/${req.step}`,
              { body: req.body, headers: headers() },
            );
      if (r && r.status !== 503) {
        if (r.replayed) run.replayed++;
        return r;
      }
      run.retries++;
      await sleep(Math.min(2_000, 200 * 2 ** Math.min(attempt, 4)) * (0.5 + Math.random()));
    }
  }

  async function lane() {
    for (;;) {
      const run = queue.shift();
      if (!run) return;
      const req = run.journey.requests[run.next]!;
      try {
        const key = `faults-${runId}-${run.i}-${run.next}`;
        run.keys.push(key);
        const r = await keyed(run, req, key);
        run.answers.push({ status: r.status, body: r.body });
        const expected = req.step === 'aanmelding' ? 201 : 200;
        if (r.status !== expected)
          throw new Error(`${req.step}: expected ${expected}, got ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
        if (req.step === 'aanmelding') run.caseId = r.body.caseId;
      } catch (err) {
        run.failure = `case ${run.i} (${run.journey.name}, ${run.caseId ?? 'no id'}): ${(err as Error).message}`;
        continue; // this case stops here; the others go on
      } finally {
        done++;
      }
      run.next++;
      if (run.next < run.journey.requests.length) queue.push(run);
    }
  }

  // A lane that finds the queue empty while other lanes still hold cases must not stop the pool:
  // lanes wait for work until every case is finished or failed.
  async function lanes() {
    const active = new Set<Promise<void>>();
    const open = () => runs.some((r) => !r.failure && r.next < r.journey.requests.length);
    while (open()) {
      while (queue.length > 0 && active.size < o.concurrency) {
        const p: Promise<void> = lane().finally(() => active.delete(p));
        active.add(p);
      }
      if (active.size === 0) break;
      await Promise.race(active);
    }
  }

  return { runs, total, done: () => done, finished: lanes() };
}

/**
 * On a few closed cases: the closing request repeated with its key answers 200 with the first answer
 * (Idempotent-Replayed), and a step with a new key answers 409 case_closed promptly. Returns problems.
 */
export async function checkRepeats(traffic: Traffic, runs: CaseRun[]): Promise<string[]> {
  const problems: string[] = [];
  const closed = runs.filter((r) => !r.failure && r.next === r.journey.requests.length).slice(0, 3);
  for (const run of closed) {
    const last = run.journey.requests.length - 1;
    const req = run.journey.requests[last]!;
    const again = await traffic.send(
      'write',
      'POST',
      `POST /cases/:id/steps/${req.step} (repeat)`,
      `/cases/${run.caseId}/steps/${req.step}`,
      {
        body: req.body,
        headers: { ...actorHeaders(req.actor), 'idempotency-key': run.keys[last]! },
      },
    );
    if (again?.status !== 200 || again.body?.seq !== run.answers[last]?.body?.seq || !again.replayed) {
      problems.push(
        `case ${run.i}: repeated ${req.step} answered ${again?.status} ${JSON.stringify(again?.body)} (replayed: ${again?.replayed})`,
      );
    }
  }
  const run = closed[0];
  if (run) {
    const started = Date.now();
    const fresh = await traffic.send(
      'write',
      'POST',
      'POST /cases/:id/steps/vraag (closed)',
      `/cases/${run.caseId}/steps/vraag`,
      {
        body: vraag,
        headers: { ...actorHeaders(actors.consulent), 'idempotency-key': `faults-closed-${randomUUID()}` },
      },
    );
    if (fresh?.status !== 409 || fresh.body?.error !== 'case_closed' || Date.now() - started > 5_000) {
      problems.push(
        `case ${run.i}: a new keyed step on the closed case answered ${fresh?.status} ${JSON.stringify(fresh?.body)} after ${Date.now() - started} ms`,
      );
    }
  }
  return problems;
}

/** Resolves when `cond` holds; throws after timeoutMs. */
export async function waitFor(
  what: string,
  cond: () => boolean | Promise<boolean>,
  timeoutMs: number,
  intervalMs = 100,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}`);
    await sleep(intervalMs);
  }
}

/**
 * Reads while the journeys run: GET /cases/:id of a started case and GET /cases, alternately,
 * every `intervalMs`, each answer recorded as a 'read' observation.
 */
export function probeReads(traffic: Traffic, runs: CaseRun[], intervalMs = 200) {
  let stopped = false;
  const reader = actorHeaders(actors.consulent);
  const loop = (async () => {
    for (let n = 0; !stopped; n++) {
      const started = runs.filter((r) => r.caseId);
      if (n % 2 === 0 && started.length > 0) {
        const run = started[n % started.length]!;
        await traffic.send('read', 'GET', 'GET /cases/:id', `/cases/${run.caseId}`, { headers: reader });
      } else {
        await traffic.send('read', 'GET', 'GET /cases', '/cases?limit=5', { headers: reader });
      }
      await sleep(intervalMs);
    }
  })();
  return async () => {
    stopped = true;
    await loop;
  };
}

// ---------------------------------------------------------------------------------------------
// Verification: every case completed, and the read model equals the workflow's state.
// ---------------------------------------------------------------------------------------------

export interface Verification {
  problems: string[];
  cases: number;
  events: number;
}

/**
 * For every case: the workflow completed with the journey's outcome; `getState` holds exactly the
 * journey's steps; `cases` has one row per aanmelding with the workflow's version, status, fase
 * and state; `case_events` holds seqs 1..version without gaps or duplicates and the journey's steps
 * in order. The read model may lag the workflow briefly: mismatches are re-checked until timeoutMs.
 */
export async function verifyCases(
  lab: Pick<Lab, 'temporalAddress' | 'databaseUrl' | 'payloadKeys'>,
  runs: CaseRun[],
  timeoutMs = 60_000,
): Promise<Verification> {
  const problems: string[] = [];
  for (const r of runs) if (r.failure) problems.push(r.failure);
  const started = runs.filter((r) => r.caseId);
  const connection = await Connection.connect({ address: lab.temporalAddress });
  const client = new Client({
    connection,
    namespace: 'default',
    dataConverter: dataConverterFor({ PAYLOAD_KEYS: lab.payloadKeys }),
  });
  const db = new PgClient({ connectionString: lab.databaseUrl });
  await db.connect();
  let events = 0;
  try {
    // One case row per aanmelding: a retried start never made a second case.
    const refs = started.map(
      (r) => (r.journey.requests[0]!.body as { persoon: { referentie: string } }).persoon.referentie,
    );
    const byRef = await db.query<{ ref: string; ids: string[] }>(
      `SELECT state->'aanmelding'->'persoon'->>'referentie' AS ref, array_agg(id) AS ids FROM cases
        WHERE state->'aanmelding'->'persoon'->>'referentie' = ANY($1) GROUP BY 1`,
      [refs],
    );
    const idsByRef = new Map(byRef.rows.map((row) => [row.ref, row.ids]));
    started.forEach((r, k) => {
      const ids = idsByRef.get(refs[k]!) ?? [];
      if (ids.length !== 1 || ids[0] !== r.caseId)
        problems.push(
          `case ${r.i}: read model has case ids ${JSON.stringify(ids)} for its aanmelding, client got ${r.caseId}`,
        );
    });

    const check = async (r: CaseRun): Promise<string[]> => {
      const p: string[] = [];
      const id = r.caseId!;
      const handle = client.workflow.getHandle(workflowIdFor(id));
      const desc = await handle.describe();
      if (desc.status.name !== 'COMPLETED') p.push(`workflow ${desc.status.name}, expected COMPLETED`);
      const view = await handle.query(getStateQuery);
      const wf = JSON.parse(JSON.stringify(view.state));
      const expectedSteps = r.journey.requests.map((q) => q.step);
      if (wf.version !== expectedSteps.length)
        p.push(`workflow version ${wf.version}, journey has ${expectedSteps.length} steps`);
      if (wf.status !== 'afgesloten' || wf.uitkomst !== r.journey.uitkomst)
        p.push(`workflow ${wf.status}/${wf.uitkomst}, expected afgesloten/${r.journey.uitkomst}`);
      const row = (await db.query('SELECT version, status, fase, uitkomst, state FROM cases WHERE id = $1', [id]))
        .rows[0];
      const evs = (
        await db.query<{ seq: number; step: string }>(
          'SELECT seq, step FROM case_events WHERE case_id = $1 ORDER BY seq',
          [id],
        )
      ).rows;
      if (!row) return [...p, 'no row in cases'];
      if (row.version !== wf.version) p.push(`cases.version ${row.version} != workflow ${wf.version}`);
      if (row.status !== wf.status || row.fase !== wf.fase || (row.uitkomst ?? undefined) !== wf.uitkomst)
        p.push(`cases ${row.status}/${row.fase}/${row.uitkomst} != workflow ${wf.status}/${wf.fase}/${wf.uitkomst}`);
      const seqs = evs.map((e) => e.seq);
      const want = Array.from({ length: wf.version }, (_, k) => k + 1);
      if (JSON.stringify(seqs) !== JSON.stringify(want))
        p.push(`case_events seqs ${JSON.stringify(seqs)}, expected 1..${wf.version}`);
      if (JSON.stringify(evs.map((e) => e.step)) !== JSON.stringify(expectedSteps))
        p.push(
          `case_events steps ${JSON.stringify(evs.map((e) => e.step))}, expected ${JSON.stringify(expectedSteps)}`,
        );
      try {
        expect(row.state).toEqual(wf);
      } catch {
        const keys = [...new Set([...Object.keys(row.state ?? {}), ...Object.keys(wf)])].filter(
          (k) => JSON.stringify(row.state?.[k]) !== JSON.stringify(wf[k]),
        );
        p.push(`cases.state differs from the workflow state in ${keys.join(', ')}`);
      }
      if (p.length === 0) events += evs.length;
      return p;
    };

    const deadline = Date.now() + timeoutMs;
    let pending = started.filter((r) => !r.failure);
    const lastProblems = new Map<CaseRun, string[]>();
    while (pending.length > 0) {
      const retry: CaseRun[] = [];
      for (let k = 0; k < pending.length; k += 10) {
        await Promise.all(
          pending.slice(k, k + 10).map(async (r) => {
            let p: string[];
            try {
              p = await check(r);
            } catch (err) {
              p = [`check failed: ${(err as Error).message.split('\n')[0]}`];
            }
            if (p.length > 0) {
              lastProblems.set(r, p);
              retry.push(r);
            }
          }),
        );
      }
      if (retry.length === 0 || Date.now() > deadline) {
        for (const r of retry)
          problems.push(`case ${r.i} (${r.journey.name}, ${r.caseId}): ${lastProblems.get(r)!.join('; ')}`);
        break;
      }
      pending = retry;
      await sleep(1_000);
    }
  } finally {
    await db.end().catch(() => undefined);
    await connection.close().catch(() => undefined);
  }
  return { problems, cases: started.length, events };
}
