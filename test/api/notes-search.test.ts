import { randomUUID } from 'node:crypto';
import { workflowIdFor } from '../../prisma/case-repository';
import { pseudonymiseClosedCases } from '../../prisma/retention-repository';
import { actors } from '../support/api-client';
import { vvOudere } from '../support/fixtures';
import { useHarness } from '../support/harness';
import { bearer } from '../support/tokens';
import { registerOrganisations } from '../support/organisations';

const t = useHarness();

const W = actors.consulent.organisatie;
const Z = actors.zorg.organisatie;
const C = `corp-${randomUUID().slice(0, 8)}`;
const consulent = bearer({ sub: 'u-cons-ns', org: W, roles: ['consulent'] });
const zorg = bearer({ sub: 'u-zorg-ns', org: Z, roles: ['zorgmedewerker'], name: 'Zora de Zorg' });
const zorgCollega = bearer({ sub: 'u-zorg-ns2', org: Z, roles: ['zorgmedewerker'] });
const verhuur = bearer({ sub: 'u-verh-ns', org: C, roles: ['verhuurmedewerker'] });
const manager = bearer({ sub: 'u-man-ns', org: C, roles: ['manager'] });

const notes = (caseId: string, headers: Record<string, string>) =>
  t.api.request('GET', `/cases/${caseId}/notities`, { headers });
const addNote = (caseId: string, headers: Record<string, string>, body: unknown, extra: Record<string, string> = {}) =>
  t.api.request('POST', `/cases/${caseId}/notities`, { headers: { ...headers, ...extra }, body });
// Only registered organisations act (issue 13): the case's corporatie and the stranger.
beforeAll(() =>
  registerOrganisations(t.h.db, [
    { id: C, soort: 'corporatie' },
    { id: 'other-org', soort: 'corporatie' },
  ]),
);

const meldingen = (headers: Record<string, string>) => t.api.request('GET', '/meldingen', { headers });
const startCase = async () => {
  const aanmelding = { ...vvOudere(), zorginstelling: Z, corporatie: C };
  const res = await t.api.start(aanmelding);
  expect(res.status).toBe(201);
  return { caseId: res.body.caseId as string, referentie: aanmelding.persoon.referentie };
};

