import { randomInt, randomUUID } from 'node:crypto';
import { useHarness } from '../support/harness';
import { bearer } from '../support/tokens';
import { woningInDb } from '../support/fixtures';
import { registerOrganisations } from '../support/organisations';

/**
 * GET /reports/vraag-en-aanbod over a small hand-made read model: the monitoring of
 * "lokale vraag en aanbod" the woonzorgvisie asks for (001:234, 001:110-128) and the
 * yearly inflow per doelgroep (003:969-1067). Every expected figure is counted in a comment.
 */
const t = useHarness();

const tag = randomUUID().slice(0, 6);
const W = `wt-va-${tag}`;
const C = `corp-va-${tag}`;
const C2 = `corp2-va-${tag}`;
const G = `GM7${String(randomInt(100, 999))}`;
const G2 = `GM6${String(randomInt(100, 999))}`;
const manager = (org: string, gemeente?: string) =>
  bearer({ sub: `u-m-${org}`, org, roles: ['manager'], ...(gemeente ? { gemeente } : {}) });
const mGemeente = manager(`gemeente-va-${tag}`, G);
const mC = manager(C);
const mOther = manager(`gemeente2-va-${tag}`, G2);

const at = (iso: string) => new Date(iso);
const ids: Record<string, string> = {};

beforeAll(async () => {
  const db = t.h.db;
  // Only registered organisations act (issue 13): the managers' gemeenten and the corporatie.
  await registerOrganisations(db, [
    { id: `gemeente-va-${tag}`, soort: 'gemeente', gemeente: G, werkgebied: [G] },
    { id: `gemeente2-va-${tag}`, soort: 'gemeente', gemeente: G2, werkgebied: [G2] },
    { id: C, soort: 'corporatie', werkgebied: [G] },
  ]);
  const kase = (
    key: string,
    o: {
      fase: string;
      doelgroep: string;
      startedAt: string;
      state?: object;
      route?: string;
      aanZetRol?: string;
      gemeente?: string;
      corporatie?: string | null;
    },
  ) => {
    ids[key] = randomUUID();
    return {
      id: ids[key]!,
      workflowId: `case-${ids[key]}`,
      status: o.fase === 'afgesloten' ? 'afgesloten' : 'lopend',
      fase: o.fase,
      route: o.route ?? 'zorgwoning',
      deelgroep: 'verstoorde_zelfregulering',
      doelgroep: o.doelgroep,
      gemeente: o.gemeente ?? G,
      wijkteam: W,
      zorginstelling: null,
      corporatie: o.corporatie === undefined ? C : o.corporatie,
      aanZetRol: o.aanZetRol ?? null,
      version: 1,
      state: (o.state ?? {}) as object,
      startedAt: at(o.startedAt),
      updatedAt: at(o.startedAt),
    };
  };
  await db.case.createMany({
    data: [
      // In 2026, gemeente G: 3 × ggz, 2 × bw; 1 × vv in 2025 (outside the period).
      kase('g1', {
        fase: 'vraag',
        doelgroep: 'ggz',
        startedAt: '2026-02-01T09:00:00Z',
        aanZetRol: 'consulent',
        corporatie: null,
      }),
      kase('g2', {
        fase: 'aanbod',
        doelgroep: 'ggz',
        startedAt: '2026-03-01T09:00:00Z',
        aanZetRol: 'verhuurmedewerker',
        state: { woonvorm: { woonvorm: 'beschut_wonen' } },
      }),
      kase('g3', {
        fase: 'aanbod',
        doelgroep: 'ggz',
        startedAt: '2026-04-01T09:00:00Z',
        aanZetRol: 'verhuurmedewerker',
        state: { woonvorm: { woonvorm: 'beschut_wonen' } },
      }),
      kase('b1', {
        fase: 'aanbod',
        doelgroep: 'bw',
        startedAt: '2026-03-10T09:00:00Z',
        aanZetRol: 'verhuurmedewerker',
        route: 'regulier',
        state: { woonvorm: { woonvorm: 'beschermd_wonen' } },
      }),
      // Housed: in nazorg, not open demand; placed in 2026.
      kase('b2', {
        fase: 'nazorg',
        doelgroep: 'bw',
        startedAt: '2026-01-15T09:00:00Z',
        state: { woonvorm: { woonvorm: 'beschermd_wonen' } },
      }),
      kase('v1', { fase: 'afgesloten', doelgroep: 'vv', startedAt: '2025-11-01T09:00:00Z' }),
      // Another gemeente, another corporatie: nobody in G sees it.
      kase('x1', {
        fase: 'aanbod',
        doelgroep: 'ggz',
        startedAt: '2026-03-01T09:00:00Z',
        gemeente: G2,
        corporatie: C2,
        state: { woonvorm: { woonvorm: 'geschikt_wonen' } },
      }),
    ],
  });
  // Supply: C has 2 vrije beschut, 1 vrije geschikt, 1 verhuurde geschikt; C2 (in G2) 1 vrije beschut.
  const w = async (corporatie: string, gemeente: string, woonvorm: string) =>
    (await woningInDb(db, { corporatie, gemeente, woonvorm: woonvorm as never })).woning;
  await w(C, G, 'beschut_wonen');
  await w(C, G, 'beschut_wonen');
  await w(C, G, 'geschikt_wonen');
  const verhuurd = await w(C, G, 'geschikt_wonen');
  await db.woning.update({ where: { id: verhuurd.id }, data: { status: 'verhuurd' } });
  await w(C2, G2, 'beschut_wonen');
  // b2 was placed in the verhuurde woning in 2026; v1 in 2025.
  await db.plaatsing.createMany({
    data: [
      {
        caseId: ids.b2!,
        woningId: verhuurd.id,
        corporatie: C,
        buurtcode: 'BU03630101',
        opgave: 'opgave_1_nabij_steunpunt',
        doelgroep: 'bw',
        at: at('2026-02-20T10:00:00Z'),
      },
      {
        caseId: ids.v1!,
        woningId: null,
        corporatie: C,
        buurtcode: 'BU03630101',
        opgave: null,
        doelgroep: 'vv',
        at: at('2025-12-01T10:00:00Z'),
      },
    ],
  });
  // C promised 5 homes in 2026 (3 + 2); one is realised (b2).
  await db.contingentAfspraak.createMany({
    data: [
      { corporatie: C, jaar: 2026, opgave: 'opgave_1_nabij_steunpunt', aantal: 3, updatedBy: 'test' },
      { corporatie: C, jaar: 2026, opgave: 'opgave_2_gespikkeld', aantal: 2, updatedBy: 'test' },
    ],
  });
});

