import { createHash, randomUUID } from 'node:crypto';
import { SESSION_COOKIE } from '../../api/http/cookies';
import type { Role } from '../../api/auth/principal';
import { actors } from '../support/api-client';
import { vvOudere } from '../support/fixtures';
import { useHarness } from '../support/harness';
import { tokenFor, type TokenClaims } from '../support/tokens';

/** Issue 13 item 7 over HTTP: the beheerder's and the privacy officer's screens, on the JSON routes' services. */
const t = useHarness();

function session(claims: TokenClaims) {
  const token = tokenFor(claims);
  const csrf = createHash('sha256').update(`csrf:v1:${token}`).digest('base64url');
  const cookie = `${SESSION_COOKIE}=${token}`;
  return {
    get: (path: string) => fetch(`${t.h.baseUrl}${path}`, { headers: { cookie }, redirect: 'manual' }),
    post: (path: string, form: Record<string, string | string[]>) => {
      const body = new URLSearchParams({ _csrf: csrf });
      for (const [k, v] of Object.entries(form)) for (const x of [v].flat()) body.append(k, x);
      return fetch(`${t.h.baseUrl}${path}`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body,
        redirect: 'manual',
      });
    },
  };
}
const beheerder = session({ sub: 'u-beheer-web', org: 'gemeente-amsterdam', roles: ['beheerder'] });

describe('the beheerder', () => {
  test('lands on the beheer page and adds an organisation through the screen', async () => {
    const start = await beheerder.get('/app');
    expect([start.status, start.headers.get('location')]).toEqual([303, '/app/beheer']);
    const id = `wijkteam-scherm-${randomUUID().slice(0, 6)}`;
    const res = await beheerder.post('/app/beheer/organisaties', {
      id,
      naam: 'Wijkteam Scherm',
      soort: 'wijkteam',
      werkgebied: ['GM0363', 'GM0344'],
      actief: 'on',
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Gelukt: Wijkteam Scherm (nieuw) is opgeslagen.');
    expect(await t.h.db.organisatie.findUnique({ where: { id } })).toMatchObject({
      naam: 'Wijkteam Scherm',
      soort: 'wijkteam',
      werkgebied: ['GM0363', 'GM0344'],
      actief: true,
      updatedBy: 'u-beheer-web',
    });
    // Registered: its consulent may work now.
    const consulent = session({ sub: 'u-c-scherm', org: id, roles: ['consulent'] });
    expect((await consulent.get('/app/casussen')).status).toBe(200);
  });

  test('a refused organisation form says per field what is wrong, in Dutch, and changes nothing', async () => {
    const before = await t.h.db.organisatie.count();
    const res = await beheerder.post('/app/beheer/organisaties', { id: 'Geen Code', naam: '', soort: 'bank' });
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('Er is iets niet goed ingevuld');
    expect(page).toContain('Kies een van de mogelijkheden.');
    expect(await t.h.db.organisatie.count()).toBe(before);
  });

  test('adds a norm for an organisation, and a norm for an unknown one is refused', async () => {
    const ok = await beheerder.post('/app/beheer/normen', {
      fase: 'zorg',
      organisatie: 'zorg-de-brug',
      werkdagen: '7,5',
      herinneringBij: '0,8',
    });
    expect(ok.status).toBe(200);
    expect(
      await t.h.db.normInstelling.findUnique({
        where: { fase_organisatie: { fase: 'zorg', organisatie: 'zorg-de-brug' } },
      }),
    ).toMatchObject({
      werkdagen: 7.5,
      herinneringBij: 0.8,
    });
    const unknown = await beheerder.post('/app/beheer/normen', {
      fase: 'zorg',
      organisatie: 'niemand-hier',
      werkdagen: '5',
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('Deze organisatie staat niet in het register.');
    await t.h.db.normInstelling.delete({ where: { fase_organisatie: { fase: 'zorg', organisatie: 'zorg-de-brug' } } });
  });

  test.each<Role>(['consulent', 'manager', 'privacy_officer'])('a %s gets no beheer screen', async (role) => {
    const s = session({ sub: `u-${role}`, org: 'wijkteam-noord', roles: [role] });
    expect((await s.get('/app/beheer/organisaties')).status).toBe(403);
    expect((await s.post('/app/beheer/normen', { fase: 'zorg', werkdagen: '1' })).status).toBe(403);
  });
});

describe('the privacy officer', () => {
  test('reads who saw a case, filtered, and exports it as CSV; the reading is audited', async () => {
    const { caseId } = (await t.api.start(vvOudere())).body;
    await t.api.get(caseId, tokenHeaders({ sub: 'u-zorg-1', org: 'zorg-de-brug', roles: ['zorgmedewerker'] }));
    const officer = session({ sub: 'u-po-web', org: actors.consulent.organisatie, roles: ['privacy_officer'] });
    const start = await officer.get('/app');
    expect(start.headers.get('location')).toBe('/app/privacy');
    const page = await officer.get(`/app/privacy?caseId=${caseId}&action=read`);
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain('<code>u-zorg-1</code>');
    expect(text).toContain('Zorg De Brug'); // the organisation's name, not its code
    expect(text).not.toContain('<code>u-cons-1</code>'); // the start was a write, filtered out
    const csv = await officer.get(`/app/privacy/export?caseId=${caseId}`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('tijdstip;casus;gebruiker;organisatie;rollen;actie;route;status;weergave;namens;verzoek');
    expect(
      lines
        .slice(1)
        .map((l) => l.split(';')[2])
        .sort(),
    ).toEqual(expect.arrayContaining(['u-cons-1', 'u-zorg-1']));
    const audits = await t.h.db.auditEntry.findMany({ where: { actorId: 'u-po-web', caseId, action: 'audit' } });
    expect(audits.length).toBeGreaterThanOrEqual(2);
  });

  test('a bad filter is a Dutch 400 naming the field; another organisation sees nothing of the case', async () => {
    const officer = session({ sub: 'u-po-web2', org: actors.consulent.organisatie, roles: ['privacy_officer'] });
    const bad = await officer.get('/app/privacy?van=gisteren');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Vanaf');
    const { caseId } = (await t.api.start(vvOudere())).body;
    const other = session({ sub: 'u-po-other', org: 'wijkteam-zuid', roles: ['privacy_officer'] });
    const res = await other.get(`/app/privacy?caseId=${caseId}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Geen regels bij dit filter.');
  });
});

function tokenHeaders(claims: TokenClaims) {
  return { authorization: `Bearer ${tokenFor(claims)}` };
}
