import { randomUUID } from 'node:crypto';
import { actors } from '../support/api-client';
import { vvOudere } from '../support/fixtures';
import { useHarness } from '../support/harness';
import { bearer } from '../support/tokens';

const t = useHarness();

/** A small seeded PRNG (mulberry32), so a failing run can be repeated with its seed. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = Number(process.env.FUZZ_SEED ?? 20261122);
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 2500);

test(`${REQUESTS} random and malformed requests to every endpoint: no 5xx, no accepted write, nothing changes (seed ${SEED})`, async () => {
  const random = rng(SEED);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const { caseId } = (await t.api.start(vvOudere())).body;

  const strings = [
    '',
    ' ',
    'a',
    '0',
    '-1',
    'null',
    'true',
    '../../etc/passwd',
    '%00',
    "'; DROP TABLE cases; --",
    '<script>x</script>',
    '💥'.repeat(50),
    'x'.repeat(5_000),
    '111222333',
    'GM0363',
    'BU03630101',
    randomUUID(),
    'NaN',
    '1e309',
    '{"a":1}',
    '\u0000',
    'é',
  ];
  const values = (depth: number): unknown => {
    const r = random();
    if (depth > 3 || r < 0.3)
      return pick<unknown>([null, true, false, 0, -1, 1.5, 1e308, -0, Number.MAX_SAFE_INTEGER + 2, ...strings]);
    if (r < 0.6) return Array.from({ length: Math.floor(random() * 5) }, () => values(depth + 1));
    const keys = [
      'tekst',
      'voor',
      'keys',
      'persoon',
      'referentie',
      'huishoudgrootte',
      'doelgroep',
      'indicatie',
      'wet',
      'woonvorm',
      'woningId',
      'besluit',
      'reden',
      'kaleHuur',
      'status',
      'limit',
      'offset',
      '__proto__',
      'constructor',
      'payloads',
      'step',
      'actor',
      'input',
      'zijde',
      'organisatie',
      'actie',
      'aan',
    ];
    return Object.fromEntries(Array.from({ length: Math.floor(random() * 6) }, () => [pick(keys), values(depth + 1)]));
  };
  const ids = [
    caseId,
    randomUUID(),
    'not-a-uuid',
    '',
    '%2e%2e',
    'x'.repeat(300),
    '00000000-0000-0000-0000-000000000000',
  ];
  const steps = [
    'vraag',
    'zorg',
    'woonvorm',
    'buurt',
    'aanbod',
    'reactie',
    'toewijzing',
    'overdracht',
    'nazorg',
    'ondersteuning',
    'omklap',
    'nazorg_afsluiting',
    'intrekking',
    'opschorting',
    'hervatting',
    'verlenging',
    'nope',
    '',
    '..',
  ];
  const reports = [
    'doorlooptijd',
    'wachttijd-per-partij',
    'doorlooptijd-totaal',
    'open-casussen',
    'contingent',
    'vraag-en-aanbod',
    'nope',
  ];
  const reportQueries = [
    '',
    'per=x',
    'van=2023-13-01',
    'tot=gisteren',
    'format=xml',
    'jaar=99999',
    'per=maand&per=fase',
    'doelgroep=%00',
    'rol=baas',
    'leeftijd=oud',
  ];
  const endpoints: Array<() => [string, string]> = [
    () => ['POST', '/cases'],
    () => [
      'GET',
      `/cases?${pick(['', 'status=x', 'limit=-1', 'limit=1e9', 'offset=abc', 'fase=aanbod&fase=vraag', 'doelgroep=%00', 'organisatie=' + 'a'.repeat(100)])}`,
    ],
    () => ['GET', `/cases/${pick(ids)}`],
    () => ['POST', `/cases/${pick(ids)}/steps/${pick(steps)}`],
    () => [
      'GET',
      `/cases/${pick(ids)}/matches?${pick(['', 'limit=0', 'uitgesloten=maybe', 'aanbodDatum=2023-02-30'])}`,
    ],
    () => ['GET', `/cases/${pick(ids)}/woonvorm-advies`],
    () => [
      'GET',
      `/cases/${pick(ids)}/matches?${pick(['aanbodDatum=2999-01-01', 'aanbodDatum=1999-12-31', 'aanbodDatum=%00'])}`,
    ],
    () => ['GET', `/cases/${pick(ids)}/audit`],
    // Routing and the behandelaar (issue 13)
    () => ['GET', `/te-verdelen?${pick(['', 'zijde=wijkteam', 'zijde=%00', 'limit=0', 'offset=-1', 'x=1'])}`],
    () => ['POST', `/cases/${pick(ids)}/${pick(['aanname', 'partijen', 'behandelaar'])}`],
    () => ['GET', '/collegas'],
    () => [
      'GET',
      `/inbox?${pick(['', 'lijst=alles', 'rol=manager', 'sorteer=%00', 'richting=zijwaarts', 'limit=1e9', 'lijst=mijn&lijst=team', 'lijst=mijn&behandelaar=geen', 'behandelaar=%E2%80%AE'])}`,
    ],
    () => [
      'GET',
      `/cases?${pick(['code=xyz', 'code=' + '0'.repeat(9), 'referentie=%00', 'referentie=' + 'x'.repeat(100), 'referentie=a', 'overTermijn=ja', 'referentie=%E2%80%AE12345', 'behandelaar=%00', 'behandelaar=' + 'x'.repeat(100), 'behandelaar=a&behandelaar=b'])}`,
    ],
    () => ['GET', `/cases/${pick(ids)}/notities`],
    () => ['POST', `/cases/${pick(ids)}/notities`],
    () => ['GET', `/meldingen?${pick(['', 'ongelezen=misschien', 'limit=0', 'limit=1e9', 'x=1'])}`],
    () => ['POST', '/meldingen/gelezen'],
    () => ['POST', '/woningen'],
    () => ['GET', `/woningen?${pick(['', 'maxHuur=abc', 'minKamers=-5', 'status=weg', 'limit=101'])}`],
    () => ['GET', `/woningen/${pick(ids)}`],
    () => ['PATCH', `/woningen/${pick(ids)}`],
    () => ['POST', '/woningen/import'],
    () => ['POST', '/codec/decode'],
    () => ['POST', '/codec/encode'],
    () => ['GET', `/reports/${pick(reports)}?${pick(reportQueries)}`],
    () => [
      'GET',
      `/audit?${pick(['', `caseId=${pick(ids)}`, 'actorId=%00', 'action=weg', 'van=2024-13-01', 'tot=gisteren', 'limit=0', 'x=1', `actorId=${encodeURIComponent(pick(strings))}`])}`,
    ],
    () => [
      pick(['GET', 'PUT', 'DELETE']),
      `/beheer/${pick(['organisaties', 'normen', 'contingent'])}/${pick([...ids, 'vraag', 'totaal', 'woonstad/2024', 'vraag/*'])}`,
    ],
  ];
  const tokens = [
    () => bearer({ sub: actors.consulent.id, org: actors.consulent.organisatie, roles: ['consulent'] }),
    () => bearer({ sub: 'u-v', org: 'woonstad', roles: ['verhuurmedewerker'] }),
    () => bearer({ sub: 'u-z', org: 'zorg-de-brug', roles: ['zorgmedewerker', 'privacy_officer'] }),
    () => bearer({ sub: 'u-m', org: 'woonstad', roles: ['manager'] }),
    () => bearer({ sub: 'u-b', org: 'gemeente-utrecht', roles: ['beheerder'] }),
    () => ({}),
    // fetch itself refuses control characters in headers: keep the garbage printable.
    () => ({
      authorization: `Bearer ${
        pick(strings)
          .replace(/[^\x21-\x7e]/g, '')
          .slice(0, 500) || 'x'
      }`,
    }),
    () => bearer({ sub: 'u-c', org: 'wijkteam-noord', roles: ['consulent'] }, { expiresIn: -10 }),
  ];
  const counts = async () => ({
    cases: await t.h.db.case.count(),
    events: await t.h.db.caseEvent.count(),
    woningen: await t.h.db.woning.count(),
    idempotency: await t.h.db.idempotencyRecord.count(),
    plaatsingen: await t.h.db.plaatsing.count(),
    normen: JSON.stringify(
      await t.h.db.normInstelling.findMany({ orderBy: [{ fase: 'asc' }, { organisatie: 'asc' }] }),
    ),
    organisaties: await t.h.db.organisatie.count(),
    contingent: await t.h.db.contingentAfspraak.count(),
    partijen: JSON.stringify(
      await t.h.db.case.findUnique({
        where: { id: caseId },
        select: {
          zorginstelling: true,
          corporatie: true,
          behandelaarZorginstelling: true,
          behandelaarCorporatie: true,
        },
      }),
    ),
    notes: await t.h.db.note.count(),
    gelezen: await t.h.db.meldingGelezen.count(),
  });
  const before = await counts();
  const history = (await t.api.get(caseId)).body.history.length;

  const statuses = new Map<number, number>();
  const failures: string[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const [method, path] = pick(endpoints)();
    const headers: Record<string, string> = { ...pick(tokens)() };
    if (random() < 0.2)
      headers['idempotency-key'] =
        pick(strings)
          .slice(0, 200)
          .replace(/[^\x21-\x7e]/g, '') || 'k';
    if (random() < 0.2)
      headers['content-type'] = pick([
        'text/plain',
        'text/csv',
        'application/xml',
        'application/json; charset=latin1',
        'multipart/form-data',
      ]);
    const r = random();
    const raw =
      method === 'GET'
        ? undefined
        : r < 0.15
          ? pick(['{', '{"a":', '[1,2', 'null', '"', '\u0000', 'referentie,gemeente\nX,Y', '{"a":1}{"b":2}'])
          : r < 0.2
            ? JSON.stringify({ big: 'x'.repeat(70_000) })
            : JSON.stringify(values(0));
    const res = await fetch(`${t.h.baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: raw,
    });
    await res.arrayBuffer();
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    // Reads of what the caller may see answer 200; anything else must be refused, and never with a 5xx.
    if (res.status >= 500 || (res.status < 400 && method !== 'GET'))
      failures.push(`${res.status} ${method} ${path.slice(0, 80)} body=${(raw ?? '').slice(0, 80)}`);
  }
  expect(failures).toEqual([]);
  expect(await counts()).toEqual(before);
  expect((await t.api.get(caseId)).body.history).toHaveLength(history);
  // Every class of refusal was reached, not just the first gate.
  for (const status of [400, 401, 403, 404]) expect(statuses.get(status) ?? 0).toBeGreaterThan(0);
});
