import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { apiEnvSchema, listenHost } from '../../api/config';
import { ensureLocalKeys, LOCAL_AUDIENCE, LOCAL_ISSUER } from '../../api/auth/local-issuer';
import { tokenHash } from '../../api/auth/sessions';
import { localWebLogin } from '../../api/web/local-login';
import { ConfigError, parseEnv } from '../../platform/env';
import { generatePayloadKeySpec } from '../../platform/payload-codec';
import { vvOudere } from '../support/fixtures';
import { extraApp, useHarness } from '../support/harness';
import { bearer, testAuth, tokenFor } from '../support/tokens';

// Issue 12, items 1 (local sign-in only where it belongs), 7 (sessions) and 8 (headers).
const t = useHarness();
const consulent = { sub: 'u-cons-1', org: 'wijkteam-noord', roles: ['consulent' as const] };

/** A plain request with cookies and no redirect following: what a browser or a script would send. */
async function http(
  base: string,
  method: string,
  p: string,
  o: { cookie?: string; headers?: Record<string, string>; form?: Record<string, string> } = {},
) {
  const res = await fetch(`${base}${p}`, {
    method,
    redirect: 'manual',
    headers: {
      ...(o.cookie ? { cookie: o.cookie } : {}),
      ...(o.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      ...o.headers,
    },
    body: o.form ? new URLSearchParams(o.form).toString() : undefined,
  });
  return { status: res.status, headers: res.headers, text: await res.text(), cookies: res.headers.getSetCookie() };
}
const cookiePair = (setCookie: string) => setCookie.split(';')[0]!;
const hiddenCsrf = (page: string) => page.match(/name="_csrf" value="([^"]*)"/)?.[1] ?? '';
const sessionCookie = (token: string) => `toewijzing_sessie=${encodeURIComponent(token)}`;

describe('start-up: local sign-in only with AUTH_MODE=local, never in production', () => {
  const base = {
    DATABASE_URL: 'postgresql://u@localhost:5432/db',
    PAYLOAD_KEYS: generatePayloadKeySpec('k1'),
    AUTH_AUDIENCE: LOCAL_AUDIENCE,
  };
  const local = { ...base, AUTH_MODE: 'local', AUTH_ISSUER: LOCAL_ISSUER, AUTH_JWKS_FILE: '/tmp/jwks.json' };
  const refusal = (env: Record<string, string>) => {
    try {
      parseEnv(apiEnvSchema, env);
      return 'accepted';
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      return (err as Error).message;
    }
  };

  test('the default is a real identity provider, listening on all interfaces', () => {
    const env = parseEnv(apiEnvSchema, {
      ...base,
      AUTH_ISSUER: 'https://idp.example.nl',
      AUTH_JWKS_URL: 'https://idp.example.nl/jwks',
    });
    expect(env.AUTH_MODE).toBe('oidc');
    expect(listenHost(env)).toBeUndefined();
  });
  test('local mode binds to 127.0.0.1 unless HOST is set', () => {
    expect(listenHost(parseEnv(apiEnvSchema, local))).toBe('127.0.0.1');
    expect(listenHost(parseEnv(apiEnvSchema, { ...local, HOST: '0.0.0.0' }))).toBe('0.0.0.0');
  });
  test.each([
    [
      'NODE_ENV=production',
      { ...local, NODE_ENV: 'production' },
      /AUTH_MODE: local sign-in is refused with NODE_ENV=production/,
    ],
    [
      'a real IdP (AUTH_JWKS_URL)',
      { ...base, AUTH_MODE: 'local', AUTH_ISSUER: LOCAL_ISSUER, AUTH_JWKS_URL: 'https://idp.example.nl/jwks' },
      /AUTH_MODE: local sign-in is refused together with AUTH_JWKS_URL/,
    ],
    [
      'the local issuer without the switch',
      { ...local, AUTH_MODE: 'oidc' },
      /AUTH_ISSUER: the local test issuer needs AUTH_MODE=local/,
    ],
    ['an unknown mode', { ...local, AUTH_MODE: 'open' }, /AUTH_MODE/],
  ])('refused: %s', (_label, env, message) => {
    expect(refusal(env)).toMatch(message);
  });
});