const get = (query: string, headers: Record<string, string>) =>
  t.api.request('GET', `/reports/vraag-en-aanbod${query}`, { headers });

test('a gemeente manager sees inflow, open demand, vrije woningen, contingent left and placements of the gemeente', async () => {
  const res = await get('?van=2026-01-01&tot=2026-11-30', mGemeente);
  expect(res.status).toBe(200);
  expect(res.body).toEqual({
    periode: { van: '2026-01-01', tot: '2026-11-30' },
    filters: {},
    // g1..g3 ggz, b1 and b2 bw; v1 started in 2025 and x1 is in G2.
    instroom: [
      { doelgroep: 'bw', aantal: 2 },
      { doelgroep: 'ggz', aantal: 3 },
    ],
    openVraag: {
      // b1 is doorgeleid (a toegankelijke woning), b2 is housed; g1 has not chosen yet.
      perWoonvorm: [
        { doelgroep: 'bw', woonvorm: 'toegankelijke_woning', aantal: 1 },
        { doelgroep: 'ggz', woonvorm: 'beschut_wonen', aantal: 2 },
        { doelgroep: 'ggz', woonvorm: 'nog_niet_gekozen', aantal: 1 },
      ],
      perStap: [
        { doelgroep: 'bw', fase: 'aanbod', wachtOp: 'verhuurmedewerker', aantal: 1 },
        { doelgroep: 'ggz', fase: 'vraag', wachtOp: 'consulent', aantal: 1 },
        { doelgroep: 'ggz', fase: 'aanbod', wachtOp: 'verhuurmedewerker', aantal: 2 },
      ],
    },
    // C's vrije woningen in G; C2's woning is in G2. No woning records a typering yet.
    aanbod: [
      { woonvorm: 'beschut_wonen', typering: null, vrij: 2 },
      { woonvorm: 'geschikt_wonen', typering: null, vrij: 1 },
    ],
    contingent: [{ corporatie: C, jaar: 2026, beloofd: 5, gerealiseerd: 1, resterend: 4 }],
    plaatsingen: [{ doelgroep: 'bw', woonvorm: 'geschikt_wonen', aantal: 1 }],
  });
});

