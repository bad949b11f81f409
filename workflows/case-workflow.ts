import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  log,
  metricMeter,
  patched,
  proxyActivities,
  proxyLocalActivities,
  proxySinks,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { createActivities } from '../activities';
import type { nonRetryableErrorTypes } from '../activities/errors';
import {
  acceptSideUpdate,
  addNoteUpdate,
  assignSideUpdate,
  getStateQuery,
  openCaseUpdate,
  recordStepUpdate,
  setBehandelaarUpdate,
  StepFailureType,
  type PartyResult,
} from './messages';
import type { CaseSinks } from './sinks';
import type { NoteRequest } from '../domain/notes';
import { applyStep, rejectStep, startCase, turnOf, woningEffecten, type WoningEffect } from '../domain/steps';
import {
  applyBehandelaar,
  applySide,
  partijVan,
  rejectBehandelaar,
  rejectSide,
  type BehandelaarRequest,
  type SideRequest,
  type VerdelingRejection,
} from '../domain/steps/verdeling';
import { openSignals, signalenVoor, type DueSignal } from '../domain/rules/doorlooptijd';
// Every schema through the preloaded module: a direct import would build zod again in every cached case.
import { behandelaarRequestProblem, noteProblem, sideRequestProblem, stepRequestProblem } from './shared-schemas';
import { withoutOldRules } from '../domain/steps/regelset-state';
import type { CaseEvent, CaseState, StartCaseInput, StepRequest, StepResult, TermijnPlan } from '../domain/types';
import { nazorgSignalen, type NazorgDue } from '../domain/rules/nazorg';
import { NAZORG_PATCH, runNazorgTimers } from './nazorg-timers';

type Activities = ReturnType<typeof createActivities>;

const NOT_AVAILABLE: (typeof nonRetryableErrorTypes)[number] = 'WoningNotAvailableError';
const NON_RETRYABLE: readonly (typeof nonRetryableErrorTypes)[number][] = [NOT_AVAILABLE, 'PermanentDataError'];

const { recordCaseEvent, releaseWoning, verhuurWoning } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  // The read model and the woningaanbod must catch up eventually: keep retrying through a database outage.
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

// The read model is written after every step, on the worker that ran the step: as a local
// activity it costs no round trip through the server and three fewer history events.
const local = proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  localRetryThreshold: '10 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

// perf-1: the woning activities run on the worker too, and no local activity retries without
// end (issue 12): after its bounded attempts the durable activity of the same name takes over,
// retrying through a long outage where operators see it (Temporal's pending activities, the
// log, the metric below).
const bounded = proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  scheduleToCloseTimeout: '2 minutes',
  localRetryThreshold: '10 seconds',
  retry: {
    initialInterval: '1 second',
    maximumInterval: '30 seconds',
    backoffCoefficient: 2,
    maximumAttempts: 6,
    nonRetryableErrorTypes: [...NON_RETRYABLE],
  },
});
/** Handovers also reach the database for /health (worker/case-sinks.ts): a sink, no command in the history. */
const { overdrachten } = proxySinks<CaseSinks>();
/** Created where it counts: the workflow's meter exists only inside a workflow. */
const handedOver = () =>
  metricMeter.createCounter(
    'toewijzing_lokale_activiteit_overgedragen',
    'count',
    'Local activities that spent their attempts and were handed to the durable activity',
  );

const { reserveWoning } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '1 second',
    maximumInterval: '1 minute',
    backoffCoefficient: 2,
    nonRetryableErrorTypes: [NOT_AVAILABLE],
  },
});

const { writeNote } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  // An accepted note must reach the table: keep retrying through a database outage.
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

/** Refuses a note that is malformed, for another case, on a closed case or by a non-party. Names rules only. */
function refuseNote(state: CaseState, req: NoteRequest): void {
  const problem = noteProblem(state, req);
  if (!problem) return;
  const type = state.status === 'afgesloten' ? StepFailureType.closed : StepFailureType.note;
  throw ApplicationFailure.create({ type, message: problem, nonRetryable: true });
}

const { meldTermijn, meldAanname } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  // A mail server or webhook that is down delays a message for up to about a day; the
  // signal itself is in the case's state and the read model either way.
  retry: { initialInterval: '10 seconds', maximumInterval: '10 minutes', backoffCoefficient: 2, maximumAttempts: 150 },
});

export interface CaseOutcome {
  caseId: string;
  uitkomst: CaseState['uitkomst'];
  closedAt: string | undefined;
}

