import { randomUUID } from 'node:crypto';
import { createActivities } from '../../activities';
import { createDb, type Db } from '../../prisma/client';
import { findCase } from '../../prisma/case-repository';
import { pseudonymise, VERWIJDERD } from '../../prisma/retention-repository';
import { applyStep, startCase, turnOf } from '../../domain/steps';
import type { Actor, CaseState, StepName } from '../../domain/types';
import { actors } from '../support/api-client';
import { testEnv } from '../support/env';
import { aanbodInput, buurt, overdracht, vraagMetZrm, vvOudere, zorgOpAfspraak } from '../support/fixtures';

let db: Db;
beforeAll(() => {
  db = createDb(testEnv().DATABASE_URL, 2);
});
afterAll(async () => db?.$disconnect());

/** A case walked to its end by the pure rules and written to the read model as the workflow would. */
async function closedCase(closedAt: string, close = true) {
  const { recordCaseEvent } = createActivities({ db });
  let { state, event } = startCase(
    { caseId: randomUUID(), aanmelding: vvOudere(), actor: actors.consulent },
    '2023-01-01T09:00:00.000Z',
  );
  await recordCaseEvent({ event, state, turn: turnOf(state) });
  const steps: Array<[StepName, unknown, Actor]> = [
    ['vraag', vraagMetZrm, actors.consulent],
    ['zorg', zorgOpAfspraak, actors.zorg],
    ['woonvorm', { woonvorm: 'geschikt_wonen', toelichting: 'wil dicht bij dochter wonen' }, actors.zorg],
    ['buurt', buurt, actors.verhuur],
    ['aanbod', aanbodInput(), actors.verhuur],
    ['reactie', { besluit: 'weigert', reden: 'te ver van dochter in Zuid' }, actors.verhuur],
    ['aanbod', aanbodInput(), actors.verhuur],
    ['reactie', { besluit: 'accepteert' }, actors.verhuur],
    ['toewijzing', { contractvorm: 'rechtstreeks', ingangsdatum: '2023-03-01' }, actors.verhuur],
    ['overdracht', overdracht, actors.zorg],
    ...(close
      ? ([['intrekking', { reden: 'verhuist naar zorgboerderij van neef' }, actors.consulent]] as Array<
          [StepName, unknown, Actor]
        >)
      : []),
  ];
  for (const [step, input, actor] of steps) {
    ({ state, event } = applyStep(state, { step, input: input as never, actor }, closedAt));
    await recordCaseEvent({ event, state, turn: turnOf(state) });
  }
  return state;
}

test('pseudonymise removes the person, care details and free text, and keeps what reports need', () => {
  const state = startCase(
    {
      caseId: 'c',
      aanmelding: { ...vvOudere(), persoon: { ...vvOudere().persoon, inkomen: 21_000 } },
      actor: actors.consulent,
    },
    '2023-01-01T00:00:00Z',
  ).state;
  const out = pseudonymise({
    ...state,
    uitkomstReden: 'persoonlijke reden',
    nazorg: [{ uitkomst: 'stabiel', toelichting: 'gaat goed met mevrouw' }],
    ondersteuning: [
      { richting: 'opschalen', reden: 'terugval na opname', rol: 'zorgmedewerker', at: '2023-02-01T00:00:00Z' },
    ],
    nazorgPlan: {
      regel: 'nazorg@1',
      vanaf: '2023-01-10',
      momenten: [{ nr: 1, maanden: 3, op: '2023-04-10' }],
      omklap: {
        op: '2023-12-10',
        nr: 2,
        herinneringDagen: 30,
        verlengingen: [{ van: '2023-06-10', naar: '2023-12-10', reden: 'schulden eerst', at: '2023-05-01T00:00:00Z' }],
      },
    },
    opschortingen: [
      {
        nr: 2,
        van: '2023-01-02T00:00:00Z',
        tot: '2023-01-03T00:00:00Z',
        reden: 'opname_of_behandeling',
        toelichting: 'opgenomen in het ziekenhuis',
      },
    ],
    termijn: {
      fase: 'vraag',
      sinds: '2023-01-01T00:00:00Z',
      nr: 1,
      verlenging: { werkdagen: 5, reden: 'wacht op de huisarts', rol: 'consulent', at: '2023-01-04T00:00:00Z' },
    },
  } as CaseState);
  expect(out.aanmelding.persoon).toEqual({
    referentie: VERWIJDERD,
    huishoudgrootte: 1,
    inkomensgroep: 'passendheidsgroep',
    huidigeSituatie: 'thuis',
  });
  expect(out.uitkomstReden).toBe(VERWIJDERD);
  expect(out.nazorg).toEqual([{ uitkomst: 'stabiel' }]);
  expect(out.ondersteuning).toEqual([
    { richting: 'opschalen', reden: VERWIJDERD, rol: 'zorgmedewerker', at: '2023-02-01T00:00:00Z' },
  ]);
  expect(out.nazorgPlan?.omklap?.verlengingen).toEqual([
    { van: '2023-06-10', naar: '2023-12-10', reden: VERWIJDERD, at: '2023-05-01T00:00:00Z' },
  ]);
  expect(out.opschortingen).toEqual([
    { nr: 2, van: '2023-01-02T00:00:00Z', tot: '2023-01-03T00:00:00Z', reden: 'opname_of_behandeling' },
  ]);
  expect(out.termijn?.verlenging).toEqual({
    werkdagen: 5,
    reden: VERWIJDERD,
    rol: 'consulent',
    at: '2023-01-04T00:00:00Z',
  });
  for (const text of ['ziekenhuis', 'huisarts', 'mevrouw']) expect(JSON.stringify(out)).not.toContain(text);
  expect(out).toMatchObject({
    caseId: 'c',
    fase: 'vraag',
    aanmelding: { doelgroep: 'vv', deelgroep: 'verstoorde_zelfregulering', gemeente: 'GM0363' },
  });
  expect(pseudonymise(out)).toEqual(out);
});

test('the retention sweep pseudonymises closed cases past the period, once, and leaves the rest alone', async () => {
  const old = await closedCase('2023-02-01T09:00:00.000Z');
  const recent = await closedCase(new Date().toISOString());
  const open = await closedCase('2023-02-01T09:00:00.000Z', false);
  const { pseudonymiseClosedCases } = createActivities({ db });

  // A 10-year period leaves every test case alone; then 365 days reaches the old one only.
  await pseudonymiseClosedCases({ retentionDays: 3650, batch: 100 });
  expect((await findCase(db, old.caseId))?.pseudonymisedAt).toBeNull();
  while ((await pseudonymiseClosedCases({ retentionDays: 365, batch: 100 })) > 0);

  const row = (await findCase(db, old.caseId))!;
  expect(row.pseudonymisedAt).not.toBeNull();
  const text = JSON.stringify(row.state);
  for (const gone of [old.aanmelding.persoon.referentie, 'dochter', 'neef', 'M. de Vries', 'financien'])
    expect(text).not.toContain(gone);
  expect(row).toMatchObject({
    status: 'afgesloten',
    uitkomst: 'ingetrokken',
    doelgroep: 'vv',
    gemeente: 'GM0363',
    version: 12,
  });
  expect(row.events).toHaveLength(12);
  expect((await findCase(db, recent.caseId))?.pseudonymisedAt).toBeNull();
  expect(JSON.stringify((await findCase(db, open.caseId))?.state)).toContain(open.aanmelding.persoon.referentie);
});
