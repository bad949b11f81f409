import { Router, type Request, type Response } from 'express';
import type { Audit } from '../audit/audit-log';
import { principalOf } from '../auth/authenticate';
import { caseIdParams, idempotencyKeyHeader } from '../cases/case-schemas';
import type { Reply } from '../cases/case-service';
import { HttpError, parseInput } from '../http/errors';
import { acceptBody, assignBody, behandelaarBody, inboxQuery, teVerdelenQuery } from './routing-schemas';
import type { RoutingService } from './routing-service';

const keyOf = (req: Request) =>
  parseInput(idempotencyKeyHeader, req.get('idempotency-key'), 'header', 'Idempotency-Key');

/**
 * Routing and the behandelaar: "Te verdelen", "Casus aannemen", assigning a side, Oppakken /
 * Overdragen / Vrijgeven, colleagues and the inbox. Every write and every case listed is audited.
 */
export function routingRouter(routing: RoutingService, audit: Audit): Router {
  const router = Router();

  /** A write on one case: audited with its answer, also when refused. */
  const write = async (req: Request, res: Response, id: string, run: () => Promise<Reply>) => {
    const p = principalOf(req);
    try {
      const reply = await run();
      await audit.record(req, p, 'write', [id], reply.status);
      if (reply.replayed) res.set('Idempotent-Replayed', 'true');
      res.status(reply.status).json(reply.body);
    } catch (err) {
      // A 404 is audited where it is decided (visibleCase).
      if (!(err instanceof HttpError && err.status === 404)) {
        await audit.record(req, p, 'write', [id], err instanceof HttpError ? err.status : 500);
      }
      throw err;
    }
  };

  router.get('/te-verdelen', async (req, res) => {
    const p = principalOf(req);
    const { zijde, limit, offset } = parseInput(teVerdelenQuery, req.query, 'query');
    const page = await routing.teVerdelen(p, zijde, { limit, offset });
    await audit.record(req, p, 'list', page.items.length ? page.items.map((i) => String(i.caseId)) : [null], 200);
    res.json(page);
  });

  router.post('/cases/:id/aanname', async (req, res) => {
    const p = principalOf(req);
    const { id } = parseInput(caseIdParams, req.params, 'path');
    const key = keyOf(req);
    const { zijde } = parseInput(acceptBody, req.body ?? {}, 'body');
    await write(req, res, id, () => routing.accept(req, p, id, zijde, key));
  });

  router.post('/cases/:id/partijen', async (req, res) => {
    const p = principalOf(req);
    const { id } = parseInput(caseIdParams, req.params, 'path');
    const key = keyOf(req);
    const body = parseInput(assignBody, req.body ?? {}, 'body');
    await write(req, res, id, () => routing.assign(req, p, id, body, key));
  });

  router.post('/cases/:id/behandelaar', async (req, res) => {
    const p = principalOf(req);
    const { id } = parseInput(caseIdParams, req.params, 'path');
    const key = keyOf(req);
    const body = parseInput(behandelaarBody, req.body ?? {}, 'body');
    await write(req, res, id, () => routing.behandelaar(req, p, id, body, key));
  });

  router.get('/collegas', async (req, res) => {
    res.json(await routing.collegas(principalOf(req)));
  });

  router.get('/inbox', async (req, res) => {
    const p = principalOf(req);
    const q = parseInput(inboxQuery, req.query, 'query');
    const page = await routing.inbox(p, q);
    await audit.record(req, p, 'list', page.items.length ? page.items.map((i) => i.id) : [null], 200);
    res.json(page);
  });

  return router;
}
