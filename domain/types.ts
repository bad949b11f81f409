import type { JaarParameters } from './rules/parameters';
import type { Regelset } from './rules/regelset';

// Shared vocabulary of a case. Values are stable API: they are stored in
// workflow histories and the read model, so renaming one breaks running cases.

export const deelgroepen = ['spoed', 'verstoorde_zelfregulering'] as const;
export type Deelgroep = (typeof deelgroepen)[number];

export const doelgroepen = [
  'ghz_vg',
  'ghz_lg',
  'ggz',
  'vv',
  'bw',
  'mo_vo',
  'jeugdzorg_uitstroom',
  'statushouder',
  'urgent',
] as const;
export type Doelgroep = (typeof doelgroepen)[number];

export const wetten = ['wlz', 'wmo', 'zvw', 'geen'] as const;
export type Wet = (typeof wetten)[number];
export const wlzLeveringsvormen = ['zzp', 'vpt', 'mpt', 'pgb'] as const;
export const wmoLeveringsvormen = ['zin', 'pgb'] as const;

export const inkomensgroepen = ['passendheidsgroep', 'midden', 'hoog'] as const;
export type Inkomensgroep = (typeof inkomensgroepen)[number];

export const huidigeSituaties = [
  'thuis',
  'beschermd_wonen',
  'maatschappelijke_opvang',
  'ggz_kliniek',
  'jeugdzorg',
  'azc',
  'zonder_vaste_woonplek',
  'anders',
] as const;

export const zorgvormen = ['op_afspraak', 'op_afroep', '24_uurs_toezicht'] as const;
export type Zorgvorm = (typeof zorgvormen)[number];

export const zorgwoonvormen = [
  'in_de_wijk',
  'geschikt_wonen',
  'beschut_wonen',
  'beschermd_wonen',
  'specifiek_verpleeghuis',
] as const;
export const tijdelijkeWoonvormen = [
  'tijdelijke_verhuur',
  'kamergewijze_verhuur',
  'flexwoning',
  'onzelfstandige_eenheid',
] as const;
export const woonvormen = [...zorgwoonvormen, ...tijdelijkeWoonvormen] as const;
export type Woonvorm = (typeof woonvormen)[number];
/** What a doorgeleide case is housed in: an ordinary accessible home via the corporatie's regular route. */
export const REGULIERE_WOONVORM = 'toegankelijke_woning' as const;

export const opgaven = ['opgave_1_nabij_steunpunt', 'opgave_2_gespikkeld'] as const;
export type Opgave = (typeof opgaven)[number];

/** The woonvormen a corporatie's woning can serve (specifiek verpleeghuis is not a corporatie allocation). */
export const woningWoonvormen = [
  'in_de_wijk',
  'geschikt_wonen',
  'beschut_wonen',
  'beschermd_wonen',
  ...tijdelijkeWoonvormen,
  REGULIERE_WOONVORM,
] as const;
export type WoningWoonvorm = (typeof woningWoonvormen)[number];
/**
 * The building's typering for brandveiligheid (Bouwbesluit, seed 004:1412-1442): a gewone
 * woonfunctie, or a woonfunctie voor zorg as zorgclusterwoning or groepszorgwoning.
 */
export const brandveiligheidTyperingen = ['gewone_woonfunctie', 'zorgclusterwoning', 'groepszorgwoning'] as const;
export type BrandveiligheidTypering = (typeof brandveiligheidTyperingen)[number];
/** The brandmeldinstallatie (BMI) and whether it reports to a regional (RAC) or private (PAC) alarm centre [004:1389-1396]. */
export const brandmeldinstallaties = ['geen', 'zonder_doormelding', 'met_doormelding'] as const;
export type Brandmeldinstallatie = (typeof brandmeldinstallaties)[number];

export const woningStatussen = ['vrij', 'gereserveerd', 'aangeboden', 'verhuurd'] as const;
export type WoningStatus = (typeof woningStatussen)[number];

