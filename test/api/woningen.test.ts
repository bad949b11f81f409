import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/types';
import { actors, actorHeaders } from '../support/api-client';
import { useHarness } from '../support/harness';
import { registerOrganisation } from '../support/organisations';

const t = useHarness();

/** Each test its own corporatie: the database is shared with the other test files. Removed afterwards. */
const used: string[] = [];
async function corporatie(): Promise<Actor> {
  const actor = { ...actors.verhuur, organisatie: `corp-${randomUUID().slice(0, 8)}` };
  used.push(actor.organisatie);
  await registerOrganisation(t.h.db, actor.organisatie, 'corporatie');
  return actor;
}
afterEach(async () => {
  await t.h.db.woning.deleteMany({ where: { corporatie: { in: used.splice(0) } } });
});

const woning = (over: Record<string, unknown> = {}) => ({
  referentie: 'W-1',
  gemeente: 'GM0363',
  wijk: 'WK036301',
  buurtcode: 'BU03630101',
  woonvorm: 'geschikt_wonen',
  kamers: 2,
  kaleHuur: 612.5,
  servicekosten: 34.69,
  zelfstandig: true,
  drempelsOverbrugd: true,
  gangbreedteCm: 120,
  noodoproep: true,
  gemeenschappelijkeRuimte: true,
  opgave: 'opgave_1_nabij_steunpunt',
  beschikbaarVanaf: '2026-03-01',
  ...over,
});

const create = (actor: Actor, body: unknown) =>
  t.api.request('POST', '/woningen', { body, headers: actorHeaders(actor) });
const patch = (actor: Actor, id: string, body: unknown) =>
  t.api.request('PATCH', `/woningen/${id}`, { body, headers: actorHeaders(actor) });
/** Woningen are read by their own corporatie (any other gets 404 or an empty list; test/api/scope.test.ts). */
const reader = (org: string) => actorHeaders({ ...actors.verhuur, organisatie: org });
const get = async (id: string) => {
  const row = await t.h.db.woning.findUnique({ where: { id }, select: { corporatie: true } }).catch(() => null);
  return t.api.request('GET', `/woningen/${id}`, { headers: reader(row?.corporatie ?? 'woonstad') });
};
const list = (query: string) =>
  t.api.request('GET', `/woningen?${query}`, { headers: reader(/corporatie=([^&]+)/.exec(query)?.[1] ?? 'woonstad') });
const importCsv = (actor: Actor, csv: string, contentType = 'text/csv') =>
  t.api.request('POST', '/woningen/import', {
    raw: csv,
    headers: { ...actorHeaders(actor), 'content-type': contentType },
  });

async function created(actor: Actor, over: Record<string, unknown> = {}): Promise<string> {
  const res = await create(actor, woning(over));
  expect(res.status).toBe(201);
  return res.body.id;
}

const fieldsOf = (body: { fields?: Array<{ field: string }> }) => (body.fields ?? []).map((f) => f.field);

