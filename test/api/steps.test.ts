import { randomUUID } from 'node:crypto';
import { actors, actorHeaders } from '../support/api-client';
import { buurt, vraag, vvOudere, zorgOpAfspraak } from '../support/fixtures';
import { useHarness } from '../support/harness';
import { registerOrganisation } from '../support/organisations';

const t = useHarness();

async function newCase(): Promise<string> {
  const res = await t.api.start(vvOudere());
  expect(res.status).toBe(201);
  return res.body.caseId;
}

/** What must not change when a request is refused. */
async function snapshot(id: string) {
  const res = await t.api.get(id);
  return {
    version: res.body.state.version,
    fase: res.body.fase,
    history: res.body.history.length,
    state: res.body.state,
  };
}

describe('refused steps change nothing', () => {
  test('a step out of turn is 409 and names the current step', async () => {
    const id = await newCase();
    const before = await snapshot(id);
    const res = await t.api.step(id, 'woonvorm', { woonvorm: 'geschikt_wonen' }, actors.zorg);
    expect(res.status).toBe(409);
    expect(res.body).toEqual({
      error: 'step_out_of_turn',
      message: 'stap woonvorm kan niet in fase vraag',
      currentStep: 'vraag',
    });
    expect(await snapshot(id)).toEqual(before);
  });

  test('an unknown case is 404; a malformed case id is 400 naming the id', async () => {
    const unknown = await t.api.step(randomUUID(), 'vraag', vraag, actors.consulent);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe('not_found');
    expect((await t.api.get(randomUUID())).status).toBe(404);
    const malformed = await t.api.get('not-a-uuid');
    expect(malformed.status).toBe(400);
    expect(malformed.body.fields).toEqual([{ field: 'id', problem: expect.any(String) }]);
  });

  test.each([
    ['a missing field', { perspectief: 'lange_termijn', samenwonen: 'alleen' }, 'nabijLotgenoten'],
    ['a value outside the list', { ...vraag, perspectief: 'ooit' }, 'perspectief'],
    ['an unknown field', { ...vraag, naam: 'Jan' }, '(body)'],
    [
      'a ZRM score out of range',
      { ...vraag, meting: { instrument: 'zrm', scores: { financien: 7 } } },
      'meting.scores.financien',
    ],
  ])('%s is 400 naming the field', async (_label, body, field) => {
    const id = await newCase();
    const before = await snapshot(id);
    const res = await t.api.step(id, 'vraag', body, actors.consulent);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_request');
    expect(res.body.fields.map((f: { field: string }) => f.field)).toContain(field === '(body)' ? 'body' : field);
    expect(await snapshot(id)).toEqual(before);
  });

  test('invalid JSON and an unknown step are 400; no token is 401', async () => {
    const id = await newCase();
    const before = await snapshot(id);
    const badJson = await t.api.request('POST', `/cases/${id}/steps/vraag`, {
      raw: '{"perspectief":',
      headers: actorHeaders(actors.consulent),
    });
    expect(badJson.status).toBe(400);
    expect(badJson.body.message).toBe('de body is geen geldige JSON');
    const noToken = await t.api.request('POST', `/cases/${id}/steps/vraag`, { body: vraag, anonymous: true });
    expect(noToken.status).toBe(401);
    expect(noToken.headers.get('www-authenticate')).toBe('Bearer');
    const unknownStep = await t.api.step(id, 'verhuizen', {}, actors.consulent);
    expect(unknownStep.status).toBe(400);
    expect(unknownStep.body.fields[0].field).toBe('step');
    expect(await snapshot(id)).toEqual(before);
  });

  test('the wrong role is 403; another organisation is 404', async () => {
    const id = await newCase();
    const before = await snapshot(id);
    const wrongRole = await t.api.step(id, 'vraag', vraag, actors.verhuur);
    expect(wrongRole.status).toBe(403);
    // Another organisation cannot tell the case exists.
    const otherWijkteam = await t.api.step(id, 'vraag', vraag, { ...actors.consulent, organisatie: 'wijkteam-zuid' });
    expect(otherWijkteam.status).toBe(404);
    expect(await snapshot(id)).toEqual(before);
    const notConsulent = await t.api.start(vvOudere(), actors.zorg);
    expect(notConsulent.status).toBe(403);
  });

  test("a BSN is refused as the person's reference", async () => {
    const aanmelding = vvOudere();
    aanmelding.persoon.referentie = '111222333'; // passes the eleven-test
    const res = await t.api.start(aanmelding);
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([{ field: 'persoon.referentie', problem: expect.stringMatching(/BSN/) }]);
    expect(JSON.stringify(res.body)).not.toContain('111222333');
  });
});

