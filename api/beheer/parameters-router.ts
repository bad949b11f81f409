import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../prisma/client';
import { parameterOverzicht } from './parameters-service';
import { createBeheerService } from './beheer-service';
import { parameterValuesSchema } from '../../domain/schemas';
import { principalOf } from '../auth/authenticate';
import type { Logger } from '../../platform/logger';
import { HttpError, parseInput } from '../http/errors';

const jaarParams = z.object({ jaar: z.coerce.number().int().min(2000).max(2100) });

/**
 * The dated rule parameters: read by anyone signed in, kept by the beheerder.
 * A decision already made keeps the amounts it used, so changing a set never
 * rewrites history; it only decides aanbiedingen from then on.
 */
export function parametersRouter(db: Db, log: Logger): Router {
  const router = Router();
  router.get('/parameters', async (_req, res) => {
    res.json(await parameterOverzicht(db));
  });
  router.put('/parameters/:jaar', async (req, res) => {
    const p = principalOf(req);
    if (!p.roles.includes('beheerder'))
      throw new HttpError(403, 'forbidden', 'de regelparameters worden bijgehouden door de beheerder');
    const { jaar } = parseInput(jaarParams, req.params, 'path');
    const body = parseInput(parameterValuesSchema, req.body, 'body');
    const outcome = await createBeheerService(db, log).keepParameters(jaar, body, p.sub);
    res.status(outcome === 'created' ? 201 : 200).json({ jaar, ...body });
  });
  return router;
}
