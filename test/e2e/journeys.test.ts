import { getStateQuery } from '../../workflows/messages';
import { workflowIdFor } from '../../prisma/case-repository';
import { actorHeaders, actors, ok } from '../support/api-client';
import {
  buurt,
  inRegister,
  kennismaking,
  toewijzingOp,
  vroegAfsluiten,
  overdracht,
  uitstroomBw,
  vraag,
  vraagMetZrm,
  vvOudere,
  woningInDb,
  zorg24uur,
  zorgOpAfspraak,
} from '../support/fixtures';
import type { Actor, WoningSnapshot } from '../../domain/types';
import { useHarness } from '../support/harness';
import { ditJaar } from '../support/test-parameters';

const t = useHarness();

/** "Casus aannemen" by the actor's organisation, put in the register for the fixtures' gemeente first. */
async function acceptAs(id: string, zijde: 'zorginstelling' | 'corporatie', actor: Actor) {
  await inRegister(t.h.db, actor.organisatie, zijde);
  await ok(t.api.request('POST', `/cases/${id}/aanname`, { body: { zijde }, headers: actorHeaders(actor) }));
}
/** A vrije woning in the database, and the aanbod body that offers it. */
const aanbod = async (over: Partial<WoningSnapshot> = {}) => (await woningInDb(t.h.db, over)).body;

/** The read model must hold exactly what the workflow holds. */
async function expectReadModelMatchesWorkflow(caseId: string) {
  const view = await t.h.client.workflow.getHandle(workflowIdFor(caseId)).query(getStateQuery);
  const detail = await ok(t.api.get(caseId));
  expect(detail.state).toEqual(JSON.parse(JSON.stringify(view.state)));
  expect(detail.fase).toBe(view.state.fase);
  expect(detail.status).toBe(view.state.status);
  expect(detail.history.map((e: any) => e.seq)).toEqual(Array.from({ length: view.state.version }, (_, i) => i + 1));
  return detail;
}

async function warmeOverdracht(caseId: string) {
  await ok(t.api.step(caseId, 'overdracht', overdracht, actors.zorg));
  await ok(t.api.step(caseId, 'overdracht_bevestiging', {}, actors.zorg));
  await ok(t.api.step(caseId, 'kennismakingsgesprek', kennismaking(), actors.verhuur));
  const last = await ok(t.api.step(caseId, 'overdracht_bevestiging', {}, actors.verhuur));
  expect(last.fase).toBe('nazorg');
}

test('a V&V oudere with a vpt-indicatie is housed in geschikt wonen', async () => {
  const started = await ok(t.api.start(vvOudere()), 201);
  const id = started.caseId;
  expect(started).toMatchObject({ seq: 1, step: 'aanmelding', fase: 'vraag', status: 'lopend' });

  await ok(t.api.step(id, 'vraag', vraag, actors.consulent));
  await ok(t.api.step(id, 'zorg', zorgOpAfspraak, actors.zorg));
  await ok(t.api.step(id, 'woonvorm', { woonvorm: 'geschikt_wonen' }, actors.zorg));
  await ok(t.api.step(id, 'buurt', buurt, actors.verhuur));
  await ok(t.api.step(id, 'aanbod', await aanbod(), actors.verhuur));
  const accepted = await ok(t.api.step(id, 'reactie', { besluit: 'accepteert' }, actors.verhuur));
  expect(accepted.fase).toBe('toewijzing');
  await ok(t.api.step(id, 'toewijzing', toewijzingOp('rechtstreeks'), actors.verhuur));
  await warmeOverdracht(id);
  await ok(t.api.step(id, 'nazorg', { uitkomst: 'stabiel' }, actors.consulent));
  const closed = await ok(t.api.step(id, 'nazorg_afsluiting', vroegAfsluiten, actors.consulent));
  expect(closed).toMatchObject({ status: 'afgesloten', fase: 'afgesloten', uitkomst: 'gehuisvest' });

  const detail = await expectReadModelMatchesWorkflow(id);
  expect(detail.history.map((e: any) => e.step)).toEqual([
    'aanmelding',
    'vraag',
    'zorg',
    'woonvorm',
    'buurt',
    'aanbod',
    'reactie',
    'toewijzing',
    'overdracht',
    'overdracht_bevestiging',
    'kennismakingsgesprek',
    'overdracht_bevestiging',
    'nazorg',
    'nazorg_afsluiting',
  ]);
  expect(detail.history[3]).toMatchObject({
    actor: { id: 'u-zorg-1', rol: 'zorgmedewerker', organisatie: 'zorg-de-brug' },
  });
  expect(detail.state.toewijzing).toMatchObject({ contractvorm: 'rechtstreeks', toewijzer: 'huisvester' });
  expect(detail.mogelijkeStappen).toEqual([]);
  await expect(t.h.client.workflow.getHandle(workflowIdFor(id)).result()).resolves.toMatchObject({
    uitkomst: 'gehuisvest',
  });
});

