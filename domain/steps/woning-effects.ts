import type { CaseState, StepRequest } from '../types';
import { openAanbod } from './step-specs';

/** What a step does to the woningaanbod: reserve before the step is recorded, release or let after. */
export interface WoningEffect {
  kind: 'reserveer' | 'geef_vrij' | 'verhuur';
  woningId: string;
  version: number;
}

/**
 * Side effects on woningen, derived from the step and the state before and
 * after it. A reservation must succeed before the aanbod is recorded (so one
 * woning is never offered to two cases); releases follow the recorded step.
 */
export function woningEffecten(
  before: CaseState,
  req: StepRequest,
  after?: CaseState,
): { voor: WoningEffect[]; na: WoningEffect[] } {
  const open = openAanbod(before);
  const effect = (kind: WoningEffect['kind'], a: { woning: { id: string; version: number } }): WoningEffect => ({
    kind,
    woningId: a.woning.id,
    version: a.woning.version,
  });
  if (req.step === 'aanbod')
    return { voor: [effect('reserveer', req.input as { woning: { id: string; version: number } })], na: [] };
  if (!after) return { voor: [], na: [] };
  if (open) {
    const nu = after.aanbiedingen.find((a) => a.nummer === open.nummer);
    if (nu && (nu.resultaat === 'geweigerd' || nu.resultaat === 'afgekeurd'))
      return { voor: [], na: [effect('geef_vrij', nu)] };
    if (after.status === 'afgesloten' && nu?.resultaat === 'open') return { voor: [], na: [effect('geef_vrij', nu)] };
  }
  if (req.step === 'toewijzing') {
    const geaccepteerd = after.aanbiedingen.find((a) => a.resultaat === 'geaccepteerd');
    if (geaccepteerd) return { voor: [], na: [effect('verhuur', geaccepteerd)] };
  }
  // A case withdrawn after acceptance but before toewijzing gives its woning back.
  if (after.status === 'afgesloten' && !after.toewijzing) {
    const geaccepteerd = after.aanbiedingen.find((a) => a.resultaat === 'geaccepteerd');
    if (geaccepteerd) return { voor: [], na: [effect('geef_vrij', geaccepteerd)] };
  }
  return { voor: [], na: [] };
}
