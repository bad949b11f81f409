import { checkRepeats, driveCases, probeReads, Traffic, verifyCases, waitFor, type Observation } from './journeys';
import type { Lab } from './lab';

export const CASES = Number(process.env.FAULT_CASES ?? 100);
export const CONCURRENCY = Number(process.env.FAULT_CONCURRENCY ?? 20);
/** The fault is injected once this share of all requests has been answered. */
const FAULT_AT = 0.4;
/** Every journey must be finished this long after the scenario starts, or the test fails. */
const DRIVE_BUDGET_MS = 240_000;

/** A backing service outage: stop requested (from), stopped (down), start requested (up), started (to). */
export interface Window {
  from: number;
  down: number;
  up: number;
  to: number;
}

export interface FaultContext {
  lab: Lab;
  traffic: Traffic;
  /** Records a named duration (ms) for the report. */
  timing(name: string, ms: number): void;
  /** Marks the time during which reads must answer 503 (a backing service is down). */
  outage(w: Window): void;
}

export interface ScenarioResult {
  traffic: Traffic;
  timings: Record<string, number>;
  outages: Window[];
  summary: string;
}

/**
 * 100 cases through the API processes in `apis` (requests spread round-robin), reads probing
 * alongside; `fault` runs once 40% of the requests are answered; then every case must finish and
 * match the workflow. The assertions are listed in test/faults/faults.test.ts.
 */
export async function runScenario(
  name: string,
  lab: Lab,
  apis: string[],
  fault: (ctx: FaultContext) => Promise<void>,
): Promise<ScenarioResult> {
  const t0 = Date.now();
  const traffic = new Traffic(apis);
  const timings: Record<string, number> = {};
  const outages: Window[] = [];
  const drive = driveCases(traffic, { cases: CASES, concurrency: CONCURRENCY, deadline: t0 + DRIVE_BUDGET_MS });
  const stopReads = probeReads(traffic, drive.runs);
  let driveError: unknown;
  drive.finished.catch((err) => (driveError = err));
  try {
    await waitFor(
      `${Math.round(FAULT_AT * 100)}% of ${drive.total} requests answered`,
      () => drive.done() >= FAULT_AT * drive.total || driveError !== undefined,
      120_000,
    );
    timings.faultAtMs = Date.now() - t0;
    const f0 = Date.now();
    await fault({ lab, traffic, timing: (k, ms) => (timings[k] = ms), outage: (w) => outages.push(w) });
    timings.faultMs = Date.now() - f0;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise(
      (_, reject) =>
        (timer = setTimeout(() => reject(new Error('journeys did not finish in time')), DRIVE_BUDGET_MS + 30_000)),
    );
    await Promise.race([drive.finished, late]).finally(() => clearTimeout(timer));
    timings.journeysMs = Date.now() - t0;
  } finally {
    await stopReads();
  }
  const v0 = Date.now();
  const verification = await verifyCases(lab, drive.runs);
  // Keyed repeats after the case closed: the closing step's answer again, and a new step refused.
  const repeats = await checkRepeats(traffic, drive.runs);
  timings.verifyMs = Date.now() - v0;

  const retries = drive.runs.reduce((n, r) => n + r.retries, 0);
  const replayed = drive.runs.reduce((n, r) => n + r.replayed, 0);
  const completed = drive.runs.filter((r) => r.next === r.journey.requests.length).length;
  const summary =
    `${name}: ${completed}/${drive.runs.length} cases completed, ${verification.events} events verified; ` +
    `writes ${JSON.stringify(traffic.tally((o) => o.kind === 'write'))}, reads ${JSON.stringify(traffic.tally((o) => o.kind === 'read'))}; ` +
    `${retries} retried requests, ${replayed} idempotent replays; timings ${JSON.stringify(timings)}`;
  console.log(summary);

  // 1. Every case completed; the read model equals each workflow's state; no step lost or doubled.
  expect(verification.problems).toEqual([]);
  expect(completed).toBe(drive.runs.length);
  expect(verification.cases).toBe(drive.runs.length);
  expect(repeats).toEqual([]);

  // 2. Never a 500 (or any 5xx but 503), and every 503 is a JSON answer saying why.
  const serverErrors = traffic.observations.filter(
    (o) => typeof o.status === 'number' && o.status >= 500 && o.status !== 503,
  );
  expect(serverErrors.map(show)).toEqual([]);
  const bad503 = traffic.observations.filter(
    (o) => o.status === 503 && !(o.json && ['unavailable', 'step_pending'].includes(o.error ?? '')),
  );
  expect(bad503.map(show)).toEqual([]);

  // 3. Reads answer 200 (the API stays up: no network errors); 503 only around a database outage,
  //    and every read sent while the database is down answers 503 `unavailable`.
  const nearOutage = (o: Observation) => outages.some((w) => o.at >= w.from - 1_000 && o.at <= w.to + 3_000);
  const readsOutside = traffic.observations.filter(
    (o) => o.kind === 'read' && o.status !== 200 && !(o.status === 503 && nearOutage(o)),
  );
  expect(readsOutside.map(show)).toEqual([]);
  for (const w of outages) {
    // Sent while the service was down (with a second's margin at the end for slow answers).
    const during = traffic.observations.filter((o) => o.kind === 'read' && o.at >= w.down && o.at <= w.up - 1_000);
    expect(during.length).toBeGreaterThanOrEqual(5);
    expect(new Set(during.map((o) => o.api)).size).toBe(apis.length); // every API process answered
    expect(during.filter((o) => !(o.status === 503 && o.json && o.error === 'unavailable')).map(show)).toEqual([]);
  }
  return { traffic, timings, outages, summary };
}

const show = (o: Observation) =>
  `${o.kind} ${o.route} via ${o.api} at +${o.at % 1_000_000}: ${o.status}${o.error ? ` ${o.error}` : ''}`;

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The faults, as functions for runScenario. */
export const faults = {
  /** SIGKILL a worker process; start it again after `restartAfterMs` (null: leave it dead). */
  killWorker:
    (name: string, restartAfterMs: number | null) =>
    async ({ lab, timing }: FaultContext) => {
      await lab.killApp(name, 'SIGKILL');
      if (restartAfterMs === null) return;
      await pause(restartAfterMs);
      timing('workerStartMs', (await lab.startWorker(name)).ms);
    },

  /** Stop the Temporal dev server (SIGTERM) and start it on the same port with the same --db-filename. */
  restartTemporal:
    () =>
    async ({ lab, timing }: FaultContext) => {
      timing('temporalStopMs', (await lab.stopTemporal()).ms);
      timing('temporalStartMs', (await lab.startTemporal()).ms);
    },

  /** Stop PostgreSQL (pg_ctl stop -m fast), keep it down for `downMs`, start it again on the same data. */
  stopPostgres:
    (downMs: number) =>
    async ({ lab, timing, outage }: FaultContext) => {
      const from = Date.now();
      timing('pgStopMs', (await lab.stopPostgres()).ms);
      const down = Date.now();
      await pause(downMs);
      const up = Date.now();
      timing('pgStartMs', (await lab.startPostgres()).ms);
      outage({ from, down, up, to: Date.now() });
    },
};

/** Runs a scenario; a failure keeps the lab's logs for reading. */
export async function scenario(name: string, lab: Lab, apis: string[], fault: (ctx: FaultContext) => Promise<void>) {
  try {
    return await runScenario(name, lab, apis, fault);
  } catch (err) {
    lab.failed = true;
    throw err;
  }
}
