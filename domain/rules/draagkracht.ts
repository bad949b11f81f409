import type { RuleVerdict } from '../types';

export const DRAAGKRACHT_REGEL = 'buurt-draagkracht@1';

export interface DraagkrachtParameters {
  /** More placements of bijzondere doelgroepen than this in the period is a warning. */
  maxPlaatsingen: number;
  periodeDagen: number;
}

/**
 * A warning, not a refusal: a buurt that already received many placements of
 * bijzondere doelgroepen may lack the draagkracht for another.
 */
export function buurtDraagkracht(
  buurtcode: string,
  plaatsingenInPeriode: number,
  p: DraagkrachtParameters,
  /** False: no reasons (matching's outcome path); the uitkomst is the same. */
  metRedenen = true,
): RuleVerdict {
  const parameters = {
    maxPlaatsingen: p.maxPlaatsingen,
    periodeDagen: p.periodeDagen,
    plaatsingen: plaatsingenInPeriode,
  };
  if (plaatsingenInPeriode > p.maxPlaatsingen) {
    return {
      regel: DRAAGKRACHT_REGEL,
      uitkomst: 'waarschuwing',
      redenen: !metRedenen
        ? []
        : [
            `buurt ${buurtcode} kreeg ${plaatsingenInPeriode} plaatsingen in ${p.periodeDagen} dagen (meer dan ${p.maxPlaatsingen}): weeg de draagkracht`,
          ],
      parameters,
    };
  }
  return {
    regel: DRAAGKRACHT_REGEL,
    uitkomst: 'voldoet',
    redenen: !metRedenen ? [] : [`buurt ${buurtcode}: ${plaatsingenInPeriode} plaatsingen in ${p.periodeDagen} dagen`],
    parameters,
  };
}
