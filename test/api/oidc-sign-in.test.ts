import { setTimeout as sleep } from 'node:timers/promises';
import { apiEnvSchema, oidcConfigOf, temporalUiOrigins } from '../../api/config';
import { createSessionStore, tokenHash } from '../../api/auth/sessions';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from '../../api/auth/local-issuer';
import { ConfigError, parseEnv } from '../../platform/env';
import { generatePayloadKeySpec } from '../../platform/payload-codec';
import { cookieBrowser, formAction, hiddenFields, type CookieBrowser } from '../support/cookie-browser';
import { useHarness } from '../support/harness';
import { oidcApp } from '../support/oidc-provider';

// Issue 15 item 1 and issue 12 item 7: sign-in through the organisation's IdP (a real
// OpenID Connect provider, oidc-provider, in this process), sessions, refresh, logout.
const t = useHarness();
type App = Awaited<ReturnType<typeof oidcApp>>;
let app: App;
beforeAll(async () => {
  app = await oidcApp(t.h);
});
afterAll(async () => app?.close());

const decode = (s: string) => s.replace(/&amp;/g, '&');

/** Through the app's sign-in page and the IdP's own login form, back to the app. */
async function signIn(a: App, b: CookieBrowser, login: string, terug = '/app') {
  const page = await b.request(`${a.baseUrl}/app/inloggen?terug=${encodeURIComponent(terug)}`);
  expect(page.status).toBe(200);
  const start = decode(page.text.match(/href="(\/app\/inloggen\/start[^"]*)"/)![1]!);
  const form = await b.request(new URL(start, a.baseUrl).href);
  expect(form.url.startsWith(a.idp.issuer)).toBe(true);
  expect(form.text).toContain('name="login"');
  const authorize = new URL(form.hops.find((h) => h.includes('/auth?'))!);
  const back = await b.request(formAction(form), { method: 'POST', form: { prompt: 'login', login, password: 'x' } });
  return { authorize, back };
}
/** The page the signed-in page continues to (its meta refresh, as the browser follows it). */
async function continueFrom(a: App, b: CookieBrowser, back: { text: string }) {
  const next = decode(back.text.match(/http-equiv="refresh" content="0;url=([^"]+)"/)![1]!);
  return b.request(new URL(next, a.baseUrl).href);
}
const sessionRow = async (b: CookieBrowser, a: App) => {
  const id = b.cookies(a.baseUrl).get('toewijzing_sessie');
  const r = await t.h.db.pool.query(
    'SELECT principal, ended_reason, access_expires_at, idp_tokens FROM auth_sessions WHERE token_hash = $1',
    [tokenHash(decodeURIComponent(id ?? ''))],
  );
  return r.rows[0] as
    | { principal: Record<string, unknown>; ended_reason: string | null; access_expires_at: Date; idp_tokens: string }
    | undefined;
};

const users = [
  ['consulent', { org: 'wijkteam-noord', roles: ['consulent'] }, '/app/casussen', 'consulent (wijkteam)'],
  [
    'zorgmedewerker',
    { org: 'zorg-de-brug', roles: ['zorgmedewerker'] },
    '/app/inbox',
    'zorgmedewerker (zorginstelling)',
  ],
  [
    'verhuurmedewerker',
    { org: 'woonstad', roles: ['verhuurmedewerker'] },
    '/app/inbox',
    'verhuurmedewerker (corporatie)',
  ],
  ['manager', { org: 'gemeente-amsterdam', roles: ['manager'], gemeente: 'GM0363' }, '/app/dashboard', 'manager'],
  // The register's organisations (test/support/organisations.ts): each role's start page.
  ['beheerder', { org: 'toewijzing-platform', roles: ['beheerder'] }, '/app/beheer', 'beheerder'],
  ['privacy_officer', { org: 'woonstad', roles: ['privacy_officer'] }, '/app/privacy', 'privacy officer'],
] as const;

