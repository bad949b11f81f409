import type { Db } from '../../prisma/client';
import {
  plaatsingenPerBuurt,
  toCents,
  toSnapshot,
  vrijeWoningen,
  type WoningPrefilter,
} from '../../prisma/woning-repository';
import { toegestaneWoonvormen, type AanbodCase } from '../../domain/rules/aanbod-toetsen';
import { turnOf } from '../../domain/steps';
import type { DraagkrachtParameters } from '../../domain/rules/draagkracht';
import { matchWoningen } from '../../domain/rules/matching';
import { aanbodDatumProbleem, parametersOp, setVoorJaar, type JaarParameters } from '../../domain/rules/parameters';
import { parameterSets } from '../../prisma/parameter-repository';
import { gescheidenWonenEnZorg, inPassendheidsgroep } from '../../domain/rules/passendheid';
import { regels14 } from '../../domain/rules/regelset';
import { zorgwoningVormen } from '../../domain/rules/zorgwoning';
import type { Aanbod, CaseState, WoningWoonvorm } from '../../domain/types';
import { HttpError } from '../http/errors';

/** Today in the Netherlands, yyyy-mm-dd: the default date of an aanbod. */
export const vandaag = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());

const MAX_CANDIDATES = 20_000;

/** The database side of the hard rules: a superset of what the pure rules accept. */
export function prefilterFor(
  c: AanbodCase,
  aanbodDatum: string,
  sets?: readonly JaarParameters[],
): Omit<WoningPrefilter, 'limit'> {
  const woonvormen = toegestaneWoonvormen(c);
  const { set } = parametersOp(aanbodDatum, sets);
  const p = c.aanmelding.persoon;
  const nieuw = regels14(c);
  const getoetst = !nieuw || gescheidenWonenEnZorg(c.aanmelding.indicatie);
  const cap =
    getoetst && inPassendheidsgroep(p, set).ja
      ? p.huishoudgrootte >= 3
        ? set.aftoppingsgrensHoog
        : set.aftoppingsgrensLaag
      : undefined;
  const zorgwoningVorm =
    c.route === 'zorgwoning' && woonvormen.every((w) => zorgwoningVormen.includes(w as WoningWoonvorm));
  // Geschikt wonen needs no gemeenschappelijke ruimte (zorgwoning@2).
  const metRuimte = nieuw ? woonvormen.every((w) => w === 'beschut_wonen' || w === 'beschermd_wonen') : true;
  return {
    corporatie: c.partijen.corporatie?.organisatie,
    woonvormen,
    maxRekenhuurCent: cap === undefined ? undefined : toCents(cap),
    toegankelijkMinGangCm: c.route === 'regulier' || zorgwoningVorm ? 120 : undefined,
    zorgwoning: zorgwoningVorm && metRuimte,
  };
}

/** How many days before today an aanbod may be dated by default (AANBOD_MAX_TERUG_DAGEN). */
export const AANBOD_MAX_TERUG_DAGEN = 31;

