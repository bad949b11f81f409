import type { CaseView } from './access-policy';

/**
 * Field-level minimisation: what each view leaves out of a case. One table,
 * read top to bottom; `*` stands for every element of an array.
 * - zorg (wijkteam, zorginstelling): everything their part needs — the whole case.
 * - verhuur (corporatie): the woonbehoefte and whether begeleiding is arranged, not the
 *   indicatie, the doelgroep, where the person lives now (a GGZ-kliniek says it all), care
 *   details or ZRM scores.
 * - management: the course of the case (steps, times, parties, outcome), no person or care
 *   data; doelgroep and deelgroep only as aggregate figures in the reports.
 * Top-level names (`doelgroep`) are fields of a case in a list: what a view leaves out there,
 * its reader may not filter or sort on either (see hiddenFilters).
 */
export const hidden: Record<CaseView, readonly string[]> = {
  zorg: [],
  verhuur: [
    'doelgroep',
    // The person's referentie is the wijkteam's: in lists for the wijkteam only (case-reader).
    'referentie',
    'state.aanmelding.doelgroep',
    'state.aanmelding.indicatie',
    'state.aanmelding.persoon.huidigeSituatie',
    'state.vraag.meting',
    'state.zorg.zorgvorm',
    'state.zorg.richtingen',
    'state.woonvorm.advies',
    'state.woonvorm.toelichting',
    'state.doorgeleiding.advies',
    'history.*.summary.doelgroep',
    'history.*.summary.meting',
    // That the clock stopped is theirs to know; why (a code like opname_of_behandeling) is not.
    'state.opschortingen.*.reden',
    'state.opschortingen.*.toelichting',
    'history.*.summary.reden',
  ],
  management: [
    'doelgroep',
    'referentie',
    'deelgroep',
    'state.aanmelding.doelgroep',
    'state.aanmelding.deelgroep',
    'state.aanmelding.persoon',
    'state.aanmelding.indicatie',
    'state.vraag',
    'state.zorg',
    'state.woonvorm.advies',
    'state.woonvorm.toelichting',
    'state.doorgeleiding',
    'state.persoonlijkContact',
    'state.aanbiedingen',
    'state.overdracht',
    'state.kennismakingsgesprek',
    'state.nazorg',
    'state.uitkomstReden',
    'state.opschortingen.*.toelichting',
    'state.termijn.verlenging.reden',
    'history.*.summary',
  ],
};

function remove(target: unknown, path: string[]): void {
  if (target === null || typeof target !== 'object') return;
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (head === '*') {
    if (Array.isArray(target)) for (const item of target) remove(item, rest);
    return;
  }
  const record = target as Record<string, unknown>;
  if (rest.length === 0) delete record[head];
  else remove(record[head], rest);
}

/** Whether `view` shows the list field `field` (a top-level name of a case in a list). */
export const shows = (view: CaseView, field: string): boolean => !hidden[view].includes(field);

/** The filters among `names` that some view in `views` hides: a reader served those views may not use them. */
export function hiddenFilters(views: readonly CaseView[], names: readonly string[]): string[] {
  return names.filter((name) => views.some((view) => !shows(view, listFieldOf[name] ?? name)));
}

/** A filter named differently from the list field it selects on. */
const listFieldOf: Record<string, string> = { organisatie: 'partijen' };

/** A copy of `body` with what `view` may not see taken out. */
export function shapeCase<T>(body: T, view: CaseView): T {
  const copy = structuredClone(body) as T & {
    state?: { aanmelding?: { indicatie?: { wet?: string } } & Record<string, unknown> };
  };
  if (view === 'verhuur' && copy.state?.aanmelding?.indicatie) {
    // What the corporatie needs of the indicatie: that begeleiding is arranged.
    copy.state.aanmelding.begeleidingGeregeld = copy.state.aanmelding.indicatie.wet !== 'geen';
  }
  for (const path of hidden[view]) remove(copy, path.split('.'));
  return copy;
}
