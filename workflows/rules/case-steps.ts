import { toetsAanbod, weigeringen } from './aanbod-toetsen';
import { woonvormBezwaren } from './woonvorm';
import { adviseerWoonvorm, doorgeleidingsAdvies } from './woonvorm-advies';
import {
  type Actor,
  type CaseEvent,
  type CaseParty,
  type CaseState,
  type Fase,
  normFasen,
  type Rol,
  type StartCaseInput,
  type StepInputs,
  type StepName,
  type StepRequest,
} from '../types';

/**
 * The case's rules as a pure reducer: which step may be recorded when, by whom,
 * and what it changes. The workflow's update validators and handlers, and the
 * API's "what is allowed next", all use this one module.
 */

export type RejectionKind = 'out_of_turn' | 'forbidden' | 'rule' | 'closed';
export interface StepRejection {
  kind: RejectionKind;
  message: string;
  fase: Fase;
}

type PartyKey = 'wijkteam' | 'zorginstelling' | 'corporatie';
type Draft = CaseState;

interface StepSpec<S extends StepName> {
  fasen: readonly Fase[] | 'open';
  /** Roles that may record the step, each acting for its own party of the case. */
  rollen: Partial<Record<Rol, PartyKey>> | ((state: CaseState) => Partial<Record<Rol, PartyKey>>);
  check?: (state: CaseState, input: StepInputs[S], actor: Actor) => string | undefined;
  apply: (draft: Draft, input: StepInputs[S], actor: Actor, now: string) => void;
  summary: (input: StepInputs[S], after: CaseState) => Record<string, unknown>;
}

const openAanbod = (s: CaseState) => s.aanbiedingen.find((a) => a.resultaat === 'open');

function close(draft: Draft, uitkomst: NonNullable<CaseState['uitkomst']>, now: string, reden?: string) {
  draft.status = 'afgesloten';
  draft.fase = 'afgesloten';
  draft.uitkomst = uitkomst;
  draft.uitkomstReden = reden;
  draft.closedAt = now;
}

function overdrachtComplete(s: CaseState): boolean {
  return Boolean(s.overdracht && s.bevestigd.zorg && s.bevestigd.verhuur && s.kennismakingsgesprek);
}

const toewijzerFor = {
  rechtstreeks: 'huisvester',
  rechtstreeks_met_afspraken: 'in_afstemming',
  onderverhuur_door_zorg: 'zorgorganisatie',
} as const;

const openOpschorting = (s: CaseState) => s.opschortingen?.find((o) => !o.tot);

/** Clock steps may be recorded by any party already in the case, never by one claiming a side. */
const partiesInCase = (s: CaseState): Partial<Record<Rol, PartyKey>> => ({
  consulent: 'wijkteam',
  ...(s.partijen.zorginstelling ? { zorgmedewerker: 'zorginstelling' as const } : {}),
  ...(s.partijen.corporatie ? { verhuurmedewerker: 'corporatie' as const } : {}),
});

