import type { RuleVerdict } from '../../../domain/types';
import { html, type Html } from '../html';
import { label } from '../labels';

/**
 * The one place the pages turn a rule's codes into sentences a consulent understands: the rule's name in words, its
 * reasons as sentences (codes such as `beschut_wonen` as words, scores as points), and the rule id and version in a
 * <details> for the bezwaar file. The API keeps the codes and reasons as they are.
 */

export const regelNamen: Record<string, string> = {
  'woonvorm-match': 'Woonvorm van de woning',
  corporatie: 'Woning van de corporatie van de casus',
  buurtwens: 'Gekozen buurt',
  opgave: 'Gekozen opgave in de wijk',
  'toezicht-in-gebouw': 'Zorg in het gebouw',
  passendheidstoets: 'Passend toewijzen (huur past bij het inkomen)',
  inkomenstoets: 'Inkomenstoets sociale huur',
  zorgwoning: 'Eisen aan een zorgwoning',
  toegankelijkheid: 'Eisen aan een toegankelijke woning',
  zelfstandig: 'Zelfstandige of onzelfstandige woning',
  matching: 'Rangschikking van passende woningen',
  'buurt-draagkracht': 'Draagkracht van de buurt',
  'woonvorm-advies': 'Woonvormadvies',
  doorgeleiding: 'Zorgwoning, doorgeleiden of verwijzen',
};

/** `passendheidstoets@3` → its name in words, id and version. */
export function regelVan(regel: string): { naam: string; id: string; versie: string } {
  const [id = regel, versie = '1'] = regel.split('@');
  return { naam: regelNamen[id] ?? id.replace(/-/g, ' '), id, versie };
}

const CODE = /\b[a-z0-9]+(?:_[a-z0-9]+)+\b/g;
const PUNTEN = /\(([+-]\d+(?:\.\d+)?)\)/g;

/** One reason as a sentence: codes as words, "(+30)" as "(+30 punten)", a capital first and a full stop last. */
export function zin(reden: string): string {
  const tekst = reden
    .replace(CODE, (code) => label(code).toLowerCase())
    .replace(PUNTEN, (_m, n: string) => `(${n.replace('.', ',')} ${Math.abs(Number(n)) === 1 ? 'punt' : 'punten'})`)
    .trim();
  if (!tekst) return '';
  return `${tekst[0]!.toUpperCase()}${tekst.slice(1)}${/[.!?]$/.test(tekst) ? '' : '.'}`;
}

export const zinnen = (redenen: readonly string[]) => redenen.map(zin).filter(Boolean).join(' ');

/** The rule id and version, folded away: what a bezwaar file quotes. */
export function regelDetail(regel: string, extra?: string): Html {
  const r = regelVan(regel);
  return html`<details class="regel-detail"><summary>Regel voor het dossier</summary><p class="utrecht-paragraph">Regel <code>${r.id}</code>, versie ${r.versie}${extra ? `, ${extra}` : ''}.</p></details>`;
}

const uitkomstWoorden: Record<RuleVerdict['uitkomst'], string> = {
  voldoet: 'voldoet',
  voldoet_niet: 'voldoet niet',
  waarschuwing: 'let op',
  niet_van_toepassing: 'geldt hier niet',
};

/** One verdict: the rule's name in words, the outcome, the reasons as sentences, the rule id in a detail. */
export function verdictItem(v: RuleVerdict): Html {
  const jaar = typeof v.parameters?.jaar === 'number' ? `parameters van ${v.parameters.jaar}` : undefined;
  return html`<li><strong>${regelVan(v.regel).naam}: ${uitkomstWoorden[v.uitkomst]}.</strong> ${zinnen(v.redenen)}
    ${regelDetail(v.regel, jaar)}</li>`;
}

export const verdictList = (verdicts: readonly RuleVerdict[]) =>
  html`<ul class="utrecht-unordered-list redenen">${verdicts.map(verdictItem)}</ul>`;
