import { randomUUID } from 'node:crypto';
import type { CaseView } from '../../api/auth/access-policy';
import { hidden } from '../../api/auth/case-view';
import type { Role } from '../../api/auth/principal';
import { listCasesQuery } from '../../api/cases/case-schemas';
import { SESSION_COOKIE } from '../../api/http/cookies';
import type { Actor } from '../../domain/types';
import { actors } from '../support/api-client';
import { inRegister, vraag, vvOudere, zorgOpAfspraak } from '../support/fixtures';
import { useHarness } from '../support/harness';
import { bearer, tokenFor } from '../support/tokens';
import { registerOrganisations, type TestOrganisation } from '../support/organisations';

/** Issue 12 items 2 and 5: nobody joins a case by a side door, and no list tells what a view hides. */
const t = useHarness();
/** A fresh organisation of its kind, registered before the tests run (the API refuses unregistered ones). */
const registered: TestOrganisation[] = [];
const uniq = (prefix: string, soort: TestOrganisation['soort']) => {
  const id = `${prefix}-${randomUUID().slice(0, 8)}`;
  registered.push({ id, soort });
  return id;
};
beforeAll(async () => registerOrganisations(t.h.db, registered));
const as = (rol: Role, org: string, extra: { gemeente?: string } = {}) =>
  bearer({ sub: `u-${rol}`, org, roles: [rol], ...extra });

describe('no stranger becomes a party', () => {
  let caseId = '';
  const strangers: Actor[] = [
    { id: 'u-x-zorg', organisatie: uniq('zorg-vreemd', 'zorginstelling'), rol: 'zorgmedewerker' },
    { id: 'u-x-verh', organisatie: uniq('corp-vreemd', 'corporatie'), rol: 'verhuurmedewerker' },
  ];

  beforeAll(async () => {
    // Neither the zorginstelling nor the corporatie is named yet.
    const started = await t.api.start({ ...vvOudere(), zorginstelling: undefined, corporatie: undefined });
    expect(started.status).toBe(201);
    caseId = started.body.caseId;
    expect((await t.api.step(caseId, 'vraag', vraag, actors.consulent)).status).toBe(200);
  });

  test.each([
    ['intrekking', { reden: 'overleden' }],
    ['opschorting', { reden: 'opname_of_behandeling' }],
    ['verlenging', { werkdagen: 10, reden: 'afstemming' }],
  ])('%s by an unrelated organisation on an open side is refused (404) and changes nothing', async (step, body) => {
    for (const stranger of strangers) {
      const res = await t.api.step(caseId, step, body, stranger);
      expect([res.status, res.body.error]).toEqual([404, 'not_found']);
      expect((await t.api.get(caseId, as(stranger.rol, stranger.organisatie))).status).toBe(404);
    }
    const now = (await t.api.get(caseId)).body;
    expect(now.state).toMatchObject({ status: 'lopend', fase: 'zorg' });
    expect(Object.keys(now.state.partijen)).toEqual(['wijkteam']);
    expect(now.state.opschortingen ?? []).toEqual([]);
  });

  test('no first step takes an open side: it is accepted by an organisation of the werkgebied (routing)', async () => {
    const zorg = {
      id: 'u-zorg-nieuw',
      organisatie: uniq('zorg-nieuw', 'zorginstelling'),
      rol: 'zorgmedewerker',
    } as const;
    // Its own side's first step no longer makes a zorginstelling a party.
    await registerOrganisations(t.h.db, registered);
    expect((await t.api.step(caseId, 'zorg', zorgOpAfspraak, zorg)).status).toBe(404);
    await inRegister(t.h.db, zorg.organisatie, 'zorginstelling');
    const accepted = await t.api.request('POST', `/cases/${caseId}/aanname`, {
      body: { zijde: 'zorginstelling' },
      headers: as('zorgmedewerker', zorg.organisatie),
    });
    expect(accepted.status).toBe(200);
    expect((await t.api.step(caseId, 'zorg', zorgOpAfspraak, zorg)).status).toBe(200);
    expect((await t.api.get(caseId, as('zorgmedewerker', zorg.organisatie))).status).toBe(200);
    // The corporatie side is still open: a verhuurmedewerker cannot pause the clock to get in.
    expect((await t.api.step(caseId, 'opschorting', { reden: 'opname_of_behandeling' }, strangers[1]!)).status).toBe(
      404,
    );
  });
});

