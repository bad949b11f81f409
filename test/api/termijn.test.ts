import { tijdstipNaWerkdagen } from '../../domain/rules/werkdagen';
import { actorHeaders, actors, ok } from '../support/api-client';
import { bearer } from '../support/tokens';
import { vraag, vvOudere } from '../support/fixtures';
import { useHarness } from '../support/harness';

const t = useHarness();

// The clock as people read it through the API. The migration's default norm for vraag is
// 10 werkdagen with a reminder at 80%; the instants come from the werkdagen calendar
// (tested by hand in test/workflows/rules/werkdagen.test.ts).
test('a case answers its fase clock; opschorting stops it and hervatting starts it again', async () => {
  const { caseId } = await ok(t.api.start(vvOudere()), 201);
  const started = (await ok(t.api.get(caseId))) as { startedAt: string; termijn: Record<string, unknown> };
  const sinds = new Date(started.startedAt);
  expect(started.termijn).toMatchObject({
    fase: 'vraag',
    sinds: started.startedAt,
    normWerkdagen: 10,
    verlengdWerkdagen: null,
    overNorm: false,
    opgeschort: false,
    herinneringAt: tijdstipNaWerkdagen(sinds, 8)!.toISOString(),
    deadlineAt: tijdstipNaWerkdagen(sinds, 10)!.toISOString(),
  });
  expect(started.termijn.werkdagenBesteed).toBeLessThan(0.01);

  await ok(
    t.api.step(
      caseId,
      'opschorting',
      { reden: 'wacht_op_indicatie', toelichting: 'indicatie CIZ aangevraagd' },
      actors.consulent,
    ),
  );
  const stopped = await ok(t.api.get(caseId));
  expect(stopped.termijn).toMatchObject({ fase: 'vraag', opgeschort: true, herinneringAt: null, deadlineAt: null });
  // The reason travels as a code; the toelichting stays in the case, out of the event summary.
  expect(stopped.history.at(-1)).toMatchObject({ step: 'opschorting', summary: { reden: 'wacht_op_indicatie' } });
  expect(JSON.stringify(stopped.history)).not.toContain('CIZ');
  expect(stopped.mogelijkeStappen.map((s: { step: string }) => s.step)).toEqual(expect.arrayContaining(['hervatting']));
  expect(stopped.mogelijkeStappen.map((s: { step: string }) => s.step)).not.toContain('opschorting');
  expect((await t.api.step(caseId, 'opschorting', { reden: 'overig' }, actors.consulent)).status).toBe(422);

  await ok(t.api.step(caseId, 'hervatting', {}, actors.consulent));
  const resumed = await ok(t.api.get(caseId));
  expect(resumed.termijn).toMatchObject({ opgeschort: false });
  // The deadline moved on by the time the case was opgeschort, never back.
  expect(Date.parse(resumed.termijn.deadlineAt)).toBeGreaterThanOrEqual(
    Date.parse(started.termijn.deadlineAt as string),
  );

  await ok(t.api.step(caseId, 'verlenging', { werkdagen: 5, reden: 'wacht op huisbezoek' }, actors.consulent));
  const extended = await ok(t.api.get(caseId));
  expect(extended.termijn).toMatchObject({ normWerkdagen: 10, verlengdWerkdagen: 5 });
  expect(Date.parse(extended.termijn.deadlineAt)).toBeGreaterThan(Date.parse(resumed.termijn.deadlineAt));
  const again = await t.api.step(caseId, 'verlenging', { werkdagen: 1, reden: 'nog eens' }, actors.consulent);
  expect(again.status).toBe(422);

  // A new fase starts a new clock: zorg, answerable to the zorginstelling.
  await ok(t.api.step(caseId, 'vraag', vraag, actors.consulent));
  const listed = await ok(t.api.request('GET', `/cases?limit=100`));
  const item = listed.items.find((i: { id: string }) => i.id === caseId);
  expect(item.termijn).toMatchObject({ fase: 'zorg', normWerkdagen: 10, verlengdWerkdagen: null, opgeschort: false });
});

test('clock steps are for parties of the case only, and are refused when they do not apply', async () => {
  const { caseId } = await ok(t.api.start(vvOudere()), 201);
  // Not a party: the case is not there for them.
  const stranger = { id: 'u-other', organisatie: 'woonbron', rol: 'verhuurmedewerker' as const };
  expect((await t.api.step(caseId, 'opschorting', { reden: 'overig' }, stranger)).status).toBe(404);
  expect((await t.api.step(caseId, 'hervatting', {}, actors.consulent)).status).toBe(422);
  const bad = await t.api.step(caseId, 'opschorting', { reden: 'ziek' }, actors.consulent);
  expect(bad.status).toBe(400);
  expect(JSON.stringify(bad.body)).toContain('reden');
  expect((await t.api.step(caseId, 'verlenging', { werkdagen: 0, reden: 'r' }, actors.consulent)).status).toBe(400);
  expect((await ok(t.api.get(caseId))).history).toHaveLength(1);
});

test('why a case is opgeschort is care information: the corporatie and managers see that it is, not why', async () => {
  const { caseId } = await ok(t.api.start(vvOudere()), 201);
  await ok(
    t.api.step(
      caseId,
      'opschorting',
      { reden: 'opname_of_behandeling', toelichting: 'opgenomen in de kliniek' },
      actors.consulent,
    ),
  );
  const zorg = await ok(t.api.get(caseId, actorHeaders(actors.zorg)));
  const verhuur = await ok(t.api.get(caseId, actorHeaders(actors.verhuur)));
  const manager = await ok(
    t.api.get(caseId, bearer({ sub: 'u-m', org: actors.consulent.organisatie, roles: ['manager'] })),
  );
  expect(zorg.state.opschortingen).toEqual([
    expect.objectContaining({ reden: 'opname_of_behandeling', toelichting: 'opgenomen in de kliniek' }),
  ]);
  for (const view of [verhuur, manager]) {
    expect(view.termijn).toMatchObject({ opgeschort: true });
    expect(JSON.stringify(view)).not.toContain('kliniek');
  }
  expect(JSON.stringify(verhuur)).not.toContain('opname_of_behandeling');
});