test('uitstroom beschermd wonen goes to beschermd wonen, with a warme overdracht both sides confirm', async () => {
  const id = (await ok(t.api.start(uitstroomBw()), 201)).caseId;
  await ok(t.api.step(id, 'vraag', vraagMetZrm, actors.consulent));
  // No zorginstelling or corporatie was named at aanmelding: one of the werkgebied accepts each side.
  await acceptAs(id, 'zorginstelling', actors.zorg);
  await ok(t.api.step(id, 'zorg', zorg24uur, actors.zorg));
  const wrongForm = await t.api.step(id, 'woonvorm', { woonvorm: 'geschikt_wonen' }, actors.zorg);
  expect(wrongForm.status).toBe(422);
  expect(wrongForm.body.message).toMatch(/24-uurs toezicht past niet bij geschikt wonen/);
  await ok(t.api.step(id, 'woonvorm', { woonvorm: 'beschermd_wonen' }, actors.zorg));
  await acceptAs(id, 'corporatie', actors.verhuur);
  await ok(t.api.step(id, 'buurt', buurt, actors.verhuur));
  await ok(t.api.step(id, 'aanbod', await aanbod({ woonvorm: 'beschermd_wonen' }), actors.verhuur));
  await ok(t.api.step(id, 'reactie', { besluit: 'accepteert' }, actors.verhuur));
  // With onderverhuur the zorgorganisatie allocates (004:1773): its zorgmedewerker records the toewijzing.
  const byVerhuur = await t.api.step(id, 'toewijzing', toewijzingOp('onderverhuur_door_zorg'), actors.verhuur);
  expect(byVerhuur.status).toBe(403);
  expect(byVerhuur.body.message).toMatch(
    /bij contractvorm onderverhuur_door_zorg legt de zorgmedewerker de toewijzing vast/,
  );
  await ok(t.api.step(id, 'toewijzing', toewijzingOp('onderverhuur_door_zorg'), actors.zorg));

  // Until the overdracht is recorded and confirmed by both sides, the case waits and says on whom.
  await ok(t.api.step(id, 'overdracht', overdracht, actors.verhuur));
  let detail = await ok(t.api.get(id));
  expect(detail.fase).toBe('warme_overdracht');
  expect(detail.wachtOp.map((w: any) => w.rol).sort()).toEqual(['verhuurmedewerker', 'zorgmedewerker']);
  await ok(t.api.step(id, 'overdracht_bevestiging', {}, actors.verhuur));
  const twice = await t.api.step(id, 'overdracht_bevestiging', {}, actors.verhuur);
  expect(twice.status).toBe(422);
  await ok(t.api.step(id, 'overdracht_bevestiging', {}, actors.zorg));
  detail = await ok(t.api.get(id));
  expect(detail.fase).toBe('warme_overdracht');
  expect(detail.wachtOp).toEqual([{ rol: 'verhuurmedewerker', organisatie: 'woonstad' }]);
  await ok(t.api.step(id, 'kennismakingsgesprek', kennismaking(), actors.verhuur));
  await ok(
    t.api.step(
      id,
      'nazorg',
      { uitkomst: 'ondersteuning_bijgesteld', toelichting: 'begeleiding tijdelijk opgeschaald' },
      actors.zorg,
    ),
  );
  await ok(t.api.step(id, 'nazorg', { uitkomst: 'stabiel' }, actors.zorg));
  await ok(t.api.step(id, 'nazorg_afsluiting', vroegAfsluiten, actors.zorg));

  detail = await expectReadModelMatchesWorkflow(id);
  expect(detail).toMatchObject({
    uitkomst: 'gehuisvest',
    partijen: { zorginstelling: 'zorg-de-brug', corporatie: 'woonstad' },
  });
  expect(detail.state.toewijzing.toewijzer).toBe('zorgorganisatie');
  expect(detail.state.partijen.zorginstelling.contactpersoon).toBe('u-zorg-1');
});

