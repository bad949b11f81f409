import { adviseerWoonvorm, doorgeleidingsAdvies, type WoonvormAdvies } from '../rules/woonvorm-advies';
import type { CaseState } from '../types';
import { spoedZonderZorg } from './step-specs';

type ViewState = Partial<CaseState>;

/**
 * The woonvorm advice a case's state allows to compute: once the zorg is recorded, or for spoed
 * without a zorginstelling from the vraag on. Undefined before, or when the view hides the indicatie.
 * The web page and GET /cases/{id}/woonvorm-advies both use it, so they say the same.
 */
export function woonvormAdviesVoor(s: ViewState): WoonvormAdvies | undefined {
  if (!s.aanmelding?.indicatie || !s.partijen) return undefined;
  const basis = { aanmelding: s.aanmelding, vraag: s.vraag, regelset: s.regelset };
  if (s.zorg?.zorgvorm && s.zorg.richtingen) return adviseerWoonvorm({ ...basis, zorg: s.zorg });
  if (spoedZonderZorg(s as CaseState)) return adviseerWoonvorm(basis);
  return undefined;
}

/** The advice with the doorgeleiding it implies (only where a zorg party weighs it; spoed without one has none). */
export function woonvormAdviesMetDoorgeleiding(s: ViewState) {
  const advies = woonvormAdviesVoor(s);
  if (!advies) return undefined;
  return { advies, doorgeleiding: s.zorg ? doorgeleidingsAdvies(advies) : undefined };
}
