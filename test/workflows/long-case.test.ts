/**
 * Nazorg can last months and an aanbod can be refused many times: one case
 * with many steps must stay far below Temporal's history limits (the server
 * warns at 10,240 events or 10 MB, and terminates at 51,200 events or 50 MB).
 * Measures events and bytes per recorded step on the real stack and projects
 * how many steps a case could take before the warning.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { workflowIdFor } from '../../prisma/case-repository';
import { getStateQuery, recordStepUpdate } from '../../workflows/messages';
import type { StepRequest } from '../../workflows/types';
import { actors } from '../support/api-client';
import { buurt, overdracht, vraag, vvOudere, woningInDb, zorgOpAfspraak } from '../support/fixtures';
import { useHarness } from '../support/harness';

const t = useHarness();

const ROUNDS = 30; // aanbod refused (geweigerd or afgekeurd) 30 times
const NAZORG = 60; // five years of monthly nazorg follow-ups
const REFUSED = 200;
const WARN_EVENTS = 10_240;
const WARN_BYTES = 10 * 1024 * 1024;

async function ok(res: Promise<{ status: number; body: any }>) {
  const r = await res;
  if (r.status !== 200 && r.status !== 201) throw new Error(`expected success, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body as { caseId: string; seq: number; fase: string };
}

interface Mark {
  label: string;
  seq: number;
  events: number;
  bytes: number;
  stateBytes: number;
}

test(`one case with ${ROUNDS} refused aanbiedingen and ${NAZORG} nazorg follow-ups stays far below the history warnings`, async () => {
  const { caseId } = await ok(t.api.start(vvOudere()));
  const handle = t.h.client.workflow.getHandle(workflowIdFor(caseId));
  const marks: Mark[] = [];
  const mark = async (label: string): Promise<Mark> => {
    const [d, view] = await Promise.all([handle.describe(), handle.query(getStateQuery)]);
    const m = {
      label,
      seq: view.state.version,
      events: d.historyLength,
      bytes: d.historySize ?? 0,
      stateBytes: Buffer.byteLength(JSON.stringify(view.state)),
    };
    marks.push(m);
    process.stderr.write(`DBG ${new Date().toISOString()} mark ${label}\n`);
    return m;
  };

  await ok(t.api.step(caseId, 'vraag', vraag, actors.consulent));
  await ok(t.api.step(caseId, 'zorg', zorgOpAfspraak, actors.zorg));
  await ok(t.api.step(caseId, 'woonvorm', { woonvorm: 'geschikt_wonen' }, actors.zorg));
  await ok(t.api.step(caseId, 'buurt', buurt, actors.verhuur));
  const atAanbod = await mark('at aanbod');
  expect(atAanbod.bytes).toBeGreaterThan(0); // the server reports the history size

  for (let i = 1; i <= ROUNDS; i++) {
    await ok(t.api.step(caseId, 'aanbod', (await woningInDb(t.h.db)).body, actors.verhuur));
    if (i % 3 === 0) await ok(t.api.step(caseId, 'aanbod_afgekeurd', { reden: `ronde ${i}: gebrek bij inspectie` }, actors.verhuur));
    else await ok(t.api.step(caseId, 'reactie', { besluit: 'weigert', reden: `ronde ${i}: past niet bij de wens` }, actors.verhuur));
  }
  const refusedRounds = await mark(`after ${ROUNDS} aanbod rounds`);

  // Refused requests leave no trace: the validator rejects them before anything is written.
  // An aanbod is open, so requests of each kind of refusal reach the workflow.
  await ok(t.api.step(caseId, 'aanbod', (await woningInDb(t.h.db)).body, actors.verhuur));
  const beforeRefusals = await mark('aanbod open, before refusals');
  const spare = (await woningInDb(t.h.db)).body;
  const direct: StepRequest[] = [
    { step: 'aanbod', input: { woning: (await woningInDb(t.h.db)).woning, aanbodDatum: '2023-06-01' }, actor: actors.verhuur }, // rule: an aanbod is open
    { step: 'reactie', input: { besluit: 'weigert' }, actor: actors.verhuur }, // rule: a weigering needs a reden
    { step: 'vraag', input: vraag, actor: actors.consulent } as StepRequest, // out of turn
    { step: 'reactie', input: { besluit: 'accepteert' }, actor: actors.consulent }, // forbidden role
    { step: 'reactie', input: { besluit: 'accepteert' }, actor: { ...actors.verhuur, organisatie: 'andere-corporatie' } }, // not this case's corporatie
  ];
  const viaApi: Array<() => Promise<{ status: number }>> = [
    () => t.api.step(caseId, 'aanbod', spare, actors.verhuur),
    () => t.api.step(caseId, 'reactie', { besluit: 'weigert' }, actors.verhuur),
    () => t.api.step(caseId, 'nazorg', { uitkomst: 'stabiel' }, actors.consulent),
    () => t.api.step(caseId, 'toewijzing', { contractvorm: 'rechtstreeks', ingangsdatum: '2023-07-01' }, actors.verhuur),
  ];
  const failures: string[] = [];
  const statuses: number[] = [];
  for (let i = 0; i < REFUSED; i += 20) {
    await Promise.all(
      Array.from({ length: 20 }, async (_, j) => {
        const n = i + j;
        if (n % 2 === 0) {
          const req = direct[(n / 2) % direct.length]!;
          const err = await handle.executeUpdate(recordStepUpdate, { args: [req] }).then(
            () => new Error('accepted'),
            (e: unknown) => e,
          );
          failures.push(err instanceof WorkflowUpdateFailedError ? ((err.cause as { type?: string } | undefined)?.type ?? 'untyped') : String(err));
        } else {
          statuses.push((await viaApi[((n - 1) / 2) % viaApi.length]!()).status);
        }
      }),
    );
  }
  expect(new Set(failures)).toEqual(new Set(['StepRuleViolation', 'StepOutOfTurn', 'StepForbidden']));
  expect(statuses.every((s) => s >= 400 && s < 500)).toBe(true);
  expect(failures.length + statuses.length).toBe(REFUSED);
  const afterRefusals = await mark(`after ${REFUSED} refused requests`);
  expect(afterRefusals.events).toBe(beforeRefusals.events);
  expect(afterRefusals.bytes).toBe(beforeRefusals.bytes);
  expect(afterRefusals.seq).toBe(beforeRefusals.seq);

  await ok(t.api.step(caseId, 'reactie', { besluit: 'accepteert' }, actors.verhuur));
  await ok(t.api.step(caseId, 'toewijzing', { contractvorm: 'rechtstreeks', ingangsdatum: '2023-07-01' }, actors.verhuur));
  await ok(t.api.step(caseId, 'overdracht', overdracht, actors.zorg));
  await ok(t.api.step(caseId, 'overdracht_bevestiging', {}, actors.zorg));
  await ok(t.api.step(caseId, 'kennismakingsgesprek', { datum: '2023-07-03', verwachtingenBesproken: true }, actors.verhuur));
  expect((await ok(t.api.step(caseId, 'overdracht_bevestiging', {}, actors.verhuur))).fase).toBe('nazorg');
  const atNazorg = await mark('at nazorg');

  const nazorgMarks: Mark[] = [];
  for (let i = 1; i <= NAZORG; i++) {
    const actor = i % 2 ? actors.zorg : actors.consulent;
    await ok(t.api.step(caseId, 'nazorg', { uitkomst: 'ondersteuning_bijgesteld', toelichting: `maand ${i}: begeleiding bijgesteld na evaluatie` }, actor));
    if (i === 10 || i === NAZORG - 10) nazorgMarks.push(await mark(`after ${i} nazorg`));
  }
  const beforeClose = await mark(`after ${NAZORG} nazorg`);
  await ok(t.api.step(caseId, 'nazorg', { uitkomst: 'stabiel' }, actors.consulent));
  await expect(handle.result()).resolves.toMatchObject({ uitkomst: 'gehuisvest' });
  const closed = await mark('closed');

  // The server's figures agree with the history itself.
  const history = await handle.fetchHistory();
  expect(history.events?.length).toBe(closed.events);
  const encodedBytes = temporal.api.history.v1.History.encode(history).finish().length;

  // Per recorded step: a refused round is two steps (aanbod + reactie/afkeuring).
  const per = (a: Mark, b: Mark) => ({ events: (b.events - a.events) / (b.seq - a.seq), bytes: (b.bytes - a.bytes) / (b.seq - a.seq) });
  const aanbodStep = per(atAanbod, refusedRounds);
  const nazorgStep = per(atNazorg, beforeClose);
  const [early, late] = nazorgMarks as [Mark, Mark];
  const nazorgLate = per(early, late); // bytes per step grow with the state each step carries
  const growthPerStep = (nazorgLate.bytes - per(atNazorg, early).bytes) / ((late.seq + early.seq) / 2 - (early.seq + atNazorg.seq) / 2);
  const overall = { events: closed.events / closed.seq, bytes: closed.bytes / closed.seq };

  // Projection: more nazorg steps from here until the warning. Events grow linearly; bytes
  // grow by the current per-step cost plus `growthPerStep` for every step taken (quadratic).
  const stepsToEventWarning = Math.floor((WARN_EVENTS - closed.events) / nazorgStep.events);
  const b = late.bytes - early.bytes > 0 ? per(late, beforeClose).bytes : nazorgStep.bytes;
  const g = Math.max(growthPerStep, 0);
  const remainingBytes = WARN_BYTES - closed.bytes;
  const stepsToByteWarning = Math.floor(g > 0 ? (-b + Math.sqrt(b * b + 2 * g * remainingBytes)) / g : remainingBytes / b);

  const figures = {
    steps: closed.seq,
    events: closed.events,
    historyBytes: closed.bytes,
    encodedHistoryBytes: encodedBytes,
    stateBytes: closed.stateBytes,
    perStep: {
      overall: { events: +overall.events.toFixed(1), bytes: Math.round(overall.bytes) },
      aanbodRound: { events: +aanbodStep.events.toFixed(1), bytes: Math.round(aanbodStep.bytes) },
      nazorg: { events: +nazorgStep.events.toFixed(1), bytes: Math.round(nazorgStep.bytes) },
      nazorgLate: { events: +nazorgLate.events.toFixed(1), bytes: Math.round(nazorgLate.bytes) },
      bytesGrowthPerStep: Math.round(growthPerStep),
    },
    projection: {
      moreNazorgStepsToEventWarning: stepsToEventWarning,
      moreNazorgStepsToByteWarning: stepsToByteWarning,
      stepsToWarning: closed.seq + Math.min(stepsToEventWarning, stepsToByteWarning),
    },
    marks: marks.map((m) => `${m.label}: seq ${m.seq}, ${m.events} events, ${m.bytes} bytes, state ${m.stateBytes} bytes`),
  };
  process.stdout.write(`long case figures: ${JSON.stringify(figures, null, 2)}\n`);

  // The whole long case uses a small part of the budget ...
  expect(closed.events).toBeLessThan(WARN_EVENTS / 5);
  expect(closed.bytes).toBeLessThan(WARN_BYTES / 5);
  // ... a step costs a bounded number of events (update, activities, workflow task) ...
  expect(nazorgStep.events).toBeLessThanOrEqual(12);
  expect(aanbodStep.events).toBeLessThanOrEqual(18);
  // ... and many hundreds more steps would be needed to reach either warning.
  expect(Math.min(stepsToEventWarning, stepsToByteWarning)).toBeGreaterThan(300);
}, 300_000);