describe('what a side may not see, it cannot infer', () => {
  const C = uniq('corp', 'corporatie');
  const W = 'wijkteam-noord';
  /** One reader per view, each a party of the case below. */
  const readers: Record<CaseView, Record<string, string>> = {
    zorg: as('consulent', W),
    verhuur: as('verhuurmedewerker', C),
    management: as('manager', W),
  };
  const values: Record<string, string> = {
    status: 'lopend',
    fase: 'vraag',
    organisatie: W,
    doelgroep: 'ggz',
    code: '0123abcd',
    referentie: 'WT-2023-0042',
    overTermijn: 'false',
    behandelaar: 'geen',
  };
  const filters = Object.keys(listCasesQuery.shape).filter((k) => !['limit', 'offset'].includes(k));
  let caseId = '';

  beforeAll(async () => {
    caseId = (
      await t.api.start({
        ...vvOudere(),
        corporatie: C,
        persoon: { ...vvOudere().persoon, huidigeSituatie: 'ggz_kliniek' },
      })
    ).body.caseId;
  });

  test('every filter has a sample value here (a new filter must be added to this test)', () => {
    expect(filters.filter((f) => !(f in values))).toEqual([]);
  });

  // Derived from the minimisation table: each top-level field a view hides that is also a list filter.
  const refused = (Object.keys(hidden) as CaseView[]).flatMap((view) =>
    hidden[view]
      .filter((path) => filters.includes(path === 'partijen' ? 'organisatie' : path))
      .map((path) => [view, path] as const),
  );

  test('the table hides doelgroep from the corporatie and from management', () => {
    expect(refused).toEqual(
      expect.arrayContaining([
        ['verhuur', 'doelgroep'],
        ['management', 'doelgroep'],
      ]),
    );
  });

  test.each(refused)('a %s reader may not filter on %s: 400 naming the filter', async (view, filter) => {
    const res = await t.api.list(`?${filter}=${values[filter]}`, readers[view]);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'filter_not_allowed', in: 'query', fields: [{ field: filter }] });
    expect(res.body).not.toHaveProperty('items');
  });

  test.each(
    (Object.keys(hidden) as CaseView[]).flatMap((view) =>
      filters.filter((f) => !refused.some(([v, p]) => v === view && p === f)).map((f) => [view, f] as const),
    ),
  )('a %s reader may filter on %s, which the view shows', async (view, filter) => {
    expect((await t.api.list(`?${filter}=${values[filter]}`, readers[view])).status).toBe(200);
  });

  test.each(Object.keys(hidden) as CaseView[])(
    'a %s reader gets no field in a list or a case that the table hides',
    async (view) => {
      const list = await t.api.list(`?organisatie=${view === 'verhuur' ? C : W}&limit=100`, readers[view]);
      const item = list.body.items.find((i: { id: string }) => i.id === caseId);
      expect(item).toBeDefined();
      const body = (await t.api.get(caseId, readers[view])).body;
      for (const path of hidden[view]) {
        const [head, ...rest] = path.split('.');
        if (rest.length === 0) expect(item).not.toHaveProperty(head!);
        if (!path.includes('*')) expect(body).not.toHaveProperty(path);
      }
    },
  );

  test('the corporatie does not learn where the person lives now; managers see no doelgroep per case', async () => {
    const zorg = (await t.api.get(caseId, readers.zorg)).body;
    expect(zorg.state.aanmelding.persoon.huidigeSituatie).toBe('ggz_kliniek');
    expect(JSON.stringify((await t.api.get(caseId, readers.verhuur)).body)).not.toMatch(/ggz/);
    const management = JSON.stringify((await t.api.get(caseId, readers.management)).body);
    expect(management).not.toMatch(/doelgroep|ggz|vv\b|verstoorde_zelfregulering/);
  });

  test('the web app refuses the same filter with a Dutch page and offers it only where the view shows it', async () => {
    const page = (rol: Role, org: string, query: string) =>
      fetch(`${t.h.baseUrl}/app/casussen${query}`, {
        headers: { cookie: `${SESSION_COOKIE}=${tokenFor({ sub: `u-${rol}`, org, roles: [rol] })}` },
        redirect: 'manual',
      });
    const corp = await page('verhuurmedewerker', C, '?doelgroep=ggz');
    expect(corp.status).toBe(400);
    expect(await corp.text()).toContain('niet filteren op een gegeven dat u niet te zien krijgt');
    const corpForm = await (await page('verhuurmedewerker', C, '')).text();
    expect(corpForm).not.toContain('name="doelgroep"');
    const cons = await page('consulent', W, '?doelgroep=ggz');
    expect(cons.status).toBe(200);
    expect(await cons.text()).toContain('name="doelgroep"');
  });
});

