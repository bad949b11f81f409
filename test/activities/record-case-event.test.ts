import { randomUUID } from 'node:crypto';
import { createActivities } from '../../activities';
import { createDb, type Db } from '../../prisma/client';
import { findCase } from '../../prisma/case-repository';
import { applyStep, startCase, turnOf } from '../../workflows/rules/case-steps';
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