describe('Idempotency-Key', () => {
  test('the same step twice with one key is recorded once and answers the first result', async () => {
    const id = await newCase();
    const key = { 'idempotency-key': `k-${randomUUID()}` };
    const first = await t.api.step(id, 'vraag', vraag, actors.consulent, key);
    const second = await t.api.step(id, 'vraag', vraag, actors.consulent, key);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const detail = await t.api.get(id);
    expect(detail.body.history.filter((e: { step: string }) => e.step === 'vraag')).toHaveLength(1);

    // The same organisation reusing its key for another request is refused; keys are per organisation,
    // so another organisation's request with the same key is its own.
    const reused = await t.api.step(id, 'opschorting', { reden: 'wacht_op_client' }, actors.consulent, key);
    expect(reused.status).toBe(422);
    expect(reused.body.error).toBe('idempotency_key_reused');
    const otherOrganisation = await t.api.step(id, 'zorg', zorgOpAfspraak, actors.zorg, key);
    expect(otherOrganisation.status).toBe(200);
    expect(otherOrganisation.headers.get('idempotent-replayed')).toBeNull();
  });

  test('concurrent repeats with one key give one step', async () => {
    const id = await newCase();
    const key = { 'idempotency-key': `k-${randomUUID()}` };
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => t.api.step(id, 'vraag', vraag, actors.consulent, key)),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    for (const a of answers) expect(a.body).toEqual(answers[0]!.body);
    const detail = await t.api.get(id);
    expect(detail.body.history.map((e: { step: string }) => e.step)).toEqual(['aanmelding', 'vraag']);
  });

  test('starting a case twice with one key gives one case', async () => {
    const key = { 'idempotency-key': `k-${randomUUID()}` };
    const aanmelding = vvOudere();
    const first = await t.api.start(aanmelding, actors.consulent, key);
    const second = await t.api.start(aanmelding, actors.consulent, key);
    expect(first.status).toBe(201);
    expect(second.body.caseId).toBe(first.body.caseId);
    const list = await t.api.list(`?organisatie=wijkteam-noord&limit=100`);
    expect(list.body.items.filter((c: { id: string }) => c.id === first.body.caseId)).toHaveLength(1);
  });

  test('a refused request does not use up its key', async () => {
    const id = await newCase();
    const key = { 'idempotency-key': `k-${randomUUID()}` };
    expect((await t.api.step(id, 'zorg', zorgOpAfspraak, actors.zorg, key)).status).toBe(409);
    // Same key, same request, now in turn after the vraag.
    await t.api.step(id, 'vraag', vraag, actors.consulent);
    expect((await t.api.step(id, 'zorg', zorgOpAfspraak, actors.zorg, key)).status).toBe(200);
  });
});

