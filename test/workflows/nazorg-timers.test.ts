import { randomUUID } from 'node:crypto';
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
import { plusMaanden } from '../../domain/rules/nazorg';
import { testEnv } from '../support/env';
import { buurt, overdracht, vraag, vvOudere, woningInDb, zorgOpAfspraak } from '../support/fixtures';
import { quietWorkerLogs } from '../support/harness';
import { startSmtp } from '../support/smtp';
import { createNotifier, type Notifier } from '../../activities/notifications';

// Nazorg's durable timers (rules/nazorg.ts) on Temporal's time-skipping test server: the
// follow-up moments 3 and 6 months after the contract starts and the reminder before the
// omklap, read back from a real SMTP server. Organisations are unique to this run.

const DAY = 86_400_000;
const run = randomUUID().slice(0, 8);
const org = { wijkteam: `wijkteam-nz-${run}`, zorg: `zorg-nz-${run}`, corporatie: `corp-nz-${run}` };
const consulent: Actor = { id: 'u-consulent-nz', organisatie: org.wijkteam, rol: 'consulent' };
const zorg: Actor = { id: 'u-zorg-nz', organisatie: org.zorg, rol: 'zorgmedewerker' };
const verhuur: Actor = { id: 'u-verhuur-nz', organisatie: org.corporatie, rol: 'verhuurmedewerker' };
const team = (o: string) => `team@${o}.test`;

let env: TestWorkflowEnvironment;
let client: Client;
let db: Db;
let worker: Worker;
let running: Promise<void>;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let notifier: Notifier;
const taskQueue = `nazorg-${run}`;

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
  smtp = await startSmtp();
  notifier = createNotifier({
    smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
    mailFrom: 'noreply@toewijzing.test',
    appBaseUrl: 'https://toewijzing.test',
  });
  for (const [id, soort] of [
    [org.wijkteam, 'wijkteam'],
    [org.zorg, 'zorginstelling'],
    [org.corporatie, 'corporatie'],
  ] as const) {
    await db.organisatie.create({
      data: { id, naam: id, soort, email: team(id), managerEmail: `manager@${id}.test`, updatedBy: 'test' },
    });
  }
  ({ worker } = await createCaseWorker({ env: shared, db, connection: env.nativeConnection, notifier }));
  running = worker.run();
}, 120_000);

afterAll(async () => {
  worker?.shutdown();
  await running;
  await db?.organisatie.deleteMany({ where: { id: { in: Object.values(org) } } });
  notifier?.close();
  await smtp?.close();
  await db?.$disconnect();
  await env?.teardown();
});

async function moveClockTo(at: number) {
  const now = await env.currentTimeMs();
  if (at > now) await env.sleep(at - now);
}