describe('the login page', () => {
  test('without AUTH_MODE=local there is no login form, and posting one is 404', async () => {
    const page = await http(t.h.baseUrl, 'GET', '/app/inloggen');
    expect(page.status).toBe(401);
    expect(page.text).not.toContain('name="sub"');
    expect(page.text).not.toContain('Lokale testomgeving');
    const post = await http(t.h.baseUrl, 'POST', '/app/inloggen', {
      form: { sub: 'u-x', org: 'wijkteam-noord', role: 'privacy_officer' },
      headers: { origin: t.h.baseUrl },
    });
    expect(post.status).toBe(404);
    expect(post.cookies.filter((c) => c.startsWith('toewijzing_sessie='))).toEqual([]);
  });

  describe('in local mode', () => {
    let app: { baseUrl: string; close(): Promise<void> };
    beforeAll(async () => {
      const { jwksFile } = await ensureLocalKeys(mkdtempSync(path.join(tmpdir(), 'sign-in-')));
      const auth = { issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE, jwksFile };
      app = await extraApp(t.h, { auth, webLogin: localWebLogin(auth), trustProxy: 'loopback' });
    });
    afterAll(() => app?.close());

    async function loginForm(headers: Record<string, string> = {}) {
      const page = await http(app.baseUrl, 'GET', '/app/inloggen', { headers });
      expect(page.status).toBe(200);
      return {
        page,
        cookie: cookiePair(page.cookies.find((c) => /toewijzing_inlog=/.test(c))!),
        csrf: hiddenCsrf(page.text),
      };
    }
    const who = { sub: 'u-cons-7', org: 'wijkteam-zuid', role: 'consulent' };

    test('every page says it is a local test environment', async () => {
      const { page, cookie, csrf } = await loginForm();
      expect(page.text).toContain('Lokale testomgeving');
      const login = await http(app.baseUrl, 'POST', '/app/inloggen', {
        cookie,
        form: { ...who, _csrf: csrf },
        headers: { origin: app.baseUrl },
      });
      const session = cookiePair(login.cookies.find((c) => c.startsWith('toewijzing_sessie='))!);
      for (const p of ['/app/casussen', '/app/casussen/nieuw', '/app/bestaat-niet', '/app/dashboard']) {
        const res = await http(app.baseUrl, 'GET', p, { cookie: session });
        expect({
          p,
          banner: /class="[^"]*\bomgeving-lokaal\b[^"]*" role="note"><strong>Lokale testomgeving\.<\/strong>/.test(
            res.text,
          ),
        }).toEqual({ p, banner: true });
      }
    });

    test('the form carries a CSRF token bound to a pre-login cookie; without it nobody is signed in', async () => {
      const { cookie, csrf } = await loginForm();
      expect(csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
      for (const attempt of [
        { form: { ...who } },
        { form: { ...who, _csrf: 'x' }, cookie },
        { form: { ...who, _csrf: csrf } }, // the token without its cookie
        { form: { ...who, _csrf: hiddenCsrf((await loginForm()).page.text) }, cookie }, // another form's token
      ]) {
        const res = await http(app.baseUrl, 'POST', '/app/inloggen', attempt);
        expect(res.status).toBe(403);
        expect(res.text).toContain('Het formulier kon niet worden gecontroleerd');
        expect(res.cookies.some((c) => c.startsWith('toewijzing_sessie='))).toBe(false);
      }
      const ok = await http(app.baseUrl, 'POST', '/app/inloggen', { cookie, form: { ...who, _csrf: csrf } });
      expect(ok.status).toBe(303);
      expect(ok.cookies.some((c) => c.startsWith('toewijzing_sessie='))).toBe(true);
    });

    test.each(['http://[::1', 'not a url', 'https://evil.example', '\u00ff'])(
      'a garbage or foreign Origin (%j) is refused with 403, not 500',
      async (origin) => {
        const { cookie, csrf } = await loginForm();
        const res = await http(app.baseUrl, 'POST', '/app/inloggen', {
          cookie,
          form: { ...who, _csrf: csrf },
          headers: { origin },
        });
        expect(res.status).toBe(403);
        expect(res.cookies.some((c) => c.startsWith('toewijzing_sessie='))).toBe(false);
      },
    );

    test('over https (behind a trusted proxy) the cookies are __Host- prefixed, Secure, Path=/; HSTS is sent', async () => {
      const https = { 'x-forwarded-proto': 'https' };
      const { page, cookie, csrf } = await loginForm(https);
      expect(cookie).toMatch(/^__Host-toewijzing_inlog=/);
      expect(page.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
      const login = await http(app.baseUrl, 'POST', '/app/inloggen', {
        cookie,
        form: { ...who, _csrf: csrf },
        headers: https,
      });
      expect(login.status).toBe(303);
      const set = login.cookies.find((c) => c.includes('toewijzing_sessie='))!;
      expect(set).toMatch(
        /^__Host-toewijzing_sessie=[^;]+; Path=\/; Secure; HttpOnly; SameSite=Strict; Max-Age=28800$/,
      );
      const session = cookiePair(set);
      expect((await http(app.baseUrl, 'GET', '/app/casussen', { cookie: session, headers: https })).status).toBe(200);
      // The prefixed cookie is not read over plain http, and the plain one not over https.
      expect((await http(app.baseUrl, 'GET', '/app/casussen', { cookie: session })).status).toBe(303);
      expect(
        (await http(app.baseUrl, 'GET', '/app/casussen', { cookie: session.replace('__Host-', ''), headers: https }))
          .status,
      ).toBe(303);
      // Plain http: no HSTS.
      expect((await http(app.baseUrl, 'GET', '/app/inloggen')).headers.get('strict-transport-security')).toBeNull();
    });
  });
});

describe('sessions', () => {
  const csrfOf = async (cookie: string) =>
    hiddenCsrf((await http(t.h.baseUrl, 'GET', '/app/casussen', { cookie })).text);
  const row = (token: string) => t.h.db.authSession.findUnique({ where: { tokenHash: tokenHash(token) } });

  test('logging out ends the session server-side: the same token is refused by /app and by the API', async () => {
    const token = tokenFor({ ...consulent, sub: 'u-logout' });
    const cookie = sessionCookie(token);
    expect(
      (await t.api.request('GET', '/cases?limit=1', { headers: { authorization: `Bearer ${token}` } })).status,
    ).toBe(200);
    const out = await http(t.h.baseUrl, 'POST', '/app/uitloggen', {
      cookie,
      form: { _csrf: await csrfOf(cookie) },
      headers: { origin: t.h.baseUrl },
    });
    expect(out.status).toBe(303);
    expect(out.cookies.some((c) => /^toewijzing_sessie=; .*Max-Age=0/.test(c))).toBe(true);
    expect(await row(token)).toMatchObject({ endedReason: 'logout' });
    // A copy of the cookie or the token kept elsewhere no longer works.
    const again = await http(t.h.baseUrl, 'GET', '/app/casussen', { cookie });
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toMatch(/^\/app\/inloggen/);
    const api = await t.api.request('GET', '/cases?limit=1', { headers: { authorization: `Bearer ${token}` } });
    expect(api.status).toBe(401);
    expect(api.body).toMatchObject({ error: 'unauthorized', message: 'de sessie is beëindigd' });
  });

  test('after 30 minutes without a request the session ends, everywhere', async () => {
    const token = tokenFor({ ...consulent, sub: 'u-idle' });
    const cookie = sessionCookie(token);
    expect((await http(t.h.baseUrl, 'GET', '/app/casussen', { cookie })).status).toBe(200);
    // 29 minutes idle: still on.
    await t.h.db.authSession.update({
      where: { tokenHash: tokenHash(token) },
      data: { lastSeenAt: new Date(Date.now() - 29 * 60_000) },
    });
    expect((await http(t.h.baseUrl, 'GET', '/app/casussen', { cookie })).status).toBe(200);
    await t.h.db.authSession.update({
      where: { tokenHash: tokenHash(token) },
      data: { lastSeenAt: new Date(Date.now() - 31 * 60_000) },
    });
    const res = await http(t.h.baseUrl, 'GET', '/app/casussen', { cookie });
    expect(res.status).toBe(303);
    expect(await row(token)).toMatchObject({ endedReason: 'idle' });
    expect(res.cookies.some((c) => /^toewijzing_sessie=; .*Max-Age=0/.test(c))).toBe(true);
    expect((await http(t.h.baseUrl, 'GET', res.headers.get('location')!)).text).toContain(
      'Uw sessie is beëindigd omdat u 30 minuten niets hebt gedaan',
    );
    expect(
      (await t.api.request('GET', '/cases?limit=1', { headers: { authorization: `Bearer ${token}` } })).status,
    ).toBe(401);
  });

  test('8 hours after it began the session ends, however active', async () => {
    const token = tokenFor({ ...consulent, sub: 'u-long' });
    const cookie = sessionCookie(token);
    expect((await http(t.h.baseUrl, 'GET', '/app/casussen', { cookie })).status).toBe(200);
    await t.h.db.authSession.update({
      where: { tokenHash: tokenHash(token) },
      data: { startedAt: new Date(Date.now() - 8 * 3600_000 - 60_000) },
    });
    expect((await http(t.h.baseUrl, 'GET', '/app/casussen', { cookie })).status).toBe(303);
    expect(await row(token)).toMatchObject({ endedReason: 'absolute' });
  });

  test.each([
    [
      'issued 8 h 1 min ago (past maxTokenAge, though not expired)',
      { issuedAt: -(8 * 3600 + 60), expiresIn: 3600 },
      'het token is te oud',
    ],
    [
      'issued a year in the future',
      { issuedAt: 365 * 24 * 3600, expiresIn: 366 * 24 * 3600 },
      'de claim iat van het token wordt niet aanvaard',
    ],
    ['issued a minute in the future', { issuedAt: 60 }, 'de claim iat van het token wordt niet aanvaard'],
  ])('a bearer token %s is 401', async (_label, o, message) => {
    const res = await t.api.request('GET', '/cases?limit=1', { headers: bearer(consulent, o) });
    expect(res.status).toBe(401);
    expect(res.body.message).toBe(message);
  });

  test('a token valid for ten years is refused once older than maxTokenAge, which is configurable', async () => {
    const tenYears = { issuedAt: -120, expiresIn: 10 * 365 * 24 * 3600 };
    expect((await t.api.request('GET', '/cases?limit=1', { headers: bearer(consulent, tenYears) })).status).toBe(200);
    const strict = await extraApp(t.h, { auth: { ...testAuth, maxTokenAge: 60 } });
    try {
      const res = await fetch(`${strict.baseUrl}/cases?limit=1`, { headers: bearer(consulent, tenYears) });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { message: string }).message).toBe('het token is te oud');
    } finally {
      await strict.close();
    }
  });
});

