import { toetsAanbod, weigeringen } from '../rules/aanbod-toetsen';
import { amsterdamDatum } from '../rules/kalenderdatum';
import { regels14 } from '../rules/regelset';
import { omklapOpen, omklapProbleem, planNazorg, vroegeAfsluiting } from '../rules/nazorg';
import { woonvormBezwaren } from '../rules/woonvorm';
import { adviseerWoonvorm, doorgeleidingsAdvies } from '../rules/woonvorm-advies';
import { type Actor, type CaseState, type Fase, normFasen, type Rol, type StepInputs, type StepName } from '../types';

/**
 * The step table: each step declares in which fasen it may be recorded, by which
 * roles (each acting for its own party of the case), when the state alone blocks
 * it, what else its input must satisfy, what it changes and what the audit keeps.
 * Rejecting, applying and "whose turn is it" (reducer.ts, turn.ts) all derive from it.
 */

export type PartyKey = 'wijkteam' | 'zorginstelling' | 'corporatie';

export interface StepSpec<S extends StepName> {
  fasen: readonly Fase[] | 'open';
  rollen: Partial<Record<Rol, PartyKey>> | ((state: CaseState) => Partial<Record<Rol, PartyKey>>);
  /** Why this actor may not record this input (403), e.g. who allocates follows the contractvorm. */
  mag?: (state: CaseState, input: StepInputs[S], actor: Actor) => string | undefined;
  /**
   * The step is its side's own first step and so may take a side the case has not named yet
   * (zorg/verwijzing for the zorginstelling, buurt for the corporatie). Every other step is
   * only for parties already in the case: nobody becomes a party by withdrawing or pausing it.
   */
  claims?: true;
  /** Why the state rules the step out whatever its input or actor; also hides it from the turn. */
  blocked?: (state: CaseState) => string | undefined;
  check?: (state: CaseState, input: StepInputs[S], actor: Actor) => string | undefined;
  apply: (draft: CaseState, input: StepInputs[S], actor: Actor, now: string) => void;
  summary: (input: StepInputs[S], after: CaseState) => Record<string, unknown>;
}

export const openAanbod = (s: CaseState) => s.aanbiedingen.find((a) => a.resultaat === 'open');
export const openOpschorting = (s: CaseState) => s.opschortingen?.find((o) => !o.tot);

function close(draft: CaseState, uitkomst: NonNullable<CaseState['uitkomst']>, now: string, reden?: string) {
  draft.status = 'afgesloten';
  draft.fase = 'afgesloten';
  draft.uitkomst = uitkomst;
  draft.uitkomstReden = reden;
  draft.closedAt = now;
}

function overdrachtComplete(s: CaseState): boolean {
  return Boolean(s.overdracht && s.bevestigd.zorg && s.bevestigd.verhuur && s.kennismakingsgesprek);
}

export const toewijzerFor = {
  rechtstreeks: 'huisvester',
  rechtstreeks_met_afspraken: 'in_afstemming',
  onderverhuur_door_zorg: 'zorgorganisatie',
} as const;

/**
 * Spoed with no zorginstelling in the case: the corporatie and the gemeente act,
 * zorg has no direct role [003:636-653]. The wijkteam records the woonvorm and
 * there is no zorg step (regelset 2).
 */
export const spoedZonderZorg = (s: CaseState) =>
  regels14(s) && s.aanmelding.deelgroep === 'spoed' && !s.partijen.zorginstelling;
/** Zorg and woonvorm are the zorginstelling's, or the wijkteam's for spoed without one. */
const zorgkant = (s: CaseState): Partial<Record<Rol, PartyKey>> =>
  spoedZonderZorg(s) ? { consulent: 'wijkteam' } : { zorgmedewerker: 'zorginstelling' };

/** When the toewijzing was recorded: kept since regelset 2, else the start of the warme overdracht it opened. */
const toewijzingVastgelegd = (s: CaseState) =>
  s.toewijzing?.vastgelegdOp ?? (s.termijn?.fase === 'warme_overdracht' ? s.termijn.sinds : undefined);

/**
 * The kennismakingsgesprek follows the formal toewijzing and comes before the
 * move [002:933-938]; it is the goede gesprek between bewoner, zorgorganisatie
 * and huisvester about verwachtingen [004:493-499].
 */
