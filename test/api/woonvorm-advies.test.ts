/**
 * Issue 14 item 13: the woonvorm advice through the API, before the choice and kept with it.
 * Who may read it is in the security matrix (test/api/security.test.ts): the zorg view only.
 */
import { actors, actorHeaders } from '../support/api-client';
import { vraag, vvOudere, zorg24uur } from '../support/fixtures';
import { useHarness } from '../support/harness';

const t = useHarness();

test('options, conflicts and bezwaren with the rule version; the woonvorm step keeps the whole verdict', async () => {
  const { caseId } = (await t.api.start(vvOudere())).body;
  const advies = () => t.api.request('GET', `/cases/${caseId}/woonvorm-advies`, { headers: actorHeaders(actors.zorg) });

  expect((await t.api.step(caseId, 'vraag', vraag, actors.consulent)).status).toBe(200);
  const tooEarly = await advies();
  expect(tooEarly.status).toBe(409);
  expect(tooEarly.body).toMatchObject({ error: 'advies_not_available', currentStep: 'zorg' });

  expect((await t.api.step(caseId, 'zorg', zorg24uur, actors.zorg)).status).toBe(200);
  const before = await advies();
  expect(before.status).toBe(200);
  expect(before.body).toMatchObject({
    caseId,
    fase: 'woonvorm',
    regel: 'woonvorm-advies@2',
    regelset: 3,
    vastgelegd: null,
  });
  const byVorm = Object.fromEntries(before.body.opties.map((o: { woonvorm: string }) => [o.woonvorm, o]));
  // 24-uurs toezicht: in de wijk is a hard conflict, beschut wonen a bezwaar to weigh (004:690-692, 942-943).
  expect(byVorm.in_de_wijk).toMatchObject({
    uitkomst: 'uitgesloten',
    conflicten: expect.arrayContaining([expect.any(String)]),
  });
  expect(byVorm.beschut_wonen.uitkomst).not.toBe('uitgesloten');
  expect(byVorm.beschut_wonen.bezwaren).toEqual([expect.stringContaining('24-uurs toezicht')]);
  expect(before.body.aanbevolen).toContain('beschermd_wonen');
  expect(before.body.doorgeleiding).toMatchObject({ regel: 'doorgeleiding@1', uitkomst: 'zorgwoning' });

  // What the advice excludes the step refuses, with the advice's own conflict as the reason.
  const refused = await t.api.step(caseId, 'woonvorm', { woonvorm: 'in_de_wijk' }, actors.zorg);
  expect(refused.status).toBe(422);
  expect(JSON.stringify(refused.body)).toContain(byVorm.in_de_wijk.conflicten[0]);

  expect((await t.api.step(caseId, 'woonvorm', { woonvorm: 'beschermd_wonen' }, actors.zorg)).status).toBe(200);
  const after = await advies();
  expect(after.status).toBe(200);
  expect(after.body.vastgelegd).toEqual({
    woonvorm: 'beschermd_wonen',
    advies: {
      regel: 'woonvorm-advies@2',
      aanbevolen: before.body.aanbevolen,
      gekozen: 'aanbevolen',
      opties: before.body.opties,
    },
  });
  // The case detail carries the same recorded verdict for the zorg view.
  const detail = await t.api.request('GET', `/cases/${caseId}`, { headers: actorHeaders(actors.zorg) });
  expect(detail.body.state.woonvorm.advies.opties).toEqual(before.body.opties);
});

test('a malformed id is 400 naming it; an unknown case 404', async () => {
  const bad = await t.api.request('GET', '/cases/not-a-uuid/woonvorm-advies', { headers: actorHeaders(actors.zorg) });
  expect(bad.status).toBe(400);
  const unknown = await t.api.request('GET', '/cases/00000000-0000-4000-8000-000000000000/woonvorm-advies', {
    headers: actorHeaders(actors.zorg),
  });
  expect(unknown.status).toBe(404);
});
