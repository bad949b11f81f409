import express, { Router, type Request } from 'express';
import type { z } from 'zod';
import type { Db } from '../../prisma/client';
import { toSnapshot } from '../../prisma/woning-repository';
import {
  WoningBusyError,
  WoningExistsError,
  WoningHeldError,
  woningaanbodRepository,
  type WoningRow,
} from '../../prisma/woningaanbod-repository';
import type { Actor } from '../../domain/types';
import { actorFrom } from '../auth/actor';
import { HttpError, notFound, parseInput } from '../http/errors';
import { parseWoningCsv } from './woning-import';
import { listWoningenQuery, woningCreateBody, woningIdParams, woningUpdateBody, type woningBody } from './woning-schemas';

/** Writes to the woningaanbod are the corporatie's: a verhuurmedewerker, for their own organisation. */
function verhuurmedewerker(req: Request): Actor {
  const actor = actorFrom(req, ['verhuurmedewerker']);
  if (actor.rol !== 'verhuurmedewerker') {
    throw new HttpError(403, 'forbidden', 'only a verhuurmedewerker maintains the woningaanbod');
  }
  return actor;
}

export function toWoningBody(row: WoningRow): z.infer<typeof woningBody> {
  const { version, ...snapshot } = toSnapshot(row);
  return { ...snapshot, wijk: row.wijk, status: row.status as z.infer<typeof woningBody>['status'], caseId: row.caseId, version, updatedAt: row.updatedAt.toISOString() };
}

function fromWriteError(err: unknown): never {
  if (err instanceof WoningExistsError) {
    throw new HttpError(409, 'woning_exists', err.message, err.existingId ? { id: err.existingId } : {});
  }
  if (err instanceof WoningHeldError) {
    throw new HttpError(409, 'woning_held', err.caseId ? `${err.message} (case ${err.caseId})` : err.message, {
      status: err.status,
      caseId: err.caseId,
      fields: err.fields.map((field) => ({ field, problem: 'locked while a case holds the woning' })),
    });
  }
  if (err instanceof WoningBusyError) throw new HttpError(409, 'woning_busy', err.message);
  throw err;
}

export function woningenRouter(db: Db): Router {
  const router = Router();
  const woningen = woningaanbodRepository(db);

  router.post('/woningen', async (req, res) => {
    const actor = verhuurmedewerker(req);
    const input = parseInput(woningCreateBody, req.body, 'body');
    const row = await woningen.create(actor.organisatie, input).catch(fromWriteError);
    res.status(201).set('Location', `/woningen/${row.id}`).json(toWoningBody(row));
  });

  router.get('/woningen', async (req, res) => {
    const { limit, offset, ...filter } = parseInput(listWoningenQuery, req.query, 'query');
    const { items, total } = await woningen.list(filter, { limit, offset });
    res.json({ items: items.map(toWoningBody), total, limit, offset });
  });

  router.get('/woningen/:id', async (req, res) => {
    const { id } = parseInput(woningIdParams, req.params, 'path');
    const row = await woningen.get(id);
    if (!row) throw notFound('woning');
    res.json(toWoningBody(row));
  });

  router.patch('/woningen/:id', async (req, res) => {
    const { id } = parseInput(woningIdParams, req.params, 'path');
    const actor = verhuurmedewerker(req);
    const patch = parseInput(woningUpdateBody, req.body ?? {}, 'body');
    // Another corporatie's woning answers as unknown: its existence is not the caller's business.
    const row = await woningen.update(actor.organisatie, id, patch).catch(fromWriteError);
    if (!row) throw notFound('woning');
    res.json(toWoningBody(row));
  });

  router.post(
    '/woningen/import',
    // Who and what before reading up to 5 MB.
    (req, _res, next) => {
      verhuurmedewerker(req);
      if (!/^text\/csv\s*(;|$)/i.test(req.get('content-type') ?? '')) {
        throw new HttpError(415, 'unsupported_media_type', 'send the mutaties as CSV with Content-Type: text/csv');
      }
      next();
    },
    express.text({ type: 'text/csv', limit: '5mb' }),
    async (req, res) => {
      const { organisatie } = verhuurmedewerker(req);
      const { rows, errors } = await parseWoningCsv(req.body);
      // Every row whole or not at all; a bad row does not hold up the others.
      const { created, updated, refused } = await woningen.importRows(organisatie, rows);
      for (const { row, error } of refused) {
        const problem = error instanceof WoningHeldError ? `held by a case (${error.status}): a mutatie cannot apply until the case releases it` : error.message;
        errors.push({ row, field: 'referentie', problem });
      }
      errors.sort((a, b) => a.row - b.row);
      const result = { created, updated, rejected: new Set(errors.map((e) => e.row)).size, errors };
      res.status(result.created + result.updated === 0 ? 422 : 200).json(result);
    },
  );

  return router;
}
