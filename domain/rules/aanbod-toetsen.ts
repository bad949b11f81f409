import {
  REGULIERE_WOONVORM,
  type CaseState,
  type RuleVerdict,
  type WoningSnapshot,
  type WoningWoonvorm,
} from '../types';
import { brandveiligheidCheck } from './brandveiligheid';
import { buurtDraagkracht, type DraagkrachtParameters } from './draagkracht';
import type { JaarParameters } from './parameters';
import { inkomenstoets, passendheidstoets } from './passendheid';
import { regels14, regelsetBedragen } from './regelset';
import { zelfstandigCheck } from './zelfstandig';
import { toegankelijkheidCheck, zorgwoningCheck } from './zorgwoning';

/**
 * Every rule an aanbod of a woning to a case must pass (hard) or should
 * weigh (warnings). Matching, the API and the workflow's update validator all
 * call this one function.
 */

export const WOONVORM_MATCH_REGEL = 'woonvorm-match@1';
export const CORPORATIE_REGEL = 'corporatie@1';
export const BUURT_REGEL = 'buurtwens@1';
export const OPGAVE_REGEL = 'opgave@1';
export const TOEZICHT_REGEL = 'toezicht-in-gebouw@1';

export type AanbodCase = Pick<
  CaseState,
  'aanmelding' | 'route' | 'woonvorm' | 'buurt' | 'zorg' | 'partijen' | 'regelset'
>;

/** Woonvormen a woning may have to be offered in this case. */
export function toegestaneWoonvormen(c: AanbodCase): WoningWoonvorm[] {
  if (c.route === 'regulier') return [REGULIERE_WOONVORM, 'in_de_wijk'];
  const gekozen = c.woonvorm?.woonvorm;
  return gekozen && gekozen !== 'specifiek_verpleeghuis' ? [gekozen] : [];
}

function woonvormMatch(c: AanbodCase, w: WoningSnapshot, metRedenen: boolean): RuleVerdict {
  const toegestaan = toegestaneWoonvormen(c);
  const past = toegestaan.includes(w.woonvorm);
  const wat =
    c.route === 'regulier' ? 'na doorgeleiding: een toegankelijke woning' : `gekozen woonvorm ${c.woonvorm?.woonvorm}`;
  return {
    regel: WOONVORM_MATCH_REGEL,
    uitkomst: past ? 'voldoet' : 'voldoet_niet',
    redenen: metRedenen ? [`woonvorm ${w.woonvorm} ${past ? 'past bij' : 'past niet bij'} ${wat}`] : [],
  };
}

function corporatieMatch(c: AanbodCase, w: WoningSnapshot, metRedenen: boolean): RuleVerdict {
  const corporatie = c.partijen.corporatie?.organisatie;
  if (!corporatie)
    return { regel: CORPORATIE_REGEL, uitkomst: 'niet_van_toepassing', redenen: ['nog geen corporatie in de casus'] };
  const zelfde = corporatie === w.corporatie;
  return {
    regel: CORPORATIE_REGEL,
    uitkomst: zelfde ? 'voldoet' : 'voldoet_niet',
    redenen: !metRedenen
      ? []
      : [
          zelfde
            ? `woning van ${corporatie}`
            : `woning van ${w.corporatie}, niet van de corporatie van de casus (${corporatie})`,
        ],
  };
}

function buurtwens(c: AanbodCase, w: WoningSnapshot, metRedenen: boolean): RuleVerdict {
  if (!c.buurt) return { regel: BUURT_REGEL, uitkomst: 'niet_van_toepassing', redenen: ['geen buurt gekozen'] };
  const zelfde = c.buurt.buurtcode === w.buurtcode;
  return {
    regel: BUURT_REGEL,
    uitkomst: zelfde ? 'voldoet' : 'waarschuwing',
    redenen: !metRedenen
      ? []
      : [
          zelfde
            ? `in de gekozen buurt ${w.buurtcode}`
            : `buurt ${w.buurtcode} is niet de gekozen buurt ${c.buurt.buurtcode}`,
        ],
  };
}