describe('sign-in through the IdP, for every role', () => {
  test.each(users)(
    '%s: code flow with PKCE, state and nonce; a session with the claims of the IdP',
    async (role, claims, home, label) => {
      const login = `oidc-${role}`;
      app.idp.accounts.set(login, { ...claims, name: `Test ${role}`, email: `${role}@example.nl` });
      const b = cookieBrowser();
      const { authorize, back } = await signIn(app, b, login);
      expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
        response_type: 'code',
        client_id: 'toewijzing-web',
        code_challenge_method: 'S256',
        redirect_uri: `${app.baseUrl}/app/inloggen/terug`,
      });
      for (const p of ['state', 'nonce', 'code_challenge'])
        expect(authorize.searchParams.get(p)).toMatch(/^[\w-]{20,}$/);
      expect(back.status).toBe(200);
      expect(back.text).toContain('U bent ingelogd');
      // The cookie is a random id, not a token; the row knows who it is.
      const id = decodeURIComponent(b.cookies(app.baseUrl).get('toewijzing_sessie')!);
      expect(id).toMatch(/^[\w-]{43}$/);
      const row = await sessionRow(b, app);
      expect(row!.principal).toMatchObject({ sub: login, org: claims.org, roles: claims.roles, name: `Test ${role}` });
      expect(row!.idp_tokens).not.toContain('.'); // sealed (base64url), not a readable JWT
      const start = await continueFrom(app, b, back);
      expect(start.url).toBe(`${app.baseUrl}${home}`);
      expect(start.status).toBe(200);
      expect(start.text).toContain(`Test ${role}`);
      expect(start.text).toContain(label);
      expect(start.text).toContain('Uitloggen');
    },
  );

  test('back to the page asked for; an outside address is not followed', async () => {
    app.idp.accounts.set('oidc-terug', { org: 'wijkteam-noord', roles: ['consulent'] });
    const b = cookieBrowser();
    const { back } = await signIn(app, b, 'oidc-terug', '/app/casussen/nieuw');
    expect((await continueFrom(app, b, back)).url).toBe(`${app.baseUrl}/app/casussen/nieuw`);
    const evil = await signIn(app, cookieBrowser(), 'oidc-terug', 'https://evil.example/app');
    expect(evil.back.text).toContain('content="0;url=/app"');
  });
});

describe('refused at sign-in', () => {
  test.each([
    ['no organisation', { roles: ['consulent'] }, 'geen organisatie'],
    ['an unknown role', { org: 'woonstad', roles: ['admin'] }, 'geen rol voor deze toepassing'],
    ['no role at all', { org: 'woonstad' }, 'geen rol voor deze toepassing'],
    ['a gemeente that is no CBS code', { org: 'gemeente-x', roles: ['manager'], gemeente: 'Rotterdam' }, 'CBS-code'],
  ])('%s: a Dutch page, no session', async (_what, claims, text) => {
    const login = `oidc-refused-${Math.random().toString(36).slice(2, 8)}`;
    app.idp.accounts.set(login, claims);
    const b = cookieBrowser();
    const { back } = await signIn(app, b, login);
    expect(back.status).toBe(403);
    expect(back.text).toContain('Geen toegang');
    expect(back.text).toContain(text);
    expect(back.text).toContain('Uitloggen bij uw organisatie');
    expect(b.cookies(app.baseUrl).get('toewijzing_sessie')).toBeUndefined();
    expect((await b.request(`${app.baseUrl}/app/casussen`)).url).toMatch(/\/app\/inloggen/);
  });

  test('an answer without the login transaction, or with another state, is refused', async () => {
    const b = cookieBrowser();
    const bare = await b.request(`${app.baseUrl}/app/inloggen/terug?code=abc&state=def`);
    expect(bare.status).toBe(400);
    expect(bare.text).toContain('Inloggen is verlopen');
    // A real transaction cookie, then an answer whose state is not its own.
    app.idp.accounts.set('oidc-state', { org: 'woonstad', roles: ['verhuurmedewerker'] });
    const page = await b.request(`${app.baseUrl}/app/inloggen/start?terug=%2Fapp`);
    expect(page.url.startsWith(app.idp.issuer)).toBe(true);
    const forged = await b.request(`${app.baseUrl}/app/inloggen/terug?code=abc&state=not-the-state`);
    expect(forged.status).toBe(403);
    expect(forged.text).toContain('Inloggen is niet gelukt');
    expect(b.cookies(app.baseUrl).get('toewijzing_sessie')).toBeUndefined();
  });
});

