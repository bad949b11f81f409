import { randomUUID } from 'node:crypto';
import type { Db } from '../../prisma/client';
import type { Aanmelding, WoningSnapshot } from '../../domain/types';

let counter = 0;
/** A fresh pseudonymous reference per case, recognisable when searching histories for leaks. */
export const referentie = () =>
  `REF-${Date.now().toString(36).toUpperCase()}-${(counter++).toString(36).toUpperCase()}`;

export const vvOudere = (): Aanmelding => ({
  persoon: {
    referentie: referentie(),
    huishoudgrootte: 1,
    inkomensgroep: 'passendheidsgroep',
    huidigeSituatie: 'thuis',
  },
  deelgroep: 'verstoorde_zelfregulering',
  doelgroep: 'vv',
  indicatie: { wet: 'wlz', leveringsvorm: 'vpt' },
  urgent: false,
  gemeente: 'GM0363',
  zorginstelling: 'zorg-de-brug',
  corporatie: 'woonstad',
});

export const uitstroomBw = (): Aanmelding => ({
  persoon: {
    referentie: referentie(),
    huishoudgrootte: 1,
    inkomensgroep: 'passendheidsgroep',
    huidigeSituatie: 'beschermd_wonen',
  },
  deelgroep: 'verstoorde_zelfregulering',
  doelgroep: 'bw',
  indicatie: { wet: 'wmo', leveringsvorm: 'zin' },
  urgent: true,
  gemeente: 'GM0363',
});

export const vraag = { perspectief: 'lange_termijn', samenwonen: 'alleen', nabijLotgenoten: 'geen_voorkeur' };
export const vraagMetZrm = {
  perspectief: 'eerst_stabiliseren',
  samenwonen: 'gedeelde_ruimte',
  nabijLotgenoten: 'ja',
  meting: { instrument: 'zrm', scores: { financien: 2, huisvesting: 1, geestelijke_gezondheid: 2 } },
};
export const zorgOpAfspraak = {
  zorgvorm: 'op_afspraak',
  steunpuntGewenst: true,
  clusteringNodig: false,
  richtingen: ['ambulant', 'sober'],
};
export const zorg24uur = {
  zorgvorm: '24_uurs_toezicht',
  steunpuntGewenst: true,
  clusteringNodig: true,
  richtingen: ['clustering'],
};
export const buurt = {
  buurtcode: 'BU03630101',
  opgave: 'opgave_1_nabij_steunpunt',
  draagkrachtBesproken: true,
  voorlichtingNodig: false,
};

/** A woning that passes every zorgwoning rule for vvOudere in buurt BU03630101. */
export const woningSnapshot = (over: Partial<WoningSnapshot> = {}): WoningSnapshot => ({
  id: randomUUID(),
  corporatie: 'woonstad',
  referentie: `WS-${randomUUID().slice(0, 8)}`,
  gemeente: 'GM0363',
  wijk: null,
  buurtcode: 'BU03630101',
  woonvorm: 'geschikt_wonen',
  kamers: 2,
  kaleHuur: 600,
  servicekosten: 40,
  zelfstandig: true,
  drempelsOverbrugd: true,
  gangbreedteCm: 120,
  noodoproep: true,
  gemeenschappelijkeRuimte: true,
  opgave: 'opgave_1_nabij_steunpunt',
  beschikbaarVanaf: '2023-05-01',
  version: 1,
  ...over,
});

/** The workflow's aanbod input for a woning (unit tests of the rules). */
export const aanbodInput = (over: Partial<WoningSnapshot> = {}, aanbodDatum = '2023-06-01') => ({
  woning: woningSnapshot(over),
  aanbodDatum,
});

/** Puts a vrije woning in the database and returns the API's aanbod body for it. */
export async function woningInDb(db: Db, over: Partial<WoningSnapshot> = {}) {
  const w = woningSnapshot(over);
  await db.woning.create({
    data: {
      id: w.id,
      corporatie: w.corporatie,
      referentie: w.referentie,
      gemeente: w.gemeente,
      wijk: w.wijk ?? null,
      buurtcode: w.buurtcode,
      woonvorm: w.woonvorm,
      kamers: w.kamers,
      kaleHuurCent: Math.round(w.kaleHuur * 100),
      servicekostenCent: Math.round(w.servicekosten * 100),
      zelfstandig: w.zelfstandig,
      drempelsOverbrugd: w.drempelsOverbrugd,
      gangbreedteCm: w.gangbreedteCm,
      noodoproep: w.noodoproep,
      gemeenschappelijkeRuimte: w.gemeenschappelijkeRuimte,
      opgave: w.opgave,
      beschikbaarVanaf: new Date(`${w.beschikbaarVanaf}T00:00:00Z`),
      brandveiligheidTypering: w.brandveiligheidTypering ?? null,
      brandmeldinstallatie: w.brandmeldinstallatie ?? null,
      gebouwOppervlakM2: w.gebouwOppervlakM2 ?? null,
      subsidiabeleServicekostenCent:
        w.subsidiabeleServicekosten === undefined ? null : Math.round(w.subsidiabeleServicekosten * 100),
      status: 'vrij',
    },
  });
  // Today: the API accepts no aanbod date in the future or far back (issue 14 item 11).
  return { woning: w, body: { woningId: w.id, aanbodDatum: vandaag() } };
}

export const overdracht = {
  woonplek: 'Zelfstandig appartement in cluster, begane grond',
  begeleidingsafspraken: [{ wie: 'zorg-de-brug', wat: 'ambulante begeleiding twee keer per week' }],
  contactpersonen: [
    { rol: 'begeleider', organisatie: 'zorg-de-brug', naam: 'M. de Vries' },
    { rol: 'wijkbeheerder', organisatie: 'woonstad', naam: 'A. Jansen' },
  ],
  signaleringsafspraken: [{ signaal: 'huurachterstand', afspraak: 'corporatie belt begeleider binnen een week' }],
};

/** Today in Amsterdam, yyyy-mm-dd, and a date `dagen` later. */
export const vandaag = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
export const overDagen = (dagen: number) =>
  new Date(Date.parse(vandaag()) + dagen * 86_400_000).toISOString().slice(0, 10);
/** A contract that starts after the kennismakingsgesprek, which follows the toewijzing (issue 14, item 7). */
export const toewijzingOp = (contractvorm: string) => ({
  contractvorm,
  ingangsdatum: overDagen(30),
  // Onderverhuur door zorg agrees when the contract goes over to the resident (nazorg@1).
  ...(contractvorm === 'onderverhuur_door_zorg' ? { omklapdatum: overDagen(30 + 365) } : {}),
});
/** Closing nazorg before the agreed follow-up moments: allowed with a reason (nazorg@1). */
export const vroegAfsluiten = { reden: 'woonsituatie stabiel, vervolg in overleg eerder afgerond' };
export const kennismaking = (deelnemers: string[] = ['bewoner', 'zorg', 'verhuurder']) => ({
  datum: vandaag(),
  verwachtingenBesproken: true,
  deelnemers,
});

/**
 * Puts an organisation in the register, active and serving `werkgebied` (the fixtures' GM0363),
 * so that it may accept open sides there; keeps its mail addresses if it is registered already.
 */
export async function inRegister(
  db: Db,
  id: string,
  soort: 'wijkteam' | 'zorginstelling' | 'corporatie',
  werkgebied: string[] = ['GM0363'],
) {
  await db.organisatie.upsert({
    where: { id },
    create: { id, naam: id, soort, werkgebied, actief: true, updatedBy: 'test' },
    update: { soort, werkgebied, actief: true },
  });
}