function opgaveMatch(c: AanbodCase, w: WoningSnapshot, metRedenen: boolean): RuleVerdict {
  if (!c.buurt) return { regel: OPGAVE_REGEL, uitkomst: 'niet_van_toepassing', redenen: ['geen opgave gekozen'] };
  const zelfde = c.buurt.opgave === w.opgave;
  return {
    regel: OPGAVE_REGEL,
    uitkomst: zelfde ? 'voldoet' : 'waarschuwing',
    redenen: !metRedenen ? [] : [zelfde ? `${w.opgave} zoals gekozen` : `${w.opgave}, gekozen was ${c.buurt.opgave}`],
  };
}

/**
 * 24-uurs toezicht in beschut wonen: beschut often has 24-hour presence in the
 * building, not always (seed 004:690-693, 942-943). The woning does not record it
 * yet, so the verhuurmedewerker is asked to make sure before the aanbod.
 */
function toezichtInGebouw(c: AanbodCase, w: WoningSnapshot): RuleVerdict | undefined {
  if (c.zorg?.zorgvorm !== '24_uurs_toezicht' || w.woonvorm !== 'beschut_wonen') return undefined;
  return {
    regel: TOEZICHT_REGEL,
    uitkomst: 'waarschuwing',
    // A woonbehoefte, worded without the zorgvorm (hidden from the corporatie's view).
    redenen: ['in het gebouw moet 24 uur per dag zorg aanwezig zijn: ga dat na voor deze woning'],
  };
}

export interface AanbodOmstandigheden {
  /** yyyy-mm-dd: selects the year's parameters. */
  aanbodDatum: string;
  /** Placements of bijzondere doelgroepen in the woning's buurt in the draagkracht period, when known. */
  plaatsingenInBuurt?: number | undefined;
  draagkracht?: DraagkrachtParameters | undefined;
  /** The year's parameter set to use; the built-in sets when absent. */
  parameters?: JaarParameters | undefined;
}

/** All verdicts for offering `woning` in case `c`, hard rules first. */
export const toetsAanbod = (c: AanbodCase, w: WoningSnapshot, o: AanbodOmstandigheden): RuleVerdict[] =>
  verdicts(c, w, o, true);

/**
 * The same verdicts as `toetsAanbod` (same rules, order and uitkomst) without building their reasons
 * where a rule can skip them: matching ranks every woning on these and explains only the ones it shows.
 */
export const aanbodUitkomsten = (c: AanbodCase, w: WoningSnapshot, o: AanbodOmstandigheden): RuleVerdict[] =>
  verdicts(c, w, o, false);

function verdicts(c: AanbodCase, w: WoningSnapshot, o: AanbodOmstandigheden, metRedenen: boolean): RuleVerdict[] {
  const persoon = c.aanmelding.persoon;
  // A case replaying steps from before issue 14 recomputes the verdicts it recorded then.
  const nieuw = regels14(c);
  const bedragen = regelsetBedragen(c);
  const uitkomsten = [
    woonvormMatch(c, w, metRedenen),
    corporatieMatch(c, w, metRedenen),
    passendheidstoets(
      persoon,
      w,
      o.aanbodDatum,
      o.parameters && [o.parameters],
      nieuw ? c.aanmelding.indicatie : undefined,
      bedragen,
      metRedenen,
    ),
    inkomenstoets(
      persoon,
      c.aanmelding.indicatie,
      w,
      o.aanbodDatum,
      o.parameters && [o.parameters],
      bedragen,
      metRedenen,
    ),
    c.route === 'regulier' ? toegankelijkheidCheck(w) : zorgwoningCheck(w.woonvorm, w, nieuw ? 2 : 1),
    ...(nieuw ? [zelfstandigCheck(w)] : []),
    // Woningen in histories from before it carry no typering: the rule then only warns, so replays refuse the same.
    ...(nieuw ? [brandveiligheidCheck(c.zorg?.zorgvorm, w)] : []),
    buurtwens(c, w, metRedenen),
    opgaveMatch(c, w, metRedenen),
  ];
  const toezicht = nieuw ? toezichtInGebouw(c, w) : undefined;
  if (toezicht) uitkomsten.push(toezicht);
  if (o.plaatsingenInBuurt !== undefined && o.draagkracht)
    uitkomsten.push(buurtDraagkracht(w.buurtcode, o.plaatsingenInBuurt, o.draagkracht, metRedenen));
  return uitkomsten;
}

export const weigeringen = (verdicts: RuleVerdict[]) => verdicts.filter((v) => v.uitkomst === 'voldoet_niet');
