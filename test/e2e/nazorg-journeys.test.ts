import { getStateQuery } from '../../workflows/messages';
import { workflowIdFor } from '../../prisma/case-repository';
import { plusMaanden } from '../../domain/rules/nazorg';
import { actors, ok } from '../support/api-client';
import {
  buurt,
  kennismaking,
  overdracht,
  toewijzingOp,
  uitstroomBw,
  vraag,
  vraagMetZrm,
  vvOudere,
  woningInDb,
  zorg24uur,
  zorgOpAfspraak,
} from '../support/fixtures';
import { useHarness } from '../support/harness';

/**
 * Nazorg through the API on real Temporal and PostgreSQL (issue 14 items 9 and 10):
 * onderverhuur door zorg with its omklap (001:248, 004:1646-1651), and Housing First
 * support scaled up and down without moving, closed after the follow-up or earlier
 * with a reason (003:66-69, 002:1232-1233).
 */
const t = useHarness();

async function sameAsWorkflow(caseId: string) {
  const view = await t.h.client.workflow.getHandle(workflowIdFor(caseId)).query(getStateQuery);
  const detail = await ok(t.api.get(caseId));
  expect(detail.state).toEqual(JSON.parse(JSON.stringify(view.state)));
  expect(detail.history.map((e: any) => e.seq)).toEqual(Array.from({ length: view.state.version }, (_, i) => i + 1));
  return detail;
}

async function toNazorg(id: string) {
  await ok(t.api.step(id, 'overdracht', overdracht, actors.zorg));
  await ok(t.api.step(id, 'overdracht_bevestiging', {}, actors.zorg));
  await ok(t.api.step(id, 'kennismakingsgesprek', kennismaking(), actors.verhuur));
  expect((await ok(t.api.step(id, 'overdracht_bevestiging', {}, actors.verhuur))).fase).toBe('nazorg');
}

