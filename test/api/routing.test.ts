import { randomUUID } from 'node:crypto';
import { createActivities } from '../../activities';
import { createNotifier, type Notifier } from '../../activities/notifications';
import { putOrganisatie, type OrganisatieInput } from '../../prisma/organisatie-repository';
import type { Role } from '../../api/auth/principal';
import { shown } from '../../api/routing/verdeling-view';
import { buurt, vraag, vvOudere, zorgOpAfspraak } from '../support/fixtures';
import { startHarness, type Harness } from '../support/harness';
import { apiClient, ok, type ApiClient } from '../support/api-client';
import { startSmtp } from '../support/smtp';
import { bearer } from '../support/tokens';

/**
 * Routing (issue 13 item 2) and the behandelaar (item 3) through the API on the real stack: an
 * open side is listed for the organisations of the werkgebied only, accepted once, assigned by
 * the wijkteam; one behandelaar per party, handed to colleagues of the same organisation only.
 */

const run = randomUUID().slice(0, 6);
// A gemeente of this run only, so other files' cases never show in these lists.
const gemeente = `GM7${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
const org = (naam: string) => `${naam}-${run}`;
const wijkteam = org('wt');
const corpA = org('corp-a');
const corpB = org('corp-b');
const corpBuiten = org('corp-buiten');
const zorgA = org('zorg-a');
const corpInactief = org('corp-inactief');

const who = (sub: string, o: string, role: Role, extra: { name?: string; email?: string } = {}) =>
  bearer({ sub: `${sub}-${run}`, org: o, roles: [role], ...extra });
const consulent = who('cons', wijkteam, 'consulent');
const verhA1 = who('verh-a1', corpA, 'verhuurmedewerker', { name: 'Anna Eerste', email: `anna-${run}@corp-a.test` });
const verhA2 = who('verh-a2', corpA, 'verhuurmedewerker', { name: 'Bram Tweede', email: `bram-${run}@corp-a.test` });
const verhB = who('verh-b', corpB, 'verhuurmedewerker', { name: 'Cor Derde' });
const verhBuiten = who('verh-x', corpBuiten, 'verhuurmedewerker');
const zorg = who('zorg-a', zorgA, 'zorgmedewerker');
const actorOf = (sub: string, organisatie: string, rol: 'consulent' | 'zorgmedewerker' | 'verhuurmedewerker') => ({
  id: `${sub}-${run}`,
  organisatie,
  rol,
});

let h: Harness;
let api: ApiClient;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let notifier: Notifier;

const register = (o: Partial<OrganisatieInput> & Pick<OrganisatieInput, 'id' | 'soort'>) =>
  putOrganisatie(
    h.db,
    {
      naam: o.id,
      gemeente: null,
      werkgebied: [gemeente],
      email: null,
      managerEmail: null,
      webhookUrl: null,
      actief: true,
      ...o,
    },
    'test',
  );

beforeAll(async () => {
  smtp = await startSmtp();
  notifier = createNotifier({
    smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
    mailFrom: 'noreply@toewijzing.test',
    appBaseUrl: 'https://toewijzing.test',
  });
  h = await startHarness({ notifier });
  api = apiClient(h.baseUrl);
  await register({ id: wijkteam, soort: 'wijkteam', email: `team-${run}@wijkteam.test` });
  await register({ id: corpA, soort: 'corporatie', naam: 'Woonkracht A', email: `team-${run}@corp-a.test` });
  await register({ id: corpB, soort: 'corporatie', naam: 'Woonkracht B' });
  await register({ id: corpBuiten, soort: 'corporatie', werkgebied: ['GM0001'] });
  await register({ id: zorgA, soort: 'zorginstelling' });
  await register({ id: corpInactief, soort: 'corporatie', naam: 'Woonkracht Gestopt', actief: false });
});

afterAll(async () => {
  await h?.stop();
  notifier?.close();
  await smtp?.close();
});

const open = (over: Record<string, unknown> = {}) => ({
  ...vvOudere(),
  gemeente,
  zorginstelling: zorgA,
  corporatie: undefined,
  ...over,
});

async function start(over: Record<string, unknown> = {}): Promise<string> {
  const res = await api.request('POST', '/cases', { body: open(over), headers: consulent });
  expect(res.status).toBe(201);
  return res.body.caseId;
}

const teVerdelen = (headers: Record<string, string>) => api.request('GET', '/te-verdelen?limit=100', { headers });
const listed = async (headers: Record<string, string>, id: string) =>
  (await ok(teVerdelen(headers))).items.some((i: { caseId: string }) => i.caseId === id);
const accept = (id: string, headers: Record<string, string>, zijde = 'corporatie') =>
  api.request('POST', `/cases/${id}/aanname`, { body: { zijde }, headers });
const behandelaar = (id: string, headers: Record<string, string>, body: unknown) =>
  api.request('POST', `/cases/${id}/behandelaar`, { body, headers });

describe('routing: an open side is accepted by one organisation of the werkgebied', () => {
  let id: string;
  beforeAll(async () => {
    id = await start();
  });

  test('it is listed in Te verdelen for both corporaties of the werkgebied, with only what they need', async () => {
    expect(await listed(verhA1, id)).toBe(true);
    expect(await listed(verhB, id)).toBe(true);
    const item = (await ok(teVerdelen(verhA1))).items.find((i: { caseId: string }) => i.caseId === id);
    // Derived from the minimisation table: exactly its fields, none of the person or the care.
    expect(Object.keys(item).sort()).toEqual([...shown.corporatie].sort());
    expect(item).toMatchObject({ zijde: 'corporatie', fase: 'vraag', gemeente, urgent: false });
    expect(JSON.stringify(item)).not.toMatch(/REF-|doelgroep|indicatie|persoon/);
  });

  test('the open side is a melding for the corporaties of the werkgebied, not for one outside it', async () => {
    const meldingen = async (headers: Record<string, string>) =>
      (
        (await ok(api.request('GET', '/meldingen', { headers }))).items as Array<{ soort: string; caseId: string }>
      ).filter((m) => m.soort === 'te_verdelen' && m.caseId === id).length;
    expect(await meldingen(verhA1)).toBe(1);
    expect(await meldingen(verhB)).toBe(1);
    expect(await meldingen(verhBuiten)).toBe(0);
  });

  test('a corporatie outside the werkgebied neither sees nor accepts it, nor reads the case (404)', async () => {
    expect(await listed(verhBuiten, id)).toBe(false);
    expect((await accept(id, verhBuiten)).status).toBe(404);
    expect((await api.get(id, verhBuiten)).status).toBe(404);
    expect((await api.get(id, verhA1)).status).toBe(404);
  });

  test('no step by a stranger makes it a party: buurt by a verhuurmedewerker before accepting is refused', async () => {
    await ok(api.step(id, 'vraag', vraag, actorOf('cons', wijkteam, 'consulent')));
    await ok(api.step(id, 'zorg', zorgOpAfspraak, actorOf('zorg-a', zorgA, 'zorgmedewerker')));
    await ok(api.step(id, 'woonvorm', { woonvorm: 'geschikt_wonen' }, actorOf('zorg-a', zorgA, 'zorgmedewerker')));
    const res = await api.step(id, 'buurt', buurt, actorOf('verh-a1', corpA, 'verhuurmedewerker'));
    expect(res.status).toBe(404);
    const intrekking = await api.step(
      id,
      'intrekking',
      { reden: 'geen' },
      actorOf('verh-b', corpB, 'verhuurmedewerker'),
    );
    expect(intrekking.status).toBe(404);
    expect((await api.get(id, consulent)).body.partijen.corporatie).toBeNull();
  });

  test('one accepts, becomes party and behandelaar; the side is then none of the other’s business (404)', async () => {
    const first = await accept(id, verhA1);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ caseId: id, partij: 'corporatie', organisatie: corpA, behandelaar: `verh-a1-${run}` });
    // Once another organisation took the side, the case is not the second's to know of (a true race,
    // both past the read model, is refused by the workflow with 409 side_taken).
    expect((await accept(id, verhB)).status).toBe(404);
    const again = await accept(id, verhA1);
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('side_taken');
    expect(await listed(verhA1, id)).toBe(false);
    expect(await listed(verhB, id)).toBe(false);
    const read = await api.get(id, verhA1);
    expect(read.status).toBe(200);
    expect(read.body.partijen.corporatie).toBe(corpA);
    expect((await api.get(id, verhB)).status).toBe(404);
    // Now a party, the corporatie records its steps.
    await ok(api.step(id, 'buurt', buurt, actorOf('verh-a1', corpA, 'verhuurmedewerker')));
  });

  test('the acceptance is audited and the wijkteam is told, without personal data', async () => {
    const entries = await h.db.auditEntry.findMany({ where: { caseId: id, route: { contains: 'aanname' } } });
    expect(entries.map((e) => e.status).sort()).toEqual(expect.arrayContaining([200, 404, 409]));
    const deadline = Date.now() + 15_000;
    let mail = smtp.received.find((m) => m.to.includes(`team-${run}@wijkteam.test`) && m.body.includes(id));
    while (!mail && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      mail = smtp.received.find((m) => m.to.includes(`team-${run}@wijkteam.test`) && m.body.includes(id));
    }
    expect(mail?.headers.subject).toContain('aangenomen door Woonkracht A');
    expect(mail?.body).not.toMatch(/REF-|vv|wlz|thuis/);
  });
});

describe('aanmelding: a named party is one the register offers for the gemeente, else 422 naming the field', () => {
  // The same rule (routing-policy partijProbleem) refuses the web form's choice, on the same field.
  test.each([
    ['not in the register', { corporatie: org('nergens') }, 'corporatie', /staat niet in het register/],
    ['not active', { corporatie: corpInactief }, 'corporatie', /Woonkracht Gestopt is niet actief/],
    ['of the wrong soort', { corporatie: zorgA }, 'corporatie', /is geen woningcorporatie/],
    ['outside the werkgebied', { corporatie: corpBuiten }, 'corporatie', /werkt niet in de gemeente van de casus/],
    ['a zorginstelling that is a corporatie', { zorginstelling: corpA }, 'zorginstelling', /is geen zorginstelling/],
  ])('a party %s', async (_what, over, field, problem) => {
    const body = open(over);
    const res = await api.request('POST', '/cases', { body, headers: consulent });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      error: 'rule_violation',
      fields: [{ field, problem: expect.stringMatching(problem) }],
    });
    expect(res.body.fields).toHaveLength(1);
    // Nothing started: the wijkteam finds no case by its referentie.
    const found = await ok(api.list(`?referentie=${body.persoon.referentie}`, consulent));
    expect(found.total).toBe(0);
  });

  test('both sides wrong: both fields; a keyed request refused is not spent, and starts once put right', async () => {
    const key = { 'idempotency-key': `start-${run}-${randomUUID()}` };
    const bad = await api.request('POST', '/cases', {
      body: open({ zorginstelling: corpA, corporatie: corpBuiten }),
      headers: { ...consulent, ...key },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual(['zorginstelling', 'corporatie']);
    const good = await api.request('POST', '/cases', {
      body: open({ corporatie: corpA }),
      headers: { ...consulent, ...key },
    });
    expect(good.status).toBe(201);
    expect((await api.get(good.body.caseId, consulent)).body.partijen).toMatchObject({
      zorginstelling: zorgA,
      corporatie: corpA,
    });
  });
});

describe('routing: the wijkteam assigns an open side', () => {
  test('to a corporatie of the werkgebied; one outside is 422 naming organisatie; only the consulent may', async () => {
    const id = await start();
    const outside = await api.request('POST', `/cases/${id}/partijen`, {
      body: { zijde: 'corporatie', organisatie: corpBuiten },
      headers: consulent,
    });
    expect(outside.status).toBe(422);
    expect(outside.body.fields).toEqual([{ field: 'organisatie', problem: expect.any(String) }]);
    const byZorg = await api.request('POST', `/cases/${id}/partijen`, {
      body: { zijde: 'corporatie', organisatie: corpB },
      headers: zorg,
    });
    expect(byZorg.status).toBe(403);
    const assigned = await api.request('POST', `/cases/${id}/partijen`, {
      body: { zijde: 'corporatie', organisatie: corpB },
      headers: consulent,
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ partij: 'corporatie', organisatie: corpB, behandelaar: null });
    expect((await api.get(id, verhB)).status).toBe(200);
    expect(await listed(verhA1, id)).toBe(false);
    const again = await api.request('POST', `/cases/${id}/partijen`, {
      body: { zijde: 'corporatie', organisatie: corpA },
      headers: consulent,
    });
    expect(again.status).toBe(409);
  });
});

describe('behandelaar: oppakken, overdragen, vrijgeven', () => {
  let id: string;
  beforeAll(async () => {
    id = await start();
    await ok(accept(id, verhA1));
    // Bram has acted once (looked up his colleagues), so he can be picked.
    await ok(api.request('GET', '/collegas', { headers: verhA2 }));
    await ok(api.request('GET', '/collegas', { headers: verhB }));
  });

  test('colleagues are the known users of the own organisation only', async () => {
    const { items } = await ok(api.request('GET', '/collegas', { headers: verhA1 }));
    expect(items.map((i: { id: string }) => i.id).sort()).toEqual([`verh-a1-${run}`, `verh-a2-${run}`]);
    expect(items.find((i: { id: string }) => i.id === `verh-a2-${run}`).naam).toBe('Bram Tweede');
  });

  test('handing over to a colleague of another organisation is 422, to a colleague 200', async () => {
    const other = await behandelaar(id, verhA1, { actie: 'overdragen', aan: `verh-b-${run}` });
    expect(other.status).toBe(422);
    expect(other.body.fields).toEqual([{ field: 'aan', problem: expect.any(String) }]);
    const handed = await behandelaar(id, verhA1, { actie: 'overdragen', aan: `verh-a2-${run}` });
    expect(handed.status).toBe(200);
    expect(handed.body.behandelaar).toBe(`verh-a2-${run}`);
  });

  test('the reminder goes to the behandelaar, not the team mailbox', async () => {
    const activities = createActivities({ db: h.db, notifier });
    const sent = await activities.meldTermijn({
      caseId: id,
      key: `herinnering:vraag:test-${run}`,
      soort: 'herinnering',
      fase: 'vraag',
      organisatie: corpA,
      rollen: ['verhuurmedewerker'],
      dueAt: new Date().toISOString(),
      normWerkdagen: 5,
      at: new Date().toISOString(),
    });
    expect(sent.email).toBe('verstuurd');
    const mail = smtp.received.filter((m) => m.body.includes(id) && /Herinnering/.test(m.headers.subject ?? ''));
    expect(mail.map((m) => m.to)).toEqual([[`bram-${run}@corp-a.test`]]);
  });

  test('oppakken while a colleague is behandelaar is 409; vrijgeven, then oppakken', async () => {
    expect((await behandelaar(id, verhA1, { actie: 'oppakken' })).status).toBe(409);
    const released = await behandelaar(id, verhA2, { actie: 'vrijgeven' });
    expect(released.status).toBe(200);
    expect(released.body.behandelaar).toBeNull();
    expect((await behandelaar(id, verhA2, { actie: 'vrijgeven' })).status).toBe(422);
    const picked = await behandelaar(id, verhA1, { actie: 'oppakken' });
    expect(picked.body).toEqual({
      caseId: id,
      partij: 'corporatie',
      organisatie: corpA,
      behandelaar: `verh-a1-${run}`,
    });
  });

  test('outside the case it is 404; a party in another role 403; a bad body 400 naming the field', async () => {
    expect((await behandelaar(id, verhB, { actie: 'oppakken' })).status).toBe(404);
    const asZorg = await behandelaar(id, who('zorg-a', zorgA, 'verhuurmedewerker'), { actie: 'oppakken' });
    expect(asZorg.status).toBe(403);
    const bad = await behandelaar(id, verhA1, { actie: 'overdragen' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual([{ field: 'aan', problem: expect.any(String) }]);
  });

  test('Mijn werk lists the case with its behandelaar and deadline; Team lists the organisation’s', async () => {
    const mijn = await ok(api.request('GET', '/inbox?lijst=mijn&sorteer=deadline', { headers: verhA1 }));
    const row = mijn.items.find((i: { id: string }) => i.id === id);
    expect(row.behandelaar).toEqual({ id: `verh-a1-${run}`, naam: 'Anna Eerste' });
    expect(row).toHaveProperty('termijn');
    const theirs = await ok(api.request('GET', '/inbox?lijst=mijn', { headers: verhA2 }));
    expect(theirs.items.some((i: { id: string }) => i.id === id)).toBe(false);
    const other = await ok(api.request('GET', '/inbox?lijst=team', { headers: verhB }));
    expect(other.items.some((i: { id: string }) => i.id === id)).toBe(false);
  });
});

describe('the behandelaar filter: mij, geen or a colleague, always on the reader’s own side', () => {
  const zorg2 = who('zorg-b', zorgA, 'zorgmedewerker');
  const managerA = who('man-a', corpA, 'manager');
  const ids: string[] = [];
  /** Which of this block's cases a list holds, in order c1, c2, c3. */
  const among = (body: { items: Array<{ id: string }> }) => ids.filter((id) => body.items.some((i) => i.id === id));
  const list = (q: string, headers: Record<string, string>) => ok(api.list(`?limit=100&${q}`, headers));
  const c1 = () => ids[0]!;
  const c2 = () => ids[1]!;
  const c3 = () => ids[2]!;

  beforeAll(async () => {
    for (let i = 0; i < 3; i++) {
      const id = await start({ corporatie: corpA });
      await ok(api.step(id, 'vraag', vraag, actorOf('cons', wijkteam, 'consulent')));
      ids.push(id);
    }
    // c1: the zorg side's behandelaar is zorg-a; c2: zorg-b; c3: nobody on the zorg side, Anna on the corporatie's.
    await ok(behandelaar(c1(), zorg, { actie: 'oppakken' }));
    await ok(behandelaar(c2(), zorg2, { actie: 'oppakken' }));
    await ok(behandelaar(c3(), verhA1, { actie: 'oppakken' }));
  });

  test('GET /cases: mij, a colleague and geen select on the zorginstelling’s own behandelaar', async () => {
    expect(among(await list('behandelaar=mij', zorg))).toEqual([c1()]);
    expect(among(await list(`behandelaar=zorg-b-${run}`, zorg))).toEqual([c2()]);
    expect(among(await list('behandelaar=geen', zorg))).toEqual([c3()]);
    // Anna is behandelaar of c3 for the corporatie, not of the zorginstelling's side.
    expect(among(await list(`behandelaar=verh-a1-${run}`, zorg))).toEqual([]);
    expect(among(await list('', zorg))).toEqual([c1(), c2(), c3()]);
  });

  test('the corporatie’s side is its own: mij and geen for the verhuurmedewerker, a colleague for the manager', async () => {
    expect(among(await list('behandelaar=mij', verhA1))).toEqual([c3()]);
    expect(among(await list('behandelaar=geen', verhA1))).toEqual([c1(), c2()]);
    expect(among(await list(`behandelaar=verh-a1-${run}`, managerA))).toEqual([c3()]);
    expect(among(await list('behandelaar=mij', managerA))).toEqual([]);
  });

  test('a gemeente manager has no side: 400 filter_not_allowed; a bad value is 400 naming behandelaar', async () => {
    const gem = org('gem');
    await register({ id: gem, soort: 'gemeente', gemeente, werkgebied: [] });
    const res = await api.list(
      '?behandelaar=geen',
      bearer({ sub: `gm-${run}`, org: gem, roles: ['manager'], gemeente }),
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'filter_not_allowed', fields: [{ field: 'behandelaar' }] });
    for (const bad of ['%00', 'twee%20woorden', 'x'.repeat(65)]) {
      const r = await api.list(`?behandelaar=${bad}`, zorg);
      expect(r.status).toBe(400);
      expect(r.body.fields[0].field).toBe('behandelaar');
    }
  });

  test('GET /inbox: Team filtered on the behandelaar; Mijn werk takes none', async () => {
    const team = (q: string) => ok(api.request('GET', `/inbox?lijst=team&limit=100&${q}`, { headers: zorg }));
    expect(among(await team(''))).toEqual([c1(), c2(), c3()]);
    expect(among(await team('behandelaar=geen'))).toEqual([c3()]);
    expect(among(await team('behandelaar=mij'))).toEqual([c1()]);
    expect(among(await team(`behandelaar=zorg-b-${run}`))).toEqual([c2()]);
    const mijn = await api.request('GET', '/inbox?lijst=mijn&behandelaar=geen', { headers: zorg });
    expect(mijn.status).toBe(400);
    expect(mijn.body.fields).toEqual([{ field: 'behandelaar', problem: expect.any(String) }]);
  });
});

test('the OpenAPI document describes every route of routing and the behandelaar', async () => {
  const doc = (await api.request('GET', '/openapi.json', { anonymous: true })).body;
  for (const [path, method] of [
    ['/te-verdelen', 'get'],
    ['/cases/{id}/aanname', 'post'],
    ['/cases/{id}/partijen', 'post'],
    ['/cases/{id}/behandelaar', 'post'],
    ['/collegas', 'get'],
    ['/inbox', 'get'],
  ] as const) {
    expect(doc.paths[path]).toHaveProperty(method);
  }
  expect(doc.paths['/cases/{id}/aanname'].post.responses).toHaveProperty('409');
  for (const path of ['/cases', '/inbox']) {
    expect(doc.paths[path].get.parameters.map((p: { name: string }) => p.name)).toContain('behandelaar');
  }
});