describe('hostile input on the sign-in routes', () => {
  // As they arrive in a query string: NUL, a bidi override, a long value, another host, a climb, a bare %, a lone surrogate, markup.
  const odd = [
    '%00',
    '%E2%80%AE',
    'x'.repeat(5000),
    '%2F%2Fevil.example',
    '%2Fapp%2F..%2F..%2Fetc',
    '%',
    '%ED%A0%80',
    '%3Cscript%3E',
  ];
  test('odd `terug`, `code`, `state` and cookies: a Dutch page or a redirect, never a 5xx, never a session', async () => {
    const seen: string[] = [];
    for (const q of odd) {
      const start = await fetch(`${app.baseUrl}/app/inloggen/start?terug=${q}`, { redirect: 'manual' });
      seen.push(`start ${start.status}`);
      expect(start.status).toBe(303);
      expect(start.headers.get('location')!.startsWith(app.idp.issuer)).toBe(true);
      const tx = start.headers
        .getSetCookie()
        .find((c) => c.startsWith('toewijzing_oidc='))!
        .split(';')[0]!;
      for (const [cookie, expected] of [
        [tx, 403],
        [`toewijzing_oidc=${q}`, 400],
      ] as const) {
        const back = await fetch(`${app.baseUrl}/app/inloggen/terug?code=${q}&state=${q}&code=${q}`, {
          headers: { cookie },
          redirect: 'manual',
        });
        // Node refuses headers over 16 KB itself (431) before the app sees them.
        expect(q.length > 1000 ? [expected, 431] : [expected]).toContain(back.status);
        if (back.status === 431) continue;
        expect(back.headers.getSetCookie().some((c) => c.startsWith('toewijzing_sessie='))).toBe(false);
        expect(await back.text()).toMatch(/Inloggen is (niet gelukt|verlopen)/);
      }
      const page = await fetch(`${app.baseUrl}/app/inloggen?terug=${q}&sessie=${q}`);
      expect(page.status).toBe(200);
      const sessie = await fetch(`${app.baseUrl}/app/casussen`, {
        headers: { cookie: `toewijzing_sessie=${q}` },
        redirect: 'manual',
      });
      expect(sessie.status).toBe(303);
    }
    expect(seen).toHaveLength(odd.length);
  });
});