test('an aanmelding not passend for a zorgwoning is doorgeleid, gets persoonlijk contact and a regular accessible home', async () => {
  const aanmelding = { ...vvOudere(), doelgroep: 'ghz_lg', indicatie: { wet: 'wmo', leveringsvorm: 'pgb' } } as const;
  const id = (await ok(t.api.start(aanmelding), 201)).caseId;
  await ok(t.api.step(id, 'vraag', vraag, actors.consulent));
  await ok(t.api.step(id, 'zorg', zorgOpAfspraak, actors.zorg));
  const forwarded = await ok(
    t.api.step(
      id,
      'doorgeleiding',
      {
        reden: 'geen zorgwoning nodig; toegankelijke woning volstaat',
        contactpersoon: { naam: 'A. Jansen', organisatie: 'woonstad' },
      },
      actors.zorg,
    ),
  );
  expect(forwarded.fase).toBe('persoonlijk_contact');

  // Persoonlijk contact must come first: an aanbod now is out of turn.
  const early = await t.api.step(id, 'aanbod', await aanbod({ woonvorm: 'toegankelijke_woning' }), actors.verhuur);
  expect(early.status).toBe(409);
  expect(early.body.currentStep).toBe('persoonlijk_contact');

  const contact = await ok(
    t.api.step(
      id,
      'persoonlijk_contact',
      { datum: '2023-06-05', vervolg: 'zoekprofiel toegankelijke woning opgesteld' },
      actors.verhuur,
    ),
  );
  // The fixed order weighs the buurt before the aanbod, on the regular route too.
  expect(contact.fase).toBe('buurt');
  expect(
    (await t.api.step(id, 'aanbod', await aanbod({ woonvorm: 'toegankelijke_woning' }), actors.verhuur)).status,
  ).toBe(409);
  await ok(
    t.api.step(id, 'buurt', { ...buurt, buurtcode: 'BU03630202', opgave: 'opgave_2_gespikkeld' }, actors.verhuur),
  );
  const zorgwoning = await t.api.step(id, 'aanbod', await aanbod(), actors.verhuur);
  expect(zorgwoning.status).toBe(422);
  await ok(
    t.api.step(
      id,
      'aanbod',
      await aanbod({ woonvorm: 'toegankelijke_woning', buurtcode: 'BU03630202' }),
      actors.verhuur,
    ),
  );
  await ok(t.api.step(id, 'reactie', { besluit: 'accepteert' }, actors.verhuur));
  await ok(t.api.step(id, 'toewijzing', toewijzingOp('rechtstreeks'), actors.verhuur));
  await warmeOverdracht(id);
  await ok(t.api.step(id, 'nazorg', { uitkomst: 'stabiel' }, actors.consulent));
  await ok(t.api.step(id, 'nazorg_afsluiting', vroegAfsluiten, actors.consulent));

  const detail = await expectReadModelMatchesWorkflow(id);
  expect(detail).toMatchObject({ route: 'regulier', uitkomst: 'gehuisvest' });
  expect(detail.state.doorgeleiding).toMatchObject({ fase: 'woonvorm', contactpersoon: { organisatie: 'woonstad' } });
});

