import { randomUUID } from 'node:crypto';
import Holidays from 'date-holidays';
import { Client } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { createDb, type Db } from '../../prisma/client';
import { workflowIdFor } from '../../prisma/case-repository';
import { dataConverterFor } from '../../platform/temporal';
import { createCaseWorker } from '../../worker/create-worker';
import { getStateQuery, recordStepUpdate, type CaseView } from '../../workflows/messages';
import type { toewijzingCase } from '../../workflows';
import type { Actor, StepName } from '../../domain/types';
import { testEnv } from '../support/env';
import { vraag, vvOudere } from '../support/fixtures';
import { quietWorkerLogs } from '../support/harness';
import { startSmtp } from '../support/smtp';
import { createNotifier, type Notifier } from '../../activities/notifications';

// Timers on Temporal's time-skipping test server: the test moves the server's clock to
// chosen moments and checks what the workflow raised by then. Organisations are unique to
// this run, so their agreed norms do not touch other tests.

const HOUR = 3_600_000;
const run = randomUUID().slice(0, 8);
const wijkteam = `wijkteam-dl-${run}`;
const consulent: Actor = { id: 'u-consulent-dl', organisatie: wijkteam, rol: 'consulent' };

let env: TestWorkflowEnvironment;
let client: Client;
let db: Db;
let worker: Worker;
let running: Promise<void>;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let notifier: Notifier;
const taskQueue = `doorlooptijd-${run}`;

/** Wednesday 10:00 in Amsterdam before the next Hemelvaartsdag (always a Thursday) at least a week away. */
function wednesdayBeforeHemelvaart(after: number): number {
  const holidays = new Holidays('NL');
  for (let year = new Date(after).getUTCFullYear(); ; year++) {
    const h = holidays.getHolidays(year).find((x) => x.name === 'Hemelvaartsdag');
    // May and June: Amsterdam is at UTC+2, so 10:00 local is 08:00Z.
    const wednesday = Date.parse(`${h!.date.slice(0, 10)}T08:00:00Z`) - 24 * HOUR;
    if (wednesday > after + 7 * 24 * HOUR) return wednesday;
  }
}

beforeAll(async () => {
  quietWorkerLogs();
  env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: process.env.TEMPORAL_TEST_SERVER! } },
  });
  const shared = testEnv({ TEMPORAL_TASK_QUEUE: taskQueue, TEMPORAL_NAMESPACE: env.namespace ?? 'default' });
  db = createDb(shared.DATABASE_URL, 3);
  client = new Client({
    connection: env.connection,
    namespace: shared.TEMPORAL_NAMESPACE,
    dataConverter: dataConverterFor(shared),
  });
  // Reminders and escalations go out through a real SMTP server, read back below.
  smtp = await startSmtp();
  notifier = createNotifier({
    smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
    mailFrom: 'noreply@toewijzing.test',
    appBaseUrl: 'https://toewijzing.test',
  });
  await db.organisatie.create({
    data: {
      id: wijkteam,
      naam: 'Wijkteam Doorlooptijd',
      soort: 'wijkteam',
      email: 'team@wijkteam.test',
      managerEmail: 'manager@wijkteam.test',
      updatedBy: 'test',
    },
  });
  ({ worker } = await createCaseWorker({ env: shared, db, connection: env.nativeConnection, notifier }));
  running = worker.run();
  // Agreed norms of this run's wijkteam: 1 werkdag for vraag with a reminder at half of it.
  for (const [fase, werkdagen, herinneringBij] of [
    ['vraag', 1, 0.5],
    ['totaal', 200, null],
  ] as const) {
    await db.normInstelling.create({
      data: { fase, organisatie: wijkteam, werkdagen, herinneringBij, updatedBy: 'test' },
    });
  }
}, 120_000);

afterAll(async () => {
  worker?.shutdown();
  await running;
  await db?.normInstelling.deleteMany({ where: { organisatie: wijkteam } });
  await db?.organisatie.deleteMany({ where: { id: wijkteam } });
  notifier?.close();
  await smtp?.close();
  await db?.$disconnect();
  await env?.teardown();
});

async function moveClockTo(at: number) {
  const now = await env.currentTimeMs();
  if (at > now) await env.sleep(at - now);
}

async function startCase() {
  const caseId = randomUUID();
  const handle = await client.workflow.start<typeof toewijzingCase>('toewijzingCase', {
    workflowId: workflowIdFor(caseId),
    taskQueue,
    args: [{ caseId, aanmelding: vvOudere(), actor: consulent }],
  });
  await until(handle, (v) => v.plan !== undefined);
  return handle;
}

