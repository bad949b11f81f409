import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { Role } from '../../api/auth/principal';
import { actorHeaders, actors } from '../support/api-client';
import { buurt, inRegister, vraag, vraagMetZrm, vvOudere, zorgOpAfspraak } from '../support/fixtures';
import { useHarness } from '../support/harness';
import { bearer, testAuth, tokenFor } from '../support/tokens';
import { registerOrganisations } from '../support/organisations';

const t = useHarness();

describe('tokens', () => {
  const claims = { sub: 'u-cons-1', org: 'wijkteam-noord', roles: ['consulent'] as Role[] };
  const list = (headers: Record<string, string>) => t.api.request('GET', '/cases?limit=1', { headers });

  test('a valid token is accepted', async () => {
    expect((await list(bearer(claims))).status).toBe(200);
  });

  const otherKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  const tampered = () => {
    const [h, p, s] = tokenFor(claims).split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
    return `${h}.${Buffer.from(JSON.stringify({ ...payload, roles: ['manager'], org: 'zorg-de-brug' })).toString('base64url')}.${s}`;
  };
  test.each([
    ['no token', {}],
    ['not a bearer token', { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }],
    ['a tampered payload', { authorization: `Bearer ${tampered()}` }],
    ['an expired token', bearer(claims, { expiresIn: -60 })],
    ['the wrong audience', bearer(claims, { audience: 'another-api' })],
    ['the wrong issuer', bearer(claims, { issuer: 'urn:someone-else' })],
    ['an unsigned token (alg none)', bearer(claims, { alg: 'none' })],
    ['a token signed by another key', bearer(claims, { key: otherKey })],
    ['a token without roles', bearer({ ...claims, roles: [] })],
    ['garbage', { authorization: 'Bearer not.a.jwt' }],
  ])('%s is 401 and reveals nothing', async (_label, headers) => {
    const res = await t.api.request('GET', '/cases?limit=1', { headers, anonymous: true });
    expect(res.status).toBe(401);
    expect(res.body.error).toBe('unauthorized');
    expect(res.body).not.toHaveProperty('items');
  });

  test('health and the API docs need no token', async () => {
    expect((await t.api.request('GET', '/health', { anonymous: true })).status).toBe(200);
    expect((await t.api.request('GET', '/openapi.json', { anonymous: true })).status).toBe(200);
  });

  test('the test issuer is verified through the same JWKS path as production', () => {
    expect(testAuth.jwksFile).toMatch(/jwks\.json$/);
  });
});

