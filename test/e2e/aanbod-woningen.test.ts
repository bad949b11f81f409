import { randomUUID } from 'node:crypto';
import { actorHeaders, actors } from '../support/api-client';
import { buurt, overDagen, vraag, vvOudere, woningInDb, zorgOpAfspraak } from '../support/fixtures';
import { useHarness } from '../support/harness';
import type { WoningSnapshot } from '../../domain/types';
import { registerOrganisation } from '../support/organisations';

const t = useHarness();

/** A case at the aanbod step whose corporatie is a fresh organisation, so its woningaanbod is its own. */
async function caseAtAanbod(corporatie: string) {
  await registerOrganisation(t.h.db, corporatie, 'corporatie');
  const verhuur = { ...actors.verhuur, organisatie: corporatie };
  const { caseId } = (await t.api.start({ ...vvOudere(), corporatie })).body;
  for (const [step, body, actor] of [
    ['vraag', vraag, actors.consulent],
    ['zorg', { ...zorgOpAfspraak, steunpuntGewenst: true }, actors.zorg],
    ['woonvorm', { woonvorm: 'geschikt_wonen' }, actors.zorg],
    ['buurt', buurt, verhuur],
  ] as const) {
    const res = await t.api.step(caseId, step, body, actor);
    expect(res.status).toBe(200);
  }
  return { caseId: caseId as string, verhuur };
}

const woning = (corporatie: string, over: Partial<WoningSnapshot> = {}) => woningInDb(t.h.db, { corporatie, ...over });
const status = async (id: string) =>
  t.h.db.woning.findUniqueOrThrow({ where: { id }, select: { status: true, caseId: true } });

test('two cases racing for one woning: exactly one gets the aanbod', async () => {
  const corporatie = `corp-${randomUUID().slice(0, 8)}`;
  const [a, b] = await Promise.all([caseAtAanbod(corporatie), caseAtAanbod(corporatie)]);
  const { woning: w, body } = await woning(corporatie);
  const answers = await Promise.all([a, b].map((c) => t.api.step(c.caseId, 'aanbod', body, c.verhuur)));
  expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
  const loser = answers.find((r) => r.status === 409)!;
  expect(loser.body.error).toBe('woning_unavailable');
  const winner = answers[0]!.status === 200 ? a : b;
  expect(await status(w.id)).toEqual({ status: 'aangeboden', caseId: winner.caseId });
  // The loser's case is unchanged: still waiting for an aanbod, none recorded.
  const other = winner === a ? b : a;
  const detail = (await t.api.get(other.caseId)).body;
  expect(detail.state.aanbiedingen).toEqual([]);
  expect(detail.mogelijkeStappen.map((s: { step: string }) => s.step)).toContain('aanbod');
});

test('a declined aanbod frees the woning; a toewijzing lets it and counts the plaatsing', async () => {
  const corporatie = `corp-${randomUUID().slice(0, 8)}`;
  const c = await caseAtAanbod(corporatie);
  const first = await woning(corporatie);
  expect((await t.api.step(c.caseId, 'aanbod', first.body, c.verhuur)).status).toBe(200);
  expect(await status(first.woning.id)).toEqual({ status: 'aangeboden', caseId: c.caseId });
  expect((await t.api.step(c.caseId, 'reactie', { besluit: 'weigert', reden: 'te klein' }, c.verhuur)).status).toBe(
    200,
  );
  expect(await status(first.woning.id)).toEqual({ status: 'vrij', caseId: null });
  // The same woning is not offered twice in one case.
  const again = await t.api.step(c.caseId, 'aanbod', first.body, c.verhuur);
  expect(again.status).toBe(422);

  const second = await woning(corporatie);
  expect((await t.api.step(c.caseId, 'aanbod', second.body, c.verhuur)).status).toBe(200);
  expect((await t.api.step(c.caseId, 'reactie', { besluit: 'accepteert' }, c.verhuur)).status).toBe(200);
  expect(
    (await t.api.step(c.caseId, 'toewijzing', { contractvorm: 'rechtstreeks', ingangsdatum: '2023-07-01' }, c.verhuur))
      .status,
  ).toBe(200);
  expect(await status(second.woning.id)).toEqual({ status: 'verhuurd', caseId: c.caseId });
  const plaatsing = await t.h.db.plaatsing.findUniqueOrThrow({ where: { caseId: c.caseId } });
  expect(plaatsing).toMatchObject({
    woningId: second.woning.id,
    corporatie,
    buurtcode: 'BU03630101',
    doelgroep: 'vv',
    opgave: 'opgave_1_nabij_steunpunt',
  });
});