function kennismakingProbleem(s: CaseState, input: StepInputs['kennismakingsgesprek']): string | undefined {
  const problemen: string[] = [];
  const vastgelegd = toewijzingVastgelegd(s);
  if (vastgelegd && input.datum < amsterdamDatum(vastgelegd)) {
    problemen.push(`datum: het gesprek volgt op de toewijzing (vastgelegd op ${amsterdamDatum(vastgelegd)})`);
  }
  if (s.toewijzing && input.datum > s.toewijzing.ingangsdatum) {
    problemen.push(
      `datum: het gesprek is vóór de verhuizing, uiterlijk op de ingangsdatum van het huurcontract (${s.toewijzing.ingangsdatum})`,
    );
  }
  const nodig: Array<'bewoner' | 'zorg' | 'verhuurder'> = [
    'bewoner',
    'verhuurder',
    ...(s.partijen.zorginstelling ? ['zorg' as const] : []),
  ];
  const ontbreekt = nodig.filter((d) => !input.deelnemers?.includes(d));
  if (ontbreekt.length)
    problemen.push(
      `deelnemers: ${ontbreekt.join(', ')} ${ontbreekt.length > 1 ? 'ontbreken' : 'ontbreekt'}; het gesprek is tussen bewoner, zorg en verhuurder`,
    );
  return problemen.join('; ') || undefined;
}

const aanbodOpen = (s: CaseState) =>
  openAanbod(s) ? 'er staat al een aanbod open: leg eerst de reactie of de afkeuring vast' : undefined;
const geenAanbodOpen = (s: CaseState) => (openAanbod(s) ? undefined : 'er staat geen aanbod open');
const bevestigingsKant = (actor: Actor) => (actor.rol === 'verhuurmedewerker' ? 'verhuur' : 'zorg');

/** Each role for its own party; steps without `claims` leave out the sides not named yet. */
const everyParty = {
  consulent: 'wijkteam',
  zorgmedewerker: 'zorginstelling',
  verhuurmedewerker: 'corporatie',
} as const;