test('a declined aanbod and a failed passendheidstoets return to aanbod with the reasons kept; the next aanbod is accepted', async () => {
  const id = (await ok(t.api.start(vvOudere()), 201)).caseId;
  await ok(t.api.step(id, 'vraag', vraag, actors.consulent));
  await ok(t.api.step(id, 'zorg', zorgOpAfspraak, actors.zorg));
  await ok(t.api.step(id, 'woonvorm', { woonvorm: 'geschikt_wonen' }, actors.zorg));
  await ok(t.api.step(id, 'buurt', buurt, actors.verhuur));

  const tooExpensive = await t.api.step(
    id,
    'aanbod',
    await aanbod({ kaleHuur: 620, servicekosten: 30 }),
    actors.verhuur,
  );
  expect(tooExpensive.status).toBe(422);
  expect(tooExpensive.body).toMatchObject({ error: 'rule_violation' });
  expect(tooExpensive.body.message).toMatch(
    new RegExp(
      `passendheidstoets@4: .*huur €\u00a0650,00 ligt boven de lage aftoppingsgrens €\u00a0647,19 \\(${ditJaar()}\\)`,
    ),
  );

  const [ws1, ws2, ws3] = ['WS-1', 'WS-2', 'WS-3'].map((r) => `${r}-${id.slice(0, 8)}`);
  await ok(t.api.step(id, 'aanbod', await aanbod({ referentie: ws1 }), actors.verhuur));
  const declined = await ok(
    t.api.step(id, 'reactie', { besluit: 'weigert', reden: 'te ver van familie' }, actors.verhuur),
  );
  expect(declined.fase).toBe('aanbod');
  await ok(t.api.step(id, 'aanbod', await aanbod({ referentie: ws2 }), actors.verhuur));
  await ok(t.api.step(id, 'aanbod_afgekeurd', { reden: 'drempels niet overbrugd bij inspectie' }, actors.verhuur));
  await ok(t.api.step(id, 'aanbod', await aanbod({ referentie: ws3 }), actors.verhuur));
  const accepted = await ok(t.api.step(id, 'reactie', { besluit: 'accepteert' }, actors.verhuur));
  expect(accepted.fase).toBe('toewijzing');

  const detail = await expectReadModelMatchesWorkflow(id);
  expect(detail.state.aanbiedingen.map((a: any) => [a.woning.referentie, a.resultaat, a.reden ?? null])).toEqual([
    [ws1, 'geweigerd', 'te ver van familie'],
    [ws2, 'afgekeurd', 'drempels niet overbrugd bij inspectie'],
    [ws3, 'geaccepteerd', null],
  ]);
  expect(detail.state.aanbiedingen[0].toetsen).toContainEqual(
    expect.objectContaining({
      regel: 'passendheidstoets@4',
      uitkomst: 'voldoet',
      parameters: expect.objectContaining({ jaar: ditJaar(), aftoppingsgrens: 647.19 }),
    }),
  );
});

test('the person withdraws half-way: the case closes as ingetrokken and takes no further steps', async () => {
  const id = (await ok(t.api.start(vvOudere()), 201)).caseId;
  await ok(t.api.step(id, 'vraag', vraag, actors.consulent));
  await ok(t.api.step(id, 'zorg', zorgOpAfspraak, actors.zorg));
  const withdrawn = await ok(
    t.api.step(id, 'intrekking', { reden: 'kiest zelf voor particuliere huur' }, actors.consulent),
  );
  expect(withdrawn).toMatchObject({ status: 'afgesloten', uitkomst: 'ingetrokken' });

  const after = await t.api.step(id, 'woonvorm', { woonvorm: 'geschikt_wonen' }, actors.zorg);
  expect(after.status).toBe(409);
  expect(after.body).toMatchObject({ error: 'case_closed', currentStep: 'afgesloten' });
  const detail = await expectReadModelMatchesWorkflow(id);
  expect(detail.state.uitkomstReden).toBe('kiest zelf voor particuliere huur');
  expect(detail.history).toHaveLength(4);
});

test('specifiek verpleeghuis is verwezen to Wlz intramuraal, not allocated', async () => {
  const id = (await ok(t.api.start(vvOudere()), 201)).caseId;
  await ok(t.api.step(id, 'vraag', vraag, actors.consulent));
  await ok(t.api.step(id, 'zorg', zorg24uur, actors.zorg));
  const asWoonvorm = await t.api.step(id, 'woonvorm', { woonvorm: 'specifiek_verpleeghuis' }, actors.zorg);
  expect(asWoonvorm.status).toBe(422);
  expect(asWoonvorm.body.message).toMatch(/verwijzing/);
  const referred = await ok(t.api.step(id, 'verwijzing', { reden: 'zzp met verblijf: zorgkantoor' }, actors.zorg));
  expect(referred).toMatchObject({ status: 'afgesloten', uitkomst: 'verwezen' });
  await expectReadModelMatchesWorkflow(id);
});
