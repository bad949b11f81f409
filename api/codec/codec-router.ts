import express, { Router } from 'express';
import { z } from 'zod';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { authenticate, principalOf, type AuthConfig } from '../auth/authenticate';
import { HttpError, parseInput } from '../http/errors';

const payloadsBody = z.object({
  payloads: z
    .array(z.object({ metadata: z.record(z.string(), z.string().max(4096)).optional(), data: z.string().optional() }))
    .max(10_000),
});

const toPayload = (p: z.infer<typeof payloadsBody>['payloads'][number]): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(p.data ?? '', 'base64'),
});
const fromPayload = (p: Payload) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  data: Buffer.from(p.data ?? []).toString('base64'),
});

/**
 * The remote codec endpoint for the Temporal Web UI (`codec.endpoint` in its
 * config, with the user's access token passed on): decrypted payloads only for
 * a privacy officer, and only to the configured UI origin.
 */
export function codecRouter(codec: PayloadCodec, auth: AuthConfig, uiOrigin: string): Router {
  const router = Router();
  router.use('/codec', (req, res, next) => {
    res.set({
      'Access-Control-Allow-Origin': uiOrigin,
      'Access-Control-Allow-Methods': 'POST, OPTIONS',
      'Access-Control-Allow-Headers': 'Content-Type, X-Namespace, Authorization',
      'Access-Control-Allow-Credentials': 'true',
      Vary: 'Origin',
    });
    if (req.method === 'OPTIONS') {
      res.sendStatus(204);
      return;
    }
    next();
  });
  router.use('/codec', express.json({ limit: '8mb' }), authenticate(auth));
  const handle = (direction: 'encode' | 'decode') =>
    router.post(`/codec/${direction}`, async (req, res) => {
      if (!principalOf(req).roles.includes('privacy_officer')) throw new HttpError(403, 'forbidden', 'decoding payloads needs the privacy_officer role');
      const body = parseInput(payloadsBody, req.body, 'body');
      const payloads = await codec[direction](body.payloads.map(toPayload));
      res.json({ payloads: payloads.map(fromPayload) });
    });
  handle('encode');
  handle('decode');
  return router;
}
