import {
  tijdelijkeWoonvormen,
  zorgwoonvormen,
  type Aanmelding,
  type Vraag,
  type Woonvorm,
  type WoonvormAdviesOptie,
  type Zorg,
} from '../types';
import { regels14, type Regelset } from './regelset';

/**
 * Woonvorm advice from the indicatie, the care and the person's own answers
 * (domain.md step 4, seed 004). Every option carries the reasons for and
 * against it; a hard conflict excludes the option, a concern only weighs.
 */

export const WOONVORM_ADVIES_REGEL = 'woonvorm-advies@2';
/** Before issue 14; kept for cases that replay steps recorded under it. */
export const WOONVORM_ADVIES_REGEL_V1 = 'woonvorm-advies@1';

export type WoonvormOptie = WoonvormAdviesOptie;

export interface WoonvormAdvies {
  regel: typeof WOONVORM_ADVIES_REGEL | typeof WOONVORM_ADVIES_REGEL_V1;
  /** Best first; excluded options last. */
  opties: WoonvormOptie[];
  aanbevolen: Woonvorm[];
}

export interface AdviesInput {
  aanmelding: Pick<Aanmelding, 'deelgroep' | 'indicatie'>;
  vraag?: Vraag | undefined;
  /** Absent only for spoed without a zorginstelling (regelset 2): then no care is weighed. */
  zorg?: Zorg | undefined;
  regelset?: Regelset | undefined;
}

/**
 * Whether the temporary forms are open to this case. For spoed always [003:636-660];
 * since issue 14 also for verstoorde zelfregulering when the person wants to get
 * their life in order first and the zorg chose the richting flexibel [003:828-829].
 */
export function tijdelijkMogelijk({ aanmelding, vraag, zorg, regelset }: AdviesInput): boolean {
  if (aanmelding.deelgroep === 'spoed') return true;
  return (
    regels14({ regelset }) &&
    vraag?.perspectief === 'eerst_stabiliseren' &&
    Boolean(zorg?.richtingen.includes('flexibel'))
  );
}

/** The ordinary and temporary forms: what spoed without a care party chooses from [003:636-660]. */
const zonderZorg: readonly Woonvorm[] = ['in_de_wijk', ...tijdelijkeWoonvormen];

const geclusterd: readonly Woonvorm[] = ['geschikt_wonen', 'beschut_wonen', 'beschermd_wonen'];
const isTijdelijk = (w: Woonvorm) => (tijdelijkeWoonvormen as readonly string[]).includes(w);
const naam = (w: Woonvorm) => w.replace(/_/g, ' ');

interface Weging {
  voor: string[];
  bezwaren: string[];
  conflicten: string[];
}

