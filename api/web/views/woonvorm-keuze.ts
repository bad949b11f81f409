import { woonvormAdviesVoor } from '../../../domain/steps/woonvorm-advies-case';
import type { CaseState, Woonvorm } from '../../../domain/types';

export { woonvormAdviesVoor };

type ViewState = Partial<CaseState>;

/** The woonvormen the form offers: those the step accepts (the advice's options not excluded); undefined when unknown. */
export function toegestaneKeuzes(s: ViewState): Woonvorm[] | undefined {
  const advies = woonvormAdviesVoor(s);
  return advies?.opties.filter((o) => o.uitkomst !== 'uitgesloten').map((o) => o.woonvorm);
}
