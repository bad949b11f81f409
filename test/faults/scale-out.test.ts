/**
 * Scale-out check (issue #7, item 5): two API processes and two worker processes (one task queue)
 * against one Temporal server and one database run the fault-test journeys of faults.test.ts, with
 * requests spread round-robin over both APIs, and the same assertions (support/scenario.ts):
 *   - one of the two workers is killed mid-way and stays dead: the other takes over its cases;
 *   - PostgreSQL is down for 15 s mid-way: both APIs answer reads with 503, every case completes.
 */
import { Lab } from './support/lab';
import { faults, scenario } from './support/scenario';

let lab: Lab;
let apis: string[];

beforeAll(async () => {
  lab = new Lab();
  await lab.start();
  await lab.startServices();
  apis = await Promise.all([lab.startApi('api-a'), lab.startApi('api-b')]);
  // One at a time: each bundles the workflow code, which takes most of two cores.
  await lab.startWorker('worker-a');
  await lab.startWorker('worker-b');
}, 300_000);

afterAll(async () => {
  await lab?.stop();
  expect(lab?.strays() ?? []).toEqual([]);
}, 120_000);

test('2 APIs + 2 workers: one worker is killed mid-way; the other completes every case, once', async () => {
  await scenario('scale-out, worker-a killed', lab, apis, faults.killWorker('worker-a', null));
}, 330_000);

test('2 APIs + 2 workers: PostgreSQL is down for 15 s mid-way; both APIs answer 503, every case completes, once', async () => {
  await lab.ensureWorker('worker-a'); // killed by the test before
  await scenario('scale-out, postgres outage', lab, apis, faults.stopPostgres(15_000));
}, 330_000);