describe('create, get and list', () => {
  test('a verhuurmedewerker adds a woning for their corporatie: 201, Location, vrij, amounts in euros', async () => {
    const actor = await corporatie();
    const res = await create(actor, woning());
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/woningen/${res.body.id}`);
    expect(res.body).toEqual({
      ...woning(),
      brandveiligheidTypering: null,
      brandmeldinstallatie: null,
      gebouwOppervlakM2: null,
      subsidiabeleServicekosten: null,
      id: expect.any(String),
      corporatie: actor.organisatie,
      status: 'vrij',
      caseId: null,
      version: 1,
      updatedAt: expect.any(String),
    });
    const row = await t.h.db.woning.findUniqueOrThrow({ where: { id: res.body.id } });
    expect([row.kaleHuurCent, row.servicekostenCent]).toEqual([61250, 3469]);

    const fetched = await get(res.body.id);
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(res.body);
    expect((await get(randomUUID())).status).toBe(404);
    const malformed = await get('not-a-uuid');
    expect(malformed.status).toBe(400);
    expect(fieldsOf(malformed.body)).toEqual(['id']);
  });

  test('brandveiligheid and subsidiabele servicekosten are recorded, changed and cleared (issue 14 items 8, 11)', async () => {
    const actor = await corporatie();
    const velden = {
      woonvorm: 'beschermd_wonen',
      brandveiligheidTypering: 'groepszorgwoning',
      brandmeldinstallatie: 'met_doormelding',
      gebouwOppervlakM2: 640,
      subsidiabeleServicekosten: 20.5,
    };
    const res = await create(actor, woning(velden));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject(velden);
    const row = await t.h.db.woning.findUniqueOrThrow({ where: { id: res.body.id } });
    expect(row.subsidiabeleServicekostenCent).toBe(2050);

    const changed = await patch(actor, res.body.id, {
      brandmeldinstallatie: 'zonder_doormelding',
      gebouwOppervlakM2: null,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ brandmeldinstallatie: 'zonder_doormelding', gebouwOppervlakM2: null });

    // More subsidiabel than the servicekosten themselves, against the stored amount: 400 naming the field, nothing changed.
    const teVeel = await patch(actor, res.body.id, { subsidiabeleServicekosten: 40 });
    expect(teVeel.status).toBe(400);
    expect(fieldsOf(teVeel.body)).toEqual(['subsidiabeleServicekosten']);
    const onzelfstandig = await patch(actor, res.body.id, {
      brandveiligheidTypering: 'zorgclusterwoning',
      woonvorm: 'onzelfstandige_eenheid',
      zelfstandig: false,
    });
    expect(onzelfstandig.status).toBe(400);
    expect(fieldsOf(onzelfstandig.body)).toEqual(['brandveiligheidTypering']);
    expect((await get(res.body.id)).body).toMatchObject({
      ...velden,
      brandmeldinstallatie: 'zonder_doormelding',
      gebouwOppervlakM2: null,
      version: 2,
    });

    const bad = await create(actor, woning({ referentie: 'W-2', brandveiligheidTypering: 'woonfunctie_voor_zorg' }));
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(['brandveiligheidTypering']);
  });

  test('wijk is optional', async () => {
    const actor = await corporatie();
    const { wijk: _wijk, ...zonderWijk } = woning();
    const res = await create(actor, zonderWijk);
    expect(res.status).toBe(201);
    expect(res.body.wijk).toBeNull();
  });

  test('list filters on each field, orders by beschikbaarVanaf then id, and pages', async () => {
    const actor = await corporatie();
    const c = `corporatie=${actor.organisatie}`;
    const a = await created(actor, {
      referentie: 'W-A',
      beschikbaarVanaf: '2026-01-01',
      kamers: 1,
      kaleHuur: 500,
      servicekosten: 40,
    });
    const b = await created(actor, {
      referentie: 'W-B',
      beschikbaarVanaf: '2026-02-01',
      gemeente: 'GM0599',
      buurtcode: 'BU05990001',
      wijk: 'WK059900',
    });
    const d = await created(actor, {
      referentie: 'W-D',
      beschikbaarVanaf: '2026-03-01',
      woonvorm: 'beschut_wonen',
      kamers: 3,
    });
    const e = await created(actor, {
      referentie: 'W-E',
      beschikbaarVanaf: '2026-04-01',
      opgave: 'opgave_2_gespikkeld',
      kaleHuur: 900,
    });
    const f = await created(actor, { referentie: 'W-F', beschikbaarVanaf: '2026-04-01', kamers: 4 });
    expect((await patch(actor, e, { status: 'verhuurd' })).status).toBe(200);
    // Another corporatie's woning stays out of a corporatie filter.
    await created(await corporatie(), { referentie: 'W-A' });

    const refs = async (query: string) => {
      const res = await list(`${c}&${query}`);
      expect(res.status).toBe(200);
      return res.body.items.map((w: { referentie: string }) => w.referentie.slice(2));
    };
    const sameDay = [e, f].sort().map((id) => (id === e ? 'E' : 'F'));
    expect(await refs('limit=100')).toEqual(['A', 'B', 'D', ...sameDay]);
    expect(await refs('gemeente=GM0599')).toEqual(['B']);
    expect(await refs('buurtcode=BU05990001')).toEqual(['B']);
    expect(await refs('woonvorm=beschut_wonen')).toEqual(['D']);
    expect(await refs('status=verhuurd')).toEqual(['E']);
    expect(await refs('status=vrij')).toEqual(['A', 'B', 'D', 'F']);
    expect(await refs('opgave=opgave_2_gespikkeld')).toEqual(['E']);
    expect(await refs('minKamers=3')).toEqual(['D', 'F']);
    // kale huur plus servicekosten: A costs exactly 540.00, the others 647.19.
    expect(await refs('maxHuur=540')).toEqual(['A']);
    expect(await refs('maxHuur=539.99')).toEqual([]);
    expect(await refs('maxHuur=647.19&woonvorm=geschikt_wonen&minKamers=2')).toEqual(['B', 'F']);

    const pages = [];
    for (const offset of [0, 2, 4]) {
      const res = await list(`${c}&limit=2&offset=${offset}`);
      expect(res.body).toMatchObject({ total: 5, limit: 2, offset });
      pages.push(...res.body.items.map((w: { id: string }) => w.id));
    }
    expect(pages).toEqual([a, b, d, ...[e, f].sort()]);
    const defaults = await list(c);
    expect(defaults.body).toMatchObject({ total: 5, limit: 20, offset: 0 });
  });

  test('a malformed query is 400 naming the parameter', async () => {
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['offset=-1', 'offset'],
      ['minKamers=twee', 'minKamers'],
      ['maxHuur=veel', 'maxHuur'],
      ['status=bezet', 'status'],
      ['buurtcode=BU1', 'buurtcode'],
    ]) {
      const res = await list(query!);
      expect(res.status).toBe(400);
      expect(res.body.in).toBe('query');
      expect(fieldsOf(res.body)).toEqual([field]);
    }
    const unknown = await list('naam=x');
    expect(unknown.status).toBe(400);
  });
});

describe('refused writes', () => {
  test('a malformed body is 400 naming every field, and nothing is written', async () => {
    const actor = await corporatie();
    const { buurtcode: _b, ...zonderBuurt } = woning();
    const res = await create(actor, {
      ...zonderBuurt,
      referentie: 'W 1',
      gemeente: '0363',
      wijk: 'WK1',
      woonvorm: 'kasteel',
      kamers: 13,
      kaleHuur: 612.345,
      servicekosten: -1,
      zelfstandig: 'ja',
      gangbreedteCm: 20,
      opgave: 'opgave_3',
      beschikbaarVanaf: '2026-02-30',
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_request');
    expect(fieldsOf(res.body).sort()).toEqual(
      [
        'beschikbaarVanaf',
        'buurtcode',
        'gangbreedteCm',
        'gemeente',
        'kaleHuur',
        'kamers',
        'opgave',
        'referentie',
        'servicekosten',
        'wijk',
        'woonvorm',
        'zelfstandig',
      ].sort(),
    );
    // The corporatie is the actor's organisation, never the body's.
    const metCorporatie = await create(actor, { ...woning(), corporatie: 'woonstad' });
    expect(metCorporatie.status).toBe(400);
    expect(fieldsOf(metCorporatie.body)).toEqual(['body']);
    expect(await t.h.db.woning.count({ where: { corporatie: actor.organisatie } })).toBe(0);
  });

  test('writes need a verhuurmedewerker: no token 401, another role 403', async () => {
    const noToken = await t.api.request('POST', '/woningen', { body: woning(), anonymous: true });
    expect(noToken.status).toBe(401);
    const zorg = await create(actors.zorg, woning());
    expect(zorg.status).toBe(403);
    expect(zorg.body).toEqual({ error: 'forbidden', message: expect.any(String) });
    const id = await created(await corporatie());
    expect((await patch(actors.consulent, id, { kamers: 3 })).status).toBe(403);
    expect((await importCsv(actors.zorg, 'referentie\nX')).status).toBe(403);
  });

  test('a duplicate referentie in the same corporatie is 409; in another corporatie it is fine', async () => {
    const actor = await corporatie();
    const id = await created(actor, { referentie: 'DUP-1' });
    const dup = await create(actor, woning({ referentie: 'DUP-1', kamers: 5 }));
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ error: 'woning_exists', id });
    expect((await create(await corporatie(), woning({ referentie: 'DUP-1' }))).status).toBe(201);
    // Renaming onto a taken referentie is refused the same way.
    const other = await created(actor, { referentie: 'DUP-2' });
    const rename = await patch(actor, other, { referentie: 'DUP-1' });
    expect(rename.status).toBe(409);
    expect(rename.body.error).toBe('woning_exists');
  });

  test("PATCH on another corporatie's woning is 404 and changes nothing", async () => {
    const owner = await corporatie();
    const id = await created(owner);
    const res = await patch(await corporatie(), id, { kamers: 5 });
    expect(res.status).toBe(404);
    expect(res.body.error).toBe('not_found');
    expect((await patch(owner, randomUUID(), { kamers: 5 })).status).toBe(404);
    expect((await get(id)).body).toMatchObject({ kamers: 2, version: 1 });
  });

  test('PATCH validates like create: 400 naming the field; an empty body is 400', async () => {
    const actor = await corporatie();
    const id = await created(actor);
    const bad = await patch(actor, id, { kamers: 0, buurtcode: 'BU123' });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body).sort()).toEqual(['buurtcode', 'kamers']);
    expect((await patch(actor, id, {})).status).toBe(400);
    const reserve = await patch(actor, id, { status: 'gereserveerd' });
    expect(reserve.status).toBe(400);
    expect(fieldsOf(reserve.body)).toEqual(['status']);
    expect((await get(id)).body.version).toBe(1);
  });
});

describe('status and holds', () => {
  test('vrij → verhuurd, then weer vrij with a new beschikbaarVanaf; each write raises the version', async () => {
    const actor = await corporatie();
    const id = await created(actor);
    const verhuurd = await patch(actor, id, { status: 'verhuurd' });
    expect(verhuurd.status).toBe(200);
    expect(verhuurd.body).toMatchObject({ status: 'verhuurd', version: 2 });
    const weerVrij = await patch(actor, id, { status: 'vrij', beschikbaarVanaf: '2026-09-01', kaleHuur: 630 });
    expect(weerVrij.status).toBe(200);
    expect(weerVrij.body).toMatchObject({ status: 'vrij', beschikbaarVanaf: '2026-09-01', kaleHuur: 630, version: 3 });
    const wijkWeg = await patch(actor, id, { wijk: null });
    expect(wijkWeg.body).toMatchObject({ wijk: null, version: 4 });
  });

  test('weer vrij clears the case id a letting left behind', async () => {
    const actor = await corporatie();
    const id = await created(actor);
    await t.h.db.woning.update({
      where: { id },
      data: { status: 'verhuurd', caseId: randomUUID(), version: { increment: 1 } },
    });
    const res = await patch(actor, id, { status: 'vrij' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'vrij', caseId: null, version: 3 });
  });

  test.each(['gereserveerd', 'aangeboden'])(
    'a woning %s for a case keeps everything its aanbod relies on: 409 naming the hold',
    async (status) => {
      const actor = await corporatie();
      const id = await created(actor);
      const caseId = randomUUID();
      await t.h.db.woning.update({ where: { id }, data: { status, caseId, version: { increment: 1 } } });
      for (const change of [
        { status: 'vrij' },
        { status: 'verhuurd' },
        { kaleHuur: 700 },
        { servicekosten: 10 },
        { woonvorm: 'beschut_wonen' },
        { referentie: 'W-2' },
        { gangbreedteCm: 90 },
        { buurtcode: 'BU03639998' },
        { noodoproep: false },
      ]) {
        const res = await patch(actor, id, change);
        expect(res.status).toBe(409);
        expect(res.body).toMatchObject({
          error: 'woning_held',
          status,
          caseId,
          fields: [{ field: Object.keys(change)[0] }],
        });
        expect(res.body.message).toContain(caseId);
      }
      // A case id only to that case's parties: this made-up hold's case has none, so the body names none.
      expect((await get(id)).body).toMatchObject({ status, caseId: null, kaleHuur: 612.5, version: 2 });
      // What the aanbod does not rely on may change; the same rent is no change.
      const ok = await patch(actor, id, { beschikbaarVanaf: '2026-05-01', zelfstandig: false, kaleHuur: 612.5 });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({
        status,
        caseId: null,
        beschikbaarVanaf: '2026-05-01',
        zelfstandig: false,
        version: 3,
      });
      expect(await t.h.db.woning.findUniqueOrThrow({ where: { id } })).toMatchObject({ status, caseId });
    },
  );

  test('ten concurrent PATCHes of different fields all land: version 1 + 10', async () => {
    const actor = await corporatie();
    const id = await created(actor);
    const changes = [
      { gemeente: 'GM0599' },
      { wijk: 'WK059901' },
      { buurtcode: 'BU05990101' },
      { woonvorm: 'beschut_wonen' },
      { kamers: 3 },
      { kaleHuur: 601.01 },
      { servicekosten: 12.34 },
      { zelfstandig: false },
      { gangbreedteCm: 140 },
      { opgave: 'opgave_2_gespikkeld' },
    ];
    const results = await Promise.all(changes.map((change) => patch(actor, id, change)));
    expect(results.map((r) => r.status)).toEqual(changes.map(() => 200));
    const final = (await get(id)).body;
    expect(final.version).toBe(11);
    expect(final).toMatchObject(Object.assign({}, ...changes));
    expect(new Set(results.map((r) => r.body.version)).size).toBe(10);
  });

  test('a PATCH racing a reservation never changes the rent of a held woning', async () => {
    const actor = await corporatie();
    const id = await created(actor);
    const caseId = randomUUID();
    const [res] = await Promise.all([
      patch(actor, id, { kaleHuur: 800 }),
      t.h.db
        .$executeRaw`UPDATE woningen SET status = 'aangeboden', case_id = ${caseId}, version = version + 1 WHERE id = ${id} AND status = 'vrij'`,
    ]);
    const row = await t.h.db.woning.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe('aangeboden');
    if (res.status === 200)
      expect(row.version).toBe(3); // the PATCH went first; the reservation came after
    else expect([res.status, row.kaleHuurCent, row.version]).toEqual([409, 61250, 2]);
  });
});

describe('CSV import of mutaties', () => {
  const header =
    'referentie,gemeente,wijk,buurtcode,woonvorm,kamers,kaleHuur,servicekosten,zelfstandig,drempelsOverbrugd,gangbreedteCm,noodoproep,gemeenschappelijkeRuimte,opgave,beschikbaarVanaf';
  const line = (over: Record<string, string> = {}) => {
    const v: Record<string, string> = {
      referentie: 'M-1',
      gemeente: 'GM0363',
      wijk: 'WK036301',
      buurtcode: 'BU03630101',
      woonvorm: 'geschikt_wonen',
      kamers: '2',
      kaleHuur: '"612,50"',
      servicekosten: '34.69',
      zelfstandig: 'ja',
      drempelsOverbrugd: 'true',
      gangbreedteCm: '120',
      noodoproep: '1',
      gemeenschappelijkeRuimte: 'nee',
      opgave: 'opgave_1_nabij_steunpunt',
      beschikbaarVanaf: '2026-03-01',
      ...over,
    };
    return header
      .split(',')
      .map((c) => v[c])
      .join(',');
  };
  const csv = (...lines: string[]) => [header, ...lines].join('\n') + '\n';

  test('good rows go in, bad rows are reported by row and field, without their values, and leave nothing behind', async () => {
    const actor = await corporatie();
    const res = await importCsv(
      actor,
      csv(
        line({ referentie: 'M-1' }),
        line({ referentie: 'M-2', kamers: '' }), // missing field
        line({ referentie: 'M-3', buurtcode: 'BU0363X' }), // bad buurtcode
        line({ referentie: 'M-4', wijk: '', servicekosten: '0' }),
        line({ referentie: 'M-5', woonvorm: 'kasteel' }), // unknown woonvorm
        line({ referentie: 'M-6', kaleHuur: 'zeshonderd' }), // non-numeric rent
        line({ referentie: 'M-7', zelfstandig: 'misschien', gangbreedteCm: '12' }), // two problems
        '',
        line({ referentie: 'M-1', kamers: '3' }), // the same referentie twice in one file
      ),
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      created: 2,
      updated: 0,
      rejected: 6,
      errors: [
        { row: 2, field: 'kamers', problem: expect.stringMatching(/ontbreekt/) },
        { row: 3, field: 'buurtcode', problem: expect.any(String) },
        { row: 5, field: 'woonvorm', problem: expect.any(String) },
        { row: 6, field: 'kaleHuur', problem: expect.stringMatching(/geen bedrag/) },
        { row: 7, field: 'zelfstandig', problem: expect.any(String) },
        { row: 7, field: 'gangbreedteCm', problem: expect.any(String) },
        { row: 9, field: 'referentie', problem: 'dezelfde referentie als regel 1' },
      ],
    });
    const problems = JSON.stringify(res.body.errors);
    for (const value of ['BU0363X', 'kasteel', 'zeshonderd', 'misschien']) expect(problems).not.toContain(value);

    const rows = await t.h.db.woning.findMany({
      where: { corporatie: actor.organisatie },
      orderBy: { referentie: 'asc' },
    });
    expect(rows.map((r) => r.referentie)).toEqual(['M-1', 'M-4']);
    expect(rows[0]).toMatchObject({
      kamers: 2,
      kaleHuurCent: 61250,
      servicekostenCent: 3469,
      zelfstandig: true,
      drempelsOverbrugd: true,
      noodoproep: true,
      gemeenschappelijkeRuimte: false,
      status: 'vrij',
      version: 1,
    });
    expect(rows[1]).toMatchObject({ wijk: null, servicekostenCent: 0 });
  });

  test("a row for a known referentie is a mutatie: verhuurd becomes weer vrij with the row's values", async () => {
    const actor = await corporatie();
    const id = await created(actor, { referentie: 'M-1' });
    expect((await patch(actor, id, { status: 'verhuurd' })).status).toBe(200);
    const held = await created(actor, { referentie: 'M-HELD' });
    await t.h.db.woning.update({
      where: { id: held },
      data: { status: 'gereserveerd', caseId: randomUUID(), version: { increment: 1 } },
    });

    const res = await importCsv(
      actor,
      csv(
        line({ referentie: 'M-1', beschikbaarVanaf: '2026-10-01', kaleHuur: '640', wijk: '' }),
        line({ referentie: 'M-HELD' }),
        line({ referentie: 'M-NEW' }),
      ),
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      created: 1,
      updated: 1,
      rejected: 1,
      errors: [
        { row: 2, field: 'referentie', problem: expect.stringMatching(/vastgelegd voor een casus \(gereserveerd\)/) },
      ],
    });
    expect((await get(id)).body).toMatchObject({
      status: 'vrij',
      beschikbaarVanaf: '2026-10-01',
      kaleHuur: 640,
      wijk: null,
      version: 3,
    });
    expect((await get(held)).body).toMatchObject({ status: 'gereserveerd', version: 2 });
  });

  test('two imports of the same file at once: every row lands once, each one a create or a mutatie', async () => {
    const actor = await corporatie();
    const file = csv(...Array.from({ length: 40 }, (_, i) => line({ referentie: `C-${i}` })));
    const [a, b] = await Promise.all([importCsv(actor, file), importCsv(actor, file)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.created + b.body.created).toBe(40);
    expect(a.body.updated + b.body.updated).toBe(40);
    expect([a.body.rejected, b.body.rejected]).toEqual([0, 0]);
    const rows = await t.h.db.woning.findMany({ where: { corporatie: actor.organisatie } });
    expect(rows).toHaveLength(40);
    expect(new Set(rows.map((r) => r.version))).toEqual(new Set([2]));
  });

  test('the optional columns for brandveiligheid and subsidiabele servicekosten are read, and a mutatie without them clears them', async () => {
    const actor = await corporatie();
    const extra = 'brandveiligheidTypering,brandmeldinstallatie,gebouwOppervlakM2,subsidiabeleServicekosten';
    const file = (cells: string) => `${header},${extra}\n${line({ woonvorm: 'beschermd_wonen' })},${cells}\n`;
    const res = await importCsv(actor, file('groepszorgwoning,met_doormelding,640,"20,50"'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 1, rejected: 0 });
    const row = await t.h.db.woning.findFirstOrThrow({ where: { corporatie: actor.organisatie } });
    expect(row).toMatchObject({
      brandveiligheidTypering: 'groepszorgwoning',
      brandmeldinstallatie: 'met_doormelding',
      gebouwOppervlakM2: 640,
      subsidiabeleServicekostenCent: 2050,
    });
    const bad = await importCsv(actor, file('groepszorgwoning,rookmelder,640,'));
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([{ row: 1, field: 'brandmeldinstallatie', problem: expect.any(String) }]);
    expect((await importCsv(actor, file(',,,'))).body).toMatchObject({ updated: 1 });
    expect(await t.h.db.woning.findFirstOrThrow({ where: { corporatie: actor.organisatie } })).toMatchObject({
      brandveiligheidTypering: null,
      brandmeldinstallatie: null,
      gebouwOppervlakM2: null,
      subsidiabeleServicekostenCent: null,
    });
  });

  test('semicolons with decimal commas, CRLF and a byte-order mark are read too', async () => {
    const actor = await corporatie();
    const text =
      '\ufeff' +
      csv(line({ referentie: 'S-1' }))
        .replace(/"612,50"/, '612,50')
        .replace(/,/g, ';')
        .replace('612;50', '612,50')
        .replace(/\n/g, '\r\n');
    const res = await importCsv(actor, text, 'text/csv; charset=utf-8');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ created: 1, updated: 0, rejected: 0, errors: [] });
    const row = await t.h.db.woning.findFirstOrThrow({ where: { corporatie: actor.organisatie } });
    expect(row.kaleHuurCent).toBe(61250);
  });

  test('when no row can be written the answer is 422 with the same report, and nothing is written', async () => {
    const actor = await corporatie();
    const res = await importCsv(actor, csv(line({ kamers: 'twee' }), line({ referentie: 'M-2', gemeente: '' })));
    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      created: 0,
      updated: 0,
      rejected: 2,
      errors: [
        { row: 1, field: 'kamers', problem: 'geen geheel getal' },
        { row: 2, field: 'gemeente', problem: expect.stringMatching(/ontbreekt/) },
      ],
    });
    expect(await t.h.db.woning.count({ where: { corporatie: actor.organisatie } })).toBe(0);
  });

  test('a header that lacks columns, or has unknown ones, is 400 naming them; nothing is written', async () => {
    const actor = await corporatie();
    const withoutKamersAndOpgave = header.replace(',kamers', '').replace(',opgave', '');
    const res = await importCsv(actor, `${withoutKamersAndOpgave}\nM-1\n`);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_request');
    expect(res.body.message).toBe('in de kopregel ontbreken verplichte kolommen: kamers, opgave');
    expect(fieldsOf(res.body)).toEqual(['kamers', 'opgave']);

    const extra = await importCsv(actor, `${header},corporatie,huurder\n${line()},woonstad,x\n`);
    expect(extra.status).toBe(400);
    expect(fieldsOf(extra.body)).toEqual(['corporatie', 'huurder']);
    expect(await t.h.db.woning.count({ where: { corporatie: actor.organisatie } })).toBe(0);
  });

  test('an unparseable CSV, an empty one or one without data rows is 400, without quoting the input', async () => {
    const actor = await corporatie();
    const unclosed = await importCsv(actor, csv(line().replace('M-1', '"M-1')));
    expect(unclosed.status).toBe(400);
    expect(unclosed.body.message).toMatch(/^het CSV-bestand is niet te lezen \(CSV_/);
    expect(unclosed.body.message).not.toContain('M-1');
    expect((await importCsv(actor, '')).status).toBe(400);
    expect((await importCsv(actor, `${header}\n`)).status).toBe(400);
    const ragged = await importCsv(actor, csv(line(), 'M-9,GM0363'));
    expect(ragged.status).toBe(200);
    expect(ragged.body.errors).toEqual([{ row: 2, field: 'row', problem: 'heeft 2 velden, de kopregel 15' }]);
  });

  test('another content type is 415', async () => {
    const actor = await corporatie();
    const json = await t.api.request('POST', '/woningen/import', { body: [woning()], headers: actorHeaders(actor) });
    expect(json.status).toBe(415);
    expect(json.body.error).toBe('unsupported_media_type');
    expect((await importCsv(actor, csv(line()), 'text/plain')).status).toBe(415);
    expect(await t.h.db.woning.count({ where: { corporatie: actor.organisatie } })).toBe(0);
  });
});

test('/openapi.json documents the woningaanbod endpoints', async () => {
  const doc = await t.api.request('GET', '/openapi.json');
  expect(doc.status).toBe(200);
  expect(Object.keys(doc.body.paths['/woningen'])).toEqual(['post', 'get']);
  expect(Object.keys(doc.body.paths['/woningen/{id}'])).toEqual(['get', 'patch']);
  expect(doc.body.paths['/woningen/import'].post.requestBody.content).toHaveProperty('text/csv');
  expect(doc.body.components.schemas).toHaveProperty('WoningCreate');
});

describe('zelfstandig fits the woonvorm (issue 14; 004:1304-1306, 1425-1427)', () => {
  test('a create, an import row and a PATCH that make them misfit are refused naming zelfstandig, and change nothing', async () => {
    const actor = await corporatie();
    const bad = await create(actor, woning({ woonvorm: 'onzelfstandige_eenheid', zelfstandig: true }));
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual([
      {
        field: 'zelfstandig',
        problem: 'onzelfstandige eenheid is geen zelfstandige woning: zelfstandig moet onwaar zijn',
      },
    ]);

    const id = await created(actor, { woonvorm: 'onzelfstandige_eenheid', zelfstandig: false });
    const flag = await patch(actor, id, { zelfstandig: true });
    expect(flag.status).toBe(400);
    expect(fieldsOf(flag.body)).toEqual(['zelfstandig']);
    const vorm = await patch(actor, id, { woonvorm: 'beschermd_wonen' });
    expect(vorm.status).toBe(400);
    expect(vorm.body.fields[0].problem).toBe('beschermd wonen is een zelfstandige woning: zelfstandig moet waar zijn');
    expect((await get(id)).body).toMatchObject({ woonvorm: 'onzelfstandige_eenheid', zelfstandig: false, version: 1 });
    // Both at once fit.
    expect((await patch(actor, id, { woonvorm: 'beschermd_wonen', zelfstandig: true })).status).toBe(200);
    // Another corporatie's woning stays unknown, whatever the body.
    expect((await patch(await corporatie(), id, { zelfstandig: false })).status).toBe(404);
  });
});
