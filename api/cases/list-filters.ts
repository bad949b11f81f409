import type { Principal } from '../auth/principal';
import { canFilterOnBehandelaar, canSearchReferentie, listViews } from '../auth/access-policy';
import { hiddenFilters } from '../auth/case-view';
import { HttpError } from '../http/errors';

/**
 * Filters that need more than seeing the field: one rule per filter, the reader may use the
 * filter only when it holds.
 */
export const filterRules: Record<string, { allowed: (p: Principal) => boolean; problem: string }> = {
  referentie: {
    allowed: canSearchReferentie,
    problem: 'zoeken op referentie is er alleen voor het wijkteam',
  },
  behandelaar: {
    allowed: canFilterOnBehandelaar,
    problem: 'filteren op behandelaar kan alleen voor de eigen kant van een casus; een gemeente heeft er geen',
  },
};

const HIDDEN_PROBLEM = 'u mag niet filteren of sorteren op een gegeven dat u niet te zien krijgt';

/**
 * Refuses (400, naming the filter) a list filter on a field the reader's view leaves out:
 * otherwise `?doelgroep=ggz` would tell a corporatie what its view hides. A filter with a
 * rule in `filterRules` is refused when its rule does not hold. Used by the API list and the
 * web app's list alike.
 */
export function refuseHiddenFilters(p: Principal, filter: Record<string, unknown>, location: 'query' = 'query'): void {
  const fields = refusedFilters(
    p,
    Object.keys(filter).filter((k) => filter[k] !== undefined),
  );
  if (!fields.length) return;
  throw new HttpError(
    400,
    'filter_not_allowed',
    `filter not allowed for your view: ${fields.map((f) => f.field).join(', ')}`,
    { in: location, fields },
  );
}

/** The filters among `names` that `p` may not use, each with its problem; for the pages to leave them out too. */
export function refusedFilters(p: Principal, names: readonly string[]): Array<{ field: string; problem: string }> {
  const hidden = new Set(hiddenFilters(listViews(p), names));
  return names.flatMap((field) => {
    const rule = filterRules[field];
    if (rule && !rule.allowed(p)) return [{ field, problem: rule.problem }];
    return hidden.has(field) ? [{ field, problem: HIDDEN_PROBLEM }] : [];
  });
}
