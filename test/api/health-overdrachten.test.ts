import { randomUUID } from 'node:crypto';
import { Context } from '@temporalio/activity';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { connectionOptionsFor, dataConverterFor } from '../../platform/temporal';
import { referentieHasher } from '../../platform/referentie-hash';
import { caseSinks } from '../../worker/case-sinks';
import { workflowBundle } from '../../worker/workflow-bundle';
import { apiClient, ok } from '../support/api-client';
import { vvOudere } from '../support/fixtures';
import { extraApp, useHarness } from '../support/harness';

const t = useHarness();

/**
 * A local activity that spends its bounded attempts hands over to the durable activity (perf-1);
 * /health then names the case and the activity. The local attempts fail on purpose here; the
 * durable one writes the read model as usual. Six attempts with back-off take some 30 s.
 */
test('a local activity handed to the durable one shows on /health with its case and activity', async () => {
  const taskQueue = `test-overdracht-${randomUUID()}`;
  const real = createActivities({ db: t.h.db, referentieHash: referentieHasher(t.h.env) });
  const localAttempts: number[] = [];
  const activities = {
    ...real,
    async recordCaseEvent(snapshot: Parameters<typeof real.recordCaseEvent>[0]) {
      const { isLocal, attempt } = Context.current().info;
      if (isLocal) {
        localAttempts.push(attempt);
        throw new Error('de database is even niet bereikbaar');
      }
      return real.recordCaseEvent(snapshot);
    },
  };
  const sinkErrors: unknown[] = [];
  const connection = await NativeConnection.connect(connectionOptionsFor(t.h.env));
  const worker = await Worker.create({
    connection,
    namespace: t.h.env.TEMPORAL_NAMESPACE,
    taskQueue,
    ...workflowBundle,
    activities,
    dataConverter: dataConverterFor(t.h.env),
    sinks: caseSinks(t.h.db, (err) => sinkErrors.push(err)),
  });
  const app = await extraApp(t.h, { taskQueue, stepTimeoutMs: 120_000 });
  const before = await ok(apiClient(t.h.baseUrl).request('GET', '/health', { anonymous: true }));
  const aanmelding = vvOudere();
  const started = Date.now();
  let caseId = '';
  try {
    await worker.runUntil(async () => {
      caseId = (await ok(apiClient(app.baseUrl).start(aanmelding), 201)).caseId;
    });
  } finally {
    await app.close();
    await connection.close();
  }
  expect(localAttempts).toEqual([1, 2, 3, 4, 5, 6]);
  // The durable activity wrote the read model: the case reads as usual.
  expect((await ok(t.api.get(caseId))).id).toBe(caseId);

  // The sink writes without holding up the workflow: read until the row is there (or give up and fail).
  const recorded = () =>
    t.h.db.$queryRaw<Array<{ activiteit: string }>>`
      SELECT activiteit FROM lokale_activiteit_overdrachten WHERE case_id = ${caseId}`;
  for (let i = 0; i < 50 && !(await recorded()).length; i++) await new Promise((resolve) => setTimeout(resolve, 100));
  expect(await recorded()).toEqual([{ activiteit: 'recordCaseEvent' }]);
  const health = await ok(apiClient(t.h.baseUrl).request('GET', '/health', { anonymous: true }));
  expect(sinkErrors).toEqual([]);
  expect(health.status).toBe('ok');
  expect(health.lokaleActiviteiten).toMatchObject({ uren: 24 });
  expect(health.lokaleActiviteiten.overgedragen).toBe((before.lokaleActiviteiten?.overgedragen ?? 0) + 1);
  expect(health.lokaleActiviteiten.recent[0]).toEqual({ activiteit: 'recordCaseEvent', at: expect.any(String) });
  expect(health.lokaleActiviteiten.laatste).toBe(health.lokaleActiviteiten.recent[0].at);
  expect(Date.parse(health.lokaleActiviteiten.laatste)).toBeGreaterThanOrEqual(started);
  // An open route: nothing of the aanmelding, not even the case id.
  expect(JSON.stringify(health)).not.toContain(aanmelding.persoon.referentie);
  expect(JSON.stringify(health)).not.toContain(caseId);
}, 180_000);