test('withdrawing with an open aanbod frees the woning', async () => {
  const corporatie = `corp-${randomUUID().slice(0, 8)}`;
  const c = await caseAtAanbod(corporatie);
  const w = await woning(corporatie);
  await t.api.step(c.caseId, 'aanbod', w.body, c.verhuur);
  expect((await t.api.step(c.caseId, 'intrekking', { reden: 'elders gehuisvest' }, actors.consulent)).status).toBe(200);
  expect(await status(w.woning.id)).toEqual({ status: 'vrij', caseId: null });
});

test("an unknown woning is 422 naming woningId; another case's woning is 409", async () => {
  const corporatie = `corp-${randomUUID().slice(0, 8)}`;
  const c = await caseAtAanbod(corporatie);
  const unknown = await t.api.step(c.caseId, 'aanbod', { woningId: randomUUID() }, c.verhuur);
  expect(unknown.status).toBe(422);
  expect(unknown.body.fields).toEqual([{ field: 'woningId', problem: 'deze woning bestaat niet' }]);
  const w = await woning(corporatie);
  await t.h.db.woning.update({ where: { id: w.woning.id }, data: { status: 'aangeboden', caseId: randomUUID() } });
  expect((await t.api.step(c.caseId, 'aanbod', w.body, c.verhuur)).status).toBe(409);
});

test('matching lists the woningen that pass every hard rule, ranked with reasons, and on request the excluded ones', async () => {
  const corporatie = `corp-${randomUUID().slice(0, 8)}`;
  const c = await caseAtAanbod(corporatie);
  const inBuurt = await woning(corporatie, { referentie: `M-BUURT-${corporatie}`, beschikbaarVanaf: overDagen(-12) });
  const elders = await woning(corporatie, {
    referentie: `M-ELDERS-${corporatie}`,
    buurtcode: 'BU03639999',
    opgave: 'opgave_2_gespikkeld',
    beschikbaarVanaf: overDagen(-151),
  });
  const duur = await woning(corporatie, { referentie: `M-DUUR-${corporatie}`, kaleHuur: 700 });
  const geenNoodoproep = await woning(corporatie, { referentie: `M-NOOD-${corporatie}`, noodoproep: false });
  const wijk = await woning(corporatie, { referentie: `M-WIJK-${corporatie}`, woonvorm: 'in_de_wijk' });
  await woning(`other-${corporatie}`.slice(0, 60)); // another corporatie's woning never shows

  const res = await t.api.request('GET', `/cases/${c.caseId}/matches?uitgesloten=true`, {
    headers: actorHeaders(c.verhuur),
  });
  expect(res.status).toBe(200);
  expect(res.body.kandidaten.map((k: { woning: { id: string } }) => k.woning.id)).toEqual([
    inBuurt.woning.id,
    elders.woning.id,
  ]);
  expect(res.body.kandidaten[0].redenen).toEqual(
    expect.arrayContaining([
      'in de gekozen buurt (+30)',
      'opgave_1_nabij_steunpunt zoals gekozen (+20)',
      'staat 12 dagen leeg (+1.2)',
    ]),
  );
  expect(res.body.kandidaten[1].redenen).toEqual(
    expect.arrayContaining(['in de gemeente van de aanmelding (+10)', 'staat 151 dagen leeg (+15.1)']),
  );
  const excluded = Object.fromEntries(
    res.body.uitgesloten.map((u: { woning: { id: string }; weigeringen: Array<{ regel: string }> }) => [
      u.woning.id,
      u.weigeringen.map((w) => w.regel),
    ]),
  );
  expect(excluded).toEqual({
    [duur.woning.id]: ['passendheidstoets@4'],
    [geenNoodoproep.woning.id]: ['zorgwoning@2'],
    [wijk.woning.id]: ['woonvorm-match@1'],
  });

  // Offering the top candidate works; while that aanbod is open there is nothing to match.
  expect((await t.api.step(c.caseId, 'aanbod', inBuurt.body, c.verhuur)).status).toBe(200);
  const atReactie = await t.api.request('GET', `/cases/${c.caseId}/matches`, { headers: actorHeaders(c.verhuur) });
  expect(atReactie.status).toBe(409);
  expect(atReactie.body.currentStep).toBe('aanbod');
});