/** Stable patch id: the rules of issue 14 (see domain/rules/regelset). Never rename. */
const REGELSET_PATCH = 'regelset-2';
/** Stable patch id: regelset 3, the rekenhuur with only the subsidiabele servicekosten (issue 14 item 11). Never rename. */
const REGELSET_3_PATCH = 'regelset-3';
/** Stable patch id: open sides are accepted or assigned, never taken by a first step (issue 13). Never rename. */
const ROUTING_PATCH = 'routing-1';

/** Stable patch id: the hot path of issue 16 (bounded local activities, woningen local). Never rename. */
const PERF_PATCH = 'perf-1';

/** An activity's own failure: regular activities wrap it in an ActivityFailure, local ones may not. */
const causeOf = (err: unknown) => (err instanceof ActivityFailure ? err.cause : err);

/** A failure the activity reports for good (a refusal, refused data): no other attempt can change it. */
const isRefusal = (err: unknown) => {
  const cause = causeOf(err);
  return (
    cause instanceof ApplicationFailure &&
    (cause.nonRetryable || (NON_RETRYABLE as readonly (string | undefined)[]).includes(cause.type ?? undefined))
  );
};

/**
 * The local activity, and when its bounded attempts are spent, the durable one. A refusal
 * stays a refusal; only running out of attempts or time hands over.
 */
async function localThenDurable<A, R>(
  name: string,
  caseId: string,
  local: (arg: A) => Promise<R>,
  durable: (arg: A) => Promise<R>,
  arg: A,
): Promise<R> {
  try {
    return await local(arg);
  } catch (err) {
    if (isRefusal(err) || !(err instanceof ActivityFailure || err instanceof ApplicationFailure)) throw err;
    log.warn('a local activity spent its attempts; the durable activity takes over', { activity: name, caseId });
    handedOver().add(1, { activity: name });
    overdrachten.overgedragen({ activiteit: name, caseId, historyLength: workflowInfo().historyLength });
    return durable(arg);
  }
}

const nowIso = () => new Date(Date.now()).toISOString();

const resultOf = (state: CaseState, event: CaseEvent): StepResult => ({
  caseId: state.caseId,
  seq: event.seq,
  step: event.step,
  fase: state.fase,
  status: state.status,
  uitkomst: state.uitkomst,
});

const verdelingFailure = { taken: 'taken', closed: 'closed', forbidden: 'forbidden', rule: 'rule' } as const;

/** A refused acceptance, assignment or change of behandelaar; like steps, the message names rules only. */
function refuseWith(problem: string | undefined, rejection: () => VerdelingRejection | undefined): void {
  if (problem) throw ApplicationFailure.create({ type: StepFailureType.invalid, message: problem, nonRetryable: true });
  const r = rejection();
  if (r) {
    throw ApplicationFailure.create({
      type: StepFailureType[verdelingFailure[r.kind]],
      message: r.message,
      nonRetryable: true,
    });
  }
}

function refuse(req: StepRequest, state: CaseState, recheck = false): void {
  const problem = stepRequestProblem(req);
  if (problem) throw ApplicationFailure.create({ type: StepFailureType.invalid, message: problem, nonRetryable: true });
  const rejection = rejectStep(state, req, recheck);
  if (rejection) {
    // Messages name rules and steps only, never personal data: they end up in logs and histories.
    throw ApplicationFailure.create({
      type: StepFailureType[rejection.kind],
      message: rejection.message,
      details: [{ fase: rejection.fase }],
      nonRetryable: true,
    });
  }
}

/**
 * One case, aanmelding to afgesloten. The rules live in `rules/case-steps`;
 * this function holds the state durably, keeps the read model and the
 * woningaanbod in step, and records steps one at a time.
 * Its name is the workflow type: renaming it breaks running cases.
 */
