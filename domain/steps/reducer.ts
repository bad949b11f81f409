import type { Actor, CaseEvent, CaseParty, CaseState, Fase, StartCaseInput, StepRequest } from '../types';
import { faseAllows, openOpschorting, type PartyKey, partyRolesFor, rolesFor, specOf } from './step-specs';

/**
 * The case's rules as a pure reducer over the step table: whether a step may be
 * recorded now, and what recording it changes. The workflow's update validator
 * and handler both call it; time is passed in.
 */

export type RejectionKind = 'out_of_turn' | 'forbidden' | 'rule' | 'closed';
export interface StepRejection {
  kind: RejectionKind;
  message: string;
  fase: Fase;
}

/**
 * Why `req` may not be recorded now, or undefined when it may. Never mutates.
 * `recheck` is the workflow handler's second look at a step its validator already
 * accepted: validators do not run on replay, so the handler keeps the rule older
 * histories were recorded under (any role could take an open side). Sides are never
 * unnamed again, so the validator's stricter answer still holds when the handler runs.
 */
export function rejectStep(state: CaseState, req: StepRequest, recheck = false): StepRejection | undefined {
  const { step, actor } = req;
  const reject = (kind: RejectionKind, message: string) => ({ kind, message, fase: state.fase });
  if (state.status === 'afgesloten') return reject('closed', `de casus is afgesloten (${state.uitkomst})`);
  if (!faseAllows(step, state)) return reject('out_of_turn', `stap ${step} kan niet in fase ${state.fase}`);
  const party = rolesFor(step, state, recheck)[actor.rol];
  if (!party) {
    const open = partyRolesFor(step, state)[actor.rol];
    return reject(
      'forbidden',
      open
        ? `stap ${step} is alleen voor partijen van de casus en deze casus heeft nog geen ${open}`
        : `stap ${step} wordt niet vastgelegd door de rol ${actor.rol}`,
    );
  }
  const current = state.partijen[party]?.organisatie;
  if (current && current !== actor.organisatie) {
    return reject(
      'forbidden',
      `stap ${step} is voor de ${party} van deze casus, niet voor organisatie ${actor.organisatie}`,
    );
  }
  const spec = specOf(step);
  const niet = spec.mag?.(state, req.input, actor);
  if (niet) return reject('forbidden', niet);
  const problem = spec.blocked?.(state) ?? spec.check?.(state, req.input, actor);
  return problem ? reject('rule', problem) : undefined;
}

function touchParty(draft: CaseState, party: PartyKey, actor: Actor) {
  const current: CaseParty = draft.partijen[party] ?? { organisatie: actor.organisatie };
  current.contactpersoon ??= actor.id;
  draft.partijen[party] = current;
}

/** Records an accepted step. Call only after `rejectStep` returned undefined. */
export function applyStep(state: CaseState, req: StepRequest, now: string): { state: CaseState; event: CaseEvent } {
  const spec = specOf(req.step);
  const draft: CaseState = JSON.parse(JSON.stringify(state));
  const party = partyRolesFor(req.step, state)[req.actor.rol];
  if (party) touchParty(draft, party, req.actor);
  spec.apply(draft, req.input, req.actor, now);
  draft.version += 1;
  draft.updatedAt = now;
  if (draft.fase !== state.fase) {
    // A new fase starts a new clock; work on the case ends an opschorting.
    draft.termijn = { fase: draft.fase, sinds: now, nr: draft.version };
    const open = openOpschorting(draft);
    if (open) open.tot = now;
  }
  const event: CaseEvent = {
    caseId: state.caseId,
    seq: draft.version,
    step: req.step,
    faseBefore: state.fase,
    faseAfter: draft.fase,
    at: now,
    actor: req.actor,
    summary: spec.summary(req.input, draft),
  };
  return { state: draft, event };
}

export function startCase(input: StartCaseInput, now: string): { state: CaseState; event: CaseEvent } {
  const { aanmelding, actor, caseId } = input;
  const state: CaseState = {
    caseId,
    status: 'lopend',
    fase: 'vraag',
    route: 'zorgwoning',
    startedAt: now,
    updatedAt: now,
    version: 1,
    aanmelding,
    partijen: {
      wijkteam: { organisatie: actor.organisatie, contactpersoon: actor.id },
      zorginstelling: aanmelding.zorginstelling ? { organisatie: aanmelding.zorginstelling } : undefined,
      corporatie: aanmelding.corporatie ? { organisatie: aanmelding.corporatie } : undefined,
    },
    aanbiedingen: [],
    bevestigd: {},
    nazorg: [],
    termijn: { fase: 'vraag', sinds: now, nr: 1 },
    opschortingen: [],
    signalen: [],
  };
  const event: CaseEvent = {
    caseId,
    seq: 1,
    step: 'aanmelding',
    faseBefore: 'nieuw',
    faseAfter: 'vraag',
    at: now,
    actor,
    summary: { deelgroep: aanmelding.deelgroep, doelgroep: aanmelding.doelgroep, urgent: aanmelding.urgent },
  };
  return { state, event };
}

/** Checks that only depend on who starts the case. */
export function rejectStart(input: StartCaseInput): string | undefined {
  return input.actor.rol === 'consulent'
    ? undefined
    : 'een aanmelding wordt gedaan door een consulent van het wijkteam';
}
