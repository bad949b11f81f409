import { randomBytes } from 'node:crypto';
import type { Payload } from '@temporalio/common';
import { METADATA_ENCODING_KEY } from '@temporalio/common';
import { CODEC_LIMITS } from '../../api/codec/codec-router';
import { AesGcmPayloadCodec, parsePayloadKeys } from '../../platform/payload-codec';
import { workflowIdFor } from '../../prisma/case-repository';
import { vvOudere } from '../support/fixtures';
import { OPERATOR_ORG, useHarness } from '../support/harness';
import { bearer } from '../support/tokens';

// Issue 12 item 3: /codec/decode is an operator tool: authenticated before parsing, small, scoped, audited.
const t = useHarness();
const officer = bearer({ sub: 'u-po-platform', org: OPERATOR_ORG, roles: ['privacy_officer'] });
let codec: AesGcmPayloadCodec;
beforeAll(() => {
  codec = new AesGcmPayloadCodec(parsePayloadKeys(t.h.env.PAYLOAD_KEYS));
});

const wire = (p: Payload) => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
  ),
  data: Buffer.from(p.data ?? []).toString('base64'),
});
const json = (value: unknown): Payload => ({
  metadata: { [METADATA_ENCODING_KEY]: Buffer.from('json/plain') },
  data: Buffer.from(JSON.stringify(value)),
});
const decode = (payloads: unknown[], headers: Record<string, string> = officer) =>
  t.api.request('POST', '/codec/decode', { headers, body: { payloads } });
const decodesOf = (caseId: string) => t.h.db.auditEntry.findMany({ where: { caseId, action: 'decode' } });

test('the token is checked before the body is read: no token, malformed or oversized body, still 401', async () => {
  const raw = async (body: string, headers: Record<string, string> = {}) =>
    (
      await fetch(`${t.h.baseUrl}/codec/decode`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      })
    ).status;
  expect(await raw('{"payloads": [')).toBe(401);
  expect(await raw(JSON.stringify({ payloads: [{ data: 'A'.repeat(4 * 1024 * 1024) }] }))).toBe(401);
  // Signed in but not entitled: refused before the body too.
  expect(await raw('{"payloads": [', bearer({ sub: 'u-c', org: OPERATOR_ORG, roles: ['consulent'] }))).toBe(403);
  // The operator's officer: the body limit is small.
  expect(await raw(JSON.stringify({ payloads: [{ data: 'A'.repeat(CODEC_LIMITS.bodyBytes) }] }), officer)).toBe(413);
});

test.each([
  [
    'a privacy officer of another organisation',
    { sub: 'u-po', org: 'wijkteam-noord', roles: ['privacy_officer' as const] },
  ],
  ['a consulent of the operator', { sub: 'u-c', org: OPERATOR_ORG, roles: ['consulent' as const] }],
  ['a beheerder of the operator', { sub: 'u-b', org: OPERATOR_ORG, roles: ['beheerder' as const] }],
])('%s may not decode (403)', async (_label, claims) => {
  const [payload] = await codec.encode([json({ caseId: 'x', geheim: 'GGZ' })]);
  const res = await decode([wire(payload!)], bearer(claims));
  expect(res.status).toBe(403);
  expect(JSON.stringify(res.body)).not.toContain('GGZ');
});

test("the operator's privacy officer decodes a real case history; the decode is audited with the case id", async () => {
  const started = await t.api.start(vvOudere());
  const caseId = started.body.caseId as string;
  const history = await t.h.client.workflowService.getWorkflowExecutionHistory({
    namespace: t.h.env.TEMPORAL_NAMESPACE,
    execution: { workflowId: workflowIdFor(caseId) },
  });
  const input = history.history!.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads! as Payload[];
  expect(Buffer.from(input[0]!.metadata![METADATA_ENCODING_KEY]!).toString()).toBe('binary/encrypted');
  const before = (await decodesOf(caseId)).length;
  const res = await decode(input.map(wire));
  expect(res.status).toBe(200);
  const decoded = Buffer.from(res.body.payloads[0].data, 'base64').toString();
  expect(decoded).toContain(caseId);
  const entries = await decodesOf(caseId);
  expect(entries).toHaveLength(before + 1);
  expect(entries.at(-1)).toMatchObject({
    actorId: 'u-po-platform',
    organisatie: OPERATOR_ORG,
    action: 'decode',
    status: 200,
    route: 'POST /codec/decode 1xjson/plain',
  });
});

