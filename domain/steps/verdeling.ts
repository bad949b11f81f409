import type { Actor, CaseState, Rol } from '../types';
import type { PartyKey } from './step-specs';

/**
 * Routing (issue 13 item 2) and the behandelaar per side (item 3), as pure rules over the case
 * state. An open side (no zorginstelling or corporatie named at aanmelding) is taken only by an
 * organisation that accepts it, or by the one the wijkteam assigns; whether an organisation is
 * eligible (its kind and werkgebied) is the API's to decide from the register: the workflow only
 * knows the case. The workflow's validators and handlers call these.
 */

export const zijden = ['zorginstelling', 'corporatie'] as const;
export type Zijde = (typeof zijden)[number];

/** The professional role that acts for each party. */
export const rolVan: Record<PartyKey, Rol> = {
  wijkteam: 'consulent',
  zorginstelling: 'zorgmedewerker',
  corporatie: 'verhuurmedewerker',
};

/** 409: the state changed under the request (taken, closed); 403: not this actor's; 422: a rule. */
export type VerdelingRejectionKind = 'taken' | 'closed' | 'forbidden' | 'rule';
export interface VerdelingRejection {
  kind: VerdelingRejectionKind;
  message: string;
}

/** An organisation takes an open side: by accepting it (`aanname`) or assigned by the wijkteam (`toewijzing`). */
export interface SideRequest {
  zijde: Zijde;
  organisatie: string;
  wijze: 'aanname' | 'toewijzing';
  actor: Actor;
}

// Neither is a step: the version (the seq of the last step) and updatedAt (how long it waits) stay as they are.
const copy = (state: CaseState): CaseState => JSON.parse(JSON.stringify(state));

const reject = (kind: VerdelingRejectionKind, message: string): VerdelingRejection => ({ kind, message });

/**
 * Why the side cannot be given to an organisation now, or undefined while it is open.
 * The zorginstelling joins before the zorg is recorded (fase vraag or zorg): after that the
 * woonvorm rests on the zorg that was recorded without it, and a spoed case without a
 * zorginstelling goes on without one [003:636-653].
 */
export function openZijdeProbleem(state: CaseState, zijde: Zijde): VerdelingRejection | undefined {
  if (state.status === 'afgesloten') return reject('closed', `de casus is afgesloten (${state.uitkomst})`);
  if (state.partijen[zijde]) return reject('taken', `de ${zijde} van deze casus is al bekend`);
  if (zijde === 'zorginstelling' && !['vraag', 'zorg'].includes(state.fase)) {
    return reject('rule', `in fase ${state.fase} komt er geen zorginstelling meer bij`);
  }
  return undefined;
}

/** Why `req` may not give the side now; the eligibility of the organisation is checked before (API, register). */
export function rejectSide(state: CaseState, req: SideRequest): VerdelingRejection | undefined {
  const { actor, zijde, organisatie, wijze } = req;
  if (wijze === 'aanname') {
    if (actor.rol !== rolVan[zijde] || actor.organisatie !== organisatie) {
      return reject('forbidden', `een ${zijde} neemt een casus aan voor de eigen organisatie, als ${rolVan[zijde]}`);
    }
  } else if (actor.rol !== 'consulent' || actor.organisatie !== state.partijen.wijkteam.organisatie) {
    return reject('forbidden', 'alleen de consulent van het wijkteam van de casus wijst een partij toe');
  }
  if (organisatie === state.partijen.wijkteam.organisatie || organisatie === otherSide(state, zijde)) {
    return reject('rule', `organisatie ${organisatie} is al een andere partij van deze casus`);
  }
  return openZijdeProbleem(state, zijde);
}

const otherSide = (state: CaseState, zijde: Zijde) =>
  state.partijen[zijde === 'corporatie' ? 'zorginstelling' : 'corporatie']?.organisatie;

/** Gives the side to the organisation; an accepting professional is its behandelaar at once. */
export function applySide(state: CaseState, req: SideRequest): CaseState {
  const draft = copy(state);
  draft.partijen[req.zijde] = {
    organisatie: req.organisatie,
    ...(req.wijze === 'aanname' ? { behandelaar: req.actor.id } : {}),
  };
  return draft;
}

/** Oppakken (take charge), overdragen (hand to a colleague `aan`), vrijgeven (nobody in charge). */
export type BehandelaarActie = 'oppakken' | 'overdragen' | 'vrijgeven';
export interface BehandelaarRequest {
  actie: BehandelaarActie;
  /** The colleague of the same organisation (overdragen); the API checks they are one. */
  aan?: string | undefined;
  actor: Actor;
}

/** The party `actor` acts for in this case, if any: its organisation, in that party's role. */
export function partijVan(state: CaseState, actor: Actor): PartyKey | undefined {
  return (Object.keys(rolVan) as PartyKey[]).find(
    (k) => state.partijen[k]?.organisatie === actor.organisatie && rolVan[k] === actor.rol,
  );
}

export function rejectBehandelaar(state: CaseState, req: BehandelaarRequest): VerdelingRejection | undefined {
  if (state.status === 'afgesloten') return reject('closed', `de casus is afgesloten (${state.uitkomst})`);
  const partij = partijVan(state, req.actor);
  if (!partij) return reject('forbidden', 'alleen een professional van een partij van de casus is er behandelaar');
  const huidig = state.partijen[partij]?.behandelaar;
  switch (req.actie) {
    case 'oppakken':
      if (huidig === req.actor.id) return reject('taken', 'u bent al behandelaar van deze casus');
      // Taking it from a colleague is a handover: the current behandelaar hands it over or lets it go.
      if (huidig) return reject('taken', 'een collega is behandelaar: die draagt de casus over of geeft haar vrij');
      return undefined;
    case 'overdragen':
      if (!req.aan) return reject('rule', 'aan: kies de collega die behandelaar wordt');
      if (req.aan === huidig) return reject('rule', 'aan: deze collega is al behandelaar');
      return undefined;
    case 'vrijgeven':
      return huidig ? undefined : reject('rule', 'deze casus heeft geen behandelaar');
  }
}

export function applyBehandelaar(state: CaseState, req: BehandelaarRequest): CaseState {
  const draft = copy(state);
  const party = draft.partijen[partijVan(state, req.actor)!]!;
  if (req.actie === 'vrijgeven') delete party.behandelaar;
  else party.behandelaar = req.actie === 'oppakken' ? req.actor.id : req.aan;
  return draft;
}