test('onderverhuur door zorg: the omklap has its own date and reminder, is extended with a reason, then goes over to the resident', async () => {
  // Both sides named at aanmelding: an open side would first have to be accepted (routing, issue 13).
  const aanmelding = {
    ...uitstroomBw(),
    zorginstelling: actors.zorg.organisatie,
    corporatie: actors.verhuur.organisatie,
  };
  const id = (await ok(t.api.start(aanmelding), 201)).caseId;
  await ok(t.api.step(id, 'vraag', vraagMetZrm, actors.consulent));
  await ok(t.api.step(id, 'zorg', zorg24uur, actors.zorg));
  await ok(t.api.step(id, 'woonvorm', { woonvorm: 'beschermd_wonen' }, actors.zorg));
  await ok(t.api.step(id, 'buurt', buurt, actors.verhuur));
  const { body: aanbod, woning } = await woningInDb(t.h.db, { woonvorm: 'beschermd_wonen' });
  await ok(t.api.step(id, 'aanbod', aanbod, actors.verhuur));
  await ok(t.api.step(id, 'reactie', { besluit: 'accepteert' }, actors.verhuur));

  const { omklapdatum, ...zonderOmklap } = toewijzingOp('onderverhuur_door_zorg') as Record<string, string>;
  // Without the omklap moment: 422 naming the field; with a follow-up of its own choosing: 400.
  const zonder = await t.api.step(id, 'toewijzing', zonderOmklap, actors.zorg);
  expect(zonder.status).toBe(422);
  expect(zonder.body.message).toMatch(/^omklapdatum: bij onderverhuur door de zorgorganisatie/);
  const eigen = await t.api.step(
    id,
    'toewijzing',
    { ...zonderOmklap, omklapdatum, nazorgAfspraak: { vervolgMaanden: [1], omklapHerinneringDagen: 0 } },
    actors.zorg,
  );
  expect(eigen.status).toBe(400);
  expect(JSON.stringify(eigen.body.fields)).toContain('nazorgAfspraak');
  await ok(t.api.step(id, 'toewijzing', { ...zonderOmklap, omklapdatum }, actors.zorg));

  let detail = await sameAsWorkflow(id);
  // The configured follow-up (3 and 6 months by default) counts from the contract's ingangsdatum.
  expect(detail.state.nazorgPlan).toEqual({
    regel: 'nazorg@1',
    vanaf: zonderOmklap.ingangsdatum,
    momenten: [
      { nr: 1, maanden: 3, op: plusMaanden(zonderOmklap.ingangsdatum!, 3) },
      { nr: 2, maanden: 6, op: plusMaanden(zonderOmklap.ingangsdatum!, 6) },
    ],
    omklap: { op: omklapdatum, nr: 1, herinneringDagen: 30, verlengingen: [] },
  });
  expect(detail.history.at(-1).summary).toMatchObject({ contractvorm: 'onderverhuur_door_zorg', omklapdatum });
  // Not before nazorg: the omklap is about life after the move.
  expect((await t.api.step(id, 'omklap', { besluit: 'omgeklapt', datum: omklapdatum }, actors.zorg)).status).toBe(409);
  await toNazorg(id);

  const verlengd = plusMaanden(omklapdatum!, 6);
  const zonderReden = await t.api.step(id, 'omklap', { besluit: 'verlengd', datum: verlengd }, actors.verhuur);
  expect(zonderReden.status).toBe(400);
  expect(zonderReden.body.fields).toEqual([{ field: 'reden', problem: 'een verlenging vraagt een reden' }]);
  expect((await t.api.step(id, 'omklap', { besluit: 'omgeklapt', datum: omklapdatum }, actors.consulent)).status).toBe(
    403,
  );
  await ok(
    t.api.step(
      id,
      'omklap',
      { besluit: 'verlengd', datum: verlengd, reden: 'bewoner wil eerst schulden regelen' },
      actors.verhuur,
    ),
  );

  // Closing early needs a reason: the follow-up is not reached and the contract is not the resident's yet.
  const vroeg = await t.api.step(id, 'nazorg_afsluiting', {}, actors.consulent);
  expect(vroeg.status).toBe(422);
  expect(vroeg.body.message).toMatch(
    /nog niet bereikt en het contract is nog niet omgeklapt naar de bewoner \(afgesproken op/,
  );

  await ok(t.api.step(id, 'omklap', { besluit: 'omgeklapt', datum: verlengd }, actors.zorg));
  expect((await t.api.step(id, 'omklap', { besluit: 'omgeklapt', datum: verlengd }, actors.zorg)).status).toBe(422);
  const closed = await ok(
    t.api.step(
      id,
      'nazorg_afsluiting',
      { reden: 'stabiel en huurder; vervolg in overleg eerder afgerond' },
      actors.zorg,
    ),
  );
  expect(closed).toMatchObject({ status: 'afgesloten', uitkomst: 'gehuisvest' });

  detail = await sameAsWorkflow(id);
  expect(detail.state.nazorgPlan.omklap).toMatchObject({
    op: verlengd,
    nr: 2,
    omgeklaptOp: verlengd,
    verlengingen: [{ van: omklapdatum, naar: verlengd, reden: 'bewoner wil eerst schulden regelen' }],
  });
  expect(detail.history.slice(-4).map((e: any) => [e.step, e.actor.rol])).toEqual([
    ['overdracht_bevestiging', 'verhuurmedewerker'],
    ['omklap', 'verhuurmedewerker'],
    ['omklap', 'zorgmedewerker'],
    ['nazorg_afsluiting', 'zorgmedewerker'],
  ]);
  // The woning was let once, at the toewijzing, and stays let.
  expect(await t.h.db.woning.findUnique({ where: { id: woning.id } })).toMatchObject({ status: 'verhuurd' });
});

test('Housing First: support scaled up and down in the same home, stabiel keeps the case open, closed later with a reason', async () => {
  const id = (await ok(t.api.start(vvOudere()), 201)).caseId;
  await ok(t.api.step(id, 'vraag', vraag, actors.consulent));
  await ok(t.api.step(id, 'zorg', zorgOpAfspraak, actors.zorg));
  await ok(t.api.step(id, 'woonvorm', { woonvorm: 'geschikt_wonen' }, actors.zorg));
  await ok(t.api.step(id, 'buurt', buurt, actors.verhuur));
  const { body: aanbod, woning } = await woningInDb(t.h.db);
  await ok(t.api.step(id, 'aanbod', aanbod, actors.verhuur));
  await ok(t.api.step(id, 'reactie', { besluit: 'accepteert' }, actors.verhuur));
  // Rechtstreeks: no omklap to agree.
  const metOmklap = await t.api.step(
    id,
    'toewijzing',
    { ...toewijzingOp('rechtstreeks'), omklapdatum: '2030-01-01' },
    actors.verhuur,
  );
  expect(metOmklap.status).toBe(422);
  expect(metOmklap.body.message).toBe('omklapdatum: alleen bij onderverhuur door de zorgorganisatie');
  await ok(t.api.step(id, 'toewijzing', toewijzingOp('rechtstreeks'), actors.verhuur));
  await toNazorg(id);

  const op = await ok(
    t.api.step(id, 'ondersteuning', { richting: 'opschalen', reden: 'terugval, meer begeleiding' }, actors.zorg),
  );
  expect(op).toMatchObject({ step: 'ondersteuning', fase: 'nazorg', status: 'lopend' });
  expect((await t.api.step(id, 'ondersteuning', { richting: 'opschalen', reden: 'x' }, actors.verhuur)).status).toBe(
    403,
  );
  const fout = await t.api.step(id, 'ondersteuning', { richting: 'omhoog', reden: 'x' }, actors.zorg);
  expect(fout.status).toBe(400);
  expect(fout.body.fields[0].field).toBe('richting');
  expect(
    (await t.api.step(id, 'omklap', { besluit: 'omgeklapt', datum: '2030-01-01' }, actors.zorg)).body.message,
  ).toMatch(/geen omklap afgesproken/);
  await ok(t.api.step(id, 'nazorg', { uitkomst: 'stabiel', toelichting: 'gaat goed' }, actors.consulent));
  await ok(
    t.api.step(id, 'ondersteuning', { richting: 'afschalen', reden: 'zelfstandiger, minder uren' }, actors.consulent),
  );

  let detail = await sameAsWorkflow(id);
  expect(detail).toMatchObject({ status: 'lopend', fase: 'nazorg' });
  expect(detail.state.ondersteuning).toEqual([
    expect.objectContaining({ richting: 'opschalen', rol: 'zorgmedewerker' }),
    expect.objectContaining({ richting: 'afschalen', rol: 'consulent' }),
  ]);
  expect(detail.mogelijkeStappen.map((s: any) => s.step)).toEqual(
    expect.arrayContaining(['nazorg', 'ondersteuning', 'nazorg_afsluiting']),
  );
  // The person did not move: one woning, let once.
  expect(detail.state.aanbiedingen).toHaveLength(1);
  expect(await t.h.db.woning.findUnique({ where: { id: woning.id } })).toMatchObject({ status: 'verhuurd' });
  expect(await t.h.db.plaatsing.count({ where: { caseId: id } })).toBe(1);

  const vroeg = await t.api.step(id, 'nazorg_afsluiting', {}, actors.consulent);
  expect(vroeg.status).toBe(422);
  expect(vroeg.body.message).toMatch(
    /^reden: eerder afsluiten vraagt een reden, want het afgesproken vervolg \(3 maanden/,
  );
  const closed = await ok(
    t.api.step(id, 'nazorg_afsluiting', { reden: 'verhuist naar familie buiten de gemeente' }, actors.consulent),
  );
  expect(closed).toMatchObject({ status: 'afgesloten', uitkomst: 'gehuisvest' });
  detail = await sameAsWorkflow(id);
  expect(detail.state.uitkomstReden).toBe('verhuist naar familie buiten de gemeente');
  expect(detail.history.map((e: any) => e.step).slice(-5)).toEqual([
    'overdracht_bevestiging',
    'ondersteuning',
    'nazorg',
    'ondersteuning',
    'nazorg_afsluiting',
  ]);
});