/** A woning as the rules see it; amounts in euros. Carried in the aanbod so the decision can be explained later. */
export interface WoningSnapshot {
  id: string;
  corporatie: string;
  referentie: string;
  gemeente: string;
  wijk?: string | null | undefined;
  buurtcode: string;
  woonvorm: WoningWoonvorm;
  kamers: number;
  kaleHuur: number;
  servicekosten: number;
  zelfstandig: boolean;
  drempelsOverbrugd: boolean;
  gangbreedteCm: number;
  noodoproep: boolean;
  gemeenschappelijkeRuimte: boolean;
  opgave: Opgave;
  /** yyyy-mm-dd */
  beschikbaarVanaf: string;
  version: number;
  // Absent when not recorded: woningen from before issue 14 items 8 and 11, and aanbiedingen in older histories.
  brandveiligheidTypering?: BrandveiligheidTypering | undefined;
  brandmeldinstallatie?: Brandmeldinstallatie | undefined;
  /** The building's floor area; from 500 m² a woonfunctie voor zorg has stricter requirements [004:1458-1461]. */
  gebouwOppervlakM2?: number | undefined;
  /** The part of the servicekosten that counts for huurtoeslag (subsidiabele servicekosten), euros per month. */
  subsidiabeleServicekosten?: number | undefined;
}

/** The outcome of one rule, with the reasons that decided it and the parameters it used. */
export interface RuleVerdict {
  /** Rule name and version, e.g. `passendheidstoets@2`. */
  regel: string;
  uitkomst: 'voldoet' | 'voldoet_niet' | 'waarschuwing' | 'niet_van_toepassing';
  redenen: string[];
  /** Stable codes of the reasons, one per reden, for pages that word them their own way (where a rule gives them). */
  codes?: string[] | undefined;
  parameters?: Record<string, unknown> | undefined;
}

export const contractvormen = ['rechtstreeks', 'rechtstreeks_met_afspraken', 'onderverhuur_door_zorg'] as const;
export type Contractvorm = (typeof contractvormen)[number];

export const rollen = ['consulent', 'zorgmedewerker', 'verhuurmedewerker'] as const;
export type Rol = (typeof rollen)[number];

/** Where a case stands. `afgesloten` is final. */
export const fasen = [
  'vraag',
  'zorg',
  'woonvorm',
  'buurt',
  'aanbod',
  'persoonlijk_contact',
  'toewijzing',
  'warme_overdracht',
  'nazorg',
  'afgesloten',
] as const;
export type Fase = (typeof fasen)[number];

export const uitkomsten = ['gehuisvest', 'verwezen', 'ingetrokken'] as const;
export type Uitkomst = (typeof uitkomsten)[number];

export type Route = 'zorgwoning' | 'regulier';

export interface Actor {
  /** Pseudonymous user id of the professional. */
  id: string;
  organisatie: string;
  rol: Rol;
}

export interface Aanmelding {
  persoon: {
    /** Pseudonymous reference kept by the wijkteam; never a name or BSN. */
    referentie: string;
    huishoudgrootte: number;
    inkomensgroep: Inkomensgroep;
    /** Yearly household income in euros, when known: the rules then use it instead of the band. */
    inkomen?: number | undefined;
    huidigeSituatie: (typeof huidigeSituaties)[number];
  };
  deelgroep: Deelgroep;
  doelgroep: Doelgroep;
  indicatie: { wet: Wet; leveringsvorm?: string | undefined };
  urgent: boolean;
  gemeente: string;
  zorginstelling?: string | undefined;
  corporatie?: string | undefined;
}

export interface Vraag {
  perspectief: 'eerst_stabiliseren' | 'lange_termijn';
  samenwonen: 'alleen' | 'gedeelde_ruimte';
  nabijLotgenoten: 'ja' | 'nee' | 'geen_voorkeur';
  meting?: { instrument: 'zrm' | 'tax_su'; scores: Record<string, number> } | undefined;
}

export interface Zorg {
  zorgvorm: Zorgvorm;
  steunpuntGewenst: boolean;
  clusteringNodig: boolean;
  richtingen: Array<'flexibel' | 'ambulant' | 'extramuraal' | 'sober' | 'clustering'>;
}

export interface WoonvormKeuze {
  woonvorm: Woonvorm;
  toelichting?: string | undefined;
}

/** One option of the woonvorm advice (domain/rules/woonvorm-advies), as the case keeps it. */
export interface WoonvormAdviesOptie {
  woonvorm: Woonvorm;
  uitkomst: 'aanbevolen' | 'mogelijk' | 'uitgesloten';
  score: number;
  voor: string[];
  bezwaren: string[];
  conflicten: string[];
}

