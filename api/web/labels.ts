import { formatDatum, formatEuro } from '../../domain/format';
/** Plain-Dutch words for the codes of a case. A code without a label is shown with its underscores as spaces. */

export const faseLabel: Record<string, string> = {
  nieuw: 'nieuw',
  vraag: 'Vraag',
  zorg: 'Zorg en begeleiding',
  woonvorm: 'Woonvorm',
  buurt: 'Buurt en wijk',
  aanbod: 'Aanbod',
  persoonlijk_contact: 'Persoonlijk contact',
  toewijzing: 'Toewijzing',
  warme_overdracht: 'Warme overdracht',
  nazorg: 'Nazorg',
  afgesloten: 'Afgesloten',
  totaal: 'Hele casus',
};

export const stepLabel: Record<string, string> = {
  aanmelding: 'Aanmelding',
  vraag: 'Vraag vastleggen',
  zorg: 'Zorg en begeleiding vastleggen',
  woonvorm: 'Woonvorm kiezen',
  buurt: 'Buurt en wijk kiezen',
  aanbod: 'Woning aanbieden',
  reactie: 'Reactie op het aanbod',
  aanbod_afgekeurd: 'Aanbod afkeuren',
  doorgeleiding: 'Doorgeleiden naar de reguliere route',
  persoonlijk_contact: 'Persoonlijk contact vastleggen',
  toewijzing: 'Woning toewijzen',
  overdracht: 'Warme overdracht opstellen',
  overdracht_bevestiging: 'Warme overdracht bevestigen',
  kennismakingsgesprek: 'Kennismakingsgesprek vastleggen',
  nazorg: 'Nazorg vastleggen',
  ondersteuning: 'Ondersteuning op- of afschalen',
  omklap: 'Omklap vastleggen',
  nazorg_afsluiting: 'Nazorg afsluiten',
  verwijzing: 'Verwijzen naar het zorgkantoor',
  intrekking: 'Aanmelding intrekken',
  opschorting: 'Termijn opschorten',
  hervatting: 'Termijn hervatten',
  verlenging: 'Termijn verlengen',
};

export const rolLabel: Record<string, string> = {
  consulent: 'consulent (wijkteam)',
  zorgmedewerker: 'zorgmedewerker (zorginstelling)',
  verhuurmedewerker: 'verhuurmedewerker (corporatie)',
  manager: 'manager',
  beheerder: 'beheerder',
  privacy_officer: 'privacy officer',
};

