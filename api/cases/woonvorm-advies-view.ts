import type { z } from 'zod';
import { regelsetVan } from '../../domain/rules/regelset';
import { woonvormAdviesMetDoorgeleiding } from '../../domain/steps/woonvorm-advies-case';
import type { CaseState } from '../../domain/types';
import { HttpError } from '../http/errors';
import type { woonvormAdviesBody as schema } from './case-schemas';

/**
 * GET /cases/{id}/woonvorm-advies: the options, conflicts and bezwaren the woonvorm step judges
 * by, computed with the same function as the step and the web page, and the verdict recorded
 * with the choice. Before the zorg is known there is nothing to advise: 409.
 */
export function woonvormAdviesBody(caseId: string, state: CaseState): z.infer<typeof schema> {
  const found = woonvormAdviesMetDoorgeleiding(state);
  if (!found) {
    throw new HttpError(
      409,
      'advies_not_available',
      'het woonvormadvies volgt uit de zorg: leg eerst de stap zorg vast',
      { currentStep: state.fase },
    );
  }
  const { advies, doorgeleiding } = found;
  return {
    caseId,
    fase: state.fase,
    regel: advies.regel,
    regelset: regelsetVan(state),
    opties: advies.opties,
    aanbevolen: advies.aanbevolen,
    doorgeleiding: doorgeleiding ?? null,
    vastgelegd: state.woonvorm ? { woonvorm: state.woonvorm.woonvorm, advies: state.woonvorm.advies ?? null } : null,
  };
}