async function until(handle: { query: (q: typeof getStateQuery) => Promise<unknown> }, ok: (v: CaseView) => boolean) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const view = (await handle.query(getStateQuery)) as CaseView;
    if (ok(view)) return view;
    if (Date.now() > deadline) throw new Error(`not reached: ${JSON.stringify(view.state.signalen)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function waitFor<T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const nazorgKeys = (v: CaseView) =>
  (v.state.signalen ?? []).filter((s) => s.soort === 'vervolg' || s.soort === 'omklap').map((s) => s.key);
/** The rule's message of a refused update (the validator's ApplicationFailure). */
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => 'accepted',
    (e: { cause?: { message?: string } }) => e.cause?.message,
  );
const dag = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const at8 = (datum: string) => Date.parse(`${datum}T08:00:00Z`);

test('follow-up moments at 3 and 6 months and the omklap reminder go out by mail; the case closes after them', async () => {
  const t0 = await env.currentTimeMs();
  const caseId = randomUUID();
  const handle = await client.workflow.start<typeof toewijzingCase>('toewijzingCase', {
    workflowId: workflowIdFor(caseId),
    taskQueue,
    args: [
      { caseId, aanmelding: { ...vvOudere(), zorginstelling: org.zorg, corporatie: org.corporatie }, actor: consulent },
    ],
  });
  const step = (name: StepName, input: unknown, actor: Actor) =>
    handle.executeUpdate(recordStepUpdate, { args: [{ step: name, input: input as never, actor }] });
  const { woning } = await woningInDb(db, { corporatie: org.corporatie });

  // The contract starts in 10 days; the omklap is agreed 5 months later, its reminder 30 days before.
  const ingangsdatum = dag(t0 + 10 * DAY);
  const omklapdatum = plusMaanden(ingangsdatum, 5);
  await step('vraag', vraag, consulent);
  await step('zorg', zorgOpAfspraak, zorg);
  await step('woonvorm', { woonvorm: 'geschikt_wonen' }, zorg);
  await step('buurt', buurt, verhuur);
  await step('aanbod', { woning, aanbodDatum: '2023-06-01' }, verhuur);
  await step('reactie', { besluit: 'accepteert' }, verhuur);
  // As the API sends it: the configured follow-up added to the client's toewijzing.
  await step(
    'toewijzing',
    {
      contractvorm: 'onderverhuur_door_zorg',
      ingangsdatum,
      omklapdatum,
      nazorgAfspraak: { vervolgMaanden: [3, 6], omklapHerinneringDagen: 30 },
    },
    zorg,
  );
  await step('overdracht', overdracht, zorg);
  await step('overdracht_bevestiging', {}, zorg);
  await step('overdracht_bevestiging', {}, verhuur);
  const inNazorg = await step(
    'kennismakingsgesprek',
    { datum: dag(t0 + DAY), verwachtingenBesproken: true, deelnemers: ['bewoner', 'zorg', 'verhuurder'] },
    verhuur,
  );
  expect(inNazorg.fase).toBe('nazorg');

  // Support scales up in place: the case and the woning stay as they are.
  await step('ondersteuning', { richting: 'opschalen', reden: 'meer begeleiding in de eerste weken' }, zorg);
  await step('nazorg', { uitkomst: 'stabiel' }, consulent);
  expect((await until(handle, () => true)).state).toMatchObject({ status: 'lopend', fase: 'nazorg' });

  const drieMaanden = at8(plusMaanden(ingangsdatum, 3));
  await moveClockTo(drieMaanden - 60_000);
  expect(nazorgKeys(await until(handle, () => true))).toEqual([]);
  await moveClockTo(drieMaanden + 60_000);
  const eerste = await until(handle, (v) => nazorgKeys(v).length === 2);
  expect(nazorgKeys(eerste)).toEqual([`vervolg:1:${org.wijkteam}`, `vervolg:1:${org.zorg}`]);

  // Before the 6-month moment and while the omklap is open, closing needs a reason.
  expect(await refusal(step('nazorg_afsluiting', {}, consulent))).toMatch(/eerder afsluiten vraagt een reden/);

  // The omklap reminder (30 days before the agreed date), to the zorginstelling and the corporatie.
  const omklapHerinnering = at8(omklapdatum) - 30 * DAY;
  await moveClockTo(omklapHerinnering + 60_000);
  const omklap = await until(handle, (v) => nazorgKeys(v).length === 4);
  expect(nazorgKeys(omklap).slice(2)).toEqual([`omklap:1:${org.zorg}`, `omklap:1:${org.corporatie}`]);
  // Extended with a reason: a new reminder before the new date.
  const nieuweDatum = plusMaanden(ingangsdatum, 8);
  await step(
    'omklap',
    { besluit: 'verlengd', datum: nieuweDatum, reden: 'bewoner wil eerst schulden regelen' },
    verhuur,
  );

  const zesMaanden = at8(plusMaanden(ingangsdatum, 6));
  await moveClockTo(zesMaanden + 60_000);
  await until(handle, (v) => nazorgKeys(v).length === 6);
  await moveClockTo(at8(nieuweDatum) - 30 * DAY + 60_000);
  const alles = await until(handle, (v) => nazorgKeys(v).length === 8);
  expect(nazorgKeys(alles).slice(4)).toEqual([
    `vervolg:2:${org.wijkteam}`,
    `vervolg:2:${org.zorg}`,
    `omklap:2:${org.zorg}`,
    `omklap:2:${org.corporatie}`,
  ]);

  // The follow-up is reached, but the contract is not yet the resident's.
  expect(await refusal(step('nazorg_afsluiting', {}, consulent))).toMatch(/nog niet omgeklapt/);
  await step('omklap', { besluit: 'omgeklapt', datum: nieuweDatum }, zorg);
  const closed = await step('nazorg_afsluiting', {}, consulent);
  expect(closed).toMatchObject({ status: 'afgesloten', uitkomst: 'gehuisvest' });
  await expect(handle.result()).resolves.toMatchObject({ uitkomst: 'gehuisvest' });

  // Every reminder went through the notification activity to the team mailboxes, read back from SMTP.
  const rows = await waitFor(
    () => db.caseSignaal.findMany({ where: { caseId }, orderBy: [{ dueAt: 'asc' }, { key: 'asc' }] }),
    (r) => r.filter((s) => s.email === 'verstuurd').length === 8,
  );
  expect(rows.map((r) => [r.soort, r.organisatie, r.email])).toEqual([
    ['vervolg', org.wijkteam, 'verstuurd'],
    ['vervolg', org.zorg, 'verstuurd'],
    ['omklap', org.corporatie, 'verstuurd'],
    ['omklap', org.zorg, 'verstuurd'],
    ['vervolg', org.wijkteam, 'verstuurd'],
    ['vervolg', org.zorg, 'verstuurd'],
    ['omklap', org.corporatie, 'verstuurd'],
    ['omklap', org.zorg, 'verstuurd'],
  ]);
  const mails = smtp.received.filter((m) => m.body.includes(caseId));
  expect(mails).toHaveLength(8);
  const per = (subject: RegExp) =>
    mails
      .filter((m) => subject.test(m.headers.subject ?? ''))
      .flatMap((m) => m.to)
      .sort();
  expect(per(/^Nazorg: vervolgmoment/)).toEqual(
    [team(org.wijkteam), team(org.wijkteam), team(org.zorg), team(org.zorg)].sort(),
  );
  expect(per(/^Omklap:/)).toEqual([team(org.corporatie), team(org.corporatie), team(org.zorg), team(org.zorg)].sort());
  // No personal data in a mailbox: not even the pseudonymous reference.
  for (const m of mails) expect(m.raw).not.toContain('REF-');
}, 120_000);