describe('woningen are the corporatie’s own', () => {
  const A = uniq('corp-a', 'corporatie');
  const B = uniq('corp-b', 'corporatie');
  const woning = {
    referentie: 'SC-1',
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
    beschikbaarVanaf: '2026-05-01',
  };
  let id = '';
  afterAll(async () => {
    await t.h.db.woning.deleteMany({ where: { corporatie: { in: [A, B] } } });
  });

  beforeAll(async () => {
    const res = await t.api.request('POST', '/woningen', { body: woning, headers: as('verhuurmedewerker', A) });
    expect(res.status).toBe(201);
    id = res.body.id;
  });

  test('another corporatie, a wijkteam or a manager elsewhere: 404 and not listed', async () => {
    for (const headers of [
      as('verhuurmedewerker', B),
      as('consulent', 'wijkteam-noord'),
      as('manager', B),
      as('zorgmedewerker', 'zorg-de-brug'),
    ]) {
      expect((await t.api.request('GET', `/woningen/${id}`, { headers })).status).toBe(404);
      for (const q of ['limit=100', `corporatie=${A}&limit=100`]) {
        const list = await t.api.request('GET', `/woningen?${q}`, { headers });
        expect(list.status).toBe(200);
        expect(list.body.items.map((w: { id: string }) => w.id)).not.toContain(id);
        expect(list.body.items.every((w: { corporatie: string }) => w.corporatie !== A)).toBe(true);
      }
    }
    const own = await t.api.request('GET', `/woningen?limit=100`, { headers: as('verhuurmedewerker', A) });
    expect(own.body.items.map((w: { id: string }) => w.id)).toEqual([id]);
  });

  test('the case that holds it is named only to that case’s parties, and not once verhuurd', async () => {
    const ofA = (await t.api.start({ ...vvOudere(), corporatie: A })).body.caseId as string;
    const notOfA = (await t.api.start({ ...vvOudere(), corporatie: B })).body.caseId as string;
    const read = async () =>
      (await t.api.request('GET', `/woningen/${id}`, { headers: as('verhuurmedewerker', A) })).body;
    await t.h.db.woning.update({ where: { id }, data: { status: 'aangeboden', caseId: ofA } });
    expect(await read()).toMatchObject({ status: 'aangeboden', caseId: ofA });
    await t.h.db.woning.update({ where: { id }, data: { caseId: notOfA } });
    expect(await read()).toMatchObject({ status: 'aangeboden', caseId: null });
    await t.h.db.woning.update({ where: { id }, data: { status: 'verhuurd', caseId: ofA } });
    expect(await read()).toMatchObject({ status: 'verhuurd', caseId: null });
    const listed = await t.api.request('GET', `/woningen?limit=100`, { headers: as('verhuurmedewerker', A) });
    expect(listed.body.items[0]).toMatchObject({ id, caseId: null });
  });
});