describe('token expiry and refresh', () => {
  let short: App;
  beforeAll(async () => {
    // Access tokens of 3 s, renewed 1 s before they expire.
    short = await oidcApp(t.h, { accessTokenSeconds: 3, refreshMarginSeconds: 1 });
  });
  afterAll(async () => short?.close());

  test('renewed with the refresh token before the access token expires; the claims are read again', async () => {
    short.idp.accounts.set('oidc-refresh', { org: 'zorg-de-brug', roles: ['zorgmedewerker'], name: 'Eerste Naam' });
    const b = cookieBrowser();
    const { back } = await signIn(short, b, 'oidc-refresh');
    expect((await continueFrom(short, b, back)).text).toContain('Eerste Naam');
    const before = (await sessionRow(b, short))!.access_expires_at.getTime();
    expect(short.idp.events.filter((e) => e === 'grant.success:refresh_token')).toHaveLength(0);

    short.idp.accounts.set('oidc-refresh', { org: 'zorg-de-brug', roles: ['zorgmedewerker'], name: 'Nieuwe Naam' });
    await sleep(2500);
    const renewed = await b.request(`${short.baseUrl}/app/inbox`);
    expect(renewed.status).toBe(200);
    expect(renewed.text).toContain('Nieuwe Naam');
    expect(short.idp.events.filter((e) => e === 'grant.success:refresh_token')).toHaveLength(1);
    expect((await sessionRow(b, short))!.access_expires_at.getTime()).toBeGreaterThan(before);
  });

  test('a user who lost their role at the IdP is signed out at the next refresh', async () => {
    short.idp.accounts.set('oidc-demoted', { org: 'woonstad', roles: ['verhuurmedewerker'] });
    const b = cookieBrowser();
    await signIn(short, b, 'oidc-demoted');
    expect((await b.request(`${short.baseUrl}/app/inbox`)).status).toBe(200);
    short.idp.accounts.set('oidc-demoted', { org: 'woonstad', roles: ['oud-medewerker'] });
    await sleep(2500);
    const after = await b.request(`${short.baseUrl}/app/inbox`);
    expect(after.url).toMatch(/\/app\/inloggen\?.*sessie=idp/);
    expect(after.text).toContain('Uw organisatie heeft uw aanmelding niet verlengd');
  });

  test('a user removed at the IdP (refresh refused) is signed out; the old cookie stays refused', async () => {
    short.idp.accounts.set('oidc-removed', { org: 'woonstad', roles: ['verhuurmedewerker'] });
    const b = cookieBrowser();
    await signIn(short, b, 'oidc-removed');
    const cookie = b.cookies(short.baseUrl).get('toewijzing_sessie')!;
    short.idp.accounts.delete('oidc-removed');
    await sleep(2500);
    expect((await b.request(`${short.baseUrl}/app/inbox`)).url).toMatch(/sessie=idp/);
    const r = await t.h.db.pool.query('SELECT ended_reason FROM auth_sessions WHERE token_hash = $1', [
      tokenHash(decodeURIComponent(cookie)),
    ]);
    expect(r.rows[0].ended_reason).toBe('idp');
    const replay = await fetch(`${short.baseUrl}/app/inbox`, {
      headers: { cookie: `toewijzing_sessie=${cookie}` },
      redirect: 'manual',
    });
    expect(replay.status).toBe(303);
  });
});

