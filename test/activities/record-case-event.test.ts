import { randomUUID } from 'node:crypto';
import { createActivities } from '../../activities';
import { nonRetryableErrorTypes, permanentDataError } from '../../activities/errors';
import { createDb, type Db } from '../../prisma/client';
import { findCase } from '../../prisma/case-repository';
import { applyStep, startCase, turnOf } from '../../domain/steps';
import { testEnv } from '../support/env';
import { actors } from '../support/api-client';
import { vraag, vvOudere } from '../support/fixtures';

let db: Db;
beforeAll(() => {
  db = createDb(testEnv().DATABASE_URL, 2);
});
afterAll(async () => db?.$disconnect());

function twoSteps() {
  const caseId = randomUUID();
  const first = startCase({ caseId, aanmelding: vvOudere(), actor: actors.consulent }, '2023-05-01T09:00:00.000Z');
  const second = applyStep(
    first.state,
    { step: 'vraag', input: vraag as never, actor: actors.consulent },
    '2023-05-02T09:00:00.000Z',
  );
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
  expect(
    periodes.map((p) => [p.nr, p.fase, p.partij, round(p.werkdagen), p.overNorm, p.endedAt?.toISOString() ?? null]),
  ).toEqual([
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

describe('a step the read model refuses for good', () => {
  // As an old workflow (or a client that skipped validation) could hand it over: a NUL in the state.
  function withNul() {
    const { caseId, first } = twoSteps();
    const bad = applyStep(
      first.state,
      { step: 'verlenging', input: { werkdagen: 5, reden: 'meer\u0000tijd' } as never, actor: actors.consulent },
      '2023-05-02T09:00:00.000Z',
    );
    return { caseId, first, bad };
  }

  test('is not retried: it is flagged for operators, written with the refused characters replaced, and the case moves on', async () => {
    const { recordCaseEvent } = createActivities({ db });
    const { caseId, first, bad } = withNul();
    await recordCaseEvent({ ...first, turn: turnOf(first.state) });
    // Before: PostgreSQL 22P05 on every attempt, retried without end. Now the activity returns, with the plan of the scrubbed write.
    await expect(recordCaseEvent({ ...bad, turn: turnOf(bad.state) })).resolves.toMatchObject({
      fase: 'vraag',
      verlengdWerkdagen: 5,
    });
    expect(await db.leesmodelStoring.findMany({ where: { caseId } })).toEqual([
      expect.objectContaining({ caseId, seq: 2, step: 'verlenging', sqlstate: '22P05' }),
    ]);
    const row = await findCase(db, caseId);
    expect(row?.version).toBe(2);
    expect(row?.events.map((e) => e.step)).toEqual(['aanmelding', 'verlenging']);
    expect(JSON.stringify(row?.state)).toContain('meer\ufffdtijd');
    // A retry (a lost acknowledgement) records nothing twice.
    await recordCaseEvent({ ...bad, turn: turnOf(bad.state) });
    expect(await db.leesmodelStoring.count({ where: { caseId } })).toBe(1);
  });

  test('database errors are told apart: data and constraint errors are permanent, an outage is not', () => {
    expect(permanentDataError(Object.assign(new Error('x'), { code: 'P2010', meta: { code: '22P05' } }))?.code).toBe(
      '22P05',
    );
    expect(permanentDataError(Object.assign(new Error('x'), { cause: { originalCode: '23505' } }))?.code).toBe('23505');
    expect(permanentDataError(Object.assign(new Error('x'), { code: 'P2002' }))?.code).toBe('P2002');
    expect(permanentDataError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBeUndefined();
    expect(permanentDataError(Object.assign(new Error('x'), { code: 'P1001' }))).toBeUndefined();
    expect(permanentDataError(Object.assign(new Error('x'), { meta: { code: '57P01' } }))).toBeUndefined();
    expect(nonRetryableErrorTypes).toContain('PermanentDataError');
  });
});