/** What the woonvorm step records besides the choice: the advice as it stood, for later explanation. */
export interface WoonvormBesluit extends WoonvormKeuze {
  advies?:
    | {
        regel: string;
        aanbevolen: Woonvorm[];
        gekozen: 'aanbevolen' | 'mogelijk';
        /** The whole verdict as it stood when chosen (since issue 14 item 13): every option with its reasons. */
        opties?: WoonvormAdviesOptie[] | undefined;
      }
    | undefined;
}

export interface Buurt {
  buurtcode: string;
  opgave: Opgave;
  draagkrachtBesproken: boolean;
  voorlichtingNodig: boolean;
}

/** An aanbod as the workflow receives it: the API looks the woning up and adds what the rules need. */
export interface Aanbod {
  woning: WoningSnapshot;
  /** Date of the aanbod (yyyy-mm-dd); selects the year's rule parameters. */
  aanbodDatum: string;
  bezichtigingOp?: string | undefined;
  /** Placements in the woning's buurt in the draagkracht period, and that period's limits. */
  plaatsingenInBuurt?: number | undefined;
  draagkracht?: { maxPlaatsingen: number; periodeDagen: number } | undefined;
  /** The rule parameter set in force on the aanbod's date, as kept by the beheerder; the built-in sets when absent. */
  parameters?: JaarParameters | undefined;
}

export interface AanbodRecord {
  nummer: number;
  woning: WoningSnapshot;
  aanbodDatum: string;
  bezichtigingOp?: string | undefined;
  resultaat: 'open' | 'geaccepteerd' | 'geweigerd' | 'afgekeurd';
  reden?: string | undefined;
  /** Every rule's verdict at the time of the aanbod, with rule versions and parameters. */
  toetsen: RuleVerdict[];
}

export interface Reactie {
  besluit: 'accepteert' | 'weigert';
  reden?: string | undefined;
}

export interface Doorgeleiding {
  reden: string;
  contactpersoon: { naam: string; organisatie: string };
}

export interface PersoonlijkContact {
  datum: string;
  vervolg: string;
}

export interface Toewijzing {
  contractvorm: Contractvorm;
  ingangsdatum: string;
  /** With onderverhuur door de zorgorganisatie: when the contract goes over to the resident (yyyy-mm-dd). */
  omklapdatum?: string | undefined;
  /** The nazorg follow-up as configured, added by the API (never by a client); absent in toewijzingen before nazorg@1. */
  nazorgAfspraak?: NazorgAfspraak | undefined;
}

/** How nazorg follows a contract up (configuration: env NAZORG_VERVOLG_MAANDEN, OMKLAP_HERINNERING_DAGEN). */
export interface NazorgAfspraak {
  /** Follow-up moments, months after the contract's ingangsdatum (e.g. 3 and 6). */
  vervolgMaanden: number[];
  /** Days before the omklapdatum the reminder goes out. */
  omklapHerinneringDagen: number;
}

/** What nazorg follows, set by the toewijzing (rule nazorg@1). */
export interface NazorgPlan {
  regel: string;
  /** The contract's ingangsdatum. */
  vanaf: string;
  momenten: Array<{ nr: number; maanden: number; op: string }>;
  omklap?:
    | {
        /** The agreed omklapdatum (yyyy-mm-dd); moves with a verlenging. */
        op: string;
        /** Counts verlengingen: each agreed date has its own reminder (key omklap:<nr>). */
        nr: number;
        herinneringDagen: number;
        verlengingen: Array<{ van: string; naar: string; reden: string; at: string }>;
        omgeklaptOp?: string | undefined;
      }
    | undefined;
}

export const ondersteuningsRichtingen = ['opschalen', 'afschalen'] as const;

/** Support scaled up or down in nazorg; the person stays in the home. */
export interface OndersteuningInput {
  richting: (typeof ondersteuningsRichtingen)[number];
  reden: string;
}

/** The omklap: the contract went over to the resident on `datum`, or is extended to `datum` with a reason. */
export interface OmklapInput {
  besluit: 'omgeklapt' | 'verlengd';
  datum: string;
  reden?: string | undefined;
}

/** Closing nazorg; a reason is needed before the agreed follow-up is reached or while the omklap is open. */
export interface NazorgAfsluitingInput {
  reden?: string | undefined;
}

export interface Overdracht {
  woonplek: string;
  begeleidingsafspraken: Array<{ wie: string; wat: string }>;
  contactpersonen: Array<{ rol: string; organisatie: string; naam: string }>;
  signaleringsafspraken: Array<{
    signaal: 'overlast' | 'huurachterstand' | 'zorgmijding' | 'overig';
    afspraak: string;
  }>;
}