type Handle = Awaited<ReturnType<typeof startCase>>;
type View = CaseView;

/** Polls the workflow (in real time) until `ok`; the clock does not move meanwhile. */
async function until(
  handle: { query: (q: typeof getStateQuery) => Promise<unknown> },
  ok: (v: View) => boolean,
  ms = 15_000,
): Promise<View> {
  const deadline = Date.now() + ms;
  for (;;) {
    const view = (await handle.query(getStateQuery)) as View;
    if (ok(view)) return view;
    if (Date.now() > deadline)
      throw new Error(`workflow did not reach the expected state: ${JSON.stringify(view.state.signalen)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const signals = (v: View) => (v.state.signalen ?? []).map((s) => s.key.split(':').slice(0, 2).join(':'));
const step = (handle: Handle, name: StepName, input: unknown) =>
  handle.executeUpdate(recordStepUpdate, { args: [{ step: name, input: input as never, actor: consulent }] });

test('a reminder at half the norm and an escalation when it is passed; Hemelvaartsdag does not count', async () => {
  await moveClockTo(wednesdayBeforeHemelvaart(await env.currentTimeMs()));
  const handle = await startCase();
  const { plan, state } = await until(handle, () => true);
  // The server's clock runs on in real time between moves: measure from the case's own start.
  const t0 = Date.parse(state.startedAt);
  // Wednesday 10:00 + ½ werkdag = Wednesday 22:00; + 1 werkdag = Friday 10:00, Thursday being Hemelvaartsdag.
  expect(plan).toMatchObject({
    fase: 'vraag',
    normWerkdagen: 1,
    herinneringAt: new Date(t0 + 12 * HOUR).toISOString(),
    deadlineAt: new Date(t0 + 48 * HOUR).toISOString(),
  });

  await moveClockTo(t0 + 12 * HOUR - 60_000);
  expect(signals(await until(handle, () => true))).toEqual([]);
  await moveClockTo(t0 + 12 * HOUR + 60_000);
  const reminded = await until(handle, (v) => signals(v).length === 1);
  await sent(reminded.state.caseId, 1);
  expect(reminded.state.signalen).toEqual([
    expect.objectContaining({
      key: expect.stringMatching(/^herinnering:vraag:1:/),
      dueAt: new Date(t0 + 12 * HOUR).toISOString(),
    }),
  ]);
  expectNear(reminded.state.signalen![0]!.at, t0 + 12 * HOUR);

  // A calendar that counted Hemelvaartsdag would escalate on Thursday 10:00.
  await moveClockTo(t0 + 48 * HOUR - 60_000);
  expect(signals(await until(handle, () => true))).toEqual(['herinnering:vraag']);
  await moveClockTo(t0 + 48 * HOUR + 60_000);
  const escalated = await until(handle, (v) => signals(v).length === 2);
  expect(escalated.state.signalen?.[1]).toMatchObject({
    key: `escalatie:vraag:1:${wijkteam}`,
    dueAt: new Date(t0 + 48 * HOUR).toISOString(),
  });

  // Both went through the notification activity, which keeps them in the read model.
  const caseId = escalated.state.caseId;
  const rows = await waitFor(
    () => db.caseSignaal.findMany({ where: { caseId }, orderBy: { dueAt: 'asc' } }),
    (r) => r.length === 2,
  );
  expect(rows.map((r) => [r.soort, r.fase, r.organisatie, r.email])).toEqual([
    ['herinnering', 'vraag', wijkteam, 'verstuurd'],
    ['escalatie', 'vraag', wijkteam, 'verstuurd'],
  ]);
  // The reminder reached the team, the escalation its manager: read back from the SMTP server.
  const mails = smtp.received.filter((m) => m.body.includes(caseId));
  expect(mails.map((m) => [m.to, m.headers.subject?.split(':')[0]])).toEqual([
    [['team@wijkteam.test'], 'Herinnering'],
    [['manager@wijkteam.test'], 'Escalatie'],
  ]);
  for (const m of mails) expect(m.raw).not.toContain(escalated.state.aanmelding.persoon.referentie);
});

test('opschorting stops the clock and a verlenging moves the deadline; the fase period counts werkdagen without the opschorting', async () => {
  // The Monday after Hemelvaart week: Monday to Friday are all werkdagen.
  await moveClockTo(wednesdayBeforeHemelvaart(await env.currentTimeMs()) + 5 * 24 * HOUR);
  const handle = await startCase();
  const started = await until(handle, () => true);
  const t0 = Date.parse(started.state.startedAt);
  expect(started.plan?.deadlineAt).toBe(new Date(t0 + 24 * HOUR).toISOString());

  await moveClockTo(t0 + 2 * HOUR);
  await step(handle, 'opschorting', { reden: 'wacht_op_client' });
  const stopped = await until(handle, (v) => v.plan?.deadlineAt === undefined);
  expect(stopped.plan).toMatchObject({ fase: 'vraag', normWerkdagen: 1 });

  // Suspended Monday 12:00 to Tuesday 12:00: no reminder (due Monday 22:00 without it), no escalation on Tuesday 10:00.
  await moveClockTo(t0 + 26 * HOUR);
  expect(signals(await until(handle, () => true))).toEqual([]);
  await step(handle, 'hervatting', {});
  // 2 hours used on Monday; ½ werkdag is reached Tuesday 22:00, 1 werkdag Wednesday 10:00.
  const resumed = await until(handle, (v) => v.plan?.deadlineAt !== undefined);
  expectNear(resumed.plan?.herinneringAt, t0 + 36 * HOUR);
  expectNear(resumed.plan?.deadlineAt, t0 + 48 * HOUR);

  await step(handle, 'verlenging', { werkdagen: 1, reden: 'wacht op een gesprek met de huisarts' });
  const extended = await until(handle, (v) => v.plan?.verlengdWerkdagen === 1);
  // Norm 1 + 1: the reminder at half of 2 werkdagen (Wednesday 10:00), the deadline Thursday 10:00.
  expectNear(extended.plan?.herinneringAt, t0 + 48 * HOUR);
  expectNear(extended.plan?.deadlineAt, t0 + 72 * HOUR);

  await moveClockTo(t0 + 48 * HOUR + 60_000);
  await until(handle, (v) => signals(v).length === 1);
  await sent(extended.state.caseId, 1);
  await moveClockTo(t0 + 72 * HOUR - 60_000);
  expect(signals(await until(handle, () => true))).toEqual(['herinnering:vraag']);
  await moveClockTo(t0 + 72 * HOUR + 60_000);
  await until(handle, (v) => signals(v).includes('escalatie:vraag'));
  await sent(extended.state.caseId, 2);

  // Thursday 11:00 the vraag is recorded: 3 werkdagen and 1 hour since Monday 10:00, less the suspended werkdag.
  await moveClockTo(t0 + 73 * HOUR);
  await step(handle, 'vraag', vraag);
  const caseId = extended.state.caseId;
  const period = await waitFor(
    () => db.fasePeriode.findUnique({ where: { caseId_nr: { caseId, nr: 1 } } }),
    (p) => p?.endedAt != null,
  );
  expect(period).toMatchObject({
    fase: 'vraag',
    partij: 'wijkteam',
    organisatie: wijkteam,
    normWerkdagen: 1,
    verlengdWerkdagen: 1,
    overNorm: true,
  });
  expect(period!.werkdagen).toBeCloseTo(2 + 1 / 24, 3);
  expect(period!.kalenderdagen).toBeCloseTo(73 / 24, 3);
  const opschortingen = await db.opschorting.findMany({ where: { caseId } });
  expect(opschortingen).toEqual([expect.objectContaining({ nr: 2, reden: 'wacht_op_client' })]);
  expectNear(opschortingen[0]!.van.toISOString(), t0 + 2 * HOUR);
  expectNear(opschortingen[0]!.tot?.toISOString(), t0 + 26 * HOUR);
  const open = await db.fasePeriode.findFirst({ where: { caseId, endedAt: null } });
  expect(open).toMatchObject({ fase: 'zorg', partij: 'zorginstelling' });
});

/**
 * Steps and timers land a little after the moment the clock was moved to (the server's clock
 * runs on in real time), so instants derived from them are off by those milliseconds either way.
 */
function expectNear(iso: string | undefined, expected: number) {
  expect(iso).toBeDefined();
  expect(Math.abs(Date.parse(iso!) - expected)).toBeLessThan(10_000);
}

/** Waits until the notification activity recorded `n` signals, so moving the clock cannot time it out. */
const sent = (caseId: string, n: number) =>
  waitFor(
    () => db.caseSignaal.count({ where: { caseId } }),
    (c) => c >= n,
  );

async function waitFor<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}
