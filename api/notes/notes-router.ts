import { Router } from 'express';
import { noteInputSchema } from '../../domain/notes';
import { actorFrom } from '../auth/actor';
import { principalOf } from '../auth/authenticate';
import type { Audit } from '../audit/audit-log';
import { caseIdParams, idempotencyKeyHeader } from '../cases/case-schemas';
import { HttpError, parseInput } from '../http/errors';
import type { Notes } from './notes-service';

/**
 * GET/POST /cases/:id/notities: the thread of notes between the parties. A case whose notes
 * the caller may not read answers 404; every read and write is in the audit log (never the text).
 */
export function notesRouter(notes: Notes, audit: Audit): Router {
  const router = Router();

  router.get('/cases/:id/notities', async (req, res) => {
    const p = principalOf(req);
    const { id } = parseInput(caseIdParams, req.params, 'path');
    const body = await notes.thread(req, p, id);
    await audit.record(req, p, 'read', [id], 200);
    res.json(body);
  });

  router.post('/cases/:id/notities', async (req, res) => {
    const p = principalOf(req);
    const { id } = parseInput(caseIdParams, req.params, 'path');
    const key = parseInput(idempotencyKeyHeader, req.get('idempotency-key'), 'header', 'Idempotency-Key');
    const note = parseInput(noteInputSchema, req.body ?? {}, 'body');
    try {
      const reply = await notes.add(req, p, id, note, actorFrom(req), key);
      await audit.record(req, p, 'write', [id], reply.status);
      if (reply.replayed) res.set('Idempotent-Replayed', 'true');
      res.status(reply.status).json(reply.body);
    } catch (err) {
      // A 404 (not a case the caller may write notes on) is audited by visibleCase already.
      const status = err instanceof HttpError ? err.status : 500;
      if (status !== 404) await audit.record(req, p, 'write', [id], status);
      throw err;
    }
  });

  return router;
}
