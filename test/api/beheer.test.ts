import { randomUUID } from 'node:crypto';
import type { Role } from '../../api/auth/principal';
import { findNorm } from '../../prisma/norm-repository';
import { useHarness } from '../support/harness';
import { bearer } from '../support/tokens';

const t = useHarness();
const beheerder = bearer({ sub: 'u-beheer-7', org: 'gemeente-amsterdam', roles: ['beheerder'] });
const uniek = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
const req = (method: string, path: string, body?: unknown, headers = beheerder) =>
  t.api.request(method, path, { body, headers });

const organisatie = (over: Record<string, unknown> = {}) => ({
  naam: 'Zorg De Brug',
  soort: 'zorginstelling',
  gemeente: 'GM0363',
  email: 'team@zorg-de-brug.example',
  managerEmail: 'manager@zorg-de-brug.example',
  webhookUrl: 'https://hooks.zorg-de-brug.example/toewijzing',
  actief: true,
  ...over,
});

/** The fields a 400 names. */
const fieldsOf = (body: { fields?: Array<{ field: string }> }) => (body.fields ?? []).map((f) => f.field);

describe('organisaties', () => {
  test('the beheerder creates, reads and replaces an organisation', async () => {
    const id = uniek('zorg');
    const created = await req('PUT', `/beheer/organisaties/${id}`, organisatie());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id, ...organisatie(), updatedBy: 'u-beheer-7' });
    expect(Date.parse(created.body.updatedAt)).not.toBeNaN();

    const list = await req('GET', '/beheer/organisaties');
    expect(list.status).toBe(200);
    expect(list.body.items).toContainEqual(created.body);

    // PUT replaces the whole organisation: what is left out is cleared.
    const replaced = await req('PUT', `/beheer/organisaties/${id}`, {
      naam: 'Zorg De Brug Noord',
      soort: 'zorginstelling',
      actief: false,
      webhookUrl: 'https://hooks.zorg-de-brug.example/noord',
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({
      id,
      naam: 'Zorg De Brug Noord',
      gemeente: null,
      email: null,
      managerEmail: null,
      webhookUrl: 'https://hooks.zorg-de-brug.example/noord',
      actief: false,
    });
    expect((await req('GET', `/beheer/organisaties/${id}`)).body).toEqual(replaced.body);
    expect((await t.h.db.organisatie.findUnique({ where: { id } }))?.updatedBy).toBe('u-beheer-7');
  });

  test('an unknown organisation is 404', async () => {
    const res = await req('GET', `/beheer/organisaties/${uniek('none')}`);
    expect(res.status).toBe(404);
    expect(res.body.error).toBe('not_found');
  });

  test.each([
    ['soort', { soort: 'ziekenhuis' }],
    ['email', { email: 'geen-adres' }],
    ['managerEmail', { managerEmail: 'manager@' }],
    ['webhookUrl', { webhookUrl: 'http://hooks.example.nl/x' }],
    ['webhookUrl', { webhookUrl: 'ftp://localhost/x' }],
    ['webhookUrl', { webhookUrl: 'https://user:pw@hooks.example.nl/x' }],
    // No loopback, private or link-local targets without WEBHOOK_ALLOW_PRIVATE_TARGETS.
    ['webhookUrl', { webhookUrl: 'http://localhost:8080/hook' }],
    ['webhookUrl', { webhookUrl: 'https://localhost/hook' }],
    ['webhookUrl', { webhookUrl: 'https://127.0.0.1/hook' }],
    ['webhookUrl', { webhookUrl: 'https://10.0.0.8/hook' }],
    ['webhookUrl', { webhookUrl: 'https://192.168.1.20/hook' }],
    ['webhookUrl', { webhookUrl: 'https://169.254.169.254/latest/meta-data' }],
    ['webhookUrl', { webhookUrl: 'https://[::1]/hook' }],
    ['webhookUrl', { webhookUrl: 'https://[::ffff:127.0.0.1]/hook' }],
    ['webhookUrl', { webhookUrl: 'https://[fd00::1]/hook' }],
    ['webhookUrl', { webhookUrl: 'https://0x7f000001/hook' }],
    // Control characters and bidi overrides: once a 500 (PostgreSQL 22021), now a 400.
    ['naam', { naam: 'Zorg\u0000De Brug' }],
    ['naam', { naam: 'Zorg \u202eguB eD' }],
    ['naam', { naam: 'Zorg\u0007' }],
    ['webhookUrl', { webhookUrl: 'https://hooks.example.nl/x\u0000' }],
    ['gemeente', { gemeente: 'Amsterdam' }],
    ['naam', { naam: '' }],
    ['actief', { actief: 'ja' }],
  ])('a bad %s is 400 naming the field, and changes nothing', async (field, over) => {
    const id = uniek('corp');
    await req('PUT', `/beheer/organisaties/${id}`, organisatie());
    const before = await t.h.db.organisatie.findUnique({ where: { id } });
    const res = await req('PUT', `/beheer/organisaties/${id}`, organisatie(over));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'invalid_request', in: 'body' });
    expect(fieldsOf(res.body)).toEqual([field]);
    expect(await t.h.db.organisatie.findUnique({ where: { id } })).toEqual(before);
  });

  test('with WEBHOOK_ALLOW_PRIVATE_TARGETS=true a receiver on this machine is accepted (tests, local trials)', async () => {
    const id = uniek('corp');
    const before = process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS;
    process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = 'true';
    try {
      const res = await req(
        'PUT',
        `/beheer/organisaties/${id}`,
        organisatie({ webhookUrl: 'http://127.0.0.1:8080/hook' }),
      );
      expect(res.status).toBe(201);
      const plain = await req(
        'PUT',
        `/beheer/organisaties/${id}`,
        organisatie({ webhookUrl: 'http://hooks.example.nl/x' }),
      );
      expect(plain.status).toBe(400);
    } finally {
      if (before === undefined) delete process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS;
      else process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = before;
    }
  });

  test('unknown fields and a bad id are refused; a refused create leaves no row', async () => {
    const id = uniek('wijk');
    const extra = await req('PUT', `/beheer/organisaties/${id}`, { ...organisatie(), bsn: '123456782' });
    expect(extra.status).toBe(400);
    expect(await t.h.db.organisatie.findUnique({ where: { id } })).toBeNull();
    const badId = await req('PUT', '/beheer/organisaties/Not_An_Id', organisatie());
    expect(badId.status).toBe(400);
    expect(badId.body).toMatchObject({ in: 'path' });
    expect(fieldsOf(badId.body)).toEqual(['id']);
  });
});

