/**
 * Captures `histories/vv-oudere-gehuisvest--regelwissel.json`: a case started
 * and worked under the workflow code from before regelset 2 (commit bfdefab,
 * extracted with `git archive`), then finished under the current code after a
 * worker restart. Its replay (replay.test.ts) covers the `regelset-2` patch in
 * the step handler: the old steps replay under the old rules, the later ones
 * under the new. Run on its own services:
 *   node scripts/with-services.mjs npx jest --runInBand --testMatch "**" -- test/replay/capture-regelwissel.ts (any testMatch that takes this file)
 */
import { execSync } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { createDb } from '../../prisma/client';
import { workflowIdFor } from '../../prisma/case-repository';
import { connectionOptionsFor, dataConverterFor } from '../../platform/temporal';
import { AesGcmPayloadCodec, parsePayloadKeys } from '../../platform/payload-codec';
import { getStateQuery, recordStepUpdate } from '../../workflows/messages';
import { actors } from '../support/api-client';
import { testEnv } from '../support/env';
import {
  buurt,
  kennismaking,
  overdracht,
  toewijzingOp,
  vraag,
  vvOudere,
  woningSnapshot,
  zorgOpAfspraak,
} from '../support/fixtures';
import { decodeHistory, historiesDir, historyToJSON, ENCRYPTED_MARKER } from './histories';
import type { WoningSnapshot } from '../../domain/types';

const OLD_COMMIT = 'bfdefab';

test('a case moves from the old rules to regelset 2 mid-way', async () => {
  const env = testEnv({ TEMPORAL_TASK_QUEUE: `regelwissel-${randomUUID()}` });
  const db = createDb(env.DATABASE_URL, 3);
  const old = mkdtempSync(path.join(tmpdir(), 'regels-oud-'));
  const root = path.join(__dirname, '../..');
  execSync(`git archive ${OLD_COMMIT} workflows domain activities | tar -x -C ${old}`, { cwd: root });
  symlinkSync(path.join(root, 'node_modules'), path.join(old, 'node_modules'));
  const activities = createActivities({ db });
  const worker = async (workflowsPath: string) => {
    const connection = await NativeConnection.connect(connectionOptionsFor(env));
    const w = await Worker.create({
      connection,
      namespace: env.TEMPORAL_NAMESPACE,
      taskQueue: env.TEMPORAL_TASK_QUEUE,
      workflowsPath,
      activities,
      dataConverter: dataConverterFor(env),
    });
    return { w, running: w.run(), connection };
  };
  const client = new Client({
    connection: await Connection.connect(connectionOptionsFor(env)),
    namespace: env.TEMPORAL_NAMESPACE,
    dataConverter: dataConverterFor(env),
  });
  const caseId = randomUUID();
  const handle = () => client.workflow.getHandle(workflowIdFor(caseId));
  const step = (s: string, input: unknown, actor: (typeof actors)[keyof typeof actors]) =>
    handle().executeUpdate(recordStepUpdate, { args: [{ step: s as never, input: input as never, actor }] });
  const woning = async (over: Partial<WoningSnapshot>) => {
    const w = woningSnapshot(over);
    const { id, version: _v, kaleHuur, servicekosten, beschikbaarVanaf, ...rest } = w;
    await db.woning.create({
      data: {
        ...rest,
        id,
        wijk: null,
        kaleHuurCent: Math.round(kaleHuur * 100),
        servicekostenCent: Math.round(servicekosten * 100),
        beschikbaarVanaf: new Date(`${beschikbaarVanaf}T00:00:00Z`),
        status: 'vrij',
      },
    });
    return w;
  };

  // Under the old code: aanmelding to buurt.
  const oud = await worker(path.join(old, 'workflows/index.ts'));
  await client.workflow.start('toewijzingCase', {
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    workflowId: workflowIdFor(caseId),
    args: [{ caseId, aanmelding: vvOudere(), actor: actors.consulent }],
  });
  await step('vraag', vraag, actors.consulent);
  await step('zorg', zorgOpAfspraak, actors.zorg);
  await step('woonvorm', { woonvorm: 'geschikt_wonen' }, actors.zorg);
  await step('buurt', buurt, actors.verhuur);
  // The old zorgwoning@1 refuses a geschikt woning without a gemeenschappelijke ruimte.
  const zonderRuimte = await woning({ gemeenschappelijkeRuimte: false });
  await expect(step('aanbod', { woning: zonderRuimte, aanbodDatum: '2023-06-01' }, actors.verhuur)).rejects.toThrow();
  oud.w.shutdown();
  await oud.running;
  await oud.connection.close();

  // A new worker replays the old steps, then records the rest under regelset 2.
  const nieuw = await worker(require.resolve('../../workflows'));
  await step('aanbod', { woning: zonderRuimte, aanbodDatum: '2023-06-01' }, actors.verhuur);
  await step('reactie', { besluit: 'accepteert' }, actors.verhuur);
  await step('toewijzing', toewijzingOp('rechtstreeks'), actors.verhuur);
  await step('overdracht', overdracht, actors.zorg);
  await step('overdracht_bevestiging', {}, actors.zorg);
  await expect(
    step('kennismakingsgesprek', { datum: '2020-01-01', verwachtingenBesproken: true }, actors.verhuur),
  ).rejects.toThrow();
  await step('kennismakingsgesprek', kennismaking(), actors.verhuur);
  await step('overdracht_bevestiging', {}, actors.verhuur);
  await step('nazorg', { uitkomst: 'stabiel' }, actors.consulent);
  const { state } = await handle().query(getStateQuery);
  expect(state).toMatchObject({ status: 'afgesloten', uitkomst: 'gehuisvest' });
  expect(state.regelset).toBeUndefined();
  expect(state.aanbiedingen[0]!.toetsen.map((t: { regel: string }) => t.regel)).toContain('zorgwoning@2');
  await handle().result();

  const history = await handle().fetchHistory();
  const markers = (history.events ?? []).filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch');
  expect(markers.length).toBeGreaterThan(0);
  const json = historyToJSON(await decodeHistory(history, new AesGcmPayloadCodec(parsePayloadKeys(env.PAYLOAD_KEYS))));
  expect(json.includes(ENCRYPTED_MARKER)).toBe(false);
  writeFileSync(path.join(historiesDir, 'vv-oudere-gehuisvest--regelwissel.json'), `${json}\n`);

  nieuw.w.shutdown();
  await nieuw.running;
  await nieuw.connection.close();
  await client.connection.close();
  await db.$disconnect();
}, 180_000);