export const kennismakingDeelnemers = ['bewoner', 'zorg', 'verhuurder'] as const;

export interface Kennismakingsgesprek {
  datum: string;
  verwachtingenBesproken: boolean;
  /** Who took part; required since regelset 2 (bewoner, verhuurder, and zorg when a zorginstelling is a party). */
  deelnemers?: Array<(typeof kennismakingDeelnemers)[number]> | undefined;
}

export interface Nazorg {
  uitkomst: 'stabiel' | 'ondersteuning_bijgesteld';
  toelichting?: string | undefined;
}

export interface Afsluiting {
  reden: string;
}

/** Why a case's clock stops. Codes, not free text: a reason is often health-related. */
export const opschortingsRedenen = [
  'wacht_op_indicatie',
  'wacht_op_client',
  'opname_of_behandeling',
  'wacht_op_derden',
  'overig',
] as const;
export type OpschortingsReden = (typeof opschortingsRedenen)[number];

export interface OpschortingInput {
  reden: OpschortingsReden;
  toelichting?: string | undefined;
}

export interface VerlengingInput {
  /** Extra werkdagen for the current fase's norm; allowed once per fase. */
  werkdagen: number;
  reden: string;
}

/** Fasen that have a norm; `totaal` is the whole case, aanmelding to nazorg. */
export const normFasen = [
  'vraag',
  'zorg',
  'woonvorm',
  'buurt',
  'aanbod',
  'persoonlijk_contact',
  'toewijzing',
  'warme_overdracht',
] as const;
export type NormFase = (typeof normFasen)[number];

/** The clock of the fase the case is in, as the reducer keeps it. */
export interface Termijn {
  fase: Fase;
  /** When the case entered the fase. */
  sinds: string;
  /** seq of the event that opened the fase. */
  nr: number;
  verlenging?: { werkdagen: number; reden: string; rol: Rol; at: string } | undefined;
}

export interface OpschortingRecord {
  /** seq of the opschorting step */
  nr: number;
  van: string;
  tot?: string | undefined;
  reden: OpschortingsReden;
  toelichting?: string | undefined;
}

/** When the current fase's reminder and escalation are due, worked out by the read-model activity. */
export interface TermijnPlan {
  fase: Fase;
  nr: number;
  normWerkdagen?: number | undefined;
  verlengdWerkdagen?: number | undefined;
  herinneringAt?: string | undefined;
  deadlineAt?: string | undefined;
  /** The whole case's norm (fase `totaal`); absent once the case reached nazorg. */
  totaal?: { normWerkdagen: number; herinneringAt?: string | undefined; deadlineAt?: string | undefined } | undefined;
}

/** A reminder or escalation raised by the case's timers. */
export interface TermijnSignaal {
  caseId: string;
  /** Unique per case, e.g. `escalatie:zorg:7` (soort, fase, nr of the fase's opening event). */
  key: string;
  /** vervolg and omklap: the nazorg timers (rules/nazorg.ts). */
  soort: 'herinnering' | 'escalatie' | 'vervolg' | 'omklap';
  fase: Fase | 'totaal';
  /** The organisation whose turn it is (herinnering) or whose manager is told (escalatie); absent if not known yet. */
  organisatie?: string | undefined;
  rollen: Rol[];
  /** When the norm share or the norm was reached. */
  dueAt: string;
  normWerkdagen: number;
  /** When the workflow raised it. */
  at: string;
}

export type KanaalUitkomst = 'verstuurd' | 'geen_adres' | 'niet_ingesteld';

/** Every step a person can record, by its stable name. */
export interface StepInputs {
  vraag: Vraag;
  zorg: Zorg;
  woonvorm: WoonvormKeuze;
  buurt: Buurt;
  aanbod: Aanbod;
  reactie: Reactie;
  aanbod_afgekeurd: Afsluiting;
  doorgeleiding: Doorgeleiding;
  persoonlijk_contact: PersoonlijkContact;
  toewijzing: Toewijzing;
  overdracht: Overdracht;
  overdracht_bevestiging: Record<string, never>;
  kennismakingsgesprek: Kennismakingsgesprek;
  nazorg: Nazorg;
  ondersteuning: OndersteuningInput;
  omklap: OmklapInput;
  nazorg_afsluiting: NazorgAfsluitingInput;
  verwijzing: Afsluiting;
  intrekking: Afsluiting;
  opschorting: OpschortingInput;
  hervatting: Record<string, never>;
  verlenging: VerlengingInput;
}
export type StepName = keyof StepInputs;
export const stepNames = [
  'vraag',
  'zorg',
  'woonvorm',
  'buurt',
  'aanbod',
  'reactie',
  'aanbod_afgekeurd',
  'doorgeleiding',
  'persoonlijk_contact',
  'toewijzing',
  'overdracht',
  'overdracht_bevestiging',
  'kennismakingsgesprek',
  'nazorg',
  'ondersteuning',
  'omklap',
  'nazorg_afsluiting',
  'verwijzing',
  'intrekking',
  'opschorting',
  'hervatting',
  'verlenging',
] as const satisfies readonly StepName[];

