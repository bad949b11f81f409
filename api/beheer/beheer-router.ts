import { Router, type NextFunction, type Request, type Response } from 'express';
import type { z } from 'zod';
import type { Db } from '../../prisma/client';
import { listContingentAfspraken, type ContingentAfspraakRow } from '../../prisma/contingent-repository';
import { deleteNorm, listNormen, STANDAARD_NORM, type NormRow } from '../../prisma/norm-repository';
import { findOrganisatie, listOrganisaties, type OrganisatieRow } from '../../prisma/organisatie-repository';
import type { Logger } from '../../platform/logger';
import type { OrganisationRegister } from '../auth/organisation-register';
import { createBeheerService } from './beheer-service';
import { principalOf } from '../auth/authenticate';
import {
  contingentInputBody,
  contingentParams,
  contingentQuery,
  normDeleteParams,
  normInputBody,
  normParams,
  organisatieIdParams,
  organisatieInputBody,
  type contingentAfspraakBody,
  type normBody,
  type organisatieBody,
} from './beheer-schemas';
import { HttpError, notFound, parseInput } from '../http/errors';

/** Every beheer endpoint is the beheerder's, reads too: who is reachable where is not for case workers. */
function beheerderOnly(req: Request, _res: Response, next: NextFunction) {
  if (!principalOf(req).roles.includes('beheerder'))
    return next(
      new HttpError(403, 'forbidden', 'organisaties, normen en het contingent worden bijgehouden door de beheerder'),
    );
  next();
}

const organisatieOut = (r: OrganisatieRow): z.infer<typeof organisatieBody> => ({
  id: r.id,
  naam: r.naam,
  soort: r.soort,
  gemeente: r.gemeente,
  werkgebied: r.werkgebied,
  email: r.email,
  managerEmail: r.managerEmail,
  webhookUrl: r.webhookUrl,
  actief: r.actief,
  updatedAt: r.updatedAt.toISOString(),
  updatedBy: r.updatedBy,
});
const normOut = (r: NormRow) =>
  ({
    fase: r.fase,
    organisatie: r.organisatie,
    werkdagen: r.werkdagen,
    herinneringBij: r.herinneringBij,
    updatedAt: r.updatedAt.toISOString(),
    updatedBy: r.updatedBy,
  }) as z.infer<typeof normBody>;
const afspraakOut = (r: ContingentAfspraakRow) =>
  ({
    corporatie: r.corporatie,
    jaar: r.jaar,
    opgave: r.opgave,
    doelgroep: r.doelgroep,
    aantal: r.aantal,
    updatedAt: r.updatedAt.toISOString(),
    updatedBy: r.updatedBy,
  }) as z.infer<typeof contingentAfspraakBody>;

/**
 * The beheerder's tables: organisations (where reminders and escalations go),
 * the norms per fase and the contingent afspraken. Nothing here reads or shows
 * a case. A refused request changes nothing: everything is parsed and checked
 * before the single write.
 */
export function beheerRouter(db: Db, log: Logger, register?: OrganisationRegister): Router {
  const router = Router();
  const beheer = createBeheerService(db, log, register);
  router.get('/beheer/organisaties', beheerderOnly, async (_req, res) => {
    res.json({ items: (await listOrganisaties(db)).map(organisatieOut) });
  });

  router.get('/beheer/organisaties/:id', beheerderOnly, async (req, res) => {
    const { id } = parseInput(organisatieIdParams, req.params, 'path');
    const row = await findOrganisatie(db, id);
    if (!row) throw notFound('organisatie');
    res.json(organisatieOut(row));
  });

  router.put('/beheer/organisaties/:id', beheerderOnly, async (req, res) => {
    const by = principalOf(req).sub;
    const { id } = parseInput(organisatieIdParams, req.params, 'path');
    const body = parseInput(organisatieInputBody, req.body ?? {}, 'body');
    const { outcome, row } = await beheer.keepOrganisatie(id, body, by);
    res.status(outcome === 'created' ? 201 : 200).json(organisatieOut(row));
  });

  router.get('/beheer/normen', beheerderOnly, async (_req, res) => {
    res.json({ items: (await listNormen(db)).map(normOut) });
  });

  router.put('/beheer/normen/:fase', beheerderOnly, async (req, res) => {
    const by = principalOf(req).sub;
    const { fase } = parseInput(normParams, req.params, 'path');
    const body = parseInput(normInputBody, req.body ?? {}, 'body');
    const { outcome, row } = await beheer.keepNorm(fase, body, by);
    res.status(outcome === 'created' ? 201 : 200).json(normOut(row));
  });

  router.delete('/beheer/normen/:fase/:organisatie', beheerderOnly, async (req, res) => {
    const by = principalOf(req).sub;
    const { fase, organisatie } = parseInput(normDeleteParams, req.params, 'path');
    if (organisatie === STANDAARD_NORM)
      throw new HttpError(
        409,
        'default_norm',
        `the default norm of ${fase} cannot be deleted; change it with PUT /beheer/normen/${fase}`,
      );
    if (!(await deleteNorm(db, fase, organisatie))) throw notFound('norm');
    log.info({ fase, organisatie, by }, 'norm deleted');
    res.status(204).end();
  });

  router.get('/beheer/contingent', beheerderOnly, async (req, res) => {
    const filter = parseInput(contingentQuery, req.query, 'query');
    res.json({ items: (await listContingentAfspraken(db, filter)).map(afspraakOut) });
  });

  router.put('/beheer/contingent/:corporatie/:jaar', beheerderOnly, async (req, res) => {
    const by = principalOf(req).sub;
    const { corporatie, jaar } = parseInput(contingentParams, req.params, 'path');
    const { afspraken } = parseInput(contingentInputBody, req.body ?? {}, 'body');
    const rows = await beheer.keepContingent(corporatie, jaar, afspraken, by);
    res.json({ items: rows.map(afspraakOut) });
  });

  return router;
}