describe('sessions and logout', () => {
  test('idle for longer than the limit: the session ends', async () => {
    app.idp.accounts.set('oidc-idle', { org: 'woonstad', roles: ['verhuurmedewerker'] });
    const b = cookieBrowser();
    await signIn(app, b, 'oidc-idle');
    const id = decodeURIComponent(b.cookies(app.baseUrl).get('toewijzing_sessie')!);
    await t.h.db.pool.query(
      `UPDATE auth_sessions SET last_seen_at = now() - interval '31 minutes' WHERE token_hash = $1`,
      [tokenHash(id)],
    );
    const after = await b.request(`${app.baseUrl}/app/inbox`);
    expect(after.url).toMatch(/sessie=idle/);
    expect(after.text).toContain('30 minuten');
  });

  test('logout ends the session here and at the IdP (end_session_endpoint)', async () => {
    app.idp.accounts.set('oidc-logout', { org: 'wijkteam-noord', roles: ['consulent'] });
    const b = cookieBrowser();
    const { back } = await signIn(app, b, 'oidc-logout');
    const page = await continueFrom(app, b, back);
    const cookie = b.cookies(app.baseUrl).get('toewijzing_sessie')!;
    const csrf = page.text.match(/name="_csrf" value="([^"]+)"/)![1]!;
    const loggedOut = await b.request(`${app.baseUrl}/app/uitloggen`, { method: 'POST', form: { _csrf: csrf } });
    expect(loggedOut.text).toContain('U bent uitgelogd');
    const confirm = await continueFrom(app, b, loggedOut);
    // The IdP asks to confirm its own logout; the app already ended its session.
    const endSession = new URL(confirm.hops.find((h) => h.startsWith(`${app.idp.issuer}/session/end`))!);
    expect(endSession.searchParams.get('id_token_hint')).toMatch(/^eyJ/);
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${app.baseUrl}/app/inloggen?sessie=logout`);
    expect(
      (await sessionRow({ cookies: () => new Map([['toewijzing_sessie', cookie]]) } as never, app))!.ended_reason,
    ).toBe('logout');
    const done = await b.request(formAction(confirm), {
      method: 'POST',
      form: { ...hiddenFields(confirm), logout: 'yes' },
    });
    expect(done.url).toBe(`${app.baseUrl}/app/inloggen?sessie=logout`);
    expect(done.text).toContain('U bent uitgelogd');
    expect(app.idp.events).toContain('end_session.success');
    // The old cookie, kept by a copy: refused.
    const replay = await fetch(`${app.baseUrl}/app/casussen`, {
      headers: { cookie: `toewijzing_sessie=${cookie}` },
      redirect: 'manual',
    });
    expect(replay.status).toBe(303);
    expect(replay.headers.get('location')).toMatch(/^\/app\/inloggen/);
  });

  test('a logout without CSRF token is refused and the session goes on', async () => {
    app.idp.accounts.set('oidc-csrf', { org: 'wijkteam-noord', roles: ['consulent'] });
    const b = cookieBrowser();
    await signIn(app, b, 'oidc-csrf');
    expect((await b.request(`${app.baseUrl}/app/uitloggen`, { method: 'POST', form: {} })).status).toBe(403);
    expect((await b.request(`${app.baseUrl}/app/casussen`)).status).toBe(200);
  });
});

describe('auth_sessions pruning', () => {
  test('expired and ended IdP sessions go after the grace period; a revoked token stays while it is valid', async () => {
    const store = createSessionStore(t.h.db);
    const ids = ['expired', 'ended-oidc', 'ended-token-valid', 'active'].map((k) => `prune-${k}-${Math.random()}`);
    await t.h.db.pool.query(
      `INSERT INTO auth_sessions (token_hash, started_at, last_seen_at, expires_at, ended_at, ended_reason, principal) VALUES
        ($1, now() - interval '3 days', now() - interval '3 days', now() - interval '2 days', NULL, NULL, NULL),
        ($2, now() - interval '3 days', now() - interval '3 days', now() + interval '1 hour', now() - interval '2 days', 'logout', '{}'),
        ($3, now() - interval '3 days', now() - interval '3 days', now() + interval '1 hour', now() - interval '2 days', 'logout', NULL),
        ($4, now(), now(), now() + interval '8 hours', NULL, NULL, '{}')`,
      ids,
    );
    expect(await store.prune(24 * 3600)).toBeGreaterThanOrEqual(2);
    const left = await t.h.db.pool.query('SELECT token_hash FROM auth_sessions WHERE token_hash = ANY($1)', [ids]);
    expect(left.rows.map((r) => r.token_hash).sort()).toEqual([ids[2], ids[3]].sort());
  });
});

describe('configuration', () => {
  const base = {
    DATABASE_URL: 'postgresql://u@localhost:5432/db',
    PAYLOAD_KEYS: generatePayloadKeySpec('k1'),
    AUTH_ISSUER: 'https://idp.example.nl/realms/zorg',
    AUTH_AUDIENCE: 'toewijzing-api',
    AUTH_JWKS_URL: 'https://idp.example.nl/realms/zorg/protocol/openid-connect/certs',
  };
  const oidc = {
    OIDC_ISSUER: 'https://idp.example.nl/realms/zorg',
    OIDC_CLIENT_ID: 'toewijzing-web',
    OIDC_CLIENT_SECRET: 's3cret',
    OIDC_REDIRECT_URL: 'https://toewijzing.example.nl/app/inloggen/terug',
  };
  const problem = (env: Record<string, string>) => {
    try {
      parseEnv(apiEnvSchema, env);
      return 'accepted';
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      return (err as Error).message;
    }
  };

  test('OIDC settings with their defaults and claim paths', () => {
    const env = parseEnv(apiEnvSchema, { ...base, ...oidc, OIDC_CLAIM_ROLES: 'realm_access.roles' });
    expect(oidcConfigOf(env)).toMatchObject({
      issuer: oidc.OIDC_ISSUER,
      postLogoutRedirectUrl: 'https://toewijzing.example.nl/app/inloggen?sessie=logout',
      scopes: 'openid profile email offline_access',
      claims: { org: 'org', roles: 'realm_access.roles', gemeente: 'gemeente', name: 'name', email: 'email' },
      refreshMarginSeconds: 60,
    });
    expect(oidcConfigOf(parseEnv(apiEnvSchema, base))).toBeUndefined();
  });

  test.each([
    [{ OIDC_ISSUER: oidc.OIDC_ISSUER }, 'OIDC_CLIENT_ID: required'],
    [{ ...oidc, OIDC_ISSUER: 'http://idp.example.nl' }, 'OIDC_ISSUER: https (http only for localhost)'],
    [{ ...oidc, OIDC_REDIRECT_URL: 'https://toewijzing.example.nl/callback' }, 'must end in /app/inloggen/terug'],
    [{ ...oidc, OIDC_SCOPES: 'profile email' }, 'must include openid'],
    [{ ...oidc, OIDC_CLAIM_ORG: 'org name' }, 'OIDC_CLAIM_ORG'],
  ])('refused: %j', (over, message) => {
    expect(problem({ ...base, ...over })).toContain(message);
  });

  test('local sign-in is refused together with an IdP configuration', () => {
    const local = {
      ...base,
      AUTH_MODE: 'local',
      AUTH_ISSUER: LOCAL_ISSUER,
      AUTH_AUDIENCE: LOCAL_AUDIENCE,
      AUTH_JWKS_FILE: '/tmp/j.json',
    };
    delete (local as Partial<typeof local>).AUTH_JWKS_URL;
    expect(problem(local)).toBe('accepted');
    expect(problem({ ...local, ...oidc })).toContain('local sign-in is refused together with OIDC_ISSUER');
  });
});

describe('Temporal Web UI codec origin', () => {
  test('follows TEMPORAL_UI_PORT, or the explicit TEMPORAL_UI_ORIGIN list', () => {
    const base = {
      DATABASE_URL: 'postgresql://u@localhost/db',
      PAYLOAD_KEYS: generatePayloadKeySpec('k1'),
      AUTH_ISSUER: 'https://i',
      AUTH_AUDIENCE: 'a',
      AUTH_JWKS_URL: 'https://i/jwks',
    };
    expect(temporalUiOrigins(parseEnv(apiEnvSchema, base))).toEqual(['http://localhost:8233', 'http://127.0.0.1:8233']);
    expect(temporalUiOrigins(parseEnv(apiEnvSchema, { ...base, TEMPORAL_UI_PORT: '8299' }))).toEqual([
      'http://localhost:8299',
      'http://127.0.0.1:8299',
    ]);
    expect(
      temporalUiOrigins(
        parseEnv(apiEnvSchema, { ...base, TEMPORAL_UI_ORIGIN: 'https://temporal.example.nl/, https://ui2.example.nl' }),
      ),
    ).toEqual(['https://temporal.example.nl', 'https://ui2.example.nl']);
  });

  test('the codec answers CORS for the UI on its configured port only', async () => {
    const env = parseEnv(apiEnvSchema, {
      DATABASE_URL: 'postgresql://u@localhost/db',
      PAYLOAD_KEYS: generatePayloadKeySpec('k1'),
      AUTH_ISSUER: 'https://i',
      AUTH_AUDIENCE: 'a',
      AUTH_JWKS_URL: 'https://i/jwks',
      TEMPORAL_UI_PORT: '8299',
    });
    const ui = await oidcApp(t.h, { uiOrigin: temporalUiOrigins(env) });
    try {
      const preflight = (origin: string) =>
        fetch(`${ui.baseUrl}/codec/decode`, {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'authorization',
          },
        });
      for (const origin of ['http://localhost:8299', 'http://127.0.0.1:8299']) {
        const res = await preflight(origin);
        expect(res.status).toBe(204);
        expect(res.headers.get('access-control-allow-origin')).toBe(origin);
        expect(res.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
      }
      expect((await preflight('http://localhost:8233')).headers.get('access-control-allow-origin')).not.toBe(
        'http://localhost:8233',
      );
    } finally {
      await ui.close();
    }
  });
});