export interface CaseParty {
  organisatie: string;
  /** The vaste contactpersoon: the first professional of this organisation who acted. */
  contactpersoon?: string | undefined;
  /** Who of the organisation is in charge of the case now (a user id; name and e-mail stay in the database). */
  behandelaar?: string | undefined;
}

export interface CaseState {
  caseId: string;
  status: 'lopend' | 'afgesloten';
  fase: Fase;
  route: Route;
  uitkomst?: Uitkomst | undefined;
  uitkomstReden?: string | undefined;
  startedAt: string;
  updatedAt: string;
  closedAt?: string | undefined;
  /** Number of recorded steps including the aanmelding; the seq of the last event. */
  version: number;
  aanmelding: Aanmelding;
  /** Set (to 1) only while a workflow replays steps recorded under the rules before issue 14; see rules/regelset. */
  regelset?: Regelset | undefined;
  /**
   * 'aanname': an open side is taken only by an explicit acceptance or the wijkteam's assignment
   * (steps/verdeling). Absent in cases started before routing: there a side's first step takes it.
   */
  verdeling?: 'aanname' | undefined;
  partijen: { wijkteam: CaseParty; zorginstelling?: CaseParty | undefined; corporatie?: CaseParty | undefined };
  vraag?: Vraag | undefined;
  zorg?: Zorg | undefined;
  woonvorm?: WoonvormBesluit | undefined;
  buurt?: Buurt | undefined;
  aanbiedingen: AanbodRecord[];
  doorgeleiding?:
    | (Doorgeleiding & { fase: Fase; advies?: { regel: string; uitkomst: string; redenen: string[] } | undefined })
    | undefined;
  persoonlijkContact?: PersoonlijkContact | undefined;
  toewijzing?:
    | (Toewijzing & {
        toewijzer: 'huisvester' | 'in_afstemming' | 'zorgorganisatie';
        vastgelegdOp?: string | undefined;
      })
    | undefined;
  overdracht?: Overdracht | undefined;
  bevestigd: { zorg?: string | undefined; verhuur?: string | undefined };
  kennismakingsgesprek?: Kennismakingsgesprek | undefined;
  nazorg: Nazorg[];
  /** The follow-up and omklap of nazorg@1; absent in cases allocated before it (their `stabiel` closes at once). */
  nazorgPlan?: NazorgPlan | undefined;
  /** Support scaled up or down in nazorg, without the person moving. */
  ondersteuning?: Array<OndersteuningInput & { rol: Rol; at: string }> | undefined;
  /** Absent in cases started before doorlooptijd was kept. */
  termijn?: Termijn | undefined;
  opschortingen?: OpschortingRecord[] | undefined;
  signalen?: Array<Pick<TermijnSignaal, 'key' | 'soort' | 'fase' | 'organisatie' | 'dueAt' | 'at'>> | undefined;
}

/** One accepted step, as written to the read model. Carries a summary, not the full input. */
export interface CaseEvent {
  caseId: string;
  seq: number;
  step: StepName | 'aanmelding';
  faseBefore: Fase | 'nieuw';
  faseAfter: Fase;
  at: string;
  actor: Actor;
  summary: Record<string, unknown>;
}

export interface StartCaseInput {
  caseId: string;
  aanmelding: Aanmelding;
  actor: Actor;
}

export interface StepRequest<S extends StepName = StepName> {
  step: S;
  input: StepInputs[S];
  actor: Actor;
}

export interface StepResult {
  caseId: string;
  seq: number;
  step: StepName | 'aanmelding';
  fase: Fase;
  status: CaseState['status'];
  uitkomst?: Uitkomst | undefined;
}
