import { Router, type Request } from 'express';
import type { z } from 'zod';
import { aanmeldingSchema } from '../../workflows/schemas';
import { actorFrom } from '../actor';
import type { CaseService, Reply } from '../case-service';
import { validationError } from '../errors';
import { apiStepSchemas, caseIdParams, idempotencyKeyHeader, listCasesQuery, matchesQuery, stepParams } from '../schemas';

function parse<T extends z.ZodType>(schema: T, value: unknown, where: 'body' | 'query' | 'path' | 'header', prefix?: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error, where, prefix);
  return result.data;
}

function idempotencyKey(req: Request): string | undefined {
  return parse(idempotencyKeyHeader, req.get('idempotency-key'), 'header', 'Idempotency-Key');
}

export function casesRouter(cases: CaseService): Router {
  const router = Router();
  const send = (res: import('express').Response, reply: Reply, location?: string) => {
    if (reply.replayed) res.set('Idempotent-Replayed', 'true');
    if (location && reply.status === 201) res.set('Location', location);
    res.status(reply.status).json(reply.body);
  };

  router.post('/cases', async (req, res) => {
    const actor = actorFrom(req);
    const key = idempotencyKey(req);
    const aanmelding = parse(aanmeldingSchema, req.body, 'body');
    const reply = await cases.start(aanmelding, actor, key);
    send(res, reply, `/cases/${(reply.body as { caseId: string }).caseId}`);
  });

  router.get('/cases', async (req, res) => {
    const { limit, offset, ...filter } = parse(listCasesQuery, req.query, 'query');
    res.json(await cases.list(filter, { limit, offset }));
  });

  router.get('/cases/:id', async (req, res) => {
    const { id } = parse(caseIdParams, req.params, 'path');
    res.json(await cases.get(id));
  });

  router.get('/cases/:id/matches', async (req, res) => {
    const { id } = parse(caseIdParams, req.params, 'path');
    const { limit, uitgesloten, aanbodDatum } = parse(matchesQuery, req.query, 'query');
    res.json(await cases.matches(id, { limit, uitgesloten: uitgesloten === 'true', aanbodDatum }));
  });

  router.post('/cases/:id/steps/:step', async (req, res) => {
    const { id, step } = parse(stepParams, req.params, 'path');
    const actor = actorFrom(req);
    const key = idempotencyKey(req);
    const input = parse(apiStepSchemas[step], req.body ?? {}, 'body');
    send(res, await cases.recordStep(id, step, input, actor, key));
  });

  return router;
}
