/**
 * Issue 14's journeys through the API on real Temporal and PostgreSQL: spoed
 * without a zorginstelling (003:636-653) and a Wlz zzp in beschermd wonen
 * (004:1747-1767, 1769-1775).
 */
import { getStateQuery } from '../../workflows/messages';
import { workflowIdFor } from '../../prisma/case-repository';
import { actorHeaders, actors, ok } from '../support/api-client';
import {
  buurt,
  kennismaking,
  overdracht,
  referentie,
  toewijzingOp,
  vroegAfsluiten,
  vandaag,
  woningInDb,
  zorg24uur,
} from '../support/fixtures';
import type { Aanmelding, WoningSnapshot } from '../../domain/types';
import { useHarness } from '../support/harness';

const t = useHarness();
const aanbod = async (over: Partial<WoningSnapshot> = {}) => (await woningInDb(t.h.db, over)).body;

async function sameAsWorkflow(caseId: string) {
  const view = await t.h.client.workflow.getHandle(workflowIdFor(caseId)).query(getStateQuery);
  const detail = await ok(t.api.get(caseId));
  expect(detail.state).toEqual(JSON.parse(JSON.stringify(view.state)));
  return detail;
}

test('spoed without a zorginstelling: the wijkteam and the corporatie house the person, with no zorg step', async () => {
  const spoed: Aanmelding = {
    persoon: {
      referentie: referentie(),
      huishoudgrootte: 1,
      inkomensgroep: 'passendheidsgroep',
      huidigeSituatie: 'zonder_vaste_woonplek',
    },
    deelgroep: 'spoed',
    doelgroep: 'urgent',
    indicatie: { wet: 'geen' },
    urgent: true,
    gemeente: 'GM0363',
    corporatie: 'woonstad',
  };
  const id = (await ok(t.api.start(spoed), 201)).caseId;
  const afterVraag = await ok(
    t.api.step(
      id,
      'vraag',
      { perspectief: 'eerst_stabiliseren', samenwonen: 'alleen', nabijLotgenoten: 'geen_voorkeur' },
      actors.consulent,
    ),
  );
  expect(afterVraag.fase).toBe('woonvorm');
  let detail = await ok(t.api.get(id));
  expect(detail.wachtOp).toEqual([{ rol: 'consulent', organisatie: 'wijkteam-noord' }]);

  // No care party: a zorginstelling that is not a party does not even see the case, and a form that asks for care is refused with the reason.
  expect((await t.api.step(id, 'woonvorm', { woonvorm: 'tijdelijke_verhuur' }, actors.zorg)).status).toBe(404);
  const zorgvorm = await t.api.step(id, 'woonvorm', { woonvorm: 'beschut_wonen' }, actors.consulent);
  expect(zorgvorm.status).toBe(422);
  expect(zorgvorm.body.message).toMatch(/zonder zorginstelling in de casus: beschut wonen vraagt zorg/);
  await ok(t.api.step(id, 'woonvorm', { woonvorm: 'tijdelijke_verhuur' }, actors.consulent));
  await ok(t.api.step(id, 'buurt', buurt, actors.verhuur));
  await ok(
    t.api.step(
      id,
      'aanbod',
      await aanbod({ woonvorm: 'tijdelijke_verhuur', noodoproep: false, gemeenschappelijkeRuimte: false }),
      actors.verhuur,
    ),
  );
  await ok(t.api.step(id, 'reactie', { besluit: 'accepteert' }, actors.verhuur));
  await ok(t.api.step(id, 'toewijzing', toewijzingOp('rechtstreeks'), actors.verhuur));
  await ok(
    t.api.step(
      id,
      'overdracht',
      { ...overdracht, begeleidingsafspraken: [{ wie: 'wijkteam-noord', wat: 'consulent volgt de eerste maanden' }] },
      actors.consulent,
    ),
  );
  await ok(t.api.step(id, 'overdracht_bevestiging', {}, actors.consulent));
  await ok(t.api.step(id, 'overdracht_bevestiging', {}, actors.verhuur));

  // The gesprek follows the toewijzing: a date before it is refused, naming the field.
  const vroeg = await t.api.step(
    id,
    'kennismakingsgesprek',
    { ...kennismaking(['bewoner', 'verhuurder']), datum: '2020-01-01' },
    actors.verhuur,
  );
  expect(vroeg.status).toBe(422);
  expect(vroeg.body.message).toMatch(/^datum: het gesprek volgt op de toewijzing \(vastgelegd op \d{4}-\d{2}-\d{2}\)$/);
  const done = await ok(
    t.api.step(id, 'kennismakingsgesprek', kennismaking(['bewoner', 'verhuurder']), actors.verhuur),
  );
  expect(done.fase).toBe('nazorg');
  await ok(t.api.step(id, 'nazorg', { uitkomst: 'stabiel' }, actors.consulent));
  const closed = await ok(t.api.step(id, 'nazorg_afsluiting', vroegAfsluiten, actors.consulent));
  expect(closed).toMatchObject({ status: 'afgesloten', uitkomst: 'gehuisvest' });

  detail = await sameAsWorkflow(id);
  expect(detail.history.map((e: any) => e.step)).toEqual([
    'aanmelding',
    'vraag',
    'woonvorm',
    'buurt',
    'aanbod',
    'reactie',
    'toewijzing',
    'overdracht',
    'overdracht_bevestiging',
    'overdracht_bevestiging',
    'kennismakingsgesprek',
    'nazorg',
    'nazorg_afsluiting',
  ]);
  expect(detail.history[2]).toMatchObject({
    step: 'woonvorm',
    actor: { rol: 'consulent', organisatie: 'wijkteam-noord' },
  });
  expect(detail.partijen.zorginstelling).toBeNull();
  expect(detail.state.woonvorm).toMatchObject({
    woonvorm: 'tijdelijke_verhuur',
    advies: { regel: 'woonvorm-advies@2', gekozen: 'aanbevolen' },
  });
  expect(detail.state.kennismakingsgesprek).toEqual({
    datum: vandaag(),
    verwachtingenBesproken: true,
    deelnemers: ['bewoner', 'verhuurder'],
  });
  // The wijkteam answered for the woonvorm fase's norm.
  const periode = await t.h.db.fasePeriode.findFirst({ where: { caseId: id, fase: 'woonvorm' } });
  expect(periode).toMatchObject({ partij: 'wijkteam', organisatie: 'wijkteam-noord' });
});

