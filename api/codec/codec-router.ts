import express, { Router, type Request } from 'express';
import { z } from 'zod';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { requireRegisteredOrganisation, type OrganisationRegister } from '../auth/organisation-register';
import { authenticate, principalOf, type AuthConfig, type Revocations } from '../auth/authenticate';
import type { Audit } from '../audit/audit-log';
import { HttpError, parseInput } from '../http/errors';
import { AesGcmPayloadCodec, PayloadDecryptionError } from '../../platform/payload-codec';

/** Limits of one request: a page of a workflow history, not a bulk export. */
export const CODEC_LIMITS = {
  bodyBytes: 512 * 1024,
  payloads: 100,
  inflatedBytesPerPayload: 1024 * 1024,
  inflatedBytesTotal: 8 * 1024 * 1024,
};

const payloadsBody = z.object({
  payloads: z
    .array(z.object({ metadata: z.record(z.string(), z.string().max(4096)).optional(), data: z.string().optional() }))
    .max(CODEC_LIMITS.payloads, `at most ${CODEC_LIMITS.payloads} payloads per request`),
});

const toPayload = (p: z.infer<typeof payloadsBody>['payloads'][number]): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(p.data ?? '', 'base64'),
});
const fromPayload = (p: Payload) => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
  ),
  data: Buffer.from(p.data ?? []).toString('base64'),
});
const sizeOf = (p: Payload) => Object.values(p.metadata ?? {}).reduce((n, v) => n + v.length, p.data?.length ?? 0);

const CASE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The case ids a decode touched: the workflow id the UI names (X-Workflow-Id), and any `caseId` in the decoded JSON. */
function caseIdsOf(req: Request, decoded: Payload[]): string[] {
  const ids = new Set<string>();
  const wf = req.get('x-workflow-id')?.match(/^case-(.+)$/)?.[1];
  if (wf && CASE_ID.test(wf)) ids.add(wf);
  const walk = (v: unknown, depth: number) => {
    if (depth > 4 || v === null || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v)) {
      if (k === 'caseId' && typeof x === 'string' && CASE_ID.test(x)) ids.add(x);
      else walk(x, depth + 1);
    }
  };
  for (const p of decoded) {
    if (Buffer.from(p.metadata?.encoding ?? []).toString() !== 'json/plain') continue;
    try {
      walk(JSON.parse(Buffer.from(p.data ?? []).toString('utf8')), 0);
    } catch {
      // not JSON: nothing to name
    }
  }
  return [...ids];
}

/** What was decoded, without content: how many payloads of which encodings. */
function describe(decoded: Payload[]): string {
  const counts = new Map<string, number>();
  for (const p of decoded) {
    const enc =
      Buffer.from(p.metadata?.encoding ?? [])
        .toString()
        .replace(/[^A-Za-z0-9/._-]/g, '')
        .slice(0, 40) || 'none';
    counts.set(enc, (counts.get(enc) ?? 0) + 1);
  }
  return [...counts].map(([enc, n]) => `${n}x${enc}`).join(',');
}

export interface CodecAccess {
  /** Organisation ids of the platform operator: only their privacy officers decode (CODEC_ORGANISATIONS). */
  organisations: readonly string[];
}

/**
 * The remote codec endpoint for the Temporal Web UI (`codec.endpoint` in its
 * config, with the user's access token passed on): an operator tool. The token
 * is checked before the body is read; only a privacy officer of the platform
 * operator's organisations may call it, only from the configured UI origin,
 * within small limits, and every call is in the audit log.
 */
export function codecRouter(
  codec: PayloadCodec,
  auth: AuthConfig,
  uiOrigin: string | readonly string[],
  o: { access: CodecAccess; audit: Audit; revocations?: Revocations; register?: OrganisationRegister },
): Router {
  const limited =
    codec instanceof AesGcmPayloadCodec ? codec.withInflateLimit(CODEC_LIMITS.inflatedBytesPerPayload) : codec;
  const router = Router();
  const origins: readonly string[] = typeof uiOrigin === 'string' ? [uiOrigin] : uiOrigin;
  router.use('/codec', (req, res, next) => {
    // CORS names one origin per answer: the caller's, when it is one of the UI's.
    const origin = req.get('origin');
    res.set({
      'Access-Control-Allow-Origin': origin && origins.includes(origin) ? origin : origins[0]!,
      'Access-Control-Allow-Methods': 'POST, OPTIONS',
      'Access-Control-Allow-Headers': 'Content-Type, X-Namespace, X-Workflow-Id, Authorization',
      'Access-Control-Allow-Credentials': 'true',
      Vary: 'Origin',
    });
    if (req.method === 'OPTIONS') {
      res.sendStatus(204);
      return;
    }
    next();
  });
  // Who, before what: an unauthenticated or unentitled body is never read.
  router.use('/codec', authenticate(auth, o.revocations), (req, _res, next) => {
    const p = principalOf(req);
    if (!p.roles.includes('privacy_officer') || !o.access.organisations.includes(p.org)) {
      return next(
        new HttpError(403, 'forbidden', 'de codec is alleen voor de privacyfunctionarissen van de platformbeheerder'),
      );
    }
    next();
  });
  if (o.register) router.use('/codec', requireRegisteredOrganisation(o.register));
  router.use('/codec', express.json({ limit: CODEC_LIMITS.bodyBytes, strict: true }));
  const handle = (direction: 'encode' | 'decode') =>
    router.post(`/codec/${direction}`, async (req, res) => {
      const p = principalOf(req);
      const body = parseInput(payloadsBody, req.body, 'body');
      const out: Payload[] = [];
      let total = 0;
      for (const [i, payload] of body.payloads.entries()) {
        try {
          const [result] = await limited[direction]([toPayload(payload)]);
          out.push(result!);
          total += sizeOf(result!);
        } catch (err) {
          if (!(err instanceof PayloadDecryptionError)) throw err;
          await o.audit.record(req, p, 'decode', [null], 422);
          throw new HttpError(422, 'undecodable_payload', `payloads.${i}: ${err.message}`, {
            fields: [{ field: `payloads.${i}`, problem: err.message }],
          });
        }
        if (total > CODEC_LIMITS.inflatedBytesTotal) {
          await o.audit.record(req, p, 'decode', [null], 413);
          throw new HttpError(
            413,
            'too_large',
            `the decoded payloads exceed ${CODEC_LIMITS.inflatedBytesTotal} bytes; ask for fewer at a time`,
            { fields: [{ field: 'payloads', problem: 'too large once decoded' }] },
          );
        }
      }
      if (direction === 'decode') {
        const ids = caseIdsOf(req, out);
        // Written before the answer: a decode that cannot be logged is not served.
        await o.audit.record(req, p, 'decode', ids.length ? ids : [null], 200, describe(out));
      }
      res.json({ payloads: out.map(fromPayload) });
    });
  handle('encode');
  handle('decode');
  return router;
}
