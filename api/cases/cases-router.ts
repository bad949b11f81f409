import { Router, type Request, type Response } from 'express';
import { turnOf } from '../../domain/steps';
import { aanmeldingSchema } from '../../domain/schemas';
import type { CaseState, StepName } from '../../domain/types';
import { actorFrom } from '../auth/actor';
import type { Audit } from '../audit/audit-log';
import { canReadAudit, canReadCase, listScope, viewOf, type CaseParties } from '../auth/access-policy';
import { principalOf } from '../auth/authenticate';
import { shapeCase } from '../auth/case-view';
import type { Principal } from '../auth/principal';
import type { CaseService, Reply } from './case-service';
import { HttpError, notFound, parseInput } from '../http/errors';
import { refuseHiddenFilters } from './list-filters';
import { apiStepSchemas, caseIdParams, idempotencyKeyHeader, listCasesQuery, matchesQuery, stepParams } from './case-schemas';

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
export function casesRouter(cases: CaseService, audit: Audit): Router {
  const router = Router();

  /** Loads the case's parties and checks the caller may see it; audits a refusal as 404. */
  async function visibleCase(req: Request, p: Principal, id: string, allowed: (p: Principal, c: CaseParties, state: CaseState) => boolean = canReadCase) {
    const found = await cases.parties(id);
    if (!found || !allowed(p, found.parties, found.state)) {
      await audit.record(req, p, 'read', [found ? id : null], 404);
      throw notFound('case');
    }
    return found;
  }

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
    const scope = listScope(p);
    if (!scope) {
      await audit.record(req, p, 'list', [null], 200);
      res.json({ items: [], total: 0, limit, offset });
      return;
    }
    const page = await cases.list(filter, { limit, offset }, scope);
    const items = page.items.map((item) => {
      const parties: CaseParties = { ...item.partijen, gemeente: item.gemeente };
      return shapeCase(item, viewOf(p, parties));
    });
    await audit.record(req, p, 'list', items.length ? items.map((i) => i.id) : [null], 200);
    res.json({ ...page, items });
  });

  router.get('/cases/:id', async (req, res) => {
    const p = principalOf(req);
    const { id } = parseInput(caseIdParams, req.params, 'path');
    const { parties } = await visibleCase(req, p, id);
    const body = shapeCase(await cases.get(id), viewOf(p, parties));
    await audit.record(req, p, 'read', [id], 200);
    res.json(body);
  });

  router.get('/cases/:id/matches', async (req, res) => {
    const p = principalOf(req);
    const { id } = parseInput(caseIdParams, req.params, 'path');
    const { limit, uitgesloten, aanbodDatum } = parseInput(matchesQuery, req.query, 'query');
    const { state } = await visibleCase(req, p, id, (pr, c) => canReadCase(pr, c) && pr.roles.includes('verhuurmedewerker') && pr.org === c.corporatie);
    const body = await cases.matches(state, { limit, uitgesloten: uitgesloten === 'true', aanbodDatum });
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
    // A party of the case, or the first professional of a side that has no organisation yet.
    const { state } = await visibleCase(req, p, id, (pr, c, s) => canReadCase(pr, c) || canClaim(pr, step, s));
    try {
      const actor = actorFrom(req, rolesFor(step, state));
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

/** Whether `p` may take an open side of the case (no organisation yet) by recording `step`. */
function canClaim(p: Principal, step: StepName, state: CaseState): boolean {
  const open = turnOf(state).stappen.find((s) => s.step === step)?.rollen.filter((r) => r.organisatie === undefined) ?? [];
  return open.some((r) => p.roles.includes(r.rol));
}

/** The roles that may record `step` now, to pick the caller's role when they hold several. */
function rolesFor(step: StepName, state: Parameters<typeof turnOf>[0]) {
  return turnOf(state).stappen.find((s) => s.step === step)?.rollen.map((r) => r.rol) ?? [];
}
