/**
 * Fault tests (issue #7, item 1): 100 cases in flight through the API, then
 *   - the worker process is killed (SIGKILL) and started again;
 *   - the Temporal dev server is restarted (SIGTERM, then started on the same port and --db-filename);
 *   - PostgreSQL is stopped (pg_ctl stop -m fast) for 15 s and started again.
 *
 * The suite starts its own PostgreSQL 15 and Temporal dev server (persisted in a temp dir, so they can
 * be restarted with their data) and runs the API and the worker as real processes
 * (test/faults/support/lab.ts); the services `npm test` starts are not used.
 *
 * The client (support/journeys.ts) sends every write with an Idempotency-Key and repeats it with the
 * same key on a 503 or a network error, and reads GET /cases/:id and GET /cases alongside. After each
 * fault (support/scenario.ts):
 *   - every case completes (its last step answers 200 with the journey's outcome); the workflow is
 *     COMPLETED and its getState holds exactly the journey's steps (version = number of steps);
 *   - the read model has one `cases` row per aanmelding, with the workflow's version, status, fase and
 *     state, and `case_events` seqs 1..version in order with the journey's steps: nothing lost or
 *     written twice;
 *   - no request ever answers 500 (or any 5xx but 503), every 503 is JSON (`unavailable` or
 *     `step_pending`);
 *   - reads answer 200, except around the database outage, and every read sent while PostgreSQL is
 *     down answers 503 `unavailable`.
 */
import { Lab } from './support/lab';
import { faults, scenario } from './support/scenario';

let lab: Lab;
let api: string;

beforeAll(async () => {
  lab = new Lab();
  await lab.start();
  await lab.startServices();
  api = await lab.startApi('api');
  await lab.startWorker('worker');
}, 240_000);

afterAll(async () => {
  await lab?.stop();
  expect(lab?.strays() ?? []).toEqual([]);
}, 120_000);

test('the worker is killed mid-way and started again: every case completes, once', async () => {
  await scenario('worker kill', lab, [api], faults.killWorker('worker', 2_000));
}, 330_000);

test('the Temporal dev server restarts mid-way (same --db-filename): every case completes, once', async () => {
  await lab.ensureWorker('worker');
  await scenario('temporal restart', lab, [api], faults.restartTemporal());
}, 330_000);

test('PostgreSQL is down for 15 s mid-way: reads answer 503, activities retry, every case completes, once', async () => {
  await lab.ensureWorker('worker');
  await scenario('postgres outage', lab, [api], faults.stopPostgres(15_000));
}, 330_000);