export function createMatchingService({
  db,
  draagkracht,
  maxTerugDagen = AANBOD_MAX_TERUG_DAGEN,
}: {
  db: Db;
  draagkracht: DraagkrachtParameters;
  maxTerugDagen?: number;
}) {
  /**
   * The aanbod's date (today when absent) and its own year's set. Refused (422, naming aanbodDatum):
   * a date after today or more than `maxTerugDagen` back, and a year without a set — never
   * silently another year's amounts.
   */
  async function datumEnParameters(gegeven: string | undefined) {
    const today = vandaag();
    const aanbodDatum = gegeven ?? today;
    const probleem = aanbodDatumProbleem(aanbodDatum, today, maxTerugDagen);
    if (probleem)
      throw new HttpError(422, 'invalid_aanbod_datum', `aanbodDatum: ${probleem}`, {
        fields: [{ field: 'aanbodDatum', problem: probleem }],
      });
    const jaar = Number(aanbodDatum.slice(0, 4));
    const parameters = setVoorJaar(jaar, await parameterSets(db));
    if (!parameters) {
      const problem = `er zijn geen regelparameters voor ${jaar}: de beheerder legt ze vast (PUT /parameters/${jaar})`;
      throw new HttpError(422, 'parameters_missing', problem, { jaar, fields: [{ field: 'aanbodDatum', problem }] });
    }
    return { aanbodDatum, parameters };
  }

  const draagkrachtSinds = (aanbodDatum: string) =>
    new Date(Date.parse(aanbodDatum) - draagkracht.periodeDagen * 86_400_000);
  // Placements after the aanbod's day do not count: a back-dated aanbod weighs the buurt as it was then.
  const draagkrachtTot = (aanbodDatum: string) => new Date(Date.parse(aanbodDatum) + 86_400_000);

  async function matches(
    state: CaseState,
    o: { limit: number; uitgesloten: boolean; aanbodDatum?: string | undefined },
  ) {
    if (!turnOf(state).stappen.some((s) => s.step === 'aanbod')) {
      const waarom = state.fase === 'aanbod' ? 'er staat al een aanbod open' : `de casus is in fase ${state.fase}`;
      throw new HttpError(409, 'step_out_of_turn', `matching is voor een casus die een aanbod kan krijgen: ${waarom}`, {
        currentStep: state.fase,
      });
    }
    const { aanbodDatum, parameters } = await datumEnParameters(o.aanbodDatum);
    const filter = prefilterFor(state, aanbodDatum, [parameters]);
    const woningen = await vrijeWoningen(db, { ...filter, limit: MAX_CANDIDATES });
    const buurten = [...new Set(woningen.map((w) => w.buurtcode))];
    const plaatsingen = await plaatsingenPerBuurt(
      db,
      buurten,
      draagkrachtSinds(aanbodDatum),
      draagkrachtTot(aanbodDatum),
    );
    const result = matchWoningen(state, woningen, {
      aanbodDatum,
      plaatsingenPerBuurt: plaatsingen,
      draagkracht,
      parameters,
      toon: o.limit,
    });
    const uitgesloten = o.uitgesloten
      ? [
          ...result.uitgesloten,
          ...matchWoningen(state, await vrijeWoningen(db, { ...filter, limit: o.limit }, true), {
            aanbodDatum,
            parameters,
          }).uitgesloten,
        ]
      : undefined;
    return {
      regel: result.regel,
      aanbodDatum,
      totaal: result.totaal,
      afgekapt: woningen.length === MAX_CANDIDATES,
      kandidaten: result.kandidaten.slice(0, o.limit),
      ...(uitgesloten ? { uitgesloten: uitgesloten.slice(0, o.limit) } : {}),
    };
  }

  /** The aanbod step's input for the workflow: the woning as it is now, and the buurt's placements. */
  async function aanbodInput(
    caseId: string,
    body: { woningId: string; aanbodDatum?: string | undefined; bezichtigingOp?: string | undefined },
  ): Promise<Aanbod> {
    const row = await db.woning.findUnique({ where: { id: body.woningId } });
    if (!row) {
      throw new HttpError(422, 'unknown_woning', 'woningId: deze woning bestaat niet', {
        fields: [{ field: 'woningId', problem: 'deze woning bestaat niet' }],
      });
    }
    if (row.status !== 'vrij' && row.caseId !== caseId) {
      throw new HttpError(409, 'woning_unavailable', `woning ${row.referentie} is ${row.status}`);
    }
    const { aanbodDatum, parameters } = await datumEnParameters(body.aanbodDatum);
    const woning = toSnapshot(row);
    const plaatsingen = await plaatsingenPerBuurt(
      db,
      [woning.buurtcode],
      draagkrachtSinds(aanbodDatum),
      draagkrachtTot(aanbodDatum),
    );
    return {
      woning,
      aanbodDatum,
      bezichtigingOp: body.bezichtigingOp,
      plaatsingenInBuurt: plaatsingen.get(woning.buurtcode) ?? 0,
      draagkracht,
      parameters,
    };
  }

  return { matches, aanbodInput };
}
export type MatchingService = ReturnType<typeof createMatchingService>;
