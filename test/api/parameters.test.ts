import { randomUUID } from 'node:crypto';
import { actors, actorHeaders, apiClient } from '../support/api-client';
import { buurt, overDagen, vandaag, vraag, vvOudere, woningInDb, zorgOpAfspraak } from '../support/fixtures';
import { extraApp, useHarness } from '../support/harness';
import { TESTWAARDEN_BRON, ditJaar } from '../support/test-parameters';
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

async function caseAtAanbod() {
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
  return { caseId: caseId as string, corporatie, verhuur };
}

test('an aanbod takes today or a recent date, never a future one or one far back (issue 14 item 11)', async () => {
  const { caseId, corporatie, verhuur } = await caseAtAanbod();
  const { woning } = await woningInDb(t.h.db, { corporatie, kaleHuur: 600, servicekosten: 0 });
  for (const [aanbodDatum, problem] of [
    [overDagen(1), /ligt na vandaag/],
    [overDagen(-32), /ligt 32 dagen terug; ten hoogste 31 dagen/],
    ['2023-12-31', /dagen terug/],
  ] as const) {
    const res = await t.api.step(caseId, 'aanbod', { woningId: woning.id, aanbodDatum }, verhuur);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ error: 'invalid_aanbod_datum', fields: [{ field: 'aanbodDatum' }] });
    expect(res.body.fields[0].problem).toMatch(problem);
    const matches = await t.api.request('GET', `/cases/${caseId}/matches?aanbodDatum=${aanbodDatum}`, {
      headers: actorHeaders(verhuur),
    });
    expect(matches.status).toBe(422);
  }
  expect((await t.h.db.woning.findUniqueOrThrow({ where: { id: woning.id } })).status).toBe('vrij');

  // Without a date: today, judged by this year's own set (the tests keep one, marked as test values).
  const today = await t.api.step(caseId, 'aanbod', { woningId: woning.id }, verhuur);
  expect(today.status).toBe(200);
  const detail = (await t.api.get(caseId)).body;
  expect(detail.state.aanbiedingen[0].aanbodDatum).toBe(vandaag());
  expect(detail.state.aanbiedingen[0].toetsen).toContainEqual(
    expect.objectContaining({ regel: 'passendheidstoets@4', parameters: { jaar: ditJaar(), aftoppingsgrens: 647.19 } }),
  );
});

test('a year without its own set is refused naming the year; a kept set decides its year and stays with the aanbod', async () => {
  // An app that accepts dates years back, so a year's set (or its absence) can be tried.
  const wide = await extraApp(t.h, { aanbodMaxTerugDagen: 366 * 3 });
  const api = apiClient(wide.baseUrl);
  try {
    const jaar = ditJaar() - 2;
    await t.h.db.ruleParameterSet.deleteMany({ where: { jaar } });
    const { caseId, corporatie, verhuur } = await caseAtAanbod();
    const { woning } = await woningInDb(t.h.db, { corporatie, kaleHuur: 690, servicekosten: 0 });
    const missing = await api.step(caseId, 'aanbod', { woningId: woning.id, aanbodDatum: `${jaar}-06-01` }, verhuur);
    expect(missing.status).toBe(422);
    expect(missing.body).toMatchObject({ error: 'parameters_missing', jaar, fields: [{ field: 'aanbodDatum' }] });
    expect(missing.body.message).toContain(`geen regelparameters voor ${jaar}`);

    const kept = { ...set2024, bron: `TESTWAARDEN voor ${jaar}, geen officiële bedragen` };
    expect([200, 201]).toContain(
      (await t.api.request('PUT', `/parameters/${jaar}`, { body: kept, headers: beheerder })).status,
    );
    const offered = await api.step(caseId, 'aanbod', { woningId: woning.id, aanbodDatum: `${jaar}-06-01` }, verhuur);
    expect(offered.status).toBe(200);
    const detail = (await t.api.get(caseId)).body;
    expect(detail.state.aanbiedingen[0].toetsen).toContainEqual(
      expect.objectContaining({
        regel: 'passendheidstoets@4',
        uitkomst: 'voldoet',
        parameters: { jaar, aftoppingsgrens: 697.07 },
      }),
    );
    // A later change to the set does not rewrite the verdict already given.
    await t.api.request('PUT', `/parameters/${jaar}`, {
      body: { ...kept, aftoppingsgrensLaag: 600 },
      headers: beheerder,
    });
    expect((await t.api.get(caseId)).body.state.aanbiedingen[0].toetsen).toEqual(detail.state.aanbiedingen[0].toetsen);
  } finally {
    await wide.close();
  }
});

test('GET /parameters warns the beheerder about a year without its set', async () => {
  const read = await t.api.request('GET', '/parameters');
  expect(read.status).toBe(200);
  expect(read.body.sets).toContainEqual(expect.objectContaining({ jaar: ditJaar(), bron: TESTWAARDEN_BRON }));
  const codes = read.body.waarschuwingen.map((w: { jaar: number; code: string }) => `${w.jaar}:${w.code}`);
  expect(codes).not.toContain(`${ditJaar()}:parameters_ontbreken`);
  const volgend = ditJaar() + 1;
  const dagen = Math.round((Date.parse(`${volgend}-01-01`) - Date.parse(vandaag())) / 86_400_000);
  const hasNext = read.body.sets.some((s: { jaar: number }) => s.jaar === volgend);
  expect(codes.includes(`${volgend}:parameters_ontbreken_binnenkort`)).toBe(dagen <= 60 && !hasNext);
});
