import type { z } from 'zod';
import type { Db } from '../../prisma/client';
import { replaceContingentAfspraken } from '../../prisma/contingent-repository';
import { putNorm, STANDAARD_NORM } from '../../prisma/norm-repository';
import { findOrganisatie, putOrganisatie } from '../../prisma/organisatie-repository';
import { putParameterSet } from '../../prisma/parameter-repository';
import type { parameterValuesSchema } from '../../domain/schemas';
import type { Logger } from '../../platform/logger';
import type { OrganisationRegister } from '../auth/organisation-register';
import { notFound } from '../http/errors';
import type { contingentInputBody, normInputBody, normParams, organisatieInputBody } from './beheer-schemas';

/**
 * What the beheerder keeps, written once for the JSON routes (beheer-router, parameters-router)
 * and the screens (api/web/pages/beheer.ts): both parse with the same schemas and hand the
 * parsed value here. Every check happens before the single write, so a refusal changes nothing.
 */
export function createBeheerService(db: Db, log: Logger, register?: OrganisationRegister) {
  return {
    async keepOrganisatie(id: string, body: z.infer<typeof organisatieInputBody>, by: string) {
      const result = await putOrganisatie(
        db,
        {
          id,
          naam: body.naam,
          soort: body.soort,
          gemeente: body.gemeente ?? null,
          werkgebied: [...new Set(body.werkgebied)],
          email: body.email ?? null,
          managerEmail: body.managerEmail ?? null,
          webhookUrl: body.webhookUrl ?? null,
          actief: body.actief,
        },
        by,
      );
      // Who may act for it changes at once in this process; other processes within the register's TTL.
      register?.forget(id);
      log.info({ organisatie: id, by, outcome: result.outcome }, 'organisatie kept');
      return result;
    },

    async keepNorm(fase: z.infer<typeof normParams>['fase'], body: z.infer<typeof normInputBody>, by: string) {
      // An agreed norm belongs to a known organisation; a typo must not create a norm nobody gets.
      if (body.organisatie !== STANDAARD_NORM && !(await findOrganisatie(db, body.organisatie)))
        throw notFound('organisatie');
      const result = await putNorm(
        db,
        { fase, organisatie: body.organisatie, werkdagen: body.werkdagen, herinneringBij: body.herinneringBij ?? null },
        by,
      );
      log.info({ fase, organisatie: body.organisatie, by, outcome: result.outcome }, 'norm kept');
      return result;
    },

    async keepContingent(
      corporatie: string,
      jaar: number,
      afspraken: z.infer<typeof contingentInputBody>['afspraken'],
      by: string,
    ) {
      const org = await findOrganisatie(db, corporatie);
      if (!org || org.soort !== 'corporatie') throw notFound('corporatie');
      const rows = await replaceContingentAfspraken(db, corporatie, jaar, afspraken, by);
      log.info({ corporatie, jaar, afspraken: rows.length, by }, 'contingent kept');
      return rows;
    },

    async keepParameters(jaar: number, values: z.infer<typeof parameterValuesSchema>, by: string) {
      const outcome = await putParameterSet(db, { jaar, ...values }, by);
      log.info({ jaar, by, outcome }, 'rule parameters kept');
      return outcome;
    },
  };
}
export type BeheerService = ReturnType<typeof createBeheerService>;