test('a decode with no case id in it is audited by what was decoded, without content; X-Workflow-Id names the case', async () => {
  const [payload] = await codec.encode([json({ notitie: 'geen casus' })]);
  const since = new Date();
  expect((await decode([wire(payload!)])).status).toBe(200);
  const anonymous = await t.h.db.auditEntry.findMany({
    where: { action: 'decode', actorId: 'u-po-platform', at: { gte: since }, caseId: null },
  });
  expect(anonymous.map((e) => e.route)).toEqual(['POST /codec/decode 1xjson/plain']);
  const caseId = (await t.api.start(vvOudere())).body.caseId as string;
  const res = await t.api.request('POST', '/codec/decode', {
    headers: { ...officer, 'x-workflow-id': workflowIdFor(caseId) },
    body: { payloads: [wire(payload!)] },
  });
  expect(res.status).toBe(200);
  expect(await decodesOf(caseId)).toHaveLength(1);
});

test.each([
  [
    'garbage ciphertext',
    async () => ({ ...wire((await codec.encode([json({ a: 1 })]))[0]!), data: randomBytes(64).toString('base64') }),
  ],
  [
    'an unknown key id',
    async () => {
      const w = wire((await codec.encode([json({ a: 1 })]))[0]!);
      return { ...w, metadata: { ...w.metadata, 'encryption-key-id': Buffer.from('nope').toString('base64') } };
    },
  ],
  ['too short', async () => ({ ...wire((await codec.encode([json({ a: 1 })]))[0]!), data: 'AAAA' })],
])('%s is 422 naming the payload, not 500', async (_label, make) => {
  const [good] = await codec.encode([json({ a: 1 })]);
  const res = await decode([wire(good!), await make()]);
  expect(res.status).toBe(422);
  expect(res.body).toMatchObject({ error: 'undecodable_payload', fields: [{ field: 'payloads.1' }] });
});

test('a deflate bomb (17 KB that inflates to 16 MB) is refused, and so is a request over the total or count cap', async () => {
  const [bomb] = await codec.encode([
    { metadata: { [METADATA_ENCODING_KEY]: Buffer.from('binary/plain') }, data: Buffer.alloc(16 * 1024 * 1024) },
  ]);
  expect(JSON.stringify(wire(bomb!)).length).toBeLessThan(40_000);
  const res = await decode([wire(bomb!)]);
  expect(res.status).toBe(422);
  expect(res.body.fields[0]).toMatchObject({
    field: 'payloads.0',
    problem: `payload inflates beyond ${CODEC_LIMITS.inflatedBytesPerPayload} bytes`,
  });

  const big = await codec.encode(
    Array.from({ length: 9 }, () => ({
      metadata: {},
      data: Buffer.alloc(CODEC_LIMITS.inflatedBytesPerPayload - 1024),
    })),
  );
  const total = await decode(big.map(wire));
  expect(total.status).toBe(413);
  expect(total.body.error).toBe('too_large');

  const [small] = await codec.encode([json({ a: 1 })]);
  const many = await decode(Array.from({ length: CODEC_LIMITS.payloads + 1 }, () => wire(small!)));
  expect(many.status).toBe(400);
  expect(many.body.fields[0]).toMatchObject({ field: 'payloads' });
});

test('the Temporal UI origin may call it (CORS), and a preflight needs no token', async () => {
  const res = await fetch(`${t.h.baseUrl}/codec/decode`, {
    method: 'OPTIONS',
    headers: { origin: 'http://localhost:8233' },
  });
  expect(res.status).toBe(204);
  expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:8233');
});
