/**
 * Nazorg can last months and an aanbod can be refused many times. Temporal
 * warns when a history passes 10,240 events or 10 MB and terminates the
 * workflow at 51,200 events or 50 MB. These tests measure, on the real stack,
 * what a recorded step costs in events and bytes and project how many more
 * steps a case can take before the warning and the limit:
 *
 * - events per step are constant: 6 for a plain step (a workflow task, the
 *   update accepted and completed, and the recordCaseEvent local activity's
 *   marker), more for the steps of an aanbod round (the reservation and
 *   release activities, and the fase timer started over when a step moves
 *   its due moments);
 * - bytes per step are mostly the recordCaseEvent input, which carries the
 *   whole case state (deflated and encrypted by the payload codec). The state
 *   grows with every step (an aanbod ~1.7 KB of JSON, a nazorg entry ~100 B),
 *   so bytes per step grow too, but deflated only by a few bytes per step:
 *   the event count, not the size, is what bounds a case.
 *
 * Validator refusals leave no history at all.
 */
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { workflowIdFor } from '../../prisma/case-repository';
import { getStateQuery, recordStepUpdate } from '../../workflows/messages';
import type { StepRequest } from '../../domain/types';
import { actors } from '../support/api-client';
import {
  buurt,
  kennismaking,
  toewijzingOp,
  vroegAfsluiten,
  overdracht,
  vraag,
  vvOudere,
  woningInDb,
  zorgOpAfspraak,
} from '../support/fixtures';
import { useHarness } from '../support/harness';

const t = useHarness();

/**
 * Events per step of an aanbod round (an aanbod and its refusal), as measured: 7 since the woning is
 * reserved and released by local activities (perf-1: markers, no scheduled/started/completed events).
 */
const AANBOD_ROUND_EVENTS = 7;
const WARN_EVENTS = 10_240;
const WARN_BYTES = 10 * 1024 * 1024;
const LIMIT_EVENTS = 51_200;
const LIMIT_BYTES = 50 * 1024 * 1024;

