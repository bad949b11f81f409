import { randomUUID } from 'node:crypto';
import { createActivities } from '../../activities';
import { createDb, type Db } from '../../prisma/client';
import { findCase } from '../../prisma/case-repository';
import { applyStep, startCase, turnOf } from '../../domain/steps';
import { testEnv } from '../support/env';
import { actors, } from '../support/api-client';
import { vraag, vvOudere } from '../support/fixtures';

let db: Db;
beforeAll(() => {
  db = createDb(testEnv().DATABASE_URL, 2);
});
afterAll(async () => db?.$disconnect());

function twoSteps() {
  const caseId = randomUUID();
  const first = startCase({ caseId, aanmelding: vvOudere(), actor: actors.consulent }, '2023-05-01T09:00:00.000Z');
  const second = applyStep(first.state, { step: 'vraag', input: vraag as never, actor: actors.consulent }, '2023-05-02T09:00:00.000Z');
  return { caseId, first, second };
}

test('a retried recordCaseEvent writes the step once', async () => {
  const { recordCaseEvent } = createActivities({ db });
  const { caseId, first } = twoSteps();
  const snapshot = { ...first, turn: turnOf(first.state) };
  await recordCaseEvent(snapshot);
  await recordCaseEvent(snapshot);
  await Promise.all([recordCaseEvent(snapshot), recordCaseEvent(snapshot)]);
  const row = await findCase(db, caseId);
  expect(row?.events).toHaveLength(1);
  expect(row?.version).toBe(1);
});

test('a late retry of an older step never rolls the case back', async () => {
  const { recordCaseEvent } = createActivities({ db });
  const { caseId, first, second } = twoSteps();
  await recordCaseEvent({ ...first, turn: turnOf(first.state) });
  await recordCaseEvent({ ...second, turn: turnOf(second.state) });
  await recordCaseEvent({ ...first, turn: turnOf(first.state) });
  const row = await findCase(db, caseId);
  expect(row).toMatchObject({ version: 2, fase: 'zorg', aanZetRol: 'zorgmedewerker' });
  expect(row?.events.map((e) => e.step)).toEqual(['aanmelding', 'vraag']);
});

test('doorlooptijd is counted once: a retried or late write adds no period or turn twice', async () => {
  const { recordCaseEvent } = createActivities({ db });
  const { caseId, first, second } = twoSteps();
  const a = { ...first, turn: turnOf(first.state) };
  const b = { ...second, turn: turnOf(second.state) };
  await recordCaseEvent(a);
  await Promise.all([recordCaseEvent(b), recordCaseEvent(b)]);
  await recordCaseEvent(a);
  const periodes = await db.fasePeriode.findMany({ where: { caseId }, orderBy: { nr: 'asc' } });
  // Monday 1 May 2023 11:00 to Tuesday 11:00 (Amsterdam): one werkdag, the default norm of 10 not passed.
  expect(periodes.map((p) => [p.nr, p.fase, p.partij, round(p.werkdagen), p.overNorm, p.endedAt?.toISOString() ?? null])).toEqual([
    [1, 'vraag', 'wijkteam', 1, false, '2023-05-02T09:00:00.000Z'],
    [2, 'zorg', 'zorginstelling', null, null, null],
  ]);
  const beurten = await db.wachtbeurt.findMany({ where: { caseId }, orderBy: { nr: 'asc' } });
  expect(beurten.map((w) => [w.nr, w.rol, w.organisatie, round(w.werkdagen)])).toEqual([
    [1, 'consulent', actors.consulent.organisatie, 1],
    [2, 'zorgmedewerker', first.state.aanmelding.zorginstelling ?? null, null],
  ]);
});

function round(n: number | null) {
  return n === null ? null : Math.round(n * 1e6) / 1e6;
}
