import { Router, type Request, type Response } from 'express';
import { aanmeldingSchema } from '../../domain/schemas';
import { actorFrom } from '../auth/actor';
import type { Audit } from '../audit/audit-log';
import { canReadAudit, canRecordStep, canSeeMatches, canSeeWoonvormAdvies, stepRoles } from '../auth/access-policy';
import { woonvormAdviesBody } from './woonvorm-advies-view';
import { principalOf } from '../auth/authenticate';
import type { CaseService, Reply } from './case-service';
import type { CaseReader } from './case-reader';
import { refuseHiddenFilters } from './list-filters';
import { HttpError, parseInput } from '../http/errors';
import {
  apiStepSchemas,
  caseIdParams,
  idempotencyKeyHeader,
  listCasesQuery,
  matchesQuery,
  stepParams,
} from './case-schemas';

function idempotencyKey(req: Request): string | undefined {
  return parseInput(idempotencyKeyHeader, req.get('idempotency-key'), 'header', 'Idempotency-Key');
}

function send(res: Response, reply: Reply, location?: string) {
  if (reply.replayed) res.set('Idempotent-Replayed', 'true');
  if (location && reply.status === 201) res.set('Location', location);
  res.status(reply.status).json(reply.body);
}

/**
 * Case endpoints. Every case a caller may not see is a 404, the same answer
 * as for a case that does not exist; every access to case data is audited.
 */
export function casesRouter(cases: CaseService, reader: CaseReader, audit: Audit): Router {
  const router = Router();
  const { visibleCase } = reader;

  router.post('/cases', async (req, res) => {
    const p = principalOf(req);
    const actor = actorFrom(req, ['consulent']);
    const key = idempotencyKey(req);
    const aanmelding = parseInput(aanmeldingSchema, req.body, 'body');
    const reply = await cases.start(aanmelding, actor, key);
    const caseId = (reply.body as { caseId?: string }).caseId ?? null;
    await audit.record(req, p, 'write', [caseId], reply.status);
    send(res, reply, `/cases/${caseId}`);
  });

  router.get('/cases', async (req, res) => {
    const p = principalOf(req);
    const { limit, offset, ...filter } = parseInput(listCasesQuery, req.query, 'query');
    refuseHiddenFilters(p, filter);
    const page = await reader.list(p, filter, { limit, offset });
    await audit.record(req, p, 'list', page.items.length ? page.items.map((i) => i.id) : [null], 200);
    res.json(page);
  });

  router.get('/cases/:id', async (req, res) => {
    const p = principalOf(req);
    const { id } = parseInput(caseIdParams, req.params, 'path');
    const { parties } = await visibleCase(req, p, id);
    const { body } = await reader.shapedCase(p, id, parties);
    await audit.record(req, p, 'read', [id], 200);
    res.json(body);
  });

  router.get('/cases/:id/matches', async (req, res) => {
    const p = principalOf(req);
    const { id } = parseInput(caseIdParams, req.params, 'path');
    const { limit, uitgesloten, aanbodDatum } = parseInput(matchesQuery, req.query, 'query');
    const { state } = await visibleCase(req, p, id, canSeeMatches);
    const body = await cases.matches(state, { limit, uitgesloten: uitgesloten === 'true', aanbodDatum });
    await audit.record(req, p, 'read', [id], 200);
    res.json(body);
  });

  router.get('/cases/:id/woonvorm-advies', async (req, res) => {
    const p = principalOf(req);
    const { id } = parseInput(caseIdParams, req.params, 'path');
    const { state } = await visibleCase(req, p, id, canSeeWoonvormAdvies);
    const body = woonvormAdviesBody(id, state);
    await audit.record(req, p, 'read', [id], 200);
    res.json(body);
  });

  router.get('/cases/:id/audit', async (req, res) => {
    const p = principalOf(req);
    const { id } = parseInput(caseIdParams, req.params, 'path');
    await visibleCase(req, p, id, canReadAudit);
    const entries = await audit.forCase(id);
    await audit.record(req, p, 'audit', [id], 200);
    res.json({ caseId: id, entries });
  });

  router.post('/cases/:id/steps/:step', async (req, res) => {
    const p = principalOf(req);
    const { id, step } = parseInput(stepParams, req.params, 'path');
    const key = idempotencyKey(req);
    const input = parseInput(apiStepSchemas[step], req.body ?? {}, 'body');
    const { state } = await visibleCase(req, p, id, (pr, c, s) => canRecordStep(pr, c, s, step));
    try {
      const actor = actorFrom(req, stepRoles(step, state));
      const reply = await cases.recordStep(state, step, input, actor, key);
      await audit.record(req, p, 'write', [id], reply.status);
      send(res, reply);
    } catch (err) {
      await audit.record(req, p, 'write', [id], err instanceof HttpError ? err.status : 500);
      throw err;
    }
  });

  return router;
}