const specs: { [S in StepName]: StepSpec<S> } = {
  vraag: {
    fasen: ['vraag'],
    rollen: { consulent: 'wijkteam' },
    apply: (d, input) => {
      d.vraag = input;
      d.fase = 'zorg';
    },
    summary: (i) => ({ perspectief: i.perspectief, meting: i.meting?.instrument ?? null }),
  },
  zorg: {
    fasen: ['zorg'],
    rollen: { zorgmedewerker: 'zorginstelling' },
    apply: (d, input) => {
      d.zorg = input;
      d.fase = 'woonvorm';
    },
    summary: () => ({ vastgelegd: 'zorg' }),
  },
  woonvorm: {
    fasen: ['woonvorm'],
    rollen: { zorgmedewerker: 'zorginstelling' },
    check: (s, input) => woonvormBezwaren(s.aanmelding, s.vraag, s.zorg, input.woonvorm).join('; ') || undefined,
    apply: (d, input) => {
      const advies = d.zorg ? adviseerWoonvorm({ aanmelding: d.aanmelding, vraag: d.vraag, zorg: d.zorg }) : undefined;
      const gekozen = advies?.opties.find((o) => o.woonvorm === input.woonvorm)?.uitkomst;
      d.woonvorm = {
        ...input,
        advies: advies && gekozen && gekozen !== 'uitgesloten' ? { regel: advies.regel, aanbevolen: advies.aanbevolen, gekozen } : undefined,
      };
      d.fase = 'buurt';
    },
    summary: (i) => ({ woonvorm: i.woonvorm }),
  },
  buurt: {
    fasen: ['buurt'],
    rollen: { verhuurmedewerker: 'corporatie' },
    apply: (d, input) => {
      d.buurt = input;
      d.fase = 'aanbod';
    },
    summary: (i) => ({ buurtcode: i.buurtcode, opgave: i.opgave }),
  },
  aanbod: {
    fasen: ['aanbod'],
    rollen: { verhuurmedewerker: 'corporatie' },
    check: (s, input) => {
      if (openAanbod(s)) return 'er staat al een aanbod open: leg eerst de reactie of de afkeuring vast';
      const eerder = s.aanbiedingen.find((a) => a.woning.id === input.woning.id && a.resultaat !== 'open');
      if (eerder) return `woning ${input.woning.referentie} is in deze casus al aangeboden (${eerder.resultaat})`;
      return (
        weigeringen(toetsAanbod(s, input.woning, input))
          .map((v) => `${v.regel}: ${v.redenen.join(', ')}`)
          .join('; ') || undefined
      );
    },
    apply: (d, input) => {
      d.aanbiedingen.push({
        nummer: d.aanbiedingen.length + 1,
        woning: input.woning,
        aanbodDatum: input.aanbodDatum,
        bezichtigingOp: input.bezichtigingOp,
        resultaat: 'open',
        toetsen: toetsAanbod(d, input.woning, input),
      });
    },
    summary: (i, s) => ({
      nummer: s.aanbiedingen.length,
      woning: i.woning.id,
      woningReferentie: i.woning.referentie,
      woonvorm: i.woning.woonvorm,
      toetsen: s.aanbiedingen.at(-1)?.toetsen.map((t) => ({ regel: t.regel, uitkomst: t.uitkomst })),
    }),
  },
  reactie: {
    fasen: ['aanbod'],
    rollen: { verhuurmedewerker: 'corporatie' },
    check: (s, input) => {
      if (!openAanbod(s)) return 'er staat geen aanbod open';
      if (input.besluit === 'weigert' && !input.reden) return 'een weigering vraagt een reden';
      return undefined;
    },
    apply: (d, input) => {
      const aanbod = openAanbod(d)!;
      aanbod.resultaat = input.besluit === 'accepteert' ? 'geaccepteerd' : 'geweigerd';
      aanbod.reden = input.reden;
      if (input.besluit === 'accepteert') d.fase = 'toewijzing';
    },
    summary: (i, s) => ({ besluit: i.besluit, aanbod: s.aanbiedingen.length }),
  },
  aanbod_afgekeurd: {
    fasen: ['aanbod'],
    rollen: { verhuurmedewerker: 'corporatie' },
    check: (s) => (openAanbod(s) ? undefined : 'er staat geen aanbod open'),
    apply: (d, input) => {
      const aanbod = openAanbod(d)!;
      aanbod.resultaat = 'afgekeurd';
      aanbod.reden = input.reden;
    },
    summary: (_i, s) => ({ aanbod: s.aanbiedingen.length }),
  },
  doorgeleiding: {
    fasen: ['woonvorm', 'aanbod'],
    rollen: (s) => (s.fase === 'woonvorm' ? { zorgmedewerker: 'zorginstelling' } : { verhuurmedewerker: 'corporatie' }),
    check: (s, input) => {
      if (s.route === 'regulier') return 'de casus is al doorgeleid naar de reguliere route';
      if (openAanbod(s)) return 'er staat een aanbod open: leg eerst de reactie of de afkeuring vast';
      const corporatie = s.partijen.corporatie?.organisatie;
      if (corporatie && corporatie !== input.contactpersoon.organisatie) {
        return `de contactpersoon moet werken bij de corporatie van deze casus (${corporatie})`;
      }
      return undefined;
    },
    apply: (d, input) => {
      const advies = d.zorg ? doorgeleidingsAdvies(adviseerWoonvorm({ aanmelding: d.aanmelding, vraag: d.vraag, zorg: d.zorg })) : undefined;
      d.doorgeleiding = { ...input, fase: d.fase, advies };
      d.route = 'regulier';
      d.partijen.corporatie ??= { organisatie: input.contactpersoon.organisatie };
      d.fase = 'persoonlijk_contact';
    },
    summary: (_i, s) => ({ vanuitFase: s.doorgeleiding?.fase, corporatie: s.partijen.corporatie?.organisatie }),
  },
  persoonlijk_contact: {
    fasen: ['persoonlijk_contact'],
    rollen: { verhuurmedewerker: 'corporatie' },
    apply: (d, input) => {
      d.persoonlijkContact = input;
      d.fase = 'aanbod';
    },
    summary: (i) => ({ datum: i.datum }),
  },
  toewijzing: {
    fasen: ['toewijzing'],
    rollen: { verhuurmedewerker: 'corporatie' },
    check: (s, input) =>
      input.contractvorm === 'onderverhuur_door_zorg' && !s.partijen.zorginstelling
        ? 'onderverhuur door de zorgorganisatie vraagt een zorginstelling in de casus'
        : undefined,
    apply: (d, input) => {
      d.toewijzing = { ...input, toewijzer: toewijzerFor[input.contractvorm] };
      d.fase = 'warme_overdracht';
    },
    summary: (i) => ({ contractvorm: i.contractvorm, toewijzer: toewijzerFor[i.contractvorm], ingangsdatum: i.ingangsdatum }),
  },
  overdracht: {
    fasen: ['warme_overdracht'],
    rollen: { zorgmedewerker: 'zorginstelling', verhuurmedewerker: 'corporatie', consulent: 'wijkteam' },
    apply: (d, input) => {
      // Changed content must be confirmed again by both sides.
      d.overdracht = input;
      d.bevestigd = {};
    },
    summary: (i) => ({
      begeleidingsafspraken: i.begeleidingsafspraken.length,
      contactpersonen: i.contactpersonen.length,
      signaleringsafspraken: i.signaleringsafspraken.length,
    }),
  },
  overdracht_bevestiging: {
    fasen: ['warme_overdracht'],
    rollen: { zorgmedewerker: 'zorginstelling', consulent: 'wijkteam', verhuurmedewerker: 'corporatie' },
    check: (s, _input, actor) => {
      if (!s.overdracht) return 'er is nog geen overdracht vastgelegd om te bevestigen';
      const kant = actor.rol === 'verhuurmedewerker' ? 'verhuur' : 'zorg';
      return s.bevestigd[kant] ? `de ${kant}kant heeft de overdracht al bevestigd` : undefined;
    },
    apply: (d, _input, actor, now) => {
      d.bevestigd[actor.rol === 'verhuurmedewerker' ? 'verhuur' : 'zorg'] = now;
      if (overdrachtComplete(d)) d.fase = 'nazorg';
    },
    summary: (_i, s) => ({ zorg: Boolean(s.bevestigd.zorg), verhuur: Boolean(s.bevestigd.verhuur) }),
  },
  kennismakingsgesprek: {
    fasen: ['warme_overdracht'],
    rollen: { verhuurmedewerker: 'corporatie' },
    check: (s) => (s.kennismakingsgesprek ? 'het kennismakingsgesprek is al vastgelegd' : undefined),
    apply: (d, input) => {
      d.kennismakingsgesprek = input;
      if (overdrachtComplete(d)) d.fase = 'nazorg';
    },
    summary: (i) => ({ datum: i.datum, verwachtingenBesproken: i.verwachtingenBesproken }),
  },
  nazorg: {
    fasen: ['nazorg'],
    rollen: { consulent: 'wijkteam', zorgmedewerker: 'zorginstelling' },
    apply: (d, input, _actor, now) => {
      d.nazorg.push(input);
      if (input.uitkomst === 'stabiel') close(d, 'gehuisvest', now);
    },
    summary: (i) => ({ uitkomst: i.uitkomst }),
  },
  verwijzing: {
    fasen: ['zorg', 'woonvorm'],
    rollen: { zorgmedewerker: 'zorginstelling' },
    apply: (d, input, _actor, now) => close(d, 'verwezen', now, input.reden),
    summary: () => ({ naar: 'wlz_intramuraal' }),
  },
  intrekking: {
    fasen: 'open',
    rollen: { consulent: 'wijkteam', zorgmedewerker: 'zorginstelling', verhuurmedewerker: 'corporatie' },
    apply: (d, input, _actor, now) => close(d, 'ingetrokken', now, input.reden),
    summary: () => ({}),
  },
  opschorting: {
    fasen: normFasen,
    rollen: partiesInCase,
    check: (s) => (openOpschorting(s) ? 'de casus is al opgeschort' : undefined),
    apply: (d, input, _actor, now) => {
      d.opschortingen = [...(d.opschortingen ?? []), { nr: d.version + 1, van: now, reden: input.reden, toelichting: input.toelichting }];
    },
    summary: (i) => ({ reden: i.reden }),
  },
  hervatting: {
    fasen: 'open',
    rollen: partiesInCase,
    check: (s) => (openOpschorting(s) ? undefined : 'de casus is niet opgeschort'),
    apply: (d, _input, _actor, now) => {
      const open = openOpschorting(d);
      if (open) open.tot = now;
    },
    summary: () => ({}),
  },
  verlenging: {
    fasen: normFasen,
    rollen: partiesInCase,
    check: (s) => (s.termijn?.fase === s.fase && s.termijn.verlenging ? `de norm van fase ${s.fase} is al eens verlengd` : undefined),
    apply: (d, input, actor, now) => {
      d.termijn = { ...(d.termijn ?? { fase: d.fase, sinds: d.updatedAt, nr: d.version }), verlenging: { ...input, rol: actor.rol, at: now } };
    },
    summary: (i) => ({ werkdagen: i.werkdagen }),
  },
};

