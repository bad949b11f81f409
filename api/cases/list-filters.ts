import type { Principal } from '../auth/principal';
import { listViews } from '../auth/access-policy';
import { hiddenFilters } from '../auth/case-view';
import { HttpError } from '../http/errors';

/**
 * Refuses (400, naming the filter) a list filter on a field the reader's view leaves out:
 * otherwise `?doelgroep=ggz` would tell a corporatie what its view hides. Used by the API
 * list and the web app's list alike.
 */
export function refuseHiddenFilters(p: Principal, filter: Record<string, unknown>, location: 'query' = 'query'): void {
  const used = Object.keys(filter).filter((k) => filter[k] !== undefined);
  const refused = hiddenFilters(listViews(p), used);
  if (!refused.length) return;
  const fields = refused.map((field) => ({
    field,
    problem: 'u mag niet filteren of sorteren op een gegeven dat u niet te zien krijgt',
  }));
  throw new HttpError(400, 'filter_not_allowed', `filter not allowed for your view: ${refused.join(', ')}`, {
    in: location,
    fields,
  });
}