function weeg(w: Woonvorm, input: AdviesInput): Weging {
  const { aanmelding, vraag, zorg } = input;
  const nieuw = regels14(input);
  const voor: string[] = [];
  const bezwaren: string[] = [];
  const conflicten: string[] = [];
  const { wet, leveringsvorm } = aanmelding.indicatie;
  if (!zorg) {
    // Spoed without a care party: the corporatie and the gemeente act, zorg has no role [003:648-649].
    if (!zonderZorg.includes(w)) conflicten.push(zonderZorgConflict(w));
    if (vraag?.perspectief === 'eerst_stabiliseren' && isTijdelijk(w)) voor.push('eerst het leven op orde: tijdelijk');
    if (vraag?.perspectief === 'lange_termijn' && w === 'in_de_wijk')
      voor.push('voor lange tijd: een gewone woning in de wijk');
    if (vraag?.samenwonen === 'alleen' && w === 'in_de_wijk') voor.push('wil alleen wonen');
    if (vraag?.samenwonen === 'gedeelde_ruimte' && w === 'kamergewijze_verhuur')
      voor.push('wil een gedeelde ruimte met anderen');
    return { voor, bezwaren, conflicten };
  }

  // Indicatie and financiering [004]: zzp with verblijf, vpt in a cluster, mpt/pgb/Wmo at home or in a cluster.
  if (wet === 'wlz' && leveringsvorm === 'zzp') {
    if (w === 'beschermd_wonen' || w === 'specifiek_verpleeghuis')
      voor.push('zzp (zorg met verblijf) past bij beschermd wonen of verpleeghuis');
    else conflicten.push(`zzp (zorg met verblijf) past niet bij ${naam(w)}`);
  } else if (wet === 'wlz' && leveringsvorm === 'vpt') {
    if (geclusterd.includes(w)) voor.push('vpt (volledig pakket thuis) past bij geschikt, beschut of beschermd wonen');
    else if (w === 'in_de_wijk') bezwaren.push('vpt wordt doorgaans in een geclusterde woonvorm geleverd');
  } else if ((wet === 'wlz' && (leveringsvorm === 'mpt' || leveringsvorm === 'pgb')) || wet === 'wmo') {
    const vorm = wet === 'wmo' ? 'Wmo-begeleiding' : leveringsvorm;
    if (w === 'in_de_wijk' || w === 'geschikt_wonen' || w === 'beschut_wonen')
      voor.push(`${vorm} past in de wijk, bij geschikt of beschut wonen`);
    // Issue 14 dropped this bezwaar: it has no source, and every form of scheiden van wonen en zorg fits beschermd wonen [004:503-505].
    else if (w === 'beschermd_wonen' && !nieuw)
      bezwaren.push(`${vorm} regelt geen 24-uurszorg zoals beschermd wonen die vraagt`);
  } else if (w === 'beschut_wonen' || w === 'beschermd_wonen') {
    bezwaren.push('zonder Wlz- of Wmo-indicatie is de zorg in of bij het gebouw niet gefinancierd');
  }

  // Kind of care [003 q4-5].
  if (zorg.zorgvorm === '24_uurs_toezicht') {
    if (w === 'beschermd_wonen' || w === 'specifiek_verpleeghuis')
      voor.push('24-uurs toezicht is er in beschermd wonen');
    // Beschut wonen often has 24-hour presence in the building [004:690-692, 942-943]: to weigh, not to exclude.
    else if (w === 'beschut_wonen' && nieuw)
      bezwaren.push('24-uurs toezicht: beschut wonen heeft vaak, niet altijd, 24 uur zorg in het gebouw; ga dat na');
    else conflicten.push(`24-uurs toezicht past niet bij ${naam(w)}`);
  } else if (zorg.zorgvorm === 'op_afroep') {
    if (w === 'beschut_wonen' || w === 'beschermd_wonen') voor.push('zorg op afroep is in of bij het gebouw');
    else bezwaren.push('zorg op afroep vraagt zorg in of bij het gebouw (beschut of beschermd wonen)');
  } else if (w === 'beschermd_wonen' || w === 'specifiek_verpleeghuis') {
    bezwaren.push('zorg op afspraak vraagt geen 24-uurszorg');
  }
  if (zorg.clusteringNodig) {
    if (w === 'in_de_wijk') conflicten.push('de zorgaanbieder heeft clustering nodig; in de wijk is verspreid');
    else if (geclusterd.includes(w)) voor.push('geclusterd, zoals de zorgaanbieder nodig heeft');
  }
  if (zorg.steunpuntGewenst && geclusterd.includes(w)) voor.push('dicht bij een zorgsteunpunt of buurtkamer');
  for (const richting of zorg.richtingen) {
    if (richting === 'ambulant' && w === 'in_de_wijk')
      voor.push('ambulante ondersteuning thuis, makkelijk op en af te schalen');
    if (richting === 'sober' && (w === 'in_de_wijk' || w === 'geschikt_wonen'))
      voor.push('sobere woning: verhuizen is kostbaar');
    if (richting === 'extramuraal' && (w === 'in_de_wijk' || w === 'geschikt_wonen'))
      voor.push('extramuraal: buiten de instelling');
    if (richting === 'clustering' && geclusterd.includes(w)) voor.push('richting clustering');
    if (richting === 'flexibel' && isTijdelijk(w)) voor.push('flexibele, tijdelijke oplossing');
  }

  // The person's own answers [003 q1-3].
  if (vraag?.samenwonen === 'gedeelde_ruimte' && geclusterd.includes(w))
    voor.push('wil een gedeelde ruimte met anderen');
  if (vraag?.samenwonen === 'alleen' && w === 'in_de_wijk') voor.push('wil alleen wonen');
  if (vraag?.perspectief === 'eerst_stabiliseren' && isTijdelijk(w)) voor.push('eerst het leven op orde: tijdelijk');

  // Deelgroep [003 ch.2, ch.5]: temporary forms for spoed, and since issue 14 where vraag and richting ask for them.
  if (isTijdelijk(w) && !tijdelijkMogelijk(input)) conflicten.push(tijdelijkConflict(w, input));
  if (w === 'specifiek_verpleeghuis')
    bezwaren.push('geen toewijzing door de corporatie: verwijzing naar het zorgkantoor');

  return { voor, bezwaren, conflicten };
}