test('per doelgroep; another gemeente sees none of it; a corporatie manager sees its own woningen and cases', async () => {
  const bw = (await get('?van=2026-01-01&tot=2026-11-30&doelgroep=bw', mGemeente)).body;
  expect(bw.filters).toEqual({ doelgroep: 'bw' });
  expect(bw.instroom).toEqual([{ doelgroep: 'bw', aantal: 2 }]);
  expect(bw.openVraag.perWoonvorm).toEqual([{ doelgroep: 'bw', woonvorm: 'toegankelijke_woning', aantal: 1 }]);

  const other = (await get('?van=2026-01-01&tot=2026-11-30', mOther)).body;
  // Only x1 and C2's woning are G2's.
  expect(other.instroom).toEqual([{ doelgroep: 'ggz', aantal: 1 }]);
  expect(other.aanbod).toEqual([{ woonvorm: 'beschut_wonen', typering: null, vrij: 1 }]);
  expect(JSON.stringify(other)).not.toContain(C);

  const corp = (await get('?van=2025-01-01&tot=2026-11-30', mC)).body;
  // C is a party of every case but g1 and x1: inflow from 2025 includes v1.
  expect(corp.instroom).toEqual([
    { doelgroep: 'bw', aantal: 2 },
    { doelgroep: 'ggz', aantal: 2 },
    { doelgroep: 'vv', aantal: 1 },
  ]);
  expect(corp.plaatsingen).toEqual([
    { doelgroep: 'bw', woonvorm: 'geschikt_wonen', aantal: 1 },
    { doelgroep: 'vv', woonvorm: 'onbekend', aantal: 1 },
  ]);
});

test('as CSV: one long table, a row per figure', async () => {
  const res = await fetch(`${t.h.baseUrl}/reports/vraag-en-aanbod?van=2026-01-01&tot=2026-11-30&format=csv`, {
    headers: mGemeente,
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
  const lines = (await res.text()).trim().split('\r\n');
  expect(lines[0]).toBe(
    'van;tot;onderdeel;doelgroep;woonvorm;fase;wacht_op;typering;corporatie;aantal;beloofd;gerealiseerd',
  );
  expect(lines).toContain('2026-01-01;2026-11-30;instroom;ggz;;;;;;3;;');
  expect(lines).toContain('2026-01-01;2026-11-30;vrije_woningen;;beschut_wonen;;;;;2;;');
  expect(lines).toContain(`2026-01-01;2026-11-30;contingent;;;;;;${C};4;5;1`);
  // 2 instroom + 3 + 3 open + 2 aanbod + 1 contingent + 1 plaatsing, and the header.
  expect(lines).toHaveLength(13);
});

test('refuses what it cannot answer: 400 naming the field, 403 for anyone but a manager', async () => {
  const bad = await get('?van=2026-05-01&tot=2026-01-01', mGemeente);
  expect(bad.status).toBe(400);
  expect(bad.body.fields).toEqual([{ field: 'tot', problem: 'tot must not be before van' }]);
  expect((await get('?doelgroep=iedereen', mGemeente)).body.fields[0].field).toBe('doelgroep');
  const consulent = bearer({ sub: 'u-c', org: W, roles: ['consulent'] });
  expect((await get('', consulent)).status).toBe(403);
});