test('a Wlz zzp in natura in beschermd wonen: no passendheidstoets, and the zorgorganisatie allocates', async () => {
  const zzp: Aanmelding = {
    persoon: {
      referentie: referentie(),
      huishoudgrootte: 1,
      inkomensgroep: 'passendheidsgroep',
      huidigeSituatie: 'ggz_kliniek',
    },
    deelgroep: 'verstoorde_zelfregulering',
    doelgroep: 'ggz',
    indicatie: { wet: 'wlz', leveringsvorm: 'zzp' },
    urgent: false,
    gemeente: 'GM0363',
    zorginstelling: 'zorg-de-brug',
    corporatie: 'woonstad',
  };
  const id = (await ok(t.api.start(zzp), 201)).caseId;
  await ok(
    t.api.step(
      id,
      'vraag',
      { perspectief: 'lange_termijn', samenwonen: 'gedeelde_ruimte', nabijLotgenoten: 'ja' },
      actors.consulent,
    ),
  );
  await ok(t.api.step(id, 'zorg', zorg24uur, actors.zorg));
  await ok(t.api.step(id, 'woonvorm', { woonvorm: 'beschermd_wonen' }, actors.zorg));
  await ok(t.api.step(id, 'buurt', buurt, actors.verhuur));

  // €700 a month is above the aftoppingsgrens (€647.19 in the test set), which does not apply without scheiden van wonen en zorg.
  const { woning, body } = await woningInDb(t.h.db, { woonvorm: 'beschermd_wonen', kaleHuur: 660, servicekosten: 40 });
  const matches = await t.api.request('GET', `/cases/${id}/matches`, {
    headers: actorHeaders(actors.verhuur),
  });
  expect(matches.status).toBe(200);
  expect(matches.body.kandidaten.map((k: any) => k.woning.id)).toContain(woning.id);
  await ok(t.api.step(id, 'aanbod', body, actors.verhuur));
  await ok(t.api.step(id, 'reactie', { besluit: 'accepteert' }, actors.verhuur));
  expect((await t.api.step(id, 'toewijzing', toewijzingOp('onderverhuur_door_zorg'), actors.verhuur)).status).toBe(403);
  await ok(t.api.step(id, 'toewijzing', toewijzingOp('onderverhuur_door_zorg'), actors.zorg));
  await ok(t.api.step(id, 'overdracht', overdracht, actors.zorg));
  await ok(t.api.step(id, 'overdracht_bevestiging', {}, actors.zorg));
  await ok(t.api.step(id, 'overdracht_bevestiging', {}, actors.verhuur));
  const zonderZorg = await t.api.step(
    id,
    'kennismakingsgesprek',
    kennismaking(['bewoner', 'verhuurder']),
    actors.verhuur,
  );
  expect(zonderZorg.status).toBe(422);
  expect(zonderZorg.body.message).toBe('deelnemers: zorg ontbreekt; het gesprek is tussen bewoner, zorg en verhuurder');
  await ok(t.api.step(id, 'kennismakingsgesprek', kennismaking(), actors.verhuur));
  await ok(t.api.step(id, 'nazorg', { uitkomst: 'stabiel' }, actors.zorg));
  await ok(t.api.step(id, 'nazorg_afsluiting', vroegAfsluiten, actors.zorg));

  const detail = await sameAsWorkflow(id);
  expect(detail.uitkomst).toBe('gehuisvest');
  expect(detail.state.aanbiedingen[0].toetsen).toContainEqual(
    expect.objectContaining({
      regel: 'passendheidstoets@4',
      uitkomst: 'niet_van_toepassing',
      redenen: ['zorg met verblijf: geen scheiden van wonen en zorg, de passendheidstoets geldt niet'],
    }),
  );
  expect(detail.state.toewijzing).toMatchObject({
    contractvorm: 'onderverhuur_door_zorg',
    toewijzer: 'zorgorganisatie',
  });
  expect(detail.history.find((e: any) => e.step === 'toewijzing')).toMatchObject({
    actor: { rol: 'zorgmedewerker', organisatie: 'zorg-de-brug' },
  });
});