describe('normen', () => {
  let org = '';
  beforeAll(async () => {
    org = uniek('zorg');
    expect((await req('PUT', `/beheer/organisaties/${org}`, organisatie())).status).toBe(201);
  });

  test('the defaults from the migration are listed', async () => {
    const res = await req('GET', '/beheer/normen');
    expect(res.status).toBe(200);
    expect(res.body.items).toContainEqual(
      expect.objectContaining({ fase: 'aanbod', organisatie: '*', werkdagen: expect.any(Number) }),
    );
    expect(res.body.items).toContainEqual(expect.objectContaining({ fase: 'totaal', organisatie: '*' }));
  });

  test("an organisation's own norm applies to it; others keep the default; deleting it restores the default", async () => {
    const standaard = await findNorm(t.h.db, 'zorg', '*');
    expect(standaard?.organisatie).toBe('*');
    const created = await req('PUT', '/beheer/normen/zorg', { organisatie: org, werkdagen: 7.5, herinneringBij: 0.6 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      fase: 'zorg',
      organisatie: org,
      werkdagen: 7.5,
      herinneringBij: 0.6,
      updatedBy: 'u-beheer-7',
    });
    const updated = await req('PUT', '/beheer/normen/zorg', { organisatie: org, werkdagen: 8 });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ werkdagen: 8, herinneringBij: null });

    expect(await findNorm(t.h.db, 'zorg', org)).toMatchObject({ organisatie: org, werkdagen: 8 });
    expect(await findNorm(t.h.db, 'zorg', 'een-ander')).toMatchObject({
      organisatie: '*',
      werkdagen: standaard?.werkdagen,
    });
    expect(await findNorm(t.h.db, 'zorg', undefined)).toMatchObject({ organisatie: '*' });
    expect(await findNorm(t.h.db, 'nazorg', org)).toBeNull();

    expect((await req('DELETE', `/beheer/normen/zorg/${org}`)).status).toBe(204);
    expect(await findNorm(t.h.db, 'zorg', org)).toMatchObject({ organisatie: '*' });
    const again = await req('DELETE', `/beheer/normen/zorg/${org}`);
    expect(again.status).toBe(404);
    expect(again.body.error).toBe('not_found');
  });

  test("the default ('*') can be changed but not deleted", async () => {
    const before = await findNorm(t.h.db, 'totaal', '*');
    try {
      const changed = await req('PUT', '/beheer/normen/totaal', { werkdagen: 60.5, herinneringBij: 0.75 });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ fase: 'totaal', organisatie: '*', werkdagen: 60.5, herinneringBij: 0.75 });
      const refused = await req('DELETE', '/beheer/normen/totaal/*');
      expect(refused.status).toBe(409);
      expect(refused.body.error).toBe('default_norm');
      expect(await findNorm(t.h.db, 'totaal', '*')).toMatchObject({ werkdagen: 60.5 });
    } finally {
      // Other test files expect the migration's defaults.
      await t.h.db.normInstelling.update({
        where: { fase_organisatie: { fase: 'totaal', organisatie: '*' } },
        data: { werkdagen: before!.werkdagen, herinneringBij: before!.herinneringBij, updatedBy: before!.updatedBy },
      });
    }
  });

  test.each([
    ['werkdagen', { werkdagen: 0 }],
    ['werkdagen', { werkdagen: -2 }],
    ['werkdagen', { werkdagen: 250.5 }],
    ['werkdagen', { werkdagen: 7.3 }],
    ['werkdagen', { werkdagen: '10' }],
    ['herinneringBij', { werkdagen: 10, herinneringBij: 1 }],
    ['herinneringBij', { werkdagen: 10, herinneringBij: 0 }],
    ['organisatie', { werkdagen: 10, organisatie: 'Geen Id' }],
  ])('a bad %s is 400 naming the field, and changes nothing', async (field, body) => {
    const before = await req('GET', '/beheer/normen');
    const res = await req('PUT', '/beheer/normen/zorg', { organisatie: org, ...body });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual([field]);
    expect((await req('GET', '/beheer/normen')).body).toEqual(before.body);
  });

  test('a fase without a norm is 400; an unknown organisation 404; neither writes', async () => {
    const before = await req('GET', '/beheer/normen');
    for (const fase of ['nazorg', 'afgesloten', 'onbekend']) {
      const res = await req('PUT', `/beheer/normen/${fase}`, { werkdagen: 10 });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ in: 'path' });
      expect(fieldsOf(res.body)).toEqual(['fase']);
    }
    const unknown = await req('PUT', '/beheer/normen/zorg', { organisatie: uniek('none'), werkdagen: 10 });
    expect(unknown.status).toBe(404);
    expect((await req('DELETE', `/beheer/normen/zorg/${uniek('none')}`)).status).toBe(404);
    expect((await req('DELETE', '/beheer/normen/nazorg/*')).status).toBe(400);
    expect((await req('GET', '/beheer/normen')).body).toEqual(before.body);
  });
});

