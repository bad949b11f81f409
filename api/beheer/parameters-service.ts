import type { Db } from '../../prisma/client';
import { parameterSets } from '../../prisma/parameter-repository';
import { parameterWaarschuwingen } from '../../domain/rules/parameters';
import { vandaag } from '../woningen/matching-service';

/**
 * The rule parameter sets and what the beheerder must still keep, for GET /parameters and the
 * beheerder's start page alike: from 60 days before 1 January a year without its set is named,
 * since from that day every aanbod in it is refused.
 */
export async function parameterOverzicht(db: Db) {
  const sets = await parameterSets(db);
  return { sets, waarschuwingen: parameterWaarschuwingen(vandaag(), sets) };
}
