import type { Aanmelding } from '../../workflows/types';

let counter = 0;
/** A fresh pseudonymous reference per case, recognisable when searching histories for leaks. */
export const referentie = () => `REF-${Date.now().toString(36).toUpperCase()}-${(counter++).toString(36).toUpperCase()}`;

export const vvOudere = (): Aanmelding => ({
  persoon: { referentie: referentie(), huishoudgrootte: 1, inkomensgroep: 'passendheidsgroep', huidigeSituatie: 'thuis' },
  deelgroep: 'verstoorde_zelfregulering',
  doelgroep: 'vv',
  indicatie: { wet: 'wlz', leveringsvorm: 'vpt' },
  urgent: false,
  gemeente: 'GM0363',
  zorginstelling: 'zorg-de-brug',
  corporatie: 'woonstad',
});

export const uitstroomBw = (): Aanmelding => ({
  persoon: { referentie: referentie(), huishoudgrootte: 1, inkomensgroep: 'passendheidsgroep', huidigeSituatie: 'beschermd_wonen' },
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
export const zorgOpAfspraak = { zorgvorm: 'op_afspraak', steunpuntGewenst: true, clusteringNodig: false, richtingen: ['ambulant', 'sober'] };
export const zorg24uur = { zorgvorm: '24_uurs_toezicht', steunpuntGewenst: true, clusteringNodig: true, richtingen: ['clustering'] };
export const buurt = { buurtcode: 'BU03630101', opgave: 'opgave_1_nabij_steunpunt', draagkrachtBesproken: true, voorlichtingNodig: false };

export const aanbod = (over: Record<string, unknown> = {}) => ({
  woningReferentie: 'WS-1001',
  buurtcode: 'BU03630101',
  woonvorm: 'geschikt_wonen',
  kaleHuur: 600,
  servicekosten: 40,
  bron: 'contingent',
  aanbodDatum: '2023-06-01',
  ...over,
});

export const overdracht = {
  woonplek: 'Zelfstandig appartement in cluster, begane grond',
  begeleidingsafspraken: [{ wie: 'zorg-de-brug', wat: 'ambulante begeleiding twee keer per week' }],
  contactpersonen: [
    { rol: 'begeleider', organisatie: 'zorg-de-brug', naam: 'M. de Vries' },
    { rol: 'wijkbeheerder', organisatie: 'woonstad', naam: 'A. Jansen' },
  ],
  signaleringsafspraken: [{ signaal: 'huurachterstand', afspraak: 'corporatie belt begeleider binnen een week' }],
};
