import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { verifyChain } from '../../api/audit/audit-chain';
import type { TokenClaims } from '../support/tokens';
import { actors } from '../support/api-client';
import { vvOudere } from '../support/fixtures';
import { useHarness } from '../support/harness';
import { bearer, tokenFor } from '../support/tokens';

/** Issue 12 item 9: the audit log as NEN 7513 asks, hash-chained, written by a role that cannot change it. */
const t = useHarness();
const rid = () => `test-${randomUUID()}`;

function ownerUrl(): string {
  const url = process.env.MIGRATION_DATABASE_URL;
  if (!url) throw new Error('MIGRATION_DATABASE_URL is not set: run through scripts/with-services.mjs');
  return url;
}
async function asOwner<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: ownerUrl() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** The entries of one request, once written (refusals are written as the answer goes out). */
async function entriesOf(requestId: string, n = 1) {
  for (let i = 0; i < 50; i++) {
    const rows = await t.h.db.auditEntry.findMany({ where: { requestId }, orderBy: { id: 'asc' } });
    if (rows.length >= n) return rows;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no audit entry for request ${requestId}`);
}

let caseId = '';
beforeAll(async () => {
  caseId = (await t.api.start({ ...vvOudere(), corporatie: 'woonstad' })).body.caseId;
});

describe('what an entry holds', () => {
  test('source address, user agent, request id, session (jti), the view served and on behalf of whom', async () => {
    const requestId = rid();
    const token = tokenFor({
      sub: actors.verhuur.id,
      org: 'woonstad',
      roles: ['verhuurmedewerker'],
      jti: 'sessie-1234abcd',
      act: { sub: 'u-teamleider-7' },
    } as TokenClaims);
    const res = await t.api.request('GET', `/cases/${caseId}`, {
      headers: { authorization: `Bearer ${token}`, 'user-agent': 'audit-test/1.0', 'x-request-id': requestId },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe(requestId);
    const [entry] = await entriesOf(requestId);
    expect(entry).toMatchObject({
      caseId,
      action: 'read',
      status: 200,
      route: 'GET /cases/:id',
      actorId: actors.verhuur.id,
      organisatie: 'woonstad',
      userAgent: 'audit-test/1.0',
      requestId,
      sessionId: 'jti:sessie-1234abcd',
      view: 'verhuur',
      onBehalfOf: 'u-teamleider-7',
    });
    expect(entry!.sourceIp).toMatch(/127\.0\.0\.1|::1/);
    expect(entry!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  test('without a jti the session is a hash of the token, never the token', async () => {
    const requestId = rid();
    const token = tokenFor({ sub: actors.consulent.id, org: actors.consulent.organisatie, roles: ['consulent'] });
    await t.api.request('GET', `/cases/${caseId}`, {
      headers: { authorization: `Bearer ${token}`, 'x-request-id': requestId },
    });
    const [entry] = await entriesOf(requestId);
    expect(entry!.sessionId).toMatch(/^sha256:[0-9a-f]{32}$/);
    expect(entry!.view).toBe('zorg');
    expect(JSON.stringify(entry, (_k, v) => (typeof v === 'bigint' ? String(v) : v))).not.toContain(
      token.split('.')[2]!,
    );
  });

  test('the privacy officer reads the new fields in the case audit', async () => {
    const res = await t.api.request('GET', `/cases/${caseId}/audit`, {
      headers: bearer({ sub: 'u-po', org: 'wijkteam-noord', roles: ['privacy_officer'] }),
    });
    expect(res.body.entries.find((e: { view: string }) => e.view === 'verhuur')).toMatchObject({
      onBehalfOf: 'u-teamleider-7',
      userAgent: 'audit-test/1.0',
    });
  });
});

describe('refusals are logged by one middleware, before any input check', () => {
  const consulent = bearer({ sub: 'u-cons-1', org: 'wijkteam-noord', roles: ['consulent'] });
  test.each([
    ['401: no token', 'GET', '/cases', {}, undefined, 401, 'anoniem'],
    ['401: a forged token', 'GET', '/cases', { authorization: 'Bearer not.a.jwt' }, undefined, 401, 'anoniem'],
    ['400: a query that fails its schema', 'GET', '/cases?limit=0', consulent, undefined, 400, 'u-cons-1'],
    // Refused before the token is checked: logged as anonymous (an unverified token names nobody), with its session hash.
    [
      '400: JSON that does not parse (refused by the body parser)',
      'POST',
      '/cases',
      consulent,
      '{"persoon":',
      400,
      'anoniem',
    ],
    [
      '400: a filter the view hides',
      'GET',
      '/cases?doelgroep=ggz',
      bearer({ sub: 'u-v', org: 'woonstad', roles: ['verhuurmedewerker'] }),
      undefined,
      400,
      'u-v',
    ],
    ['403: a role that may not', 'POST', '/woningen', consulent, '{}', 403, 'u-cons-1'],
    ['404: no such route', 'GET', '/nergens', consulent, undefined, 404, 'u-cons-1'],
    [
      '413: a body over the limit',
      'POST',
      '/cases',
      consulent,
      JSON.stringify({ x: 'a'.repeat(70_000) }),
      413,
      'anoniem',
    ],
  ] as const)('%s', async (_label, method, path, headers, raw, status, actorId) => {
    const requestId = rid();
    const res = await t.api.request(method, path, {
      headers: { ...headers, 'x-request-id': requestId },
      anonymous: !('authorization' in headers),
      ...(raw === undefined ? {} : { raw }),
    });
    expect(res.status).toBe(status);
    const [entry] = await entriesOf(requestId);
    expect(entry).toMatchObject({ action: 'refused', status, actorId, caseId: null, view: null });
    expect(entry!.route).toBe(`${method} ${path.split('?')[0]}`);
    expect(entry!.sessionId === null).toBe(!('authorization' in headers));
  });

  test('a refusal a router already recorded is not logged twice', async () => {
    const requestId = rid();
    const res = await t.api.request('GET', `/cases/${randomUUID()}`, { headers: { 'x-request-id': requestId } });
    expect(res.status).toBe(404);
    await new Promise((r) => setTimeout(r, 200));
    const rows = await entriesOf(requestId);
    expect(rows.map((r) => [r.action, r.status])).toEqual([['read', 404]]);
  });
});

describe('who may change the log, and the chain that shows it was', () => {
  test('the application role may insert and read, not change or remove; the owner runs the migrations', async () => {
    await expect(t.h.db.auditEntry.updateMany({ where: { caseId }, data: { status: 299 } })).rejects.toThrow(
      /permission denied/,
    );
    await expect(t.h.db.auditEntry.deleteMany({ where: { caseId } })).rejects.toThrow(/permission denied/);
    await expect(t.h.db.$executeRawUnsafe('TRUNCATE audit_entries')).rejects.toThrow(/permission denied/);
    await expect(t.h.db.$executeRawUnsafe('DELETE FROM audit_chain_head')).rejects.toThrow(/permission denied/);
    await expect(t.h.db.$executeRawUnsafe('ALTER TABLE audit_entries DISABLE TRIGGER ALL')).rejects.toThrow(
      /owner|permission denied/,
    );
    expect(new URL(process.env.DATABASE_URL!).username).toBe('toewijzing_app');
    expect(new URL(ownerUrl()).username).not.toBe('toewijzing_app');
    // The owner may not change entries either: the append-only trigger stops it.
    await expect(
      asOwner((c) => c.query('UPDATE audit_entries SET status = 299 WHERE case_id = $1', [caseId])),
    ).rejects.toThrow(/append-only/);
  });

  test('concurrent writers keep one unbroken chain', async () => {
    await Promise.all(Array.from({ length: 25 }, () => t.api.get(caseId)));
    const report = await verifyChain(t.h.db);
    expect(report).toMatchObject({ ok: true });
    expect(report.checked).toBeGreaterThan(25);
  });

  test('an entry changed by the owner breaks the chain at that entry, and verify names it', async () => {
    const requestId = rid();
    await t.api.request('GET', `/cases/${caseId}`, {
      headers: {
        ...bearer({ sub: 'u-cons-1', org: 'wijkteam-noord', roles: ['consulent'] }),
        'x-request-id': requestId,
      },
    });
    const [target] = await entriesOf(requestId);
    await t.api.get(caseId); // an entry after it, so the break is not at the end
    expect((await verifyChain(t.h.db)).ok).toBe(true);
    // The owner can get past the append-only trigger (replica mode skips triggers); the chain still tells.
    const tamper = (actor: string) =>
      asOwner(async (c) => {
        await c.query('BEGIN');
        await c.query("SET LOCAL session_replication_role = 'replica'");
        await c.query('UPDATE audit_entries SET actor_id = $1 WHERE id = $2', [actor, String(target!.id)]);
        await c.query('COMMIT');
      });
    try {
      await tamper('u-iemand-anders');
      const report = await verifyChain(t.h.db);
      expect(report).toMatchObject({
        ok: false,
        broken: { chainSeq: String(target!.chainSeq), id: String(target!.id) },
      });
      expect(report.broken!.problem).toMatch(/changed/);
    } finally {
      await tamper(target!.actorId);
    }
    expect((await verifyChain(t.h.db)).ok).toBe(true);
  });

  test('an entry removed from the end is found through the chain head', async () => {
    const requestId = rid();
    await t.api.request('GET', `/cases/${caseId}`, {
      headers: {
        ...bearer({ sub: 'u-cons-1', org: 'wijkteam-noord', roles: ['consulent'] }),
        'x-request-id': requestId,
      },
    });
    const [last] = await entriesOf(requestId);
    const head = await t.h.db.auditChainHead.findUniqueOrThrow({ where: { id: 1 } });
    expect(head.chainSeq).toBe(last!.chainSeq);
    const { id: _id, ...row } = last!;
    await asOwner(async (c) => {
      await c.query('BEGIN');
      await c.query("SET LOCAL session_replication_role = 'replica'");
      await c.query('LOCK audit_chain_head');
      await c.query('DELETE FROM audit_entries WHERE id = $1', [String(last!.id)]);
      await c.query('COMMIT');
    });
    try {
      expect((await verifyChain(t.h.db)).broken?.problem).toMatch(/removed from the end/);
    } finally {
      await t.h.db.auditEntry.create({ data: row });
    }
    expect((await verifyChain(t.h.db)).ok).toBe(true);
  });
});