export async function toewijzingCase(input: StartCaseInput): Promise<CaseOutcome> {
  const started = startCase(input, nowIso());
  // Cases started before issue 14's rules replay their earlier steps under those rules, and
  // cases started under regelset 2 theirs under regelset 2.
  let state: CaseState = !patched(REGELSET_PATCH)
    ? { ...started.state, regelset: 1 }
    : patched(REGELSET_3_PATCH)
      ? started.state
      : { ...started.state, regelset: 2 };
  // Cases started before routing keep the rule they were recorded under: a side's first step takes it.
  if (patched(ROUTING_PATCH)) state = { ...state, verdeling: 'aanname' };
  let persistedVersion = 0;
  /** When reminders and escalations are due, as the read model last worked them out. */
  let plan: TermijnPlan | undefined;

  // Steps are recorded one at a time: a step that waits on an activity (a reservation)
  // must not interleave with another, or both could pass checks made against the same state.
  let queue: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  const persist = async (event: CaseEvent, snapshot: CaseState) => {
    const snap = { event, state: snapshot, turn: turnOf(snapshot) };
    if (patched(PERF_PATCH)) {
      plan =
        (await localThenDurable('recordCaseEvent', state.caseId, bounded.recordCaseEvent, recordCaseEvent, snap)) ??
        undefined;
    } else {
      // Cases started before the local activity keep the regular one, so their histories replay.
      const record = patched('leesmodel-lokaal') ? local.recordCaseEvent : recordCaseEvent;
      plan = (await record(snap)) ?? undefined;
    }
    persistedVersion = event.seq;
  };

  /** Sends in flight: a failing mail server or webhook holds up neither steps nor later signals. */
  const sending = new Set<Promise<unknown>>();
  /** Records signals in the state, then sends them in the background: a failing send holds up nothing. */
  const recordAndSend = (signalen: Parameters<typeof meldTermijn>[0][], failed: string) => {
    state = {
      ...state,
      signalen: [
        ...(state.signalen ?? []),
        ...signalen.map(({ key, soort, fase, organisatie, dueAt, at }) => ({
          key,
          soort,
          fase,
          organisatie,
          dueAt,
          at,
        })),
      ],
    };
    for (const signaal of signalen) {
      const send: Promise<unknown> = meldTermijn(signaal)
        .catch((err) => log.warn(failed, { key: signaal.key, error: err instanceof Error ? err.name : 'unknown' }))
        .finally(() => sending.delete(send));
      sending.add(send);
    }
  };
  const raise = (due: DueSignal) =>
    recordAndSend(signalenVoor(state, due, nowIso()), 'a reminder or escalation could not be sent');

  /** Durable timers: sleeps until the next reminder or escalation, starting over whenever the plan changes. */
  const keepTime = async () => {
    // A step that leaves the due instants as they were keeps the running timer. Worked out once
    // per state and plan, not on every activation (the condition is checked on each).
    let seenFor: { state: CaseState; plan: TermijnPlan | undefined; due: string } | undefined;
    const dueNow = () => {
      if (seenFor?.state !== state || seenFor.plan !== plan) {
        seenFor = { state, plan, due: JSON.stringify(openSignals(state, plan)) };
      }
      return seenFor.due;
    };
    while (state.status !== 'afgesloten') {
      const seen = dueNow();
      const changed = () => state.status === 'afgesloten' || dueNow() !== seen;
      const next = openSignals(state, plan)[0];
      if (!next) {
        await condition(changed);
        continue;
      }
      const wait = Date.parse(next.dueAt) - Date.now();
      if (wait > 0 && (await condition(changed, wait))) continue;
      raise(next);
    }
  };

  /** Nazorg's follow-up and omklap reminders: recorded and sent like the termijn signals. */
  const raiseNazorg = (due: NazorgDue) =>
    recordAndSend(nazorgSignalen(state, due, nowIso()), 'a nazorg reminder could not be sent');

  let nazorgTimers: Promise<void> | undefined;
  /**
   * Starts nazorg's timers once the case has a nazorg plan (a toewijzing under nazorg@1).
   * Histories from before never hold a plan, so they never reach the patch.
   */
  const startNazorgTimers = () => {
    if (nazorgTimers || !state.nazorgPlan || !patched(NAZORG_PATCH)) return;
    nazorgTimers = runNazorgTimers(() => state, raiseNazorg);
  };

  /** Writes the parties and behandelaars to the read model; the plan may change with the organisation whose turn it is. */
  const persistParties = async () => {
    plan = (await local.recordCaseParties({ state, turn: turnOf(state) })) ?? undefined;
  };

  /** Sends in the background, like a reminder: a mail server that is down holds up nothing. */
  const inBackground = (send: Promise<unknown>, what: string) => {
    const tracked: Promise<unknown> = send
      .catch((err) => log.warn(what, { error: err instanceof Error ? err.name : 'unknown' }))
      .finally(() => sending.delete(tracked));
    sending.add(tracked);
  };

  const partyResult = (partij: PartyResult['partij']): PartyResult => ({
    caseId: state.caseId,
    partij,
    organisatie: state.partijen[partij]!.organisatie,
    behandelaar: state.partijen[partij]?.behandelaar ?? null,
  });

  const withWijze = (req: Omit<SideRequest, 'wijze'>, wijze: SideRequest['wijze']): SideRequest => ({ ...req, wijze });
  const refuseSide = (req: SideRequest) => refuseWith(sideRequestProblem(req), () => rejectSide(state, req));
  const sideHandler = (wijze: SideRequest['wijze']) => (req: Omit<SideRequest, 'wijze'>) =>
    oneAtATime(async () => {
      const full = withWijze(req, wijze);
      // Checked again now it is this request's turn: another organisation may have accepted it first.
      refuseSide(full);
      state = applySide(state, full);
      await persistParties();
      if (wijze === 'aanname') {
        const melding = {
          caseId: state.caseId,
          zijde: full.zijde,
          organisatie: full.organisatie,
          wijkteam: state.partijen.wijkteam.organisatie,
        };
        inBackground(meldAanname(melding), 'an acceptance could not be told to the wijkteam');
      }
      return partyResult(full.zijde);
    });
  setHandler(acceptSideUpdate, sideHandler('aanname'), { validator: (req) => refuseSide(withWijze(req, 'aanname')) });
  setHandler(assignSideUpdate, sideHandler('toewijzing'), {
    validator: (req) => refuseSide(withWijze(req, 'toewijzing')),
  });

  const refuseBehandelaar = (req: BehandelaarRequest) =>
    refuseWith(behandelaarRequestProblem(req), () => rejectBehandelaar(state, req));
  setHandler(
    setBehandelaarUpdate,
    (req) =>
      oneAtATime(async () => {
        refuseBehandelaar(req);
        const partij = partijVan(state, req.actor)!;
        state = applyBehandelaar(state, req);
        await persistParties();
        return partyResult(partij);
      }),
    { validator: refuseBehandelaar },
  );

  const woningRequest = (e: WoningEffect) => ({ caseId: state.caseId, woningId: e.woningId, version: e.version });
  const runAfter = async (effects: WoningEffect[], at: string) => {
    for (const e of effects) {
      const onWorker = patched(PERF_PATCH);
      if (e.kind === 'geef_vrij') {
        const req = woningRequest(e);
        await (onWorker
          ? localThenDurable('releaseWoning', state.caseId, bounded.releaseWoning, releaseWoning, req)
          : releaseWoning(req));
      }
      if (e.kind === 'verhuur') {
        const req = { ...woningRequest(e), doelgroep: state.aanmelding.doelgroep, at };
        await (onWorker
          ? localThenDurable('verhuurWoning', state.caseId, bounded.verhuurWoning, verhuurWoning, req)
          : verhuurWoning(req));
      }
    }
  };
  const reserve = (e: WoningEffect) =>
    patched(PERF_PATCH)
      ? localThenDurable('reserveWoning', state.caseId, bounded.reserveWoning, reserveWoning, woningRequest(e))
      : reserveWoning(woningRequest(e));

  setHandler(getStateQuery, () => ({ state, turn: turnOf(state), plan }));

  setHandler(openCaseUpdate, async () => {
    await condition(() => persistedVersion >= 1);
    return resultOf(started.state, started.event);
  });

  setHandler(
    recordStepUpdate,
    (req) =>
      oneAtATime(async () => {
        // A running case moves to the current rules with its first step under this code.
        // Each move is decided by its own patch, so a replay moves at the same step as the original run did.
        if (state.regelset === 1 && patched(REGELSET_PATCH)) state = { ...state, regelset: 2 };
        if (state.regelset === 2 && patched(REGELSET_3_PATCH)) state = withoutOldRules(state);
        // Checked again now it is this step's turn: an earlier step may have changed the state.
        refuse(req, state, true);
        for (const e of woningEffecten(state, req).voor) {
          try {
            await reserve(e);
          } catch (err) {
            const cause = causeOf(err);
            if (cause instanceof ApplicationFailure && cause.type === NOT_AVAILABLE) {
              throw ApplicationFailure.create({
                type: StepFailureType.unavailable,
                message: cause.message,
                nonRetryable: true,
              });
            }
            throw err;
          }
        }
        const before = state;
        const { state: next, event } = applyStep(state, req, nowIso());
        state = next;
        await persist(event, next);
        await runAfter(woningEffecten(before, req, next).na, event.at);
        startNazorgTimers();
        return resultOf(next, event);
      }),
    // Validators run live only, where the handler judges by the current rules too.
    { validator: (req) => refuse(req, withoutOldRules(state)) },
  );

  // Notes do not touch the state: the text goes to the notes table only (the history holds it encrypted).
  setHandler(
    addNoteUpdate,
    async (req) => {
      refuseNote(state, req);
      const at = nowIso();
      await writeNote({ ...req, at });
      return { id: req.id, caseId: state.caseId, at };
    },
    { validator: (req) => refuseNote(state, req) },
  );

  // The state, not the aanmelding's snapshot: it carries how open sides are taken (routing-1).
  await oneAtATime(() => persist(started.event, state));
  // Cases started before norms were kept run on without timers.
  if (patched('doorlooptijd')) await keepTime();
  await condition(() => state.status === 'afgesloten' && allHandlersFinished() && sending.size === 0);
  return { caseId: state.caseId, uitkomst: state.uitkomst, closedAt: state.closedAt };
}