function rolesFor(step: StepName, state: CaseState): Partial<Record<Rol, PartyKey>> {
  const r = specs[step].rollen;
  return typeof r === 'function' ? r(state) : r;
}

function faseAllows(step: StepName, state: CaseState): boolean {
  const f = specs[step].fasen;
  return f === 'open' ? state.status === 'lopend' : f.includes(state.fase);
}

/** Why `req` may not be recorded now, or undefined when it may. Never mutates. */
export function rejectStep(state: CaseState, req: StepRequest): StepRejection | undefined {
  const { step, actor } = req;
  const reject = (kind: RejectionKind, message: string) => ({ kind, message, fase: state.fase });
  if (state.status === 'afgesloten') return reject('closed', `de casus is afgesloten (${state.uitkomst})`);
  if (!faseAllows(step, state)) return reject('out_of_turn', `stap ${step} kan niet in fase ${state.fase}`);
  const party = rolesFor(step, state)[actor.rol];
  if (!party) return reject('forbidden', `stap ${step} wordt niet vastgelegd door de rol ${actor.rol}`);
  const current = state.partijen[party]?.organisatie;
  if (current && current !== actor.organisatie) {
    return reject('forbidden', `stap ${step} is voor de ${party} van deze casus, niet voor organisatie ${actor.organisatie}`);
  }
  const spec = specs[step] as StepSpec<StepName>;
  const problem = spec.check?.(state, req.input, actor);
  return problem ? reject('rule', problem) : undefined;
}