describe('headers', () => {
  test("helmet on the API and the web app; the CSP allows only the app's own script and css", async () => {
    const caseList = await t.api.request('GET', '/cases?limit=1');
    const login = await http(t.h.baseUrl, 'GET', '/app/inloggen');
    for (const res of [caseList, login]) {
      expect(res.headers.get('content-security-policy')).toBe(
        "default-src 'self';img-src 'self' data:;style-src 'self';script-src 'self';form-action 'self';frame-ancestors 'none';base-uri 'none';object-src 'none'",
      );
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('same-origin');
      expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
    expect(login.text).toContain('<script src="/app/static/app.js" defer></script>');
    expect(login.text).not.toMatch(/<script>|<style>| style="/);
  });

  test('Cache-Control: no-store on every answer with case data, errors included; static files may be cached', async () => {
    const started = await t.api.start(vvOudere());
    const id = started.body.caseId as string;
    const cookie = sessionCookie(tokenFor(consulent));
    const answers = [
      started,
      await t.api.request('GET', '/cases?limit=5'),
      await t.api.request('GET', `/cases/${id}`),
      await t.api.request('GET', `/cases/${id}/matches`),
      await t.api.request('GET', '/cases/00000000-0000-4000-8000-000000000000'),
      await t.api.request('GET', '/reports/open-casussen', {
        headers: bearer({ sub: 'u-m', org: 'wijkteam-noord', roles: ['manager'] }),
      }),
    ].map((r) => ({ status: r.status, cacheControl: r.headers.get('cache-control') }));
    for (const p of ['/app/casussen', `/app/casussen/${id}`]) {
      const r = await http(t.h.baseUrl, 'GET', p, { cookie });
      answers.push({ status: r.status, cacheControl: r.headers.get('cache-control') });
    }
    expect(answers.every((a) => a.cacheControl === 'no-store')).toBe(true);
    expect(answers.map((a) => a.status)).toContain(200);
    const css = await http(t.h.baseUrl, 'GET', '/app/static/app.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('cache-control')).toBe('public, max-age=3600');
  });

  test('X-Forwarded-Proto from an untrusted client neither sends HSTS nor makes the cookie https-only', async () => {
    const res = await http(t.h.baseUrl, 'GET', '/cases?limit=1', {
      headers: { ...bearer(consulent), 'x-forwarded-proto': 'https' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });
});