describe('reading cases', () => {
  test('GET /cases filters on status, step, organisation and doelgroep, and pages', async () => {
    const org = `corp-${randomUUID().slice(0, 8)}`;
    await registerOrganisation(t.h.db, org, 'corporatie');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await t.api.start({ ...vvOudere(), corporatie: org });
      ids.push(res.body.caseId);
    }
    await t.api.step(ids[0]!, 'vraag', vraag, actors.consulent);
    await t.api.step(ids[0]!, 'zorg', zorgOpAfspraak, actors.zorg);
    await t.api.step(ids[0]!, 'woonvorm', { woonvorm: 'geschikt_wonen' }, actors.zorg);
    await t.api.step(ids[0]!, 'buurt', buurt, { ...actors.verhuur, organisatie: org });
    await t.api.step(ids[1]!, 'intrekking', { reden: 'verhuisd naar andere gemeente' }, actors.consulent);

    const all = await t.api.list(`?organisatie=${org}`);
    expect(all.body.total).toBe(3);
    expect(new Set(all.body.items.map((c: { id: string }) => c.id))).toEqual(new Set(ids));
    expect(all.body.items[0]).not.toHaveProperty('state');

    const atAanbod = await t.api.list(`?organisatie=${org}&fase=aanbod`);
    expect(atAanbod.body.items.map((c: { id: string }) => c.id)).toEqual([ids[0]]);
    expect(atAanbod.body.items[0].aanZet).toEqual(['verhuurmedewerker']);
    const closed = await t.api.list(`?organisatie=${org}&status=afgesloten`);
    expect(closed.body.items.map((c: { id: string }) => c.id)).toEqual([ids[1]]);
    expect((await t.api.list(`?organisatie=${org}&doelgroep=ggz`)).body.total).toBe(0);

    const page1 = await t.api.list(`?organisatie=${org}&limit=2&offset=0`);
    const page2 = await t.api.list(`?organisatie=${org}&limit=2&offset=2`);
    expect(page1.body.items).toHaveLength(2);
    expect(page2.body.items).toHaveLength(1);
    expect([...page1.body.items, ...page2.body.items].map((c: { id: string }) => c.id).sort()).toEqual([...ids].sort());

    const bad = await t.api.list('?fase=nergens&limit=1000');
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['fase', 'limit']);
  });

  test('GET /cases/:id says whose turn it is and which steps are possible', async () => {
    const id = await newCase();
    const res = await t.api.get(id);
    expect(res.body).toMatchObject({
      fase: 'vraag',
      status: 'lopend',
      wachtOp: [{ rol: 'consulent', organisatie: 'wijkteam-noord' }],
    });
    expect(res.body.mogelijkeStappen.map((s: { step: string }) => s.step).sort()).toEqual([
      'intrekking',
      'opschorting',
      'verlenging',
      'vraag',
    ]);
    expect(res.body.history[0]).toMatchObject({
      seq: 1,
      step: 'aanmelding',
      actor: { id: 'u-cons-1', rol: 'consulent', organisatie: 'wijkteam-noord' },
    });
  });
});

test('/health reports the API, Temporal and the database', async () => {
  const res = await t.api.request('GET', '/health');
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ status: 'ok', api: 'ok', temporal: { ok: true }, database: { ok: true } });
});

test('/openapi.json documents every endpoint and step, and /docs renders it', async () => {
  const doc = await t.api.request('GET', '/openapi.json');
  expect(doc.status).toBe(200);
  expect(doc.body.openapi).toBe('3.0.3');
  expect(Object.keys(doc.body.paths)).toEqual(
    expect.arrayContaining([
      '/cases',
      '/cases/{id}',
      '/cases/{id}/steps/vraag',
      '/cases/{id}/steps/nazorg',
      '/cases/{id}/steps/opschorting',
      '/cases/{id}/woonvorm-advies',
      '/health',
    ]),
  );
  expect(doc.body.components.schemas.Aanmelding.required).toEqual(
    expect.arrayContaining(['persoon', 'deelgroep', 'doelgroep']),
  );
  const page = await fetch(`${t.h.baseUrl}/docs/`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('swagger-ui');
});

test('an unknown route is a JSON 404', async () => {
  const res = await t.api.request('GET', '/nergens');
  expect(res.status).toBe(404);
  expect(res.body.error).toBe('not_found');
});