export const valueLabel: Record<string, string> = {
  // deelgroep
  spoed: 'Spoed',
  verstoorde_zelfregulering: 'Verstoorde zelfregulering',
  // doelgroep
  ghz_vg: 'GHZ – verstandelijke beperking',
  ghz_lg: 'GHZ – lichamelijke beperking',
  ggz: 'GGZ',
  vv: 'V&V (ouderen)',
  bw: 'Beschermd wonen (uitstroom)',
  mo_vo: 'Maatschappelijke/vrouwenopvang',
  jeugdzorg_uitstroom: 'Uitstroom jeugdzorg',
  statushouder: 'Statushouder',
  urgent: 'Urgent woningzoekende',
  // wet
  wlz: 'Wlz',
  wmo: 'Wmo',
  zvw: 'Zvw (wijkverpleging)',
  geen: 'Nog geen indicatie',
  zzp: 'zzp – zorg met verblijf',
  vpt: 'vpt – volledig pakket thuis',
  mpt: 'mpt – modulair pakket thuis',
  pgb: 'pgb – persoonsgebonden budget',
  zin: 'zorg in natura',
  // inkomensgroep
  passendheidsgroep: 'Binnen de huurtoeslaggrenzen',
  midden: 'Middeninkomen',
  hoog: 'Hoog inkomen',
  // huidige situatie
  thuis: 'Thuis',
  beschermd_wonen: 'Beschermd wonen',
  maatschappelijke_opvang: 'Maatschappelijke opvang',
  ggz_kliniek: 'GGZ-kliniek',
  jeugdzorg: 'Jeugdzorg',
  azc: 'Azc',
  zonder_vaste_woonplek: 'Zonder vaste woonplek',
  anders: 'Anders',
  // vraag
  eerst_stabiliseren: 'Eerst het leven op orde (tijdelijk)',
  lange_termijn: 'Voor de lange termijn wonen',
  alleen: 'Alleen wonen',
  gedeelde_ruimte: 'Een gedeelde ruimte met anderen',
  ja: 'Ja',
  nee: 'Nee',
  geen_voorkeur: 'Geen voorkeur',
  zrm: 'Zelfredzaamheidsmatrix (ZRM)',
  tax_su: 'Tax-Su',
  // ZRM-domeinen
  financien: 'Financiën',
  huisvesting: 'Huisvesting',
  huiselijke_relaties: 'Huiselijke relaties',
  geestelijke_gezondheid: 'Geestelijke gezondheid',
  lichamelijke_gezondheid: 'Lichamelijke gezondheid',
  verslaving: 'Verslaving',
  adl: 'ADL (algemene dagelijkse levensverrichtingen)',
  sociaal_netwerk: 'Sociaal netwerk',
  dagbesteding: 'Dagbesteding',
  // zorg
  op_afspraak: 'Op afspraak',
  op_afroep: 'Op afroep',
  '24_uurs_toezicht': '24-uurs toezicht',
  flexibel: 'Flexibel (tijdelijke oplossing)',
  ambulant: 'Ambulant (ondersteuning thuis)',
  extramuraal: 'Extramuraal (buiten de instelling)',
  sober: 'Sober (bescheiden woning)',
  clustering: 'Clustering (bij een steunpunt)',
  // woonvorm
  in_de_wijk: 'In de wijk',
  geschikt_wonen: 'Geschikt wonen',
  beschut_wonen: 'Beschut wonen',
  specifiek_verpleeghuis: 'Specifiek verpleeghuis',
  tijdelijke_verhuur: 'Tijdelijke verhuur',
  kamergewijze_verhuur: 'Kamergewijze verhuur',
  flexwoning: 'Flexwoning',
  onzelfstandige_eenheid: 'Onzelfstandige eenheid',
  toegankelijke_woning: 'Toegankelijke woning (regulier)',
  // brandveiligheid (Bouwbesluit)
  gewone_woonfunctie: 'Gewone woonfunctie',
  zorgclusterwoning: 'Zorgclusterwoning (woonfunctie voor zorg)',
  groepszorgwoning: 'Groepszorgwoning (woonfunctie voor zorg)',
  zonder_doormelding: 'Brandmeldinstallatie zonder doormelding',
  met_doormelding: 'Brandmeldinstallatie met doormelding naar een alarmcentrale',
  // buurt
  opgave_1_nabij_steunpunt: 'Opgave 1 – nabij een zorgsteunpunt',
  opgave_2_gespikkeld: 'Opgave 2 – gespikkeld in de wijk',
  // reactie
  accepteert: 'Accepteert',
  weigert: 'Weigert',
  // contractvorm
  rechtstreeks: 'Rechtstreekse verhuur',
  rechtstreeks_met_afspraken: 'Rechtstreeks, met afspraken tussen zorg en verhuurder',
  onderverhuur_door_zorg: 'Huur met onderverhuur door de zorgorganisatie',
  huisvester: 'de huisvester',
  in_afstemming: 'in afstemming',
  zorgorganisatie: 'de zorgorganisatie',
  // signalen
  overlast: 'Overlast',
  huurachterstand: 'Huurachterstand',
  zorgmijding: 'Zorgmijding',
  overig: 'Overig',
  // nazorg
  stabiel: 'Stabiel',
  ondersteuning_bijgesteld: 'Ondersteuning bijgesteld',
  opschalen: 'Opgeschaald',
  afschalen: 'Afgeschaald',
  omgeklapt: 'Omgeklapt naar de bewoner',
  verlengd: 'Verlengd',
  vervolg: 'Vervolgmoment nazorg',
  omklap: 'Omklap nadert',
  // opschorting
  wacht_op_indicatie: 'Wacht op indicatie',
  wacht_op_client: 'Wacht op de cliënt',
  opname_of_behandeling: 'Opname of behandeling',
  wacht_op_derden: 'Wacht op derden',
  // status / uitkomst
  lopend: 'Lopend',
  gehuisvest: 'Gehuisvest',
  verwezen: 'Verwezen',
  ingetrokken: 'Ingetrokken',
  zorgwoning: 'Zorgwoning',
  regulier: 'Reguliere route',
  // woning status
  vrij: 'Vrij',
  gereserveerd: 'Gereserveerd',
  aangeboden: 'Aangeboden',
  verhuurd: 'Verhuurd',
  // rule verdicts
  voldoet: 'voldoet',
  voldoet_niet: 'voldoet niet',
  waarschuwing: 'waarschuwing',
  niet_van_toepassing: 'niet van toepassing',
  aanbevolen: 'Aanbevolen',
  mogelijk: 'Mogelijk',
  uitgesloten: 'Uitgesloten',
  open: 'Open',
  geaccepteerd: 'Geaccepteerd',
  geweigerd: 'Geweigerd',
  afgekeurd: 'Afgekeurd',
};

export const label = (code: string | null | undefined, table: Record<string, string> = valueLabel): string =>
  code === null || code === undefined ? '—' : (table[code] ?? code.replace(/_/g, ' '));

// Dates as "1 december 2026" and amounts as "€ 647,19": the one formatter is domain/format.ts; a moment (a timestamp)
// is first put in Amsterdam time.
const dag = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' });
const tijd = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', timeStyle: 'short' });

export const formatDate = (iso: string | Date | null | undefined) =>
  !iso
    ? '—'
    : typeof iso === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(iso)
      ? formatDatum(iso)
      : formatDatum(dag.format(new Date(iso)));
export const formatDateTime = (iso: string | Date | null | undefined) =>
  iso ? `${formatDate(iso)} om ${tijd.format(new Date(iso))}` : '—';
export const euro = (n: number) => formatEuro(n);