async function ok(res: Promise<{ status: number; body: any }>) {
  const r = await res;
  if (r.status !== 200 && r.status !== 201)
    throw new Error(`expected success, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body as { caseId: string; seq: number; fase: string };
}

interface Mark {
  label: string;
  /** Steps recorded so far (the aanmelding is step 1). */
  seq: number;
  events: number;
  bytes: number;
  stateBytes: number;
}

async function mark(handle: WorkflowHandle, label: string): Promise<Mark> {
  const [d, view] = await Promise.all([handle.describe(), handle.query(getStateQuery)]);
  return {
    label,
    seq: view.state.version,
    events: d.historyLength,
    bytes: d.historySize ?? 0,
    stateBytes: Buffer.byteLength(JSON.stringify(view.state)),
  };
}

const perStep = (a: Mark, b: Mark) => ({
  events: (b.events - a.events) / (b.seq - a.seq),
  bytes: Math.round((b.bytes - a.bytes) / (b.seq - a.seq)),
});

/**
 * More steps like those from `first` to `last` until a budget is used. Events per step are
 * constant. Bytes per step grow (every step carries the growing state): the growth is the change
 * in bytes per step between the two halves of the run, and sum(k=0..K-1) (s + g·k) = R is solved
 * for K, with s the next step's bytes.
 */
function project(first: Mark, mid: Mark, last: Mark, maxEvents: number, maxBytes: number) {
  const [early, late] = [perStep(first, mid), perStep(mid, last)];
  const n = last.seq - first.seq;
  const g = Math.max(0, (late.bytes - early.bytes) / (n / 2));
  const s = late.bytes + (g * n) / 4;
  const r = maxBytes - last.bytes;
  const byBytes = g > 0 ? (-(s - g / 2) + Math.sqrt((s - g / 2) ** 2 + 2 * g * r)) / g : r / s;
  const byEvents = (maxEvents - last.events) / late.events;
  return {
    steps: Math.floor(Math.min(byBytes, byEvents)),
    byEvents: Math.floor(byEvents),
    byBytes: Math.floor(byBytes),
    bytesGrowthPerStep: +g.toFixed(1),
  };
}

/** Bytes per event type, largest first: where a history's size goes. */
async function bytesByEventType(handle: WorkflowHandle) {
  const history = await handle.fetchHistory();
  const sizes = new Map<string, number>();
  for (const e of history.events ?? []) {
    const type = temporal.api.enums.v1.EventType[e.eventType ?? 0] ?? String(e.eventType);
    sizes.set(type, (sizes.get(type) ?? 0) + temporal.api.history.v1.HistoryEvent.encode(e).finish().length);
  }
  return {
    total: temporal.api.history.v1.History.encode(history).finish().length,
    events: history.events?.length ?? 0,
    byType: Object.fromEntries(
      [...sizes]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 4)
        .map(([k, v]) => [k.replace('EVENT_TYPE_', ''), v]),
    ),
  };
}

const report = (title: string, figures: unknown) =>
  process.stdout.write(`${title}: ${JSON.stringify(figures, null, 2)}\n`);

async function startToAanbod() {
  const { caseId } = await ok(t.api.start(vvOudere()));
  await ok(t.api.step(caseId, 'vraag', vraag, actors.consulent));
  await ok(t.api.step(caseId, 'zorg', zorgOpAfspraak, actors.zorg));
  await ok(t.api.step(caseId, 'woonvorm', { woonvorm: 'geschikt_wonen' }, actors.zorg));
  await ok(t.api.step(caseId, 'buurt', buurt, actors.verhuur));
  return { caseId, handle: t.h.client.workflow.getHandle(workflowIdFor(caseId)) };
}

/** Accepts the open aanbod and records toewijzing and warme overdracht: the case is in nazorg. */
async function acceptToNazorg(caseId: string) {
  await ok(t.api.step(caseId, 'reactie', { besluit: 'accepteert' }, actors.verhuur));
  await ok(t.api.step(caseId, 'toewijzing', toewijzingOp('rechtstreeks'), actors.verhuur));
  await ok(t.api.step(caseId, 'overdracht', overdracht, actors.zorg));
  await ok(t.api.step(caseId, 'overdracht_bevestiging', {}, actors.zorg));
  await ok(t.api.step(caseId, 'kennismakingsgesprek', kennismaking(), actors.verhuur));
  expect((await ok(t.api.step(caseId, 'overdracht_bevestiging', {}, actors.verhuur))).fase).toBe('nazorg');
}

async function nazorgFollowUps(caseId: string, n: number) {
  for (let i = 1; i <= n; i++) {
    const actor = i % 2 ? actors.zorg : actors.consulent;
    await ok(
      t.api.step(
        caseId,
        'nazorg',
        { uitkomst: 'ondersteuning_bijgesteld', toelichting: `maand ${i}: begeleiding bijgesteld na evaluatie` },
        actor,
      ),
    );
  }
}

test('a usual case: five years of monthly nazorg, 6 events and ~2 KB per step', async () => {
  const NAZORG = 60;
  const { caseId, handle } = await startToAanbod();
  await ok(t.api.step(caseId, 'aanbod', (await woningInDb(t.h.db)).body, actors.verhuur));
  await acceptToNazorg(caseId);
  const atNazorg = await mark(handle, 'at nazorg');
  await nazorgFollowUps(caseId, NAZORG / 2);
  const mid = await mark(handle, `after ${NAZORG / 2} nazorg`);
  await nazorgFollowUps(caseId, NAZORG / 2);
  const after = await mark(handle, `after ${NAZORG} nazorg`);
  const cost = perStep(atNazorg, after);
  const figures = {
    marks: [atNazorg, mid, after],
    perNazorgStep: cost,
    moreNazorgStepsToWarning: project(atNazorg, mid, after, WARN_EVENTS, WARN_BYTES),
    moreNazorgStepsToLimit: project(atNazorg, mid, after, LIMIT_EVENTS, LIMIT_BYTES),
    history: await bytesByEventType(handle),
  };
  report('usual case', figures);

  expect(cost.events).toBe(6);
  expect(cost.bytes).toBeLessThan(4_000);
  expect(after.bytes).toBeLessThan(WARN_BYTES / 20);
  // Five years of monthly nazorg use less than a tenth of the budget; the warning is many decades away.
  expect(figures.moreNazorgStepsToWarning.steps).toBeGreaterThan(10 * NAZORG);
  expect(figures.moreNazorgStepsToLimit.steps).toBeGreaterThan(40 * NAZORG);
  await ok(t.api.step(caseId, 'nazorg_afsluiting', vroegAfsluiten, actors.consulent));
}, 120_000);

test('30 refused aanbiedingen, 200 refused requests and 60 nazorg follow-ups stay far below the warnings', async () => {
  const ROUNDS = 30;
  const NAZORG = 60;
  const REFUSED = 200;
  const { caseId, handle } = await startToAanbod();
  const atAanbod = await mark(handle, 'at aanbod');

  for (let i = 1; i <= ROUNDS; i++) {
    await ok(t.api.step(caseId, 'aanbod', (await woningInDb(t.h.db)).body, actors.verhuur));
    if (i % 3 === 0)
      await ok(t.api.step(caseId, 'aanbod_afgekeurd', { reden: `ronde ${i}: gebrek bij inspectie` }, actors.verhuur));
    else
      await ok(
        t.api.step(
          caseId,
          'reactie',
          { besluit: 'weigert', reden: `ronde ${i}: past niet bij de wens` },
          actors.verhuur,
        ),
      );
  }
  const afterRounds = await mark(handle, `after ${ROUNDS} refused aanbod rounds`);

  // Refused requests leave no trace: the update validator rejects them before anything is written.
  // With an aanbod open, each kind of refusal is possible. Half go straight to Temporal (so they
  // surely reach the validator), half through the API.
  await ok(t.api.step(caseId, 'aanbod', (await woningInDb(t.h.db)).body, actors.verhuur));
  const beforeRefusals = await mark(handle, 'aanbod open, before refusals');
  const spare = await woningInDb(t.h.db);
  const direct: StepRequest[] = [
    { step: 'aanbod', input: { woning: spare.woning, aanbodDatum: '2023-06-01' }, actor: actors.verhuur }, // an aanbod is open
    { step: 'reactie', input: { besluit: 'weigert' }, actor: actors.verhuur }, // no reden: invalid input
    { step: 'vraag', input: vraag, actor: actors.consulent } as StepRequest, // out of turn
    { step: 'reactie', input: { besluit: 'accepteert' }, actor: actors.consulent }, // not this role
    {
      step: 'reactie',
      input: { besluit: 'accepteert' },
      actor: { ...actors.verhuur, organisatie: 'andere-corporatie' },
    }, // not this corporatie
  ];
  const viaApi: Array<[string, () => Promise<{ status: number }>]> = [
    ['aanbod', () => t.api.step(caseId, 'aanbod', spare.body, actors.verhuur)],
    ['reactie', () => t.api.step(caseId, 'reactie', { besluit: 'weigert' }, actors.verhuur)],
    ['nazorg', () => t.api.step(caseId, 'nazorg', { uitkomst: 'stabiel' }, actors.consulent)],
    ['toewijzing', () => t.api.step(caseId, 'toewijzing', toewijzingOp('rechtstreeks'), actors.verhuur)],
  ];
  // One after another: many concurrent refused updates on one workflow are slow (each waits on
  // a speculative workflow task the server has discarded), which is not what is measured here.
  const refusals = new Map<string, number>();
  for (let n = 0; n < REFUSED; n++) {
    let outcome: string;
    if (n % 2 === 0) {
      const req = direct[(n / 2) % direct.length]!;
      const err = await handle.executeUpdate(recordStepUpdate, { args: [req] }).then(
        () => undefined,
        (e: unknown) => e,
      );
      outcome = `${req.step}: ${err instanceof WorkflowUpdateFailedError ? (err.cause as { type?: string } | undefined)?.type : `not refused (${String(err)})`}`;
    } else {
      const [step, send] = viaApi[((n - 1) / 2) % viaApi.length]!;
      outcome = `${step} via API: ${(await send()).status}`;
    }
    refusals.set(outcome, (refusals.get(outcome) ?? 0) + 1);
  }
  expect(Object.fromEntries(refusals)).toEqual({
    'aanbod: StepRuleViolation': 20,
    'reactie: InvalidStepInput': 20,
    'vraag: StepOutOfTurn': 20,
    'reactie: StepForbidden': 40,
    'aanbod via API: 422': 25,
    'reactie via API: 400': 25,
    'nazorg via API: 409': 25,
    'toewijzing via API: 409': 25,
  });
  const afterRefusals = await mark(handle, `after ${REFUSED} refused requests`);
  expect({ ...afterRefusals, label: '' }).toEqual({ ...beforeRefusals, label: '' });

  await acceptToNazorg(caseId);
  const atNazorg = await mark(handle, 'at nazorg');
  await nazorgFollowUps(caseId, NAZORG / 2);
  const mid = await mark(handle, `after ${NAZORG / 2} nazorg`);
  await nazorgFollowUps(caseId, NAZORG / 2);
  const beforeClose = await mark(handle, `after ${NAZORG} nazorg`);
  await ok(t.api.step(caseId, 'nazorg_afsluiting', vroegAfsluiten, actors.consulent));
  await expect(handle.result()).resolves.toMatchObject({ uitkomst: 'gehuisvest' });
  const closed = await mark(handle, 'closed');

  const aanbodStep = perStep(atAanbod, afterRounds);
  const nazorgStep = perStep(atNazorg, beforeClose);
  const history = await bytesByEventType(handle);
  const figures = {
    marks: [atAanbod, afterRounds, beforeRefusals, afterRefusals, atNazorg, mid, beforeClose, closed],
    refusals: Object.fromEntries(refusals),
    perStep: {
      overall: { events: +(closed.events / closed.seq).toFixed(1), bytes: Math.round(closed.bytes / closed.seq) },
      inAanbodRounds: aanbodStep,
      nazorg: nazorgStep,
      stateJsonGrowthPerAanbodRound: Math.round((afterRounds.stateBytes - atAanbod.stateBytes) / ROUNDS),
    },
    projection: {
      moreNazorgStepsToWarning: project(atNazorg, mid, beforeClose, WARN_EVENTS, WARN_BYTES),
      moreNazorgStepsToLimit: project(atNazorg, mid, beforeClose, LIMIT_EVENTS, LIMIT_BYTES),
    },
    history,
  };
  report('refusal-heavy case', figures);

  expect(history).toMatchObject({ total: closed.bytes, events: closed.events }); // the server's figures are the history's
  // Far below both warnings ...
  expect(closed.events).toBeLessThan(WARN_EVENTS / 5);
  expect(closed.bytes).toBeLessThan(WARN_BYTES / 5);
  // ... with a constant number of events per step and a few KB per step ...
  expect(nazorgStep.events).toBe(6);
  expect(aanbodStep.events).toBe(AANBOD_ROUND_EVENTS);
  expect(nazorgStep.bytes).toBeLessThan(4_000);
  // ... so hundreds more steps fit before the warning.
  expect(figures.projection.moreNazorgStepsToWarning.steps).toBeGreaterThan(5 * NAZORG);
  expect(figures.projection.moreNazorgStepsToLimit.steps).toBeGreaterThan(20 * NAZORG);
}, 300_000);