function touchParty(draft: Draft, party: PartyKey, actor: Actor) {
  const current: CaseParty = draft.partijen[party] ?? { organisatie: actor.organisatie };
  current.contactpersoon ??= actor.id;
  draft.partijen[party] = current;
}

/** Records an accepted step. Call only after `rejectStep` returned undefined. */
export function applyStep(state: CaseState, req: StepRequest, now: string): { state: CaseState; event: CaseEvent } {
  const spec = specs[req.step] as StepSpec<StepName>;
  const draft: Draft = JSON.parse(JSON.stringify(state));
  const party = rolesFor(req.step, state)[req.actor.rol];
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
  return input.actor.rol === 'consulent' ? undefined : 'een aanmelding wordt gedaan door een consulent van het wijkteam';
}

export interface Turn {
  fase: Fase;
  /** Steps that may be recorded now, each with the roles that may record it and for which organisation (if known). */
  stappen: Array<{ step: StepName; rollen: Array<{ rol: Rol; organisatie?: string | undefined }> }>;
  /** Who the case is waiting on, for people and reports. */
  wachtOp: Array<{ rol: Rol; organisatie?: string | undefined }>;
}

/** Steps that move the case forward; the others (intrekking, verwijzing, ...) are exits or corrections. */
const progressSteps: readonly StepName[] = [
  'vraag',
  'zorg',
  'woonvorm',
  'buurt',
  'persoonlijk_contact',
  'aanbod',
  'reactie',
  'toewijzing',
  'overdracht',
  'overdracht_bevestiging',
  'kennismakingsgesprek',
  'nazorg',
];

