import { randomUUID } from 'node:crypto';
import { SESSION_COOKIE } from '../../api/http/cookies';
import type { Role } from '../../api/auth/principal';
import { useHarness } from '../support/harness';
import { registerOrganisation } from '../support/organisations';
import { bearer, tokenFor, type TokenClaims } from '../support/tokens';

/** Issue 13 item 1: a token's organisation must be registered, active and of the kind its role needs. */
const t = useHarness();
const uniq = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
const beheerder = bearer({ sub: 'u-beheer', org: 'gemeente-amsterdam', roles: ['beheerder'] });

const unknown = uniq('onbekend');
const inactive = uniq('wijkteam-oud');
const corporatie = uniq('corp-reg');
beforeAll(async () => {
  await registerOrganisation(t.h.db, inactive, 'wijkteam', { actief: false });
  await registerOrganisation(t.h.db, corporatie, 'corporatie');
});

const claims = (org: string, role: Role = 'consulent', gemeente?: string): TokenClaims => ({
  sub: 'u-reg',
  org,
  roles: [role],
  ...(gemeente ? { gemeente } : {}),
});

const cases: Array<[string, () => TokenClaims, string, RegExp]> = [
  ['an unknown organisation', () => claims(unknown), 'unknown', /is not in the register/],
  ['an inactive organisation', () => claims(inactive), 'inactive', /is not active/],
  ['a consulent of a corporatie', () => claims(corporatie), 'soort', /a consulent cannot act for .*, a corporatie/],
  [
    'a gemeente manager of another gemeente',
    () => claims('gemeente-amsterdam', 'manager', 'GM0344'),
    'gemeente',
    /not the gemeente of organisation/,
  ],
];

describe('the API', () => {
  test.each(cases)('%s: 403 with a problem that says so, on every route', async (_label, who, reason, message) => {
    const headers = bearer(who());
    for (const [method, path] of [
      ['GET', '/cases'],
      ['GET', `/cases/${randomUUID()}`],
      ['POST', '/cases'],
      ['GET', '/woningen'],
      ['GET', '/parameters'],
    ] as const) {
      const res = await t.api.request(method, path, { headers, body: method === 'POST' ? {} : undefined });
      expect({ path, status: res.status }).toEqual({ path, status: 403 });
      expect(res.body).toEqual({ error: 'organisation_not_allowed', reason, message: expect.stringMatching(message) });
    }
  });

  test('the same token is accepted once the organisation fits, and refused once the beheerder deactivates it', async () => {
    const id = uniq('wijkteam-nieuw');
    const headers = bearer(claims(id));
    expect((await t.api.request('GET', '/cases?limit=1', { headers })).status).toBe(403);
    const put = (actief: boolean) =>
      t.api.request('PUT', `/beheer/organisaties/${id}`, {
        headers: beheerder,
        body: { naam: 'Wijkteam Nieuw', soort: 'wijkteam', werkgebied: ['GM0363'], actief },
      });
    expect((await put(true)).status).toBe(201);
    expect((await t.api.request('GET', '/cases?limit=1', { headers })).status).toBe(200);
    // Written through this process: its cached row is dropped at once (other processes within the TTL).
    expect((await put(false)).status).toBe(200);
    const refused = await t.api.request('GET', '/cases?limit=1', { headers });
    expect([refused.status, refused.body.reason]).toEqual([403, 'inactive']);
  });

  test('a refusal is in the audit log', async () => {
    const sub = `u-${randomUUID().slice(0, 8)}`;
    await t.api.request('GET', '/cases', { headers: bearer({ ...claims(unknown), sub }) });
    // Written when the answer has gone out (refusal-audit.ts): wait for it.
    let rows = await t.h.db.auditEntry.findMany({ where: { actorId: sub } });
    for (let i = 0; i < 40 && !rows.length; i++) {
      await new Promise((r) => setTimeout(r, 50));
      rows = await t.h.db.auditEntry.findMany({ where: { actorId: sub } });
    }
    expect(rows.map((r) => [r.action, r.status, r.organisatie])).toEqual([['refused', 403, unknown]]);
  });
});

describe('the web app', () => {
  const get = (who: TokenClaims, path = '/app') =>
    fetch(`${t.h.baseUrl}${path}`, { headers: { cookie: `${SESSION_COOKIE}=${tokenFor(who)}` }, redirect: 'manual' });

  test.each(cases)('%s: a Dutch 403 page that does not link back to itself', async (_label, who) => {
    for (const path of ['/app', '/app/casussen', '/app/inbox']) {
      const res = await get(who(), path);
      expect(res.status).toBe(403);
      const body = await res.text();
      expect(body).toContain('Geen toegang voor uw organisatie');
      expect(body).toMatch(/register|niet actief|kunt u niet werken|hoort niet bij/);
      expect(body).not.toContain('Naar de startpagina');
      expect(body).not.toContain('Hoofdmenu');
      expect(body).toContain('Uitloggen');
    }
  });

  test('a registered organisation of the right kind gets its pages', async () => {
    const res = await get(claims('wijkteam-noord'), '/app/casussen');
    expect(res.status).toBe(200);
  });
});