describe('contingent', () => {
  let corporatie = '';
  const jaar = 2090;
  beforeAll(async () => {
    corporatie = uniek('corp');
    expect(
      (await req('PUT', `/beheer/organisaties/${corporatie}`, organisatie({ soort: 'corporatie', naam: 'Woonstad' })))
        .status,
    ).toBe(201);
  });
  const afspraken = [
    { opgave: 'opgave_1_nabij_steunpunt', doelgroep: '*', aantal: 12 },
    { opgave: 'opgave_2_gespikkeld', doelgroep: 'ggz', aantal: 5 },
    { opgave: 'opgave_2_gespikkeld', aantal: 20 },
  ];
  const rows = () =>
    t.h.db.contingentAfspraak.findMany({
      where: { corporatie },
      orderBy: [{ jaar: 'asc' }, { opgave: 'asc' }, { doelgroep: 'asc' }],
    });

  test("a PUT replaces the corporatie's afspraken for that year only", async () => {
    const put = await req('PUT', `/beheer/contingent/${corporatie}/${jaar}`, { afspraken });
    expect(put.status).toBe(200);
    expect(put.body.items).toHaveLength(3);
    expect(put.body.items).toContainEqual(
      expect.objectContaining({
        corporatie,
        jaar,
        opgave: 'opgave_2_gespikkeld',
        doelgroep: '*',
        aantal: 20,
        updatedBy: 'u-beheer-7',
      }),
    );
    expect(
      (await req('PUT', `/beheer/contingent/${corporatie}/${jaar + 1}`, { afspraken: [afspraken[0]] })).status,
    ).toBe(200);

    const replaced = await req('PUT', `/beheer/contingent/${corporatie}/${jaar}`, {
      afspraken: [{ opgave: 'opgave_1_nabij_steunpunt', doelgroep: 'vv', aantal: 3 }],
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body.items).toEqual([
      expect.objectContaining({ opgave: 'opgave_1_nabij_steunpunt', doelgroep: 'vv', aantal: 3 }),
    ]);
    expect((await rows()).map((r) => [r.jaar, r.opgave, r.doelgroep, r.aantal])).toEqual([
      [jaar, 'opgave_1_nabij_steunpunt', 'vv', 3],
      [jaar + 1, 'opgave_1_nabij_steunpunt', '*', 12],
    ]);

    const listed = await req('GET', `/beheer/contingent?jaar=${jaar + 1}`);
    expect(listed.status).toBe(200);
    expect(listed.body.items.every((a: { jaar: number }) => a.jaar === jaar + 1)).toBe(true);
    expect(listed.body.items).toContainEqual(expect.objectContaining({ corporatie, aantal: 12 }));
    expect((await req('GET', `/beheer/contingent?corporatie=${corporatie}`)).body.items).toHaveLength(2);

    expect((await req('PUT', `/beheer/contingent/${corporatie}/${jaar}`, { afspraken: [] })).body.items).toEqual([]);
    expect((await rows()).map((r) => r.jaar)).toEqual([jaar + 1]);
  });

  test.each([
    ['afspraken.1.doelgroep', { afspraken: [afspraken[0], { ...afspraken[0], aantal: 3 }] }],
    ['afspraken.0.opgave', { afspraken: [{ opgave: 'opgave_3', aantal: 1 }] }],
    ['afspraken.0.doelgroep', { afspraken: [{ opgave: 'opgave_2_gespikkeld', doelgroep: 'iedereen', aantal: 1 }] }],
    ['afspraken.0.aantal', { afspraken: [{ opgave: 'opgave_2_gespikkeld', aantal: 1.5 }] }],
    ['afspraken.0.aantal', { afspraken: [{ opgave: 'opgave_2_gespikkeld', aantal: -1 }] }],
    ['afspraken', {}],
  ])('a bad %s is 400 naming it, and the old afspraken stay', async (field, body) => {
    await req('PUT', `/beheer/contingent/${corporatie}/${jaar + 2}`, { afspraken });
    const before = await rows();
    const res = await req('PUT', `/beheer/contingent/${corporatie}/${jaar + 2}`, body);
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual([field]);
    expect(await rows()).toEqual(before);
  });

  test('an unknown corporatie, or an organisation that is not one, is 404; a bad jaar 400', async () => {
    const zorg = uniek('zorg');
    await req('PUT', `/beheer/organisaties/${zorg}`, organisatie());
    for (const id of [uniek('none'), zorg]) {
      const res = await req('PUT', `/beheer/contingent/${id}/${jaar}`, { afspraken });
      expect(res.status).toBe(404);
      expect(await t.h.db.contingentAfspraak.count({ where: { corporatie: id } })).toBe(0);
    }
    const badJaar = await req('PUT', `/beheer/contingent/${corporatie}/twintig`, { afspraken });
    expect(badJaar.status).toBe(400);
    expect(fieldsOf(badJaar.body)).toEqual(['jaar']);
    const badQuery = await req('GET', '/beheer/contingent?jaar=1800');
    expect(badQuery.status).toBe(400);
    expect(badQuery.body).toMatchObject({ in: 'query' });
    expect(fieldsOf(badQuery.body)).toEqual(['jaar']);
  });
});

describe('only the beheerder', () => {
  const others: Role[] = ['consulent', 'zorgmedewerker', 'verhuurmedewerker', 'manager', 'privacy_officer'];
  const id = uniek('corp');
  const calls: Array<[string, string, unknown?]> = [
    ['GET', '/beheer/organisaties'],
    ['GET', `/beheer/organisaties/${id}`],
    ['PUT', `/beheer/organisaties/${id}`, organisatie({ naam: 'Overgenomen' })],
    ['GET', '/beheer/normen'],
    ['PUT', '/beheer/normen/zorg', { werkdagen: 1 }],
    ['DELETE', `/beheer/normen/zorg/${id}`],
    ['GET', '/beheer/contingent'],
    ['PUT', `/beheer/contingent/${id}/2091`, { afspraken: [] }],
  ];

  test.each(others)(
    'a %s gets 403 on every beheer endpoint, also with a bad body, and nothing changes',
    async (role) => {
      await req('PUT', `/beheer/organisaties/${id}`, organisatie({ soort: 'corporatie' }));
      await req('PUT', '/beheer/normen/zorg', { organisatie: id, werkdagen: 9 });
      await req('PUT', `/beheer/contingent/${id}/2091`, { afspraken: [{ opgave: 'opgave_2_gespikkeld', aantal: 4 }] });
      const snapshot = async () => ({
        org: await t.h.db.organisatie.findUnique({ where: { id } }),
        normen: await t.h.db.normInstelling.findMany({ orderBy: [{ fase: 'asc' }, { organisatie: 'asc' }] }),
        contingent: await t.h.db.contingentAfspraak.findMany({ where: { corporatie: id } }),
      });
      const before = await snapshot();
      // Their own organisation, and the organisation the request is about (a corporatie) where their role fits it:
      // the beheer rule refuses, not the register.
      const own = { zorgmedewerker: 'zorg-de-brug', verhuurmedewerker: 'woonstad' }[role as string] ?? 'wijkteam-noord';
      for (const org of role === 'consulent' || role === 'zorgmedewerker' ? [own] : [own, id]) {
        const headers = bearer({ sub: `u-${role}`, org, roles: [role] });
        for (const [method, path, body] of [
          ...calls,
          ['PUT', '/beheer/normen/zorg', { werkdagen: 'veel' }] as [string, string, unknown],
        ]) {
          const res = await req(method, path, body, headers);
          expect({ method, path, status: res.status }).toEqual({ method, path, status: 403 });
          expect(res.body).toMatchObject({ error: 'forbidden', message: expect.any(String) });
        }
      }
      expect(await snapshot()).toEqual(before);
    },
  );

  test('the beheer endpoints are in the OpenAPI document', async () => {
    const doc = (await t.api.request('GET', '/openapi.json', { anonymous: true })).body;
    for (const path of [
      '/beheer/organisaties',
      '/beheer/organisaties/{id}',
      '/beheer/normen',
      '/beheer/normen/{fase}',
      '/beheer/normen/{fase}/{organisatie}',
      '/beheer/contingent',
      '/beheer/contingent/{corporatie}/{jaar}',
    ]) {
      expect(doc.paths).toHaveProperty([path]);
    }
    expect(doc.paths['/beheer/normen/{fase}/{organisatie}'].delete.responses).toHaveProperty('409');
    expect(doc.components.schemas).toHaveProperty('OrganisatieInput');
  });
});