export const zonderZorgConflict = (w: Woonvorm) =>
  `zonder zorginstelling in de casus: ${naam(w)} vraagt zorg; kies in de wijk of een tijdelijke woonvorm`;

export function tijdelijkConflict(w: Woonvorm, input: AdviesInput): string {
  return regels14(input)
    ? `${naam(w)} is voor spoed, of bij perspectief eerst stabiliseren met de richting flexibel`
    : `${naam(w)} is alleen voor de deelgroep spoed`;
}

export function adviseerWoonvorm(input: AdviesInput): WoonvormAdvies {
  const kandidaten: Woonvorm[] = input.zorg
    ? [...zorgwoonvormen, ...(tijdelijkMogelijk(input) ? tijdelijkeWoonvormen : [])]
    : [...zonderZorg];
  const opties = kandidaten.map((woonvorm): WoonvormOptie => {
    const { voor, bezwaren, conflicten } = weeg(woonvorm, input);
    const score = voor.length * 2 - bezwaren.length * 2;
    return { woonvorm, uitkomst: conflicten.length ? 'uitgesloten' : 'mogelijk', score, voor, bezwaren, conflicten };
  });
  const toegestaan = opties.filter((o) => o.uitkomst !== 'uitgesloten');
  const beste = Math.max(...toegestaan.map((o) => o.score));
  for (const o of toegestaan) if (o.score === beste && beste > 0) o.uitkomst = 'aanbevolen';
  const rang = { aanbevolen: 0, mogelijk: 1, uitgesloten: 2 } as const;
  opties.sort(
    (a, b) =>
      rang[a.uitkomst] - rang[b.uitkomst] ||
      b.score - a.score ||
      kandidaten.indexOf(a.woonvorm) - kandidaten.indexOf(b.woonvorm),
  );
  return {
    regel: regels14(input) ? WOONVORM_ADVIES_REGEL : WOONVORM_ADVIES_REGEL_V1,
    opties,
    aanbevolen: opties.filter((o) => o.uitkomst === 'aanbevolen').map((o) => o.woonvorm),
  };
}

export const DOORGELEIDING_REGEL = 'doorgeleiding@1';

export interface DoorgeleidingsAdvies {
  regel: typeof DOORGELEIDING_REGEL;
  uitkomst: 'zorgwoning' | 'doorgeleiden' | 'verwijzen';
  redenen: string[];
}

/**
 * Whether the aanmelding fits a zorgwoning. Not passend is no rejection: it is
 * doorgeleid to the corporatie's regular route toward a toegankelijke woning;
 * a need for verblijf is verwezen to the zorgkantoor.
 */
export function doorgeleidingsAdvies(advies: WoonvormAdvies): DoorgeleidingsAdvies {
  const zorgwoning = advies.opties.filter((o) => geclusterd.includes(o.woonvorm) && o.uitkomst !== 'uitgesloten');
  const beste = advies.opties[0];
  if (
    beste?.woonvorm === 'specifiek_verpleeghuis' &&
    beste.uitkomst === 'aanbevolen' &&
    !zorgwoning.some((o) => o.uitkomst === 'aanbevolen')
  ) {
    return {
      regel: DOORGELEIDING_REGEL,
      uitkomst: 'verwijzen',
      redenen: ['zorg met verblijf: verwijzing naar het zorgkantoor (Wlz intramuraal)', ...beste.voor],
    };
  }
  if (zorgwoning.length === 0) {
    const redenen = advies.opties.filter((o) => geclusterd.includes(o.woonvorm)).flatMap((o) => o.conflicten);
    return {
      regel: DOORGELEIDING_REGEL,
      uitkomst: 'doorgeleiden',
      redenen: ['geen zorgwoning-woonvorm past', ...new Set(redenen)],
    };
  }
  if (
    beste?.woonvorm === 'in_de_wijk' &&
    beste.uitkomst === 'aanbevolen' &&
    !zorgwoning.some((o) => o.uitkomst === 'aanbevolen')
  ) {
    return {
      regel: DOORGELEIDING_REGEL,
      uitkomst: 'doorgeleiden',
      redenen: [
        'een gewone woning in de wijk past het best: een toegankelijke woning via de reguliere route volstaat',
        ...beste.voor,
      ],
    };
  }
  const top = zorgwoning[0]!;
  return { regel: DOORGELEIDING_REGEL, uitkomst: 'zorgwoning', redenen: [`${naam(top.woonvorm)} past`, ...top.voor] };
}