export const specs: { [S in StepName]: StepSpec<S> } = {
  vraag: {
    fasen: ['vraag'],
    rollen: { consulent: 'wijkteam' },
    apply: (d, input) => {
      d.vraag = input;
      d.fase = spoedZonderZorg(d) ? 'woonvorm' : 'zorg';
    },
    summary: (i) => ({ perspectief: i.perspectief, meting: i.meting?.instrument ?? null }),
  },
  zorg: {
    fasen: ['zorg'],
    // A spoed case without a zorginstelling that was in this fase before regelset 2: the wijkteam may record it.
    rollen: (s) =>
      spoedZonderZorg(s)
        ? { consulent: 'wijkteam', zorgmedewerker: 'zorginstelling' }
        : { zorgmedewerker: 'zorginstelling' },
    claims: true,
    apply: (d, input) => {
      d.zorg = input;
      d.fase = 'woonvorm';
    },
    summary: () => ({ vastgelegd: 'zorg' }),
  },
  woonvorm: {
    fasen: ['woonvorm'],
    rollen: zorgkant,
    check: (s, input) =>
      woonvormBezwaren(s.aanmelding, s.vraag, s.zorg, input.woonvorm, s.regelset).join('; ') || undefined,
    apply: (d, input) => {
      const advies =
        d.zorg || spoedZonderZorg(d)
          ? adviseerWoonvorm({ aanmelding: d.aanmelding, vraag: d.vraag, zorg: d.zorg, regelset: d.regelset })
          : undefined;
      const gekozen = advies?.opties.find((o) => o.woonvorm === input.woonvorm)?.uitkomst;
      d.woonvorm = {
        ...input,
        advies:
          advies && gekozen && gekozen !== 'uitgesloten'
            ? // The whole verdict with its version, so the choice can be explained later as it was made.
              { regel: advies.regel, aanbevolen: advies.aanbevolen, gekozen, opties: advies.opties }
            : undefined,
      };
      d.fase = 'buurt';
    },
    summary: (i) => ({ woonvorm: i.woonvorm }),
  },
  buurt: {
    fasen: ['buurt'],
    rollen: { verhuurmedewerker: 'corporatie' },
    claims: true,
    apply: (d, input) => {
      d.buurt = input;
      d.fase = 'aanbod';
    },
    summary: (i) => ({ buurtcode: i.buurtcode, opgave: i.opgave }),
  },
  aanbod: {
    fasen: ['aanbod'],
    rollen: { verhuurmedewerker: 'corporatie' },
    blocked: aanbodOpen,
    check: (s, input) => {
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
    blocked: geenAanbodOpen,
    check: (_s, input) => (input.besluit === 'weigert' && !input.reden ? 'een weigering vraagt een reden' : undefined),
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
    blocked: geenAanbodOpen,
    apply: (d, input) => {
      const aanbod = openAanbod(d)!;
      aanbod.resultaat = 'afgekeurd';
      aanbod.reden = input.reden;
    },
    summary: (_i, s) => ({ aanbod: s.aanbiedingen.length }),
  },
  doorgeleiding: {
    fasen: ['woonvorm', 'aanbod'],
    rollen: (s) => (s.fase === 'woonvorm' ? zorgkant(s) : { verhuurmedewerker: 'corporatie' }),
    blocked: (s) => {
      if (s.route === 'regulier') return 'de casus is al doorgeleid naar de reguliere route';
      if (openAanbod(s)) return 'er staat een aanbod open: leg eerst de reactie of de afkeuring vast';
      return undefined;
    },
    check: (s, input) => {
      const corporatie = s.partijen.corporatie?.organisatie;
      if (corporatie && corporatie !== input.contactpersoon.organisatie) {
        return `de contactpersoon moet werken bij de corporatie van deze casus (${corporatie})`;
      }
      return undefined;
    },
    apply: (d, input) => {
      const advies = d.zorg
        ? doorgeleidingsAdvies(
            adviseerWoonvorm({ aanmelding: d.aanmelding, vraag: d.vraag, zorg: d.zorg, regelset: d.regelset }),
          )
        : undefined;
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
      // The fixed order weighs the buurt before the aanbod, on the regular route too [003 ch.6].
      d.fase = regels14(d) && !d.buurt ? 'buurt' : 'aanbod';
    },
    summary: (i) => ({ datum: i.datum }),
  },
  toewijzing: {
    fasen: ['toewijzing'],
    rollen: (s) =>
      regels14(s) && s.partijen.zorginstelling
        ? { verhuurmedewerker: 'corporatie', zorgmedewerker: 'zorginstelling' }
        : { verhuurmedewerker: 'corporatie' },
    // Who allocates follows the contractvorm: with onderverhuur the zorgorganisatie [004:1646-1651, 1769-1775].
    mag: (s, input, actor) => {
      if (!regels14(s)) return undefined;
      const toewijzer = input.contractvorm === 'onderverhuur_door_zorg' ? 'zorgmedewerker' : 'verhuurmedewerker';
      return actor.rol === toewijzer
        ? undefined
        : `bij contractvorm ${input.contractvorm} legt de ${toewijzer} de toewijzing vast (${toewijzerFor[input.contractvorm]} wijst toe)`;
    },
    check: (s, input) =>
      input.contractvorm === 'onderverhuur_door_zorg' && !s.partijen.zorginstelling
        ? 'onderverhuur door de zorgorganisatie vraagt een zorginstelling in de casus'
        : omklapProbleem(input),
    apply: (d, input, _actor, now) => {
      const { nazorgAfspraak, ...toewijzing } = input;
      d.toewijzing = {
        ...toewijzing,
        toewijzer: toewijzerFor[input.contractvorm],
        ...(regels14(d) ? { vastgelegdOp: now } : {}),
      };
      // Toewijzingen recorded before nazorg@1 carry no afspraak: their nazorg runs as it did.
      if (nazorgAfspraak) d.nazorgPlan = planNazorg({ ...input, nazorgAfspraak });
      d.fase = 'warme_overdracht';
    },
    summary: (i) => ({
      contractvorm: i.contractvorm,
      toewijzer: toewijzerFor[i.contractvorm],
      ingangsdatum: i.ingangsdatum,
      ...(i.omklapdatum ? { omklapdatum: i.omklapdatum } : {}),
    }),
  },
  overdracht: {
    // An overdracht may always be corrected; turn.ts only stops waiting on it once recorded.
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
    blocked: (s) => {
      if (!s.overdracht) return 'er is nog geen overdracht vastgelegd om te bevestigen';
      if (s.bevestigd.zorg && s.bevestigd.verhuur) return 'beide kanten hebben de overdracht al bevestigd';
      return undefined;
    },
    check: (s, _input, actor) => {
      const kant = bevestigingsKant(actor);
      return s.bevestigd[kant] ? `de ${kant}kant heeft de overdracht al bevestigd` : undefined;
    },
    apply: (d, _input, actor, now) => {
      d.bevestigd[bevestigingsKant(actor)] = now;
      if (overdrachtComplete(d)) d.fase = 'nazorg';
    },
    summary: (_i, s) => ({ zorg: Boolean(s.bevestigd.zorg), verhuur: Boolean(s.bevestigd.verhuur) }),
  },
  kennismakingsgesprek: {
    fasen: ['warme_overdracht'],
    rollen: { verhuurmedewerker: 'corporatie' },
    blocked: (s) => (s.kennismakingsgesprek ? 'het kennismakingsgesprek is al vastgelegd' : undefined),
    check: (s, input) => (regels14(s) ? kennismakingProbleem(s, input) : undefined),
    apply: (d, input) => {
      d.kennismakingsgesprek = input;
      if (overdrachtComplete(d)) d.fase = 'nazorg';
    },
    summary: (i) => ({
      datum: i.datum,
      verwachtingenBesproken: i.verwachtingenBesproken,
      ...(i.deelnemers ? { deelnemers: i.deelnemers } : {}),
    }),
  },
  nazorg: {
    fasen: ['nazorg'],
    rollen: { consulent: 'wijkteam', zorgmedewerker: 'zorginstelling' },
    apply: (d, input, _actor, now) => {
      d.nazorg.push(input);
      // Under nazorg@1 a follow-up is a moment, not the end: nazorg_afsluiting closes [003:64-69].
      if (input.uitkomst === 'stabiel' && !d.nazorgPlan) close(d, 'gehuisvest', now);
    },
    summary: (i) => ({ uitkomst: i.uitkomst }),
  },
  ondersteuning: {
    // Housing First: support scales up or down and the person stays in the home [003:64-69, 002:1232-1233].
    fasen: ['nazorg'],
    rollen: { consulent: 'wijkteam', zorgmedewerker: 'zorginstelling' },
    apply: (d, input, actor, now) => {
      d.ondersteuning = [...(d.ondersteuning ?? []), { ...input, rol: actor.rol, at: now }];
    },
    summary: (i) => ({ richting: i.richting }),
  },
  omklap: {
    // Intermediaire verhuur: after the agreed period the contract goes over to the resident [001:248, 004:1646-1651].
    fasen: ['nazorg'],
    rollen: { zorgmedewerker: 'zorginstelling', verhuurmedewerker: 'corporatie' },
    blocked: (s) =>
      s.nazorgPlan?.omklap
        ? omklapOpen(s)
          ? undefined
          : 'het contract is al omgeklapt naar de bewoner'
        : 'er is geen omklap afgesproken: die hoort bij onderverhuur door de zorgorganisatie',
    check: (s, input) => {
      const o = s.nazorgPlan!.omklap!;
      if (input.besluit === 'verlengd' && input.datum <= o.op)
        return `datum: een verlenging schuift de omklap op, na de afgesproken datum (${o.op})`;
      if (input.besluit === 'omgeklapt' && s.toewijzing && input.datum < s.toewijzing.ingangsdatum)
        return `datum: niet vóór de ingangsdatum van het huurcontract (${s.toewijzing.ingangsdatum})`;
      return undefined;
    },
    apply: (d, input, _actor, now) => {
      const o = d.nazorgPlan!.omklap!;
      if (input.besluit === 'omgeklapt') o.omgeklaptOp = input.datum;
      else {
        o.verlengingen.push({ van: o.op, naar: input.datum, reden: input.reden ?? '', at: now });
        o.op = input.datum;
        o.nr += 1;
      }
    },
    summary: (i) => ({ besluit: i.besluit, datum: i.datum }),
  },
  nazorg_afsluiting: {
    // Gehuisvest after the agreed follow-up, or earlier with a reason.
    fasen: ['nazorg'],
    rollen: { consulent: 'wijkteam', zorgmedewerker: 'zorginstelling' },
    blocked: (s) =>
      s.nazorgPlan ? undefined : 'deze casus kent geen afgesproken vervolg: leg nazorg vast met uitkomst stabiel',
    check: (s, input) => {
      const vroeg = vroegeAfsluiting(s);
      return vroeg && !input.reden ? `reden: eerder afsluiten vraagt een reden, want ${vroeg}` : undefined;
    },
    apply: (d, input, _actor, now) => close(d, 'gehuisvest', now, input.reden),
    summary: (i, s) => ({ metReden: Boolean(i.reden), vervolgmomenten: s.nazorgPlan?.momenten.length ?? 0 }),
  },
  verwijzing: {
    fasen: ['zorg', 'woonvorm'],
    rollen: { zorgmedewerker: 'zorginstelling' },
    claims: true,
    apply: (d, input, _actor, now) => close(d, 'verwezen', now, input.reden),
    summary: () => ({ naar: 'wlz_intramuraal' }),
  },
  intrekking: {
    fasen: 'open',
    rollen: everyParty,
    apply: (d, input, _actor, now) => close(d, 'ingetrokken', now, input.reden),
    summary: () => ({}),
  },
  opschorting: {
    fasen: normFasen,
    rollen: everyParty,
    blocked: (s) => (openOpschorting(s) ? 'de casus is al opgeschort' : undefined),
    apply: (d, input, _actor, now) => {
      d.opschortingen = [
        ...(d.opschortingen ?? []),
        { nr: d.version + 1, van: now, reden: input.reden, toelichting: input.toelichting },
      ];
    },
    summary: (i) => ({ reden: i.reden }),
  },
  hervatting: {
    fasen: 'open',
    rollen: everyParty,
    blocked: (s) => (openOpschorting(s) ? undefined : 'de casus is niet opgeschort'),
    apply: (d, _input, _actor, now) => {
      const open = openOpschorting(d);
      if (open) open.tot = now;
    },
    summary: () => ({}),
  },
  verlenging: {
    fasen: normFasen,
    rollen: everyParty,
    blocked: (s) =>
      s.termijn?.fase === s.fase && s.termijn.verlenging ? `de norm van fase ${s.fase} is al eens verlengd` : undefined,
    apply: (d, input, actor, now) => {
      d.termijn = {
        ...(d.termijn ?? { fase: d.fase, sinds: d.updatedAt, nr: d.version }),
        verlenging: { ...input, rol: actor.rol, at: now },
      };
    },
    summary: (i) => ({ werkdagen: i.werkdagen }),
  },
};

export function specOf(step: StepName): StepSpec<StepName> {
  return specs[step] as StepSpec<StepName>;
}

/** For which party each role records `step`, whether or not that side is named yet. */
export function partyRolesFor(step: StepName, state: CaseState): Partial<Record<Rol, PartyKey>> {
  const r = specs[step].rollen;
  return typeof r === 'function' ? r(state) : r;
}

/**
 * Who may record `step` now: the roles of the table, less the sides the case has not
 * named yet unless the step `claims` one. `anySideOpen` is the rule before claims existed,
 * for re-checking steps an earlier validator accepted (see rejectStep).
 */
export function rolesFor(step: StepName, state: CaseState, anySideOpen = false): Partial<Record<Rol, PartyKey>> {
  const roles = partyRolesFor(step, state);
  // Under routing no step takes a side: it is accepted or assigned (verdeling.ts).
  if (!state.verdeling && (specs[step].claims || anySideOpen)) return roles;
  return Object.fromEntries(Object.entries(roles).filter(([, party]) => state.partijen[party])) as Partial<
    Record<Rol, PartyKey>
  >;
}

export function faseAllows(step: StepName, state: CaseState): boolean {
  const f = specs[step].fasen;
  return f === 'open' ? state.status === 'lopend' : f.includes(state.fase);
}
