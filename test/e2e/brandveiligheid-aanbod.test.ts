/**
 * Issue 14 item 8 through the API on real Temporal and PostgreSQL: matching excludes a woning whose
 * brandveiligheid typering does not carry the care asked, and the aanbod step refuses it the same way
 * (seed 004:1387-1396: 24-uurs zorg is a groepszorgwoning with a BMI met doormelding).
 */
import { randomUUID } from 'node:crypto';
import { actorHeaders, actors } from '../support/api-client';
import { buurt, vraag, vvOudere, woningInDb, zorg24uur } from '../support/fixtures';
import { useHarness } from '../support/harness';
import { registerOrganisations } from '../support/organisations';

const t = useHarness();

test('24-uurs zorg: a gewone woonfunctie is excluded with its reason and refused as aanbod; a groepszorgwoning is offered', async () => {
  const corporatie = `corp-${randomUUID().slice(0, 8)}`;
  const verhuur = { ...actors.verhuur, organisatie: corporatie };
  await registerOrganisations(t.h.db, [{ id: corporatie, soort: 'corporatie' }]);
  const { caseId } = (await t.api.start({ ...vvOudere(), corporatie })).body;
  for (const [step, body, actor] of [
    ['vraag', vraag, actors.consulent],
    ['zorg', zorg24uur, actors.zorg],
    ['woonvorm', { woonvorm: 'beschermd_wonen' }, actors.zorg],
    ['buurt', buurt, verhuur],
  ] as const) {
    expect((await t.api.step(caseId, step, body, actor)).status).toBe(200);
  }
  const beschermd = { corporatie, woonvorm: 'beschermd_wonen' as const, kaleHuur: 500 };
  const gewoon = await woningInDb(t.h.db, {
    ...beschermd,
    brandveiligheidTypering: 'gewone_woonfunctie',
    brandmeldinstallatie: 'geen',
  });
  const groep = await woningInDb(t.h.db, {
    ...beschermd,
    brandveiligheidTypering: 'groepszorgwoning',
    brandmeldinstallatie: 'met_doormelding',
    gebouwOppervlakM2: 420,
  });

  const matches = await t.api.request('GET', `/cases/${caseId}/matches?uitgesloten=true`, {
    headers: actorHeaders(verhuur),
  });
  expect(matches.status).toBe(200);
  expect(matches.body.kandidaten.map((k: { woning: { id: string } }) => k.woning.id)).toEqual([groep.woning.id]);
  const uit = matches.body.uitgesloten.find((u: { woning: { id: string } }) => u.woning.id === gewoon.woning.id);
  expect(uit.weigeringen).toEqual([
    expect.objectContaining({
      regel: 'brandveiligheid@1',
      uitkomst: 'voldoet_niet',
      codes: ['brandveiligheid.24_uur_in_gewone_woonfunctie'],
    }),
  ]);

  const refused = await t.api.step(caseId, 'aanbod', gewoon.body, verhuur);
  expect(refused.status).toBe(422);
  expect(JSON.stringify(refused.body)).toContain('brandveiligheid@1');
  expect((await t.h.db.woning.findUniqueOrThrow({ where: { id: gewoon.woning.id } })).status).toBe('vrij');

  const offered = await t.api.step(caseId, 'aanbod', groep.body, verhuur);
  expect(offered.status).toBe(200);
  const detail = (await t.api.get(caseId)).body;
  const aanbod = detail.state.aanbiedingen[0];
  // The snapshot carries the building's typering, so the verdict can be explained later as it was given.
  expect(aanbod.woning).toMatchObject({ brandveiligheidTypering: 'groepszorgwoning', gebouwOppervlakM2: 420 });
  expect(aanbod.toetsen).toEqual(
    expect.arrayContaining([expect.objectContaining({ regel: 'brandveiligheid@1', uitkomst: 'voldoet' })]),
  );
});
