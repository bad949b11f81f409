import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CaseState, StepRequest, StepResult, TermijnPlan } from '../domain/types';
import type { BehandelaarRequest, SideRequest, Turn, Zijde } from '../domain/steps';
import type { NoteRequest, NoteResult } from '../domain/notes';

// Message names are stable API: running cases are addressed by them.

/** Waits until the aanmelding is in the read model; sent with the start (update-with-start). */
export const openCaseUpdate = defineUpdate<StepResult>('openCase');

/** Records one step; the validator rejects a step that is not valid now, changing nothing. */
export const recordStepUpdate = defineUpdate<StepResult, [StepRequest]>('recordStep');

/** What an acceptance, assignment or change of behandelaar left: the side and who is in charge there. */
export interface PartyResult {
  caseId: string;
  partij: 'wijkteam' | Zijde;
  organisatie: string;
  behandelaar: string | null;
}

/** An organisation of the werkgebied accepts an open side ("Casus aannemen"); eligibility is the API's check. */
export const acceptSideUpdate = defineUpdate<PartyResult, [Omit<SideRequest, 'wijze'>]>('acceptSide');

/** The wijkteam's consulent gives an open side to an organisation of the register. */
export const assignSideUpdate = defineUpdate<PartyResult, [Omit<SideRequest, 'wijze'>]>('assignSide');

/** Oppakken, overdragen or vrijgeven: who of the actor's party is in charge of the case. */
export const setBehandelaarUpdate = defineUpdate<PartyResult, [BehandelaarRequest]>('setBehandelaar');
/** Adds a note between the parties; written to the notes table by an activity, never kept in the state. */
export const addNoteUpdate = defineUpdate<NoteResult, [NoteRequest]>('addNote');

export interface CaseView {
  state: CaseState;
  turn: Turn;
  /** When the current fase's and the case's reminders and escalations are due. */
  plan?: TermijnPlan | undefined;
}
export const getStateQuery = defineQuery<CaseView>('getState');

/** Failure types the API maps to HTTP statuses; stable, matched by name. */
export const StepFailureType = {
  out_of_turn: 'StepOutOfTurn',
  closed: 'CaseClosed',
  forbidden: 'StepForbidden',
  rule: 'StepRuleViolation',
  invalid: 'InvalidStepInput',
  unavailable: 'WoningNotAvailable',
  taken: 'SideTaken',
  note: 'InvalidNote',
} as const;