describe('notes between the parties', () => {
  let caseId = '';
  beforeAll(async () => {
    ({ caseId } = await startCase());
  });

  test("the zorg side's own note stays in its organisation; a note for all reaches every party", async () => {
    const eigen = await addNote(caseId, zorg, { tekst: 'Intern: bel de begeleider terug', voor: 'eigen' });
    const alle = await addNote(caseId, zorg, { tekst: '  Bezichtiging graag na 14 uur  ', voor: 'alle' });
    expect([eigen.status, alle.status]).toEqual([201, 201]);
    expect(alle.body).toEqual({ id: expect.any(String), caseId, at: expect.any(String) });

    const own = await notes(caseId, zorgCollega);
    expect(own.status).toBe(200);
    expect(own.body.items.map((n: { tekst: string }) => n.tekst)).toEqual([
      'Intern: bel de begeleider terug',
      'Bezichtiging graag na 14 uur',
    ]);
    expect(own.body.items[0]).toMatchObject({
      voor: 'eigen',
      organisatie: Z,
      auteur: { id: 'u-zorg-ns', naam: 'Zora de Zorg', rol: 'zorgmedewerker' },
    });
    for (const other of [verhuur, consulent]) {
      const seen = await notes(caseId, other);
      expect(seen.status).toBe(200);
      expect(seen.body.items).toHaveLength(1);
      expect(seen.body.items[0]).toMatchObject({
        id: alle.body.id,
        voor: 'alle',
        tekst: 'Bezichtiging graag na 14 uur',
      });
      expect(JSON.stringify(seen.body)).not.toContain('Intern');
    }
    // Without a name claim the author is the user id.
    await addNote(caseId, consulent, { tekst: 'Vraag is vastgelegd', voor: 'alle' });
    const last = (await notes(caseId, verhuur)).body.items.at(-1);
    expect(last.auteur).toEqual({ id: 'u-cons-ns', naam: 'u-cons-ns', rol: 'consulent' });
  });

  test('a manager, a stranger and an unknown case get a 404 alike', async () => {
    const stranger = bearer({ sub: 'u-x', org: 'other-org', roles: ['verhuurmedewerker'] });
    const answers = await Promise.all([
      notes(caseId, manager),
      notes(caseId, stranger),
      notes(randomUUID(), verhuur),
      addNote(caseId, stranger, { tekst: 'hallo', voor: 'alle' }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 404]);
    expect(answers[1]!.body).toEqual(answers[2]!.body);
  });

  test('bad notes are refused, naming the field, and change nothing', async () => {
    const before = await t.h.db.note.count({ where: { caseId } });
    for (const [body, field] of [
      [{ tekst: 'stil\u202Egeheim', voor: 'alle' }, 'tekst'],
      [{ tekst: 'nul\u0000byte', voor: 'alle' }, 'tekst'],
      [{ tekst: 'x'.repeat(2001), voor: 'alle' }, 'tekst'],
      [{ tekst: '   ', voor: 'alle' }, 'tekst'],
      [{ tekst: 'hallo', voor: 'iedereen' }, 'voor'],
      [{ tekst: 'hallo', voor: 'alle', extra: 1 }, ''],
    ] as const) {
      const res = await addNote(caseId, zorg, body);
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('invalid_request');
      if (field) expect(res.body.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    expect(await t.h.db.note.count({ where: { caseId } })).toBe(before);
  });

  test('a repeated note with the same Idempotency-Key lands once', async () => {
    const key = { 'idempotency-key': `note-${randomUUID()}` };
    const first = await addNote(caseId, verhuur, { tekst: 'Woning komt vrij', voor: 'alle' }, key);
    const again = await addNote(caseId, verhuur, { tekst: 'Woning komt vrij', voor: 'alle' }, key);
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await t.h.db.note.count({ where: { caseId, tekst: 'Woning komt vrij' } })).toBe(1);
    const other = await addNote(caseId, verhuur, { tekst: 'Iets anders', voor: 'alle' }, key);
    expect(other.status).toBe(422);
  });

  test('the text is in the workflow history only encrypted', async () => {
    const history = await t.h.client.workflow.getHandle(workflowIdFor(caseId)).fetchHistory();
    const raw = JSON.stringify(history);
    expect(raw).toContain('addNote');
    for (const text of ['Bezichtiging', 'Intern: bel', 'Zora de Zorg']) {
      expect(raw).not.toContain(text);
      expect(raw).not.toContain(Buffer.from(text).toString('base64').slice(0, 12));
    }
  });

  test('reads and writes of notes are in the audit log', async () => {
    const entries = await t.h.db.auditEntry.findMany({ where: { caseId, route: { contains: 'notities' } } });
    const kinds = new Set(entries.map((e) => `${e.action} ${e.route} ${e.status}`));
    expect(kinds).toContain('write POST /cases/:id/notities 201');
    expect(kinds).toContain('read GET /cases/:id/notities 200');
    expect(kinds).toContain('read GET /cases/:id/notities 404');
  });

  test('a closed case takes no notes, and the retention sweep removes them', async () => {
    const closed = await startCase();
    expect((await addNote(closed.caseId, zorg, { tekst: 'Laatste woord', voor: 'alle' })).status).toBe(201);
    expect((await t.api.step(closed.caseId, 'intrekking', { reden: 'verhuisd' }, actors.consulent)).status).toBe(200);
    const refused = await addNote(closed.caseId, zorg, { tekst: 'Te laat', voor: 'alle' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('case_closed');
    await notes(closed.caseId, verhuur); // a read mark on the case's note
    expect(await t.h.db.meldingGelezen.count({ where: { caseId: closed.caseId } })).toBeGreaterThan(0);
    const row = await t.h.db.case.findUniqueOrThrow({ where: { id: closed.caseId } });
    expect(row.referentieHash).toMatch(/^[A-Za-z0-9_-]{43}$/);

    await pseudonymiseClosedCases(t.h.db, new Date(Date.now() + 60_000), 1000);
    expect(await t.h.db.note.count({ where: { caseId: closed.caseId } })).toBe(0);
    expect(await t.h.db.meldingGelezen.count({ where: { caseId: closed.caseId } })).toBe(0);
    expect((await t.h.db.case.findUniqueOrThrow({ where: { id: closed.caseId } })).referentieHash).toBeNull();
  });
});

describe('finding a case', () => {
  let caseId = '';
  let referentie = '';
  beforeAll(async () => {
    ({ caseId, referentie } = await startCase());
  });
  const ids = (res: { body: { items: Array<{ id: string }> } }) => res.body.items.map((i) => i.id);

  test('the wijkteam finds it by referentie, typed in any case, with spaces for dashes', async () => {
    const typed = ` ${referentie.toLowerCase().replace(/-/g, ' ')} `;
    for (const term of [referentie, typed, referentie.replace(/-/g, '')]) {
      const res = await t.api.list(`?referentie=${encodeURIComponent(term)}`, consulent);
      expect(res.status).toBe(200);
      expect(ids(res)).toEqual([caseId]);
      expect(res.body.items[0].referentie).toBe(referentie);
    }
    const none = await t.api.list(`?referentie=${encodeURIComponent(`${referentie}X`)}`, consulent);
    expect(none.body.items).toEqual([]);
    // Another wijkteam does not find it.
    const otherWijkteam = bearer({ sub: 'u-c2', org: 'wijkteam-zuid', roles: ['consulent'] });
    expect((await t.api.list(`?referentie=${referentie}`, otherWijkteam)).body.items).toEqual([]);
  });

  test('the referentie is stored as a keyed hash, never searchable in clear', async () => {
    const row = await t.h.db.case.findUniqueOrThrow({ where: { id: caseId } });
    expect(row.referentieHash).toBeTruthy();
    expect(row.referentieHash).not.toContain(referentie);
    expect(row.referentieHash).not.toContain(referentie.replace(/-/g, ''));
  });

  test('only the wijkteam searches by referentie and sees it in lists', async () => {
    for (const other of [verhuur, manager]) {
      const res = await t.api.list(`?referentie=${referentie}`, other);
      expect(res.status).toBe(400);
      expect(res.body.fields).toEqual([{ field: 'referentie', problem: expect.any(String) }]);
    }
    for (const other of [verhuur, zorg]) {
      const listed = await t.api.list(`?code=${caseId.slice(0, 8)}`, other);
      expect(ids(listed)).toEqual([caseId]);
      expect(listed.body.items[0]).not.toHaveProperty('referentie');
    }
  });

  test('every party finds it by its short code; a stranger does not', async () => {
    for (const who of [consulent, zorg, verhuur, manager]) {
      const res = await t.api.list(`?code=${caseId.slice(0, 8).toUpperCase()}`, who);
      expect(res.status).toBe(200);
      expect(ids(res)).toEqual([caseId]);
    }
    const stranger = bearer({ sub: 'u-x', org: 'other-org', roles: ['verhuurmedewerker'] });
    expect((await t.api.list(`?code=${caseId.slice(0, 8)}`, stranger)).body.items).toEqual([]);
    for (const bad of ['xyz', '0123456789', 'casus%2065b2']) {
      const res = await t.api.list(`?code=${bad}`, verhuur);
      expect(res.status).toBe(400);
      expect(res.body.fields[0].field).toBe('code');
    }
  });

  test('over the deadline: a case whose fase deadline has passed, and not otherwise', async () => {
    const q = (over: string) => t.api.list(`?code=${caseId.slice(0, 8)}&overTermijn=${over}`, consulent);
    await t.h.db.fasePeriode.updateMany({
      where: { caseId, endedAt: null },
      data: { deadlineAt: new Date(Date.now() + 864e5) },
    });
    expect(ids(await q('true'))).toEqual([]);
    expect(ids(await q('false'))).toEqual([caseId]);
    await t.h.db.fasePeriode.updateMany({
      where: { caseId, endedAt: null },
      data: { deadlineAt: new Date(Date.now() - 1000) },
    });
    expect(ids(await q('true'))).toEqual([caseId]);
    expect(ids(await q('false'))).toEqual([]);
    expect((await t.api.list('?overTermijn=ja', consulent)).status).toBe(400);
  });

  test('the doelgroep filter stays refused where the view hides it', async () => {
    expect((await t.api.list(`?code=${caseId.slice(0, 8)}&doelgroep=ouderen`, verhuur)).status).toBe(400);
    expect((await t.api.list(`?code=${caseId.slice(0, 8)}&doelgroep=${vvOudere().doelgroep}`, zorg)).status).toBe(200);
  });
});

describe('meldingen', () => {
  test('a new note is unread for the other parties until read; the writer gets none', async () => {
    const { caseId } = await startCase();
    const unread = async (h: Record<string, string>) => {
      const res = await meldingen(h);
      expect(res.status).toBe(200);
      return res.body.items.filter(
        (m: { caseId: string; soort: string; gelezen: boolean }) =>
          m.caseId === caseId && m.soort === 'notitie' && !m.gelezen,
      ).length;
    };
    const before = (await meldingen(verhuur)).body.ongelezen as number;
    await addNote(caseId, zorg, { tekst: 'Voor iedereen', voor: 'alle' });
    await addNote(caseId, zorg, { tekst: 'Alleen zorg', voor: 'eigen' });
    expect(await unread(verhuur)).toBe(1);
    expect(await unread(consulent)).toBe(1);
    expect(await unread(zorgCollega)).toBe(2);
    expect(await unread(zorg)).toBe(0);
    expect((await meldingen(verhuur)).body.ongelezen).toBe(before + 1);
    const item = (await meldingen(verhuur)).body.items.find(
      (m: { soort: string; caseId: string }) => m.soort === 'notitie' && m.caseId === caseId,
    );
    // The writer's organisation by its register name (the harness registers zorg-de-brug as Zorg De Brug).
    expect(item.tekst).toBe(`Nieuwe notitie van Zorg De Brug bij casus ${caseId.slice(0, 8)}`);
    expect(item.tekst).not.toContain('iedereen');

    await notes(caseId, verhuur); // reading the thread marks it read
    expect(await unread(verhuur)).toBe(0);
    expect(await unread(consulent)).toBe(1); // per user, per organisation

    const marked = await t.api.request('POST', '/meldingen/gelezen', {
      headers: consulent,
      body: { keys: [item.key.replace(/^notitie:/, 'notitie:')] },
    });
    expect(marked.status).toBe(200);
    const all = await t.api.request('POST', '/meldingen/gelezen', { headers: zorgCollega, body: { alle: true } });
    expect(all.body.gemarkeerd).toBeGreaterThanOrEqual(2);
    expect((await meldingen(zorgCollega)).body.ongelezen).toBe(0);
  });

  test('a case that becomes my turn by someone else is new in my inbox', async () => {
    const { caseId } = await startCase();
    const mine = (h: Record<string, string>) =>
      meldingen(h).then((r) =>
        r.body.items.filter(
          (m: { caseId: string; soort: string }) => m.caseId === caseId && m.soort === 'nieuw_in_inbox',
        ),
      );
    // The consulent who started it is at the vraag step by their own hand: no melding for them.
    expect(await mine(bearer({ sub: actors.consulent.id, org: W, roles: ['consulent'] }))).toEqual([]);
    expect(await mine(consulent)).toHaveLength(1);
  });

  test('a reminder reaches the team whose turn it is, an escalation its manager', async () => {
    const { caseId } = await startCase();
    // The rows as the workflow's meldTermijn records them (prisma/signaal-repository.ts); timers: test/workflows/doorlooptijd.test.ts.
    const signaal = (soort: string, key: string) => ({
      caseId,
      key,
      soort,
      fase: 'vraag',
      organisatie: C,
      dueAt: new Date(),
      at: new Date(),
      email: 'verstuurd',
      webhook: 'niet_ingesteld',
    });
    await t.h.db.caseSignaal.createMany({
      data: [signaal('herinnering', `vraag:1:herinnering:${C}`), signaal('escalatie', `vraag:1:escalatie:${C}`)],
    });
    const kinds = async (h: Record<string, string>) =>
      (await meldingen(h)).body.items
        .filter((m: { caseId: string }) => m.caseId === caseId)
        .map((m: { soort: string }) => m.soort)
        .sort();
    expect(await kinds(verhuur)).toEqual(['herinnering']);
    expect(await kinds(manager)).toEqual(['escalatie']);
    expect(await kinds(zorg)).toEqual([]);
  });

  test('bad melding requests are refused', async () => {
    for (const body of [{}, { keys: [] }, { keys: ['geen sleutel'] }, { alle: false }, { alle: true, keys: ['a:b'] }]) {
      const res = await t.api.request('POST', '/meldingen/gelezen', { headers: verhuur, body });
      expect(res.status).toBe(400);
    }
    expect((await t.api.request('GET', '/meldingen?ongelezen=ja', { headers: verhuur })).status).toBe(400);
  });
});

test('the OpenAPI document has the notes and meldingen routes and the new list parameters', async () => {
  const doc = (await t.api.request('GET', '/openapi.json', { anonymous: true })).body;
  expect(Object.keys(doc.paths)).toEqual(
    expect.arrayContaining(['/cases/{id}/notities', '/meldingen', '/meldingen/gelezen']),
  );
  expect(Object.keys(doc.paths['/cases/{id}/notities'])).toEqual(['get', 'post']);
  const listParams = doc.paths['/cases'].get.parameters.map((p: { name: string }) => p.name);
  expect(listParams).toEqual(expect.arrayContaining(['code', 'referentie', 'overTermijn']));
  expect(doc.components.schemas.NoteInput.required).toEqual(['tekst', 'voor']);
});