/** Whether a step is impossible in this state whatever its input or actor. */
function isStateBlocked(step: StepName, s: CaseState): boolean {
  switch (step) {
    case 'aanbod':
      return Boolean(openAanbod(s));
    case 'reactie':
    case 'aanbod_afgekeurd':
      return !openAanbod(s);
    case 'doorgeleiding':
      return s.route === 'regulier' || Boolean(openAanbod(s));
    case 'overdracht':
      return Boolean(s.overdracht);
    case 'overdracht_bevestiging':
      return !s.overdracht || Boolean(s.bevestigd.zorg && s.bevestigd.verhuur);
    case 'kennismakingsgesprek':
      return Boolean(s.kennismakingsgesprek);
    case 'opschorting':
      return Boolean(openOpschorting(s));
    case 'hervatting':
      return !openOpschorting(s);
    case 'verlenging':
      return Boolean(s.termijn?.fase === s.fase && s.termijn.verlenging);
    default:
      return false;
  }
}

/** What may happen next and on whom the case waits: derived from the same specs the workflow enforces. */
export function turnOf(state: CaseState): Turn {
  const stappen: Turn['stappen'] = [];
  for (const step of Object.keys(specs) as StepName[]) {
    if (!faseAllows(step, state)) continue;
    // An overdracht may always be corrected; it is only not *waited on* once recorded.
    if (step !== 'overdracht' && isStateBlocked(step, state)) continue;
    const rollen = Object.entries(rolesFor(step, state)).map(([rol, party]) => ({
      rol: rol as Rol,
      organisatie: state.partijen[party as PartyKey]?.organisatie,
    }));
    stappen.push({ step, rollen });
  }
  const wachtOp = new Map<Rol, { rol: Rol; organisatie?: string | undefined }>();
  for (const s of stappen) {
    if (!progressSteps.includes(s.step) || (s.step === 'overdracht' && state.overdracht)) continue;
    for (const r of s.rollen) {
      if (s.step === 'overdracht_bevestiging') {
        const kant = r.rol === 'verhuurmedewerker' ? 'verhuur' : 'zorg';
        if (state.bevestigd[kant]) continue;
        // The care side confirms through the zorginstelling when there is one.
        if (r.rol === 'consulent' && state.partijen.zorginstelling) continue;
      }
      if (s.step === 'overdracht' && r.rol === 'consulent' && state.partijen.zorginstelling) continue;
      wachtOp.set(r.rol, r);
    }
  }
  return { fase: state.fase, stappen, wachtOp: [...wachtOp.values()] };
}

/** What a step does to the woningaanbod: reserve before the step is recorded, release or let after. */
export interface WoningEffect {
  kind: 'reserveer' | 'geef_vrij' | 'verhuur';
  woningId: string;
  version: number;
}

/**
 * Side effects on woningen, derived from the step and the state before and
 * after it. A reservation must succeed before the aanbod is recorded (so one
 * woning is never offered to two cases); releases follow the recorded step.
 */
export function woningEffecten(before: CaseState, req: StepRequest, after?: CaseState): { voor: WoningEffect[]; na: WoningEffect[] } {
  const open = openAanbod(before);
  const effect = (kind: WoningEffect['kind'], a: { woning: { id: string; version: number } }): WoningEffect => ({
    kind,
    woningId: a.woning.id,
    version: a.woning.version,
  });
  if (req.step === 'aanbod') return { voor: [effect('reserveer', req.input as { woning: { id: string; version: number } })], na: [] };
  if (!after) return { voor: [], na: [] };
  if (open) {
    const nu = after.aanbiedingen.find((a) => a.nummer === open.nummer);
    if (nu && (nu.resultaat === 'geweigerd' || nu.resultaat === 'afgekeurd')) return { voor: [], na: [effect('geef_vrij', nu)] };
    if (after.status === 'afgesloten' && nu?.resultaat === 'open') return { voor: [], na: [effect('geef_vrij', nu)] };
  }
  if (req.step === 'toewijzing') {
    const geaccepteerd = after.aanbiedingen.find((a) => a.resultaat === 'geaccepteerd');
    if (geaccepteerd) return { voor: [], na: [effect('verhuur', geaccepteerd)] };
  }
  // A case withdrawn after acceptance but before toewijzing gives its woning back.
  if (after.status === 'afgesloten' && !after.toewijzing) {
    const geaccepteerd = after.aanbiedingen.find((a) => a.resultaat === 'geaccepteerd');
    if (geaccepteerd) return { voor: [], na: [effect('geef_vrij', geaccepteerd)] };
  }
  return { voor: [], na: [] };
}
