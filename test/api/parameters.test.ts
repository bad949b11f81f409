import { randomUUID } from 'node:crypto';
import { actors } from '../support/api-client';
import { buurt, vraag, vvOudere, woningInDb, zorgOpAfspraak } from '../support/fixtures';
import { useHarness } from '../support/harness';
import { bearer } from '../support/tokens';
import { registerOrganisation } from '../support/organisations';

const t = useHarness();
const beheerder = bearer({ sub: 'u-beheer', org: 'gemeente-amsterdam', roles: ['beheerder'] });
const set2024 = {
  aftoppingsgrensLaag: 697.07,
  aftoppingsgrensHoog: 747.21,
  huurtoeslaggrens: 879.66,
  passendheidsgrensEenpersoons: 32_675,
  passendheidsgrensMeerpersoons: 44_325,
  inkomensgrensEenpersoons: 47_699,
  inkomensgrensMeerpersoons: 52_671,
  bron: 'test set for 2024',
};

test('the beheerder keeps the yearly parameters; others read them', async () => {
  const jaar = 2080 + Math.floor(Math.random() * 20);
  expect(
    (
      await t.api.request('PUT', `/parameters/${jaar}`, {
        body: set2024,
        headers: bearer({ sub: 'u-c', org: 'wijkteam-noord', roles: ['consulent'] }),
      })
    ).status,
  ).toBe(403);
  const bad = await t.api.request('PUT', `/parameters/${jaar}`, {
    body: { ...set2024, aftoppingsgrensHoog: 600 },
    headers: beheerder,
  });
  expect(bad.status).toBe(400);
  expect(bad.body.fields).toEqual([
    { field: 'aftoppingsgrensHoog', problem: expect.stringMatching(/aftoppingsgrensLaag ≤ aftoppingsgrensHoog/) },
  ]);
  const created = await t.api.request('PUT', `/parameters/${jaar}`, { body: set2024, headers: beheerder });
  expect([200, 201]).toContain(created.status);
  const updated = await t.api.request('PUT', `/parameters/${jaar}`, {
    body: { ...set2024, bron: 'corrected' },
    headers: beheerder,
  });
  expect(updated.status).toBe(200);
  const read = await t.api.request('GET', '/parameters');
  expect(read.status).toBe(200);
  expect(read.body.sets).toContainEqual(expect.objectContaining({ jaar: 2023, aftoppingsgrensLaag: 647.19 }));
  expect(read.body.sets).toContainEqual({ jaar, ...set2024, bron: 'corrected' });
});

test('an aanbod is judged by the set of its date, and keeps the amounts it used', async () => {
  expect([200, 201]).toContain(
    (await t.api.request('PUT', '/parameters/2024', { body: set2024, headers: beheerder })).status,
  );
  const corporatie = `corp-${randomUUID().slice(0, 8)}`;
  await registerOrganisation(t.h.db, corporatie, 'corporatie');
  const verhuur = { ...actors.verhuur, organisatie: corporatie };
  const { caseId } = (await t.api.start({ ...vvOudere(), corporatie })).body;
  for (const [step, body, actor] of [
    ['vraag', vraag, actors.consulent],
    ['zorg', zorgOpAfspraak, actors.zorg],
    ['woonvorm', { woonvorm: 'geschikt_wonen' }, actors.zorg],
    ['buurt', buurt, verhuur],
  ] as const) {
    expect((await t.api.step(caseId, step, body, actor)).status).toBe(200);
  }
  const { woning } = await woningInDb(t.h.db, { corporatie, kaleHuur: 690, servicekosten: 0 });
  const in2023 = await t.api.step(caseId, 'aanbod', { woningId: woning.id, aanbodDatum: '2023-12-31' }, verhuur);
  expect(in2023.status).toBe(422);
  expect(in2023.body.message).toMatch(/aftoppingsgrens €647\.19 \(2023\)/);
  const in2024 = await t.api.step(caseId, 'aanbod', { woningId: woning.id, aanbodDatum: '2024-01-15' }, verhuur);
  expect(in2024.status).toBe(200);
  const detail = (await t.api.get(caseId)).body;
  expect(detail.state.aanbiedingen[0].toetsen).toContainEqual(
    expect.objectContaining({
      regel: 'passendheidstoets@3',
      uitkomst: 'voldoet',
      parameters: { jaar: 2024, aftoppingsgrens: 697.07 },
    }),
  );
});
