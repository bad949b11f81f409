import express, { Router } from 'express';
import { principalOf } from '../auth/authenticate';
import { HttpError, parseInput } from '../http/errors';
import { listWoningenQuery, woningCreateBody, woningIdParams, woningUpdateBody } from './woning-schemas';
import { ownCorporatie, type WoningenService } from './woningen-service';

export function woningenRouter(woningen: WoningenService): Router {
  const router = Router();

  router.post('/woningen', async (req, res) => {
    const p = principalOf(req);
    ownCorporatie(p); // who before what
    const input = parseInput(woningCreateBody, req.body, 'body');
    const woning = await woningen.create(p, input);
    res.status(201).set('Location', `/woningen/${woning.id}`).json(woning);
  });

  router.get('/woningen', async (req, res) => {
    const { limit, offset, ...filter } = parseInput(listWoningenQuery, req.query, 'query');
    const { items, total } = await woningen.list(principalOf(req), filter, { limit, offset });
    res.json({ items, total, limit, offset });
  });

  router.get('/woningen/:id', async (req, res) => {
    const { id } = parseInput(woningIdParams, req.params, 'path');
    res.json(await woningen.get(principalOf(req), id));
  });

  router.patch('/woningen/:id', async (req, res) => {
    const { id } = parseInput(woningIdParams, req.params, 'path');
    const p = principalOf(req);
    ownCorporatie(p);
    const patch = parseInput(woningUpdateBody, req.body ?? {}, 'body');
    res.json(await woningen.update(p, id, patch));
  });

  router.post(
    '/woningen/import',
    // Who and what before reading up to 5 MB.
    (req, _res, next) => {
      ownCorporatie(principalOf(req));
      if (!/^text\/csv\s*(;|$)/i.test(req.get('content-type') ?? '')) {
        throw new HttpError(415, 'unsupported_media_type', 'stuur de mutaties als CSV, met Content-Type: text/csv');
      }
      next();
    },
    express.text({ type: 'text/csv', limit: '5mb' }),
    async (req, res) => {
      const result = await woningen.importCsv(principalOf(req), req.body);
      res.status(result.created + result.updated === 0 ? 422 : 200).json(result);
    },
  );

  return router;
}