describe('who may see and change a case', () => {
  const W = 'wijkteam-noord';
  const Z = 'zorg-de-brug';
  const C = `corp-${randomUUID().slice(0, 8)}`;
  const OTHER = `other-${randomUUID().slice(0, 8)}`;
  let caseId = '';
  let accesses = 0;

  beforeAll(async () => {
    // Every organisation here is registered with the kind its roles need: the register check is not what refuses.
    await registerOrganisations(t.h.db, [
      { id: C, soort: 'corporatie' },
      { id: OTHER, soort: 'wijkteam' },
      { id: `${OTHER}-zorg`, soort: 'zorginstelling' },
      { id: `${OTHER}-corp`, soort: 'corporatie' },
    ]);
    const started = await t.api.start({ ...vvOudere(), corporatie: C });
    caseId = started.body.caseId;
    const verhuur = { ...actors.verhuur, organisatie: C };
    for (const [step, body, actor] of [
      ['vraag', vraagMetZrm, actors.consulent],
      ['zorg', zorgOpAfspraak, actors.zorg],
      ['woonvorm', { woonvorm: 'geschikt_wonen' }, actors.zorg],
      ['buurt', buurt, verhuur],
    ] as const) {
      expect((await t.api.step(caseId, step, body, actor)).status).toBe(200);
    }
    accesses = 5; // the start and four steps, each audited once
    await inRegister(t.h.db, C, 'corporatie');
  });

  /** Each role's own organisation in this case. */
  const own: Record<Role, string> = {
    consulent: W,
    zorgmedewerker: Z,
    verhuurmedewerker: C,
    manager: W,
    beheerder: 'gemeente-amsterdam',
    privacy_officer: W,
  };
  /** Each role's organisation of the same kind that is no party to this case. */
  const other: Record<Role, string> = {
    consulent: OTHER,
    zorgmedewerker: `${OTHER}-zorg`,
    verhuurmedewerker: `${OTHER}-corp`,
    manager: OTHER,
    beheerder: 'gemeente-utrecht',
    privacy_officer: OTHER,
  };
  type Who = 'own' | 'other';
  type Endpoint =
    | 'read'
    | 'list'
    | 'step'
    | 'matches'
    | 'woonvorm-advies'
    | 'audit'
    | 'audit-search'
    | 'woning-create'
    | 'woning-list'
    | 'beheer-read'
    | 'beheer-write'
    | 'reports'
    | 'codec'
    | 'te-verdelen'
    | 'aanname'
    | 'toewijzen'
    | 'behandelaar'
    | 'collegas'
    | 'inbox'
    | 'notes-read'
    | 'notes-write'
    | 'meldingen';

  // The whole policy as one table: endpoint → role → [own organisation, other organisation].
  const expected = {
    read: {
      consulent: [200, 404],
      zorgmedewerker: [200, 404],
      verhuurmedewerker: [200, 404],
      manager: [200, 404],
      beheerder: [404, 404],
      privacy_officer: [404, 404],
    },
    // 1 = the case is in the list, 0 = it is not (the listing itself is always 200)
    list: {
      consulent: [1, 0],
      zorgmedewerker: [1, 0],
      verhuurmedewerker: [1, 0],
      manager: [1, 0],
      beheerder: [0, 0],
      privacy_officer: [0, 0],
    },
    // vraag is out of turn at the aanbod step: 409 proves the request got past access control
    step: {
      consulent: [409, 404],
      zorgmedewerker: [409, 404],
      verhuurmedewerker: [409, 404],
      manager: [403, 404],
      beheerder: [404, 404],
      privacy_officer: [404, 404],
    },
    matches: {
      consulent: [404, 404],
      zorgmedewerker: [404, 404],
      verhuurmedewerker: [200, 404],
      manager: [404, 404],
      beheerder: [404, 404],
      privacy_officer: [404, 404],
    },
    // the zorg view only: the wijkteam and the zorginstelling (issue 14 item 13)
    'woonvorm-advies': {
      consulent: [200, 404],
      zorgmedewerker: [200, 404],
      verhuurmedewerker: [404, 404],
      manager: [404, 404],
      beheerder: [404, 404],
      privacy_officer: [404, 404],
    },
    audit: {
      consulent: [404, 404],
      zorgmedewerker: [404, 404],
      verhuurmedewerker: [404, 404],
      manager: [404, 404],
      beheerder: [404, 404],
      privacy_officer: [200, 404],
    },
    // GET /audit?caseId=: a privacy officer only; another organisation's officer gets no rows of this case (1 = rows, 0 = none)
    'audit-search': {
      consulent: [403, 403],
      zorgmedewerker: [403, 403],
      verhuurmedewerker: [403, 403],
      manager: [403, 403],
      beheerder: [403, 403],
      privacy_officer: [1, 0],
    },
    'woning-create': {
      consulent: [403, 403],
      zorgmedewerker: [403, 403],
      verhuurmedewerker: [201, 201],
      manager: [403, 403],
      beheerder: [403, 403],
      privacy_officer: [403, 403],
    },
    'woning-list': {
      consulent: [200, 200],
      zorgmedewerker: [200, 200],
      verhuurmedewerker: [200, 200],
      manager: [200, 200],
      beheerder: [200, 200],
      privacy_officer: [200, 200],
    },
    // organisations, norms, contingent: the beheerder only, whatever the organisation (a new organisation each call: 201)
    'beheer-read': {
      consulent: [403, 403],
      zorgmedewerker: [403, 403],
      verhuurmedewerker: [403, 403],
      manager: [403, 403],
      beheerder: [200, 200],
      privacy_officer: [403, 403],
    },
    'beheer-write': {
      consulent: [403, 403],
      zorgmedewerker: [403, 403],
      verhuurmedewerker: [403, 403],
      manager: [403, 403],
      beheerder: [201, 201],
      privacy_officer: [403, 403],
    },
    // every /reports/* endpoint: managers only, each over the cases of its own organisation (figures: test/api/reports.test.ts)
    reports: {
      consulent: [403, 403],
      zorgmedewerker: [403, 403],
      verhuurmedewerker: [403, 403],
      manager: [200, 200],
      beheerder: [403, 403],
      privacy_officer: [403, 403],
    },
    // decrypting Temporal payloads: only the platform operator's privacy officers (test/api/codec.test.ts), no party's
    codec: {
      consulent: [403, 403],
      zorgmedewerker: [403, 403],
      verhuurmedewerker: [403, 403],
      manager: [403, 403],
      beheerder: [403, 403],
      privacy_officer: [403, 403],
    },
  } as Record<Endpoint, Record<Role, [number, number]>>;
  // Routing (issue 13): the register lists C as a corporatie of the case's gemeente, so only its
  // verhuurmedewerker gets past access control (409: the side is C's already); nobody else learns of it.
  Object.assign(expected, {
    // 1 = the case is listed as te verdelen: never, its corporatie is named
    'te-verdelen': {
      consulent: [0, 0],
      zorgmedewerker: [0, 0],
      verhuurmedewerker: [0, 0],
      manager: [0, 0],
      beheerder: [0, 0],
      privacy_officer: [0, 0],
    },
    aanname: {
      consulent: [404, 404],
      zorgmedewerker: [404, 404],
      verhuurmedewerker: [409, 404],
      manager: [404, 404],
      beheerder: [404, 404],
      privacy_officer: [404, 404],
    },
    // assigning a side: the wijkteam's consulent (409: the corporatie is named already)
    toewijzen: {
      consulent: [409, 404],
      zorgmedewerker: [403, 404],
      verhuurmedewerker: [403, 404],
      manager: [403, 404],
      beheerder: [404, 404],
      privacy_officer: [404, 404],
    },
    // vrijgeven with nobody in charge: 422 proves the request got past access control
    behandelaar: {
      consulent: [422, 404],
      zorgmedewerker: [422, 404],
      verhuurmedewerker: [422, 404],
      manager: [403, 404],
      beheerder: [404, 404],
      privacy_officer: [404, 404],
    },
    collegas: {
      consulent: [200, 200],
      zorgmedewerker: [200, 200],
      verhuurmedewerker: [200, 200],
      manager: [403, 403],
      beheerder: [403, 403],
      privacy_officer: [403, 403],
    },
    // Team inbox: 1 = the case is listed (it waits on the corporatie), 0 = not; 403 without a case role
    inbox: {
      consulent: [0, 0],
      zorgmedewerker: [0, 0],
      verhuurmedewerker: [1, 0],
      manager: [403, 403],
      beheerder: [403, 403],
      privacy_officer: [403, 403],
    },
    // notes between the parties: a party's professionals only, never its managers, the beheerder or a stranger
    'notes-read': {
      consulent: [200, 404],
      zorgmedewerker: [200, 404],
      verhuurmedewerker: [200, 404],
      manager: [404, 404],
      beheerder: [404, 404],
      privacy_officer: [404, 404],
    },
    // 403: not a role that writes notes (said before the case is looked at, so it tells nothing about the case)
    'notes-write': {
      consulent: [201, 404],
      zorgmedewerker: [201, 404],
      verhuurmedewerker: [201, 404],
      manager: [403, 403],
      beheerder: [403, 403],
      privacy_officer: [403, 403],
    },
    // 1 = a melding about the case is among the caller's meldingen, 0 = none is
    meldingen: {
      consulent: [1, 0],
      zorgmedewerker: [1, 0],
      verhuurmedewerker: [1, 0],
      manager: [0, 0],
      beheerder: [0, 0],
      privacy_officer: [0, 0],
    },
  } satisfies Partial<Record<Endpoint, Record<Role, [number, number]>>>);
  const touchesCase: Record<Endpoint, boolean> = {
    'te-verdelen': false,
    aanname: true,
    toewijzen: true,
    behandelaar: true,
    collegas: false,
    inbox: false,
    'notes-read': true,
    'notes-write': true,
    meldingen: false,
    read: true,
    list: false,
    step: true,
    matches: true,
    'woonvorm-advies': true,
    audit: true,
    'audit-search': false,
    'woning-create': false,
    'woning-list': false,
    'beheer-read': false,
    'beheer-write': false,
    reports: false,
    codec: false,
  };

  const cells = (Object.keys(expected) as Endpoint[]).flatMap((endpoint) =>
    (Object.keys(expected[endpoint]) as Role[]).flatMap((role) =>
      (['own', 'other'] as Who[]).map((who) => [endpoint, role, who] as const),
    ),
  );

  async function call(endpoint: Endpoint, role: Role, who: Who) {
    const org = who === 'own' ? own[role] : other[role];
    const headers = bearer({ sub: `u-${role}`, org, roles: [role] });
    switch (endpoint) {
      case 'read':
        return (await t.api.request('GET', `/cases/${caseId}`, { headers })).status;
      case 'list': {
        const res = await t.api.request('GET', '/cases?limit=100', { headers });
        expect(res.status).toBe(200);
        if (res.body.items.some((c: { id: string }) => c.id === caseId)) accesses += 1;
        return res.body.items.some((c: { id: string }) => c.id === caseId) ? 1 : 0;
      }
      case 'step':
        return (await t.api.request('POST', `/cases/${caseId}/steps/vraag`, { headers, body: vraag })).status;
      case 'matches':
        return (await t.api.request('GET', `/cases/${caseId}/matches`, { headers })).status;
      case 'woonvorm-advies':
        return (await t.api.request('GET', `/cases/${caseId}/woonvorm-advies`, { headers })).status;
      case 'audit':
        return (await t.api.request('GET', `/cases/${caseId}/audit`, { headers })).status;
      case 'audit-search': {
        const res = await t.api.request('GET', `/audit?caseId=${caseId}`, { headers });
        if (res.status !== 200) return res.status;
        // Reading the audit log of the case is itself an entry of it.
        if (res.body.items.length) accesses += 1;
        return res.body.items.length ? 1 : 0;
      }
      case 'woning-create': {
        const res = await t.api.request('POST', '/woningen', {
          headers,
          body: {
            referentie: `SEC-${randomUUID().slice(0, 8)}`,
            gemeente: 'GM0363',
            buurtcode: 'BU03630101',
            woonvorm: 'geschikt_wonen',
            kamers: 2,
            kaleHuur: 600,
            servicekosten: 20,
            zelfstandig: true,
            drempelsOverbrugd: true,
            gangbreedteCm: 120,
            noodoproep: true,
            gemeenschappelijkeRuimte: true,
            opgave: 'opgave_1_nabij_steunpunt',
            beschikbaarVanaf: '2023-05-01',
          },
        });
        if (res.status === 201) await t.h.db.woning.delete({ where: { id: res.body.id } });
        return res.status;
      }
      case 'woning-list':
        return (await t.api.request('GET', '/woningen?limit=1', { headers })).status;
      case 'beheer-read':
        return (await t.api.request('GET', '/beheer/normen', { headers })).status;
      case 'beheer-write': {
        const id = `sec-${randomUUID().slice(0, 8)}`;
        const res = await t.api.request('PUT', `/beheer/organisaties/${id}`, {
          headers,
          body: { naam: 'Security', soort: 'corporatie' },
        });
        if (res.status === 201) await t.h.db.organisatie.delete({ where: { id } });
        return res.status;
      }
      case 'reports': {
        const paths = [
          'doorlooptijd',
          'wachttijd-per-partij',
          'doorlooptijd-totaal',
          'open-casussen',
          'contingent?jaar=2023',
          'vraag-en-aanbod',
        ];
        const statuses = new Set(
          await Promise.all(paths.map(async (p) => (await t.api.request('GET', `/reports/${p}`, { headers })).status)),
        );
        return statuses.size === 1 ? [...statuses][0]! : -1;
      }
      case 'codec':
        return (await t.api.request('POST', '/codec/decode', { headers, body: { payloads: [] } })).status;
      case 'notes-read':
        return (await t.api.request('GET', `/cases/${caseId}/notities`, { headers })).status;
      case 'notes-write': {
        const body = { tekst: `Notitie van ${role}`, voor: 'alle' };
        return (await t.api.request('POST', `/cases/${caseId}/notities`, { headers, body })).status;
      }
      case 'meldingen': {
        const res = await t.api.request('GET', '/meldingen', { headers });
        expect(res.status).toBe(200);
        const about = res.body.items.some((m: { caseId: string }) => m.caseId === caseId);
        if (about) accesses += 1;
        return about ? 1 : 0;
      }
      case 'te-verdelen': {
        const res = await t.api.request('GET', '/te-verdelen?limit=100', { headers });
        expect(res.status).toBe(200);
        return res.body.items.some((c: { caseId: string }) => c.caseId === caseId) ? 1 : 0;
      }
      case 'aanname':
        return (await t.api.request('POST', `/cases/${caseId}/aanname`, { headers, body: { zijde: 'corporatie' } }))
          .status;
      case 'toewijzen':
        return (
          await t.api.request('POST', `/cases/${caseId}/partijen`, {
            headers,
            body: { zijde: 'corporatie', organisatie: C },
          })
        ).status;
      case 'behandelaar':
        return (await t.api.request('POST', `/cases/${caseId}/behandelaar`, { headers, body: { actie: 'vrijgeven' } }))
          .status;
      case 'collegas':
        return (await t.api.request('GET', '/collegas', { headers })).status;
      case 'inbox': {
        const res = await t.api.request('GET', '/inbox?lijst=team&limit=100', { headers });
        if (res.status !== 200) return res.status;
        const listed = res.body.items.some((c: { id: string }) => c.id === caseId);
        if (listed) accesses += 1;
        return listed ? 1 : 0;
      }
    }
  }

  test.each(cells)('%s by a %s of the %s organisation', async (endpoint, role, who) => {
    const answer = await call(endpoint, role, who);
    expect(answer).toBe(expected[endpoint][role][who === 'own' ? 0 : 1]);
    if (touchesCase[endpoint]) accesses += 1;
  });

  test('a gemeente manager sees the cases of that gemeente, not of another', async () => {
    const inGemeente = bearer({ sub: 'u-gm', org: 'gemeente-amsterdam', roles: ['manager'], gemeente: 'GM0363' });
    const elsewhere = bearer({ sub: 'u-gm2', org: 'gemeente-utrecht', roles: ['manager'], gemeente: 'GM0344' });
    expect((await t.api.request('GET', `/cases/${caseId}`, { headers: inGemeente })).status).toBe(200);
    expect((await t.api.request('GET', `/cases/${caseId}`, { headers: elsewhere })).status).toBe(404);
    accesses += 2;
  });

  test("an unknown case and another organisation's case answer alike", async () => {
    const headers = bearer({ sub: 'u-x', org: OTHER, roles: ['consulent'] });
    const theirs = await t.api.request('GET', `/cases/${caseId}`, { headers });
    const none = await t.api.request('GET', `/cases/${randomUUID()}`, { headers });
    expect(theirs.status).toBe(404);
    expect(theirs.body).toEqual(none.body);
    accesses += 1;
  });

  test('each side sees what its part needs', async () => {
    const zorgView = (await t.api.request('GET', `/cases/${caseId}`, { headers: actorHeaders(actors.zorg) })).body;
    const verhuurView = (
      await t.api.request('GET', `/cases/${caseId}`, { headers: actorHeaders({ ...actors.verhuur, organisatie: C }) })
    ).body;
    const managerView = (
      await t.api.request('GET', `/cases/${caseId}`, { headers: bearer({ sub: 'u-m', org: W, roles: ['manager'] }) })
    ).body;
    accesses += 3;
    expect(zorgView.state.aanmelding.indicatie).toEqual({ wet: 'wlz', leveringsvorm: 'vpt' });
    expect(zorgView.state.vraag.meting.instrument).toBe('zrm');
    expect(verhuurView.state.aanmelding).not.toHaveProperty('indicatie');
    expect(verhuurView.state.aanmelding).not.toHaveProperty('doelgroep');
    expect(verhuurView.state.aanmelding.begeleidingGeregeld).toBe(true);
    expect(verhuurView.state.vraag).not.toHaveProperty('meting');
    expect(verhuurView).not.toHaveProperty('doelgroep');
    expect(verhuurView.history[0].summary).not.toHaveProperty('doelgroep');
    expect(verhuurView.state.aanmelding.persoon.huishoudgrootte).toBe(1);
    expect(managerView.state.aanmelding).not.toHaveProperty('persoon');
    expect(managerView.state).not.toHaveProperty('vraag');
    expect(managerView.history.every((e: Record<string, unknown>) => !('summary' in e))).toBe(true);
    expect(managerView.fase).toBe('aanbod');
  });

  test('the audit log holds one entry per access to the case, and cannot be changed', async () => {
    const res = await t.api.request('GET', `/cases/${caseId}/audit`, {
      headers: bearer({ sub: 'u-po', org: W, roles: ['privacy_officer'] }),
    });
    expect(res.status).toBe(200);
    expect(res.body.entries).toHaveLength(accesses);
    expect(res.body.entries[0]).toMatchObject({
      actorId: 'u-cons-1',
      organisatie: W,
      action: 'write',
      route: 'POST /cases',
      status: 201,
    });
    expect(res.body.entries.filter((e: { status: number }) => e.status === 404).length).toBeGreaterThan(10);
    await expect(t.h.db.auditEntry.deleteMany({ where: { caseId } })).rejects.toThrow(/append-only|permission denied/);
    await expect(t.h.db.auditEntry.updateMany({ where: { caseId }, data: { status: 200 } })).rejects.toThrow(
      /append-only|permission denied/,
    );
  });
});
