import { adviseerWoonvorm, type WoonvormAdvies } from '../../../domain/rules/woonvorm-advies';
import { spoedZonderZorg } from '../../../domain/steps/step-specs';
import type { CaseState, Woonvorm } from '../../../domain/types';

type ViewState = Partial<CaseState>;

/** The woonvorm advice the case's state allows to compute (a view may hide the indicatie). */
export function woonvormAdviesVoor(s: ViewState): WoonvormAdvies | undefined {
  if (!s.aanmelding?.indicatie || !s.partijen) return undefined;
  const basis = { aanmelding: s.aanmelding, vraag: s.vraag, regelset: s.regelset };
  if (s.zorg?.zorgvorm && s.zorg.richtingen) return adviseerWoonvorm({ ...basis, zorg: s.zorg });
  if (spoedZonderZorg(s as CaseState)) return adviseerWoonvorm(basis);
  return undefined;
}

/** The woonvormen the form offers: those the step accepts (the advice's options not excluded); undefined when unknown. */
export function toegestaneKeuzes(s: ViewState): Woonvorm[] | undefined {
  const advies = woonvormAdviesVoor(s);
  return advies?.opties.filter((o) => o.uitkomst !== 'uitgesloten').map((o) => o.woonvorm);
}
