/**
 * What one event writes to the doorlooptijd tables, worked out without a database
 * (the activity applies it in the event's transaction; test/workflows/doorlooptijd.test.ts
 * checks the tables end to end).
 */
import { doorlooptijdWrites } from '../../activities/case-event/doorlooptijd-writes';
import { werkdagenTussen } from '../../domain/rules/werkdagen';
import { applyStep, startCase, turnOf } from '../../domain/steps';
import type { DoorlooptijdWrites } from '../../prisma/doorlooptijd-repository';
import { actors } from '../support/api-client';
import { vraag, vvOudere } from '../support/fixtures';

const T0 = '2023-05-01T09:00:00.000Z';
const snap = (r: ReturnType<typeof startCase>) => ({ ...r, turn: turnOf(r.state) });

/** What is open after `w` was written on top of nothing: the period and the turns it opened. */
const openAfter = (w: DoorlooptijdWrites) => ({
  periode: w.nieuwePeriode
    ? {
        caseId: w.caseId,
        nr: w.nieuwePeriode.nr,
        startedAt: w.nieuwePeriode.startedAt,
        normWerkdagen: 10,
        verlengdWerkdagen: null,
      }
    : null,
  beurten: w.nieuweBeurten.map((b) => ({
    caseId: w.caseId,
    nr: b.nr,
    rol: b.rol,
    organisatie: b.organisatie,
    startedAt: b.startedAt,
  })),
});

const start = startCase({ caseId: 'c-dl', aanmelding: vvOudere(), actor: actors.consulent }, T0);
const first = doorlooptijdWrites(snap(start), undefined, { periode: null, beurten: [] });

test('the first event opens a period for the party responsible and a turn for each role the case waits on', () => {
  expect(first.nieuwePeriode).toMatchObject({
    nr: start.event.seq,
    fase: start.state.fase,
    startedAt: new Date(T0),
    wijkteam: 'wijkteam-noord',
  });
  expect(first.nieuweBeurten.map((b) => b.rol).sort()).toEqual(
    turnOf(start.state)
      .wachtOp.map((w) => w.rol)
      .sort(),
  );
  expect(first.sluitPeriode).toBeUndefined();
  expect(first.sluitBeurten).toEqual([]);
});

test('a fase change closes the open period with its werkdagen and every open turn, and opens the next', () => {
  const at = '2023-05-09T09:00:00.000Z';
  const next = applyStep(start.state, { step: 'vraag', input: vraag as never, actor: actors.consulent }, at);
  expect(next.event.faseAfter).not.toBe(next.event.faseBefore);
  const open = openAfter(first);
  const w = doorlooptijdWrites(snap(next), undefined, open);
  const werkdagen = werkdagenTussen(new Date(T0), new Date(at), []);
  expect(werkdagen).toBeGreaterThan(0);
  expect(w.sluitPeriode).toEqual({
    nr: start.event.seq,
    endedAt: new Date(at),
    werkdagen,
    kalenderdagen: 8,
    overNorm: werkdagen > 10,
  });
  expect(w.werkPeriodeBij).toBeUndefined();
  expect(w.nieuwePeriode).toMatchObject({ nr: next.event.seq, fase: next.state.fase, startedAt: new Date(at) });
  expect(w.sluitBeurten.map((b) => b.rol).sort()).toEqual(open.beurten.map((b) => b.rol).sort());
  expect(w.nieuweBeurten.map((b) => [b.rol, b.fase])).toEqual(
    turnOf(next.state).wachtOp.map((t) => [t.rol, next.state.fase]),
  );
});

test('an event that leaves the fase as it was carries the open period on instead of opening another', () => {
  const again = { ...start.event, faseBefore: start.event.faseAfter };
  const w = doorlooptijdWrites({ ...snap(start), event: again }, undefined, openAfter(first));
  expect(w.sluitPeriode).toBeUndefined();
  expect(w.nieuwePeriode).toBeUndefined();
  expect(w.werkPeriodeBij).toMatchObject({
    nr: start.event.seq,
    partijen: { organisatie: first.nieuwePeriode?.organisatie },
  });
  // The case still waits on the same roles: no turn closes, none opens twice.
  expect(w.sluitBeurten).toEqual([]);
  expect(w.nieuweBeurten).toEqual([]);
});

test('a case without opschorting writes none, and carries its parties to every period', () => {
  const w = doorlooptijdWrites(snap(start), undefined, { periode: null, beurten: [] });
  expect(w.opschortingen).toEqual([]);
  expect(w.casePartijen).toEqual({
    zorginstelling: start.state.partijen.zorginstelling?.organisatie ?? null,
    corporatie: start.state.partijen.corporatie?.organisatie ?? null,
  });
});
