import { ApplicationFailure, allHandlersFinished, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { createActivities } from '../activities';
import { getStateQuery, openCaseUpdate, recordStepUpdate, StepFailureType } from './messages';
import { applyStep, rejectStep, startCase, turnOf } from './rules/case-steps';
import { stepRequestProblem } from './schemas';
import type { CaseEvent, CaseState, StartCaseInput, StepResult } from './types';

const { recordCaseEvent } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '30 seconds',
  // The read model must catch up eventually: keep retrying through a database outage.
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

export interface CaseOutcome {
  caseId: string;
  uitkomst: CaseState['uitkomst'];
  closedAt: string | undefined;
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

/**
 * One case, aanmelding to afgesloten. The rules live in `rules/case-steps`;
 * this function holds the state durably and keeps the read model in step.
 * Its name is the workflow type: renaming it breaks running cases.
 */
export async function toewijzingCase(input: StartCaseInput): Promise<CaseOutcome> {
  const started = startCase(input, nowIso());
  let state = started.state;
  let persistedVersion = 0;

  // Events are written in order, one at a time, so the read model never sees seq n+1 before n.
  let persistChain: Promise<void> = Promise.resolve();
  const persist = (event: CaseEvent, snapshot: CaseState): Promise<void> => {
    persistChain = persistChain.then(async () => {
      await recordCaseEvent({ event, state: snapshot, turn: turnOf(snapshot) });
      persistedVersion = event.seq;
    });
    return persistChain;
  };

  setHandler(getStateQuery, () => ({ state, turn: turnOf(state) }));

  setHandler(openCaseUpdate, async () => {
    await condition(() => persistedVersion >= 1);
    return resultOf(started.state, started.event);
  });

  setHandler(
    recordStepUpdate,
    async (req) => {
      const { state: next, event } = applyStep(state, req, nowIso());
      state = next;
      await persist(event, next);
      return resultOf(next, event);
    },
    {
      validator: (req) => {
        const problem = stepRequestProblem(req);
        if (problem) throw ApplicationFailure.create({ type: StepFailureType.invalid, message: problem, nonRetryable: true });
        const rejection = rejectStep(state, req);
        if (rejection) {
          // Messages name rules and steps only, never personal data: they end up in logs and histories.
          throw ApplicationFailure.create({
            type: StepFailureType[rejection.kind],
            message: rejection.message,
            details: [{ fase: rejection.fase }],
            nonRetryable: true,
          });
        }
      },
    },
  );

  await persist(started.event, started.state);
  await condition(() => state.status === 'afgesloten' && allHandlersFinished());
  await persistChain;
  return { caseId: state.caseId, uitkomst: state.uitkomst, closedAt: state.closedAt };
}
