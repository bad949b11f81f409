import { randomInt, randomUUID } from 'node:crypto';
import type { Role } from '../../api/auth/principal';
import { toCsv } from '../../api/http/csv';
import { reports } from '../../api/reports/report-service';
import { reportScope } from '../../api/auth/access-policy';
import { verstrekenAandeel } from '../../prisma/reports';
import { useHarness } from '../support/harness';
import { bearer } from '../support/tokens';
import { registerOrganisations } from '../support/organisations';

/**
 * Management reports over a small hand-made read model. Every expected figure
 * is derived in a comment. Percentiles are percentile_cont: for n sorted
 * values x0..x(n-1), p lies at position p·(n−1), interpolated linearly.
 */
const t = useHarness();

const tag = randomUUID().slice(0, 6);
const W = `wt-${tag}`; // wijkteam of the A and B cases
const Z = `zorg-${tag}`;
const C = `corp-${tag}`;
const W2 = `wt2-${tag}`; // the other parties (cases D1 and E1)
const Z2 = `zorg2-${tag}`;
const C2 = `corp2-${tag}`;
const G = `GM9${String(randomInt(100, 999))}`;
const G2 = `GM8${String(randomInt(100, 999))}`;

const manager = (org: string, gemeente?: string) =>
  bearer({ sub: `u-m-${org}`, org, roles: ['manager'], ...(gemeente ? { gemeente } : {}) });
const mW = manager(W);
const mC = manager(C);
const mC2 = manager(C2);
const mGemeente = manager(`gemeente-${tag}`, G);

const DAY = 86_400_000;
const at = (iso: string) => new Date(iso);

/** Closed cases A1..A5 (W, Z, C in gemeente G): werkdagen per fase, month each fase ended. */
const A = [
  // vraag ends in Jan, zorg in Feb, aanbod in Mar (A1–A3) or Apr (A4, A5); nazorg closed for A1, A2 (June).
  {
    id: 'A1',
    doelgroep: 'vv',
    vraag: 2,
    zorg: 1,
    aanbod: 10,
    aanbodEnd: '2024-03-18',
    nazorg: 40,
    plaatsing: ['2024-03-20', 'opgave_1_nabij_steunpunt'],
  },
  {
    id: 'A2',
    doelgroep: 'vv',
    vraag: 4,
    zorg: 3,
    aanbod: 12,
    aanbodEnd: '2024-03-19',
    nazorg: 50,
    plaatsing: ['2024-03-21', 'opgave_1_nabij_steunpunt'],
  },
  {
    id: 'A3',
    doelgroep: 'vv',
    vraag: 6,
    zorg: 5,
    aanbod: 25,
    aanbodEnd: '2024-03-20',
    nazorg: null,
    plaatsing: ['2024-03-22', 'opgave_2_gespikkeld'],
  },
  // A4's aanbod took 30 werkdagen, but with 15 days' extension it is within its norm (20 + 15).
  {
    id: 'A4',
    doelgroep: 'ggz',
    vraag: 8,
    zorg: 7,
    aanbod: 30,
    aanbodEnd: '2024-04-08',
    nazorg: null,
    verlengd: 15,
    plaatsing: ['2024-04-10', 'opgave_1_nabij_steunpunt'],
  },
  {
    id: 'A5',
    doelgroep: 'ggz',
    vraag: 20,
    zorg: 9,
    aanbod: 15,
    aanbodEnd: '2024-04-09',
    nazorg: null,
    plaatsing: ['2024-08-01', 'opgave_2_gespikkeld'],
  },
] as const;

const ids: string[] = [];
const caseId = (name: string) => `${name}-${tag}`;

async function seed() {
  const db = t.h.db;
  const now = Date.now();
  const kase = (
    name: string,
    o: {
      status: string;
      fase: string;
      doelgroep: string;
      gemeente?: string;
      wijkteam?: string;
      zorginstelling?: string;
      corporatie?: string;
      aanZetRol?: string | null;
      startedAt: Date;
      closedAt?: Date | null;
    },
  ) => {
    const id = caseId(name);
    ids.push(id);
    return {
      id,
      workflowId: `case-${id}`,
      status: o.status,
      fase: o.fase,
      route: 'zorgwoning',
      deelgroep: 'verstoorde_zelfregulering',
      doelgroep: o.doelgroep,
      gemeente: o.gemeente ?? G,
      wijkteam: o.wijkteam ?? W,
      zorginstelling: o.zorginstelling ?? Z,
      corporatie: o.corporatie ?? C,
      aanZetRol: o.aanZetRol ?? null,
      version: 1,
      state: {},
      startedAt: o.startedAt,
      updatedAt: new Date(now),
      closedAt: o.closedAt ?? null,
    };
  };
  await db.case.createMany({
    data: [
      ...A.map((a) =>
        kase(a.id, {
          status: a.nazorg === null ? 'lopend' : 'afgesloten',
          fase: a.nazorg === null ? 'nazorg' : 'afgesloten',
          doelgroep: a.doelgroep,
          startedAt: at('2024-01-02T09:00:00Z'),
          closedAt: a.nazorg === null ? null : at('2024-06-20T09:00:00Z'),
        }),
      ),
      // Open cases, 5, 100 and 40 days old.
      kase('B1', {
        status: 'lopend',
        fase: 'vraag',
        doelgroep: 'vv',
        aanZetRol: 'consulent',
        startedAt: new Date(now - 5 * DAY),
      }),
      kase('B2', {
        status: 'lopend',
        fase: 'aanbod',
        doelgroep: 'ggz',
        aanZetRol: 'verhuurmedewerker',
        startedAt: new Date(now - 100 * DAY),
      }),
      kase('B3', {
        status: 'lopend',
        fase: 'warme_overdracht',
        doelgroep: 'vv',
        aanZetRol: 'zorgmedewerker,verhuurmedewerker',
        startedAt: new Date(now - 40 * DAY),
      }),
      // D1: all other parties, other gemeente. E1: other parties, but in gemeente G.
      kase('D1', {
        status: 'afgesloten',
        fase: 'afgesloten',
        doelgroep: 'vv',
        gemeente: G2,
        wijkteam: W2,
        zorginstelling: Z2,
        corporatie: C2,
        startedAt: at('2024-01-02T09:00:00Z'),
        closedAt: at('2024-03-01T09:00:00Z'),
      }),
      kase('E1', {
        status: 'afgesloten',
        fase: 'afgesloten',
        doelgroep: 'vv',
        wijkteam: W2,
        zorginstelling: Z2,
        corporatie: C2,
        startedAt: at('2024-01-02T09:00:00Z'),
        closedAt: at('2024-03-01T09:00:00Z'),
      }),
    ],
  });

  const periode = (
    name: string,
    nr: number,
    fase: string,
    organisatie: string,
    startedAt: Date,
    endedAt: Date | null,
    werkdagen: number | null,
    extra: Record<string, unknown> = {},
  ) => {
    const norm = ({ vraag: 10, zorg: 10, aanbod: 20, warme_overdracht: 10 } as Record<string, number>)[fase] ?? null;
    const verlengd = (extra.verlengdWerkdagen as number | undefined) ?? 0;
    return {
      caseId: caseId(name),
      nr,
      fase,
      partij: organisatie.startsWith('wt')
        ? 'wijkteam'
        : organisatie.startsWith('zorg')
          ? 'zorginstelling'
          : 'corporatie',
      organisatie,
      doelgroep: 'vv',
      gemeente: G,
      wijkteam: W,
      zorginstelling: Z,
      corporatie: C,
      startedAt,
      endedAt,
      werkdagen,
      kalenderdagen: endedAt ? (endedAt.getTime() - startedAt.getTime()) / DAY : null,
      normWerkdagen: norm,
      overNorm: endedAt === null || werkdagen === null || norm === null ? null : werkdagen > norm + verlengd,
      ...extra,
    };
  };
  await db.fasePeriode.createMany({
    data: [
      ...A.flatMap((a) => {
        const base = { doelgroep: a.doelgroep };
        return [
          // A1's corporatie joined later: its vraag period's copy has no corporatie. Scope is judged on `cases`, so it still counts.
          periode(
            a.id,
            1,
            'vraag',
            W,
            at('2024-01-02T09:00:00Z'),
            at('2024-01-20T09:00:00Z'),
            a.vraag,
            a.id === 'A1' ? { ...base, corporatie: null } : base,
          ),
          periode(a.id, 2, 'zorg', Z, at('2024-01-20T09:00:00Z'), at('2024-02-10T09:00:00Z'), a.zorg, base),
          periode(a.id, 5, 'aanbod', C, at('2024-02-10T09:00:00Z'), at(`${a.aanbodEnd}T09:00:00Z`), a.aanbod, {
            ...base,
            ...('verlengd' in a ? { verlengdWerkdagen: a.verlengd } : {}),
          }),
          periode(
            a.id,
            8,
            'nazorg',
            W,
            at(`${a.aanbodEnd}T10:00:00Z`),
            a.nazorg === null ? null : at('2024-06-20T09:00:00Z'),
            a.nazorg,
            base,
          ),
        ];
      }),
      // B1's vraag is past its deadline; B2's aanbod and B3's warme overdracht are not.
      periode('B1', 1, 'vraag', W, new Date(now - 5 * DAY), null, null, { deadlineAt: new Date(now - DAY) }),
      periode('B2', 6, 'aanbod', C, new Date(now - 20 * DAY), null, null, {
        doelgroep: 'ggz',
        deadlineAt: new Date(now + 10 * DAY),
      }),
      periode('B3', 9, 'warme_overdracht', C, new Date(now - 3 * DAY), null, null, {
        deadlineAt: new Date(now + 7 * DAY),
      }),
      {
        ...periode('D1', 1, 'vraag', W2, at('2024-01-02T09:00:00Z'), at('2024-02-20T09:00:00Z'), 100),
        gemeente: G2,
        wijkteam: W2,
        zorginstelling: Z2,
        corporatie: C2,
      },
      {
        ...periode('E1', 1, 'vraag', W2, at('2024-01-02T09:00:00Z'), at('2024-01-25T09:00:00Z'), 12),
        wijkteam: W2,
        zorginstelling: Z2,
        corporatie: C2,
      },
    ],
  });
  await db.opschorting.create({
    data: { caseId: caseId('B2'), nr: 7, van: new Date(now - 2 * DAY), reden: 'wacht_op_client' },
  });

  // The party's turns equal the fase periods of the A cases; B1's open turn does not count.
  const beurt = (
    name: string,
    nr: number,
    rol: string,
    organisatie: string,
    fase: string,
    werkdagen: number | null,
    doelgroep = 'vv',
  ) => ({
    caseId: caseId(name),
    nr,
    rol,
    organisatie,
    fase,
    doelgroep,
    startedAt: at('2024-01-02T09:00:00Z'),
    endedAt: werkdagen === null ? null : at('2024-02-01T09:00:00Z'),
    werkdagen,
  });
  await db.wachtbeurt.createMany({
    data: [
      ...A.flatMap((a) => [
        beurt(a.id, 1, 'consulent', W, 'vraag', a.vraag, a.doelgroep),
        beurt(a.id, 2, 'zorgmedewerker', Z, 'zorg', a.zorg, a.doelgroep),
        beurt(a.id, 5, 'verhuurmedewerker', C, 'aanbod', a.aanbod, a.doelgroep),
      ]),
      beurt('B1', 1, 'consulent', W, 'vraag', null),
      beurt('D1', 1, 'consulent', W2, 'vraag', 100),
    ],
  });
  await db.plaatsing.createMany({
    data: [
      ...A.map((a) => ({
        caseId: caseId(a.id),
        corporatie: C,
        buurtcode: 'BU03630101',
        opgave: a.plaatsing[1],
        doelgroep: a.doelgroep,
        at: at(`${a.plaatsing[0]}T10:00:00Z`),
      })),
      {
        caseId: caseId('D1'),
        corporatie: C2,
        buurtcode: 'BU03630101',
        opgave: 'opgave_1_nabij_steunpunt',
        doelgroep: 'vv',
        at: at('2024-02-25T10:00:00Z'),
      },
    ],
  });
  await db.contingentAfspraak.createMany({
    data: [
      { corporatie: C, jaar: 2024, opgave: 'opgave_1_nabij_steunpunt', doelgroep: '*', aantal: 10, updatedBy: 'test' },
      { corporatie: C, jaar: 2024, opgave: 'opgave_1_nabij_steunpunt', doelgroep: 'vv', aantal: 4, updatedBy: 'test' },
      { corporatie: C, jaar: 2024, opgave: 'opgave_2_gespikkeld', doelgroep: '*', aantal: 6, updatedBy: 'test' },
      { corporatie: C2, jaar: 2024, opgave: 'opgave_1_nabij_steunpunt', doelgroep: '*', aantal: 3, updatedBy: 'test' },
    ],
  });
  // Agreed norms of this test's organisations: C's aanbod norm, and the totaal norms of both wijkteams (independent of the defaults).
  await db.normInstelling.createMany({
    data: [
      { fase: 'aanbod', organisatie: C, werkdagen: 25, updatedBy: 'test' },
      { fase: 'totaal', organisatie: W, werkdagen: 40, updatedBy: 'test' },
      { fase: 'totaal', organisatie: W2, werkdagen: 40, updatedBy: 'test' },
    ],
  });
}

let defaultNorm: Record<string, number | null> = {};

beforeAll(async () => {
  await registerOrganisations(t.h.db, [
    { id: W, soort: 'wijkteam' },
    { id: W2, soort: 'wijkteam' },
    { id: `niemand-${tag}`, soort: 'wijkteam' },
    { id: Z, soort: 'zorginstelling' },
    { id: Z2, soort: 'zorginstelling' },
    { id: C, soort: 'corporatie' },
    { id: C2, soort: 'corporatie' },
    { id: `gemeente-${tag}`, soort: 'gemeente', gemeente: G },
  ]);
  await seed();
  const rows = await t.h.db.normInstelling.findMany({ where: { organisatie: '*' } });
  defaultNorm = Object.fromEntries(rows.map((r) => [r.fase, r.werkdagen]));
});

afterAll(async () => {
  const db = t.h.db;
  await db.fasePeriode.deleteMany({ where: { caseId: { in: ids } } });
  await db.wachtbeurt.deleteMany({ where: { caseId: { in: ids } } });
  await db.opschorting.deleteMany({ where: { caseId: { in: ids } } });
  await db.plaatsing.deleteMany({ where: { caseId: { in: ids } } });
  await db.case.deleteMany({ where: { id: { in: ids } } });
  await db.contingentAfspraak.deleteMany({ where: { corporatie: { in: [C, C2] } } });
  await db.normInstelling.deleteMany({ where: { organisatie: { in: [C, W, W2] } } });
});

const get = (path: string, headers: Record<string, string>) => t.api.request('GET', path, { headers });

/** A CSV answer: status, content type and the lines split into fields. */
async function csv(path: string, headers: Record<string, string>) {
  const res = await fetch(`${t.h.baseUrl}${path}`, { headers });
  const text = await res.text();
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    disposition: res.headers.get('content-disposition'),
    text,
    lines: text
      .trimEnd()
      .split('\r\n')
      .map((l) => l.split(';')),
  };
}

describe('doorlooptijd per fase', () => {
  test('per fase: count, median, p90, mean and count over norm of closed periods', async () => {
    const body = (await get('/reports/doorlooptijd', mW)).body;
    expect(body.per).toBe('fase');
    expect(body.rijen).toEqual([
      // vraag 2,4,6,8,20: median 6; p90 at 3.6 → 8 + 0.6·12 = 15.2; mean 40/5 = 8; over 10: only 20.
      {
        groep: null,
        fase: 'vraag',
        aantal: 5,
        mediaanWerkdagen: 6,
        p90Werkdagen: 15.2,
        gemiddeldWerkdagen: 8,
        overNorm: 1,
        normWerkdagen: defaultNorm.vraag,
      },
      // zorg 1,3,5,7,9: median 5; p90 → 7 + 0.6·2 = 8.2; mean 5; none over 10.
      {
        groep: null,
        fase: 'zorg',
        aantal: 5,
        mediaanWerkdagen: 5,
        p90Werkdagen: 8.2,
        gemiddeldWerkdagen: 5,
        overNorm: 0,
        normWerkdagen: defaultNorm.zorg,
      },
      // aanbod 10,12,15,25,30: median 15; p90 → 25 + 0.6·5 = 28; mean 92/5 = 18.4; over: 25 (A3), not 30 (A4: 20 + 15 extension).
      {
        groep: null,
        fase: 'aanbod',
        aantal: 5,
        mediaanWerkdagen: 15,
        p90Werkdagen: 28,
        gemiddeldWerkdagen: 18.4,
        overNorm: 1,
        normWerkdagen: defaultNorm.aanbod,
      },
      // nazorg 40,50 (A1, A2; A3–A5 still open): median 45; p90 at 0.9 → 49; no norm.
      {
        groep: null,
        fase: 'nazorg',
        aantal: 2,
        mediaanWerkdagen: 45,
        p90Werkdagen: 49,
        gemiddeldWerkdagen: 45,
        overNorm: 0,
        normWerkdagen: null,
      },
    ]);
  });

  test('per maand (month the period ended) and within van/tot', async () => {
    const perMaand = (await get('/reports/doorlooptijd?per=maand', mW)).body.rijen;
    expect(perMaand.map((r: { groep: string; fase: string; aantal: number }) => [r.groep, r.fase, r.aantal])).toEqual([
      ['2024-01', 'vraag', 5],
      ['2024-02', 'zorg', 5],
      ['2024-03', 'aanbod', 3],
      ['2024-04', 'aanbod', 2],
      ['2024-06', 'nazorg', 2],
    ]);
    // March aanbod 10,12,25: median 12; p90 at 1.8 → 12 + 0.8·13 = 22.4. April 15,30: median 22.5; p90 → 15 + 0.9·15 = 28.5.
    expect(perMaand[2]).toMatchObject({ mediaanWerkdagen: 12, p90Werkdagen: 22.4, overNorm: 1 });
    expect(perMaand[3]).toMatchObject({ mediaanWerkdagen: 22.5, p90Werkdagen: 28.5, overNorm: 0 });

    const window = (await get('/reports/doorlooptijd?van=2024-02-01&tot=2024-03-31', mW)).body;
    expect(window.filters).toEqual({ van: '2024-02-01', tot: '2024-03-31' });
    expect(window.rijen.map((r: { fase: string; aantal: number }) => [r.fase, r.aantal])).toEqual([
      ['zorg', 5],
      ['aanbod', 3],
    ]);
  });

  test('per doelgroep, per organisatie (with its agreed norm) and filtered', async () => {
    const perDoelgroep = (await get('/reports/doorlooptijd?per=doelgroep&doelgroep=ggz', mW)).body.rijen;
    // ggz = A4, A5. vraag 8,20: median 14, p90 8 + 0.9·12 = 18.8, over 1 (20).
    expect(perDoelgroep[0]).toEqual({
      groep: 'ggz',
      fase: 'vraag',
      aantal: 2,
      mediaanWerkdagen: 14,
      p90Werkdagen: 18.8,
      gemiddeldWerkdagen: 14,
      overNorm: 1,
      normWerkdagen: defaultNorm.vraag,
    });
    expect(perDoelgroep).toHaveLength(3); // vraag, zorg, aanbod; their nazorg is open

    const perOrg = (await get('/reports/doorlooptijd?per=organisatie', mW)).body.rijen;
    expect(
      perOrg.map((r: { groep: string; fase: string; normWerkdagen: number | null }) => [
        r.groep,
        r.fase,
        r.normWerkdagen,
      ]),
    ).toEqual(
      [
        [C, 'aanbod', 25], // the corporatie's agreed aanbod norm
        [W, 'vraag', defaultNorm.vraag],
        [W, 'nazorg', null],
        [Z, 'zorg', defaultNorm.zorg],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
  });

  test("a gemeente manager sees the gemeente's cases, whatever their parties", async () => {
    const vraag = (await get('/reports/doorlooptijd', mGemeente)).body.rijen.find(
      (r: { fase: string }) => r.fase === 'vraag',
    );
    // A1–A5 and E1 (other parties, gemeente G); not D1 (gemeente G2). 2,4,6,8,12,20: median 7; p90 at 4.5 → 12 + 0.5·8 = 16.
    expect(vraag).toMatchObject({ aantal: 6, mediaanWerkdagen: 7, p90Werkdagen: 16, overNorm: 2 });
    // Narrowed to cases with Z as a party: E1 drops out.
    const metZ = (await get(`/reports/doorlooptijd?organisatie=${Z}`, mGemeente)).body.rijen.find(
      (r: { fase: string }) => r.fase === 'vraag',
    );
    expect(metZ.aantal).toBe(5);
  });

  test("another organisation's manager sees nothing of these cases", async () => {
    const rijen = (await get('/reports/doorlooptijd', mC2)).body.rijen;
    // C2 is a party of D1 and E1 only: vraag 100 and 12.
    expect(rijen).toEqual([expect.objectContaining({ fase: 'vraag', aantal: 2, mediaanWerkdagen: 56 })]);
    const stranger = await get('/reports/doorlooptijd', manager(`niemand-${tag}`));
    expect(stranger.body.rijen).toEqual([]);
    expect((await get(`/reports/open-casussen`, manager(`niemand-${tag}`))).body.totaal.aantal).toBe(0);
    expect((await get(`/reports/contingent?jaar=2024`, manager(`niemand-${tag}`))).body.rijen).toEqual([]);
  });

  test('CSV: header row, `;` separated, `.` decimals', async () => {
    const res = await csv('/reports/doorlooptijd?format=csv', mW);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.disposition).toMatch(/^attachment; filename="?doorlooptijd-per-fase\.csv"?$/);
    expect(res.lines).toEqual([
      ['fase', 'aantal', 'mediaan_werkdagen', 'p90_werkdagen', 'gemiddeld_werkdagen', 'over_norm', 'norm_werkdagen'],
      ['vraag', '5', '6', '15.2', '8', '1', String(defaultNorm.vraag)],
      ['zorg', '5', '5', '8.2', '5', '0', String(defaultNorm.zorg)],
      ['aanbod', '5', '15', '28', '18.4', '1', String(defaultNorm.aanbod)],
      ['nazorg', '2', '45', '49', '45', '0', ''],
    ]);
    // Accept: text/csv chooses CSV too; per adds its column first.
    const viaAccept = await csv('/reports/doorlooptijd?per=maand', { ...mW, accept: 'text/csv' });
    expect(viaAccept.lines[0]!.slice(0, 2)).toEqual(['maand', 'fase']);
    expect(viaAccept.lines[3]).toEqual([
      '2024-03',
      'aanbod',
      '3',
      '12',
      '22.4',
      '15.67',
      '1',
      String(defaultNorm.aanbod),
    ]);
  });
});

describe('wachttijd per partij', () => {
  test('ended turns per role and organisation', async () => {
    const body = (await get('/reports/wachttijd-per-partij', mW)).body;
    expect(body.rijen).toEqual([
      // consulent of W: 2,4,6,8,20 (B1's open turn not counted): total 40, median 6, p90 15.2, mean 8.
      {
        rol: 'consulent',
        groep: W,
        beurten: 5,
        casussen: 5,
        totaalWerkdagen: 40,
        mediaanWerkdagen: 6,
        p90Werkdagen: 15.2,
        gemiddeldWerkdagen: 8,
      },
      // zorgmedewerker of Z: 1,3,5,7,9 → total 25, median 5, p90 8.2.
      {
        rol: 'zorgmedewerker',
        groep: Z,
        beurten: 5,
        casussen: 5,
        totaalWerkdagen: 25,
        mediaanWerkdagen: 5,
        p90Werkdagen: 8.2,
        gemiddeldWerkdagen: 5,
      },
      // verhuurmedewerker of C: 10,12,15,25,30 → total 92, median 15, p90 28, mean 18.4.
      {
        rol: 'verhuurmedewerker',
        groep: C,
        beurten: 5,
        casussen: 5,
        totaalWerkdagen: 92,
        mediaanWerkdagen: 15,
        p90Werkdagen: 28,
        gemiddeldWerkdagen: 18.4,
      },
    ]);
    const ggz = (await get('/reports/wachttijd-per-partij?per=doelgroep&rol=consulent&doelgroep=ggz', mW)).body.rijen;
    // consulent, ggz: A4 8, A5 20 → median 14.
    expect(ggz).toEqual([
      expect.objectContaining({
        rol: 'consulent',
        groep: 'ggz',
        beurten: 2,
        totaalWerkdagen: 28,
        mediaanWerkdagen: 14,
      }),
    ]);
    expect((await get('/reports/wachttijd-per-partij', mC2)).body.rijen).toEqual([
      expect.objectContaining({ rol: 'consulent', groep: W2, totaalWerkdagen: 100 }),
    ]);
  });

  test('CSV', async () => {
    const res = await csv('/reports/wachttijd-per-partij?format=csv&per=fase', mW);
    expect(res.lines).toEqual([
      [
        'rol',
        'fase',
        'beurten',
        'casussen',
        'totaal_werkdagen',
        'mediaan_werkdagen',
        'p90_werkdagen',
        'gemiddeld_werkdagen',
      ],
      ['consulent', 'vraag', '5', '5', '40', '6', '15.2', '8'],
      ['zorgmedewerker', 'zorg', '5', '5', '25', '5', '8.2', '5'],
      ['verhuurmedewerker', 'aanbod', '5', '5', '92', '15', '28', '18.4'],
    ]);
  });
});

describe('doorlooptijd end to end', () => {
  // Per case, every fase but nazorg: A1 2+1+10 = 13, A2 4+3+12 = 19, A3 6+5+25 = 36, A4 8+7+30 = 45, A5 20+9+15 = 44.
  // Sorted 13,19,36,44,45. W's agreed totaal norm is 40: A4 and A5 are over it.
  test('per month the case reached nazorg, against the totaal norm', async () => {
    const body = (await get('/reports/doorlooptijd-totaal', mW)).body;
    expect(body.rijen).toEqual([
      // March (A1–A3): 13,19,36: median 19; p90 at 1.8 → 19 + 0.8·17 = 32.6; mean 68/3 = 22.67.
      {
        groep: '2024-03',
        casussen: 3,
        mediaanWerkdagen: 19,
        p90Werkdagen: 32.6,
        gemiddeldWerkdagen: 22.67,
        overNorm: 0,
        normWerkdagen: defaultNorm.totaal,
      },
      // April (A4, A5): 44,45: median 44.5; p90 44 + 0.9 = 44.9.
      {
        groep: '2024-04',
        casussen: 2,
        mediaanWerkdagen: 44.5,
        p90Werkdagen: 44.9,
        gemiddeldWerkdagen: 44.5,
        overNorm: 2,
        normWerkdagen: defaultNorm.totaal,
      },
    ]);
  });

  test('per corporatie, and van/tot on the end', async () => {
    // All five: median 36; p90 at 3.6 → 44 + 0.6·1 = 44.6; mean 157/5 = 31.4.
    expect((await get('/reports/doorlooptijd-totaal?per=corporatie', mW)).body.rijen).toEqual([
      {
        groep: C,
        casussen: 5,
        mediaanWerkdagen: 36,
        p90Werkdagen: 44.6,
        gemiddeldWerkdagen: 31.4,
        overNorm: 2,
        normWerkdagen: defaultNorm.totaal,
      },
    ]);
    const april = (await get('/reports/doorlooptijd-totaal?per=doelgroep&van=2024-04-01&tot=2024-04-30', mW)).body
      .rijen;
    expect(april).toEqual([expect.objectContaining({ groep: 'ggz', casussen: 2, mediaanWerkdagen: 44.5 })]);
    // B cases have an open fase before nazorg and do not count; E1 (gemeente manager) ended in January at 12 werkdagen.
    const gemeente = (await get('/reports/doorlooptijd-totaal?per=maand&tot=2024-01-31', mGemeente)).body.rijen;
    expect(gemeente).toEqual([
      expect.objectContaining({ groep: '2024-01', casussen: 1, mediaanWerkdagen: 12, overNorm: 0 }),
    ]);
  });

  test('CSV', async () => {
    const res = await csv('/reports/doorlooptijd-totaal?format=csv', mW);
    expect(res.lines[0]).toEqual([
      'maand',
      'casussen',
      'mediaan_werkdagen',
      'p90_werkdagen',
      'gemiddeld_werkdagen',
      'over_norm',
      'norm_werkdagen',
    ]);
    expect(res.lines[1]).toEqual(['2024-03', '3', '19', '32.6', '22.67', '0', String(defaultNorm.totaal ?? '')]);
  });
});

describe('open casussen', () => {
  // Open: B1 (vraag, 5 days, past its deadline), B2 (aanbod, 100 days, opgeschort, 20 days in fase),
  // B3 (warme overdracht, 40 days, waits on both sides), A3–A5 (nazorg since 2024: over 365 days).
  test('by fase and the role waited on, in age buckets', async () => {
    const body = (await get('/reports/open-casussen', mW)).body;
    expect(body.buckets).toEqual(['0-7', '8-30', '31-90', '91-180', '181-365', '>365']);
    expect(body.totaal).toEqual({ aantal: 6, leeftijd: [1, 0, 1, 1, 0, 3], overDeadline: 1, opgeschort: 1 });
    expect(body.rijen).toEqual([
      {
        fase: 'vraag',
        groep: 'consulent',
        aantal: 1,
        leeftijd: [1, 0, 0, 0, 0, 0],
        mediaanDagen: expect.closeTo(5, 1),
        overDeadline: 1,
        opgeschort: 0,
      },
      {
        fase: 'aanbod',
        groep: 'verhuurmedewerker',
        aantal: 1,
        leeftijd: [0, 0, 0, 1, 0, 0],
        mediaanDagen: expect.closeTo(100, 1),
        overDeadline: 0,
        opgeschort: 1,
      },
      {
        fase: 'warme_overdracht',
        groep: 'zorgmedewerker,verhuurmedewerker',
        aantal: 1,
        leeftijd: [0, 0, 1, 0, 0, 0],
        mediaanDagen: expect.closeTo(40, 1),
        overDeadline: 0,
        opgeschort: 0,
      },
      {
        fase: 'nazorg',
        groep: null,
        aantal: 3,
        leeftijd: [0, 0, 0, 0, 0, 3],
        mediaanDagen: expect.any(Number),
        overDeadline: 0,
        opgeschort: 0,
      },
    ]);
  });

  test('age since the fase began, per organisation responsible', async () => {
    const rijen = (await get('/reports/open-casussen?leeftijd=fase&per=organisatie&doelgroep=ggz', mW)).body.rijen;
    // ggz and open: B2 (aanbod at C, 20 days in fase) and A4, A5 (nazorg at W, since April 2024).
    expect(rijen).toEqual([
      expect.objectContaining({
        fase: 'aanbod',
        groep: C,
        aantal: 1,
        leeftijd: [0, 1, 0, 0, 0, 0],
        mediaanDagen: expect.closeTo(20, 1),
      }),
      expect.objectContaining({ fase: 'nazorg', groep: W, aantal: 2, leeftijd: [0, 0, 0, 0, 0, 2] }),
    ]);
  });

  test('CSV, with a totals row', async () => {
    const res = await csv('/reports/open-casussen?format=csv', mW);
    expect(res.lines[0]).toEqual([
      'fase',
      'wacht_op',
      'aantal',
      'dagen_0-7',
      'dagen_8-30',
      'dagen_31-90',
      'dagen_91-180',
      'dagen_181-365',
      'dagen_meer_dan_365',
      'mediaan_dagen',
      'over_deadline',
      'opgeschort',
    ]);
    // A field holding the separator-free "zorgmedewerker,verhuurmedewerker" is quoted: it has a comma.
    expect(res.text).toContain('warme_overdracht;"zorgmedewerker,verhuurmedewerker";1;0;0;1;0;0;0;');
    expect(res.lines.at(-1)).toEqual(['totaal', '', '6', '1', '0', '1', '1', '0', '3', '', '1', '1']);
  });
});

describe('contingent', () => {
  // C promised for 2024: opgave 1: 10 (of which 4 for vv), opgave 2: 6.
  // Toewijzingen: A1 (Mar, opgave 1, vv), A2 (Mar, opgave 1, vv), A3 (Mar, opgave 2, vv), A4 (Apr, opgave 1, ggz), A5 (Aug, opgave 2, ggz).
  test('promised, realised and forecast at the peildatum', async () => {
    // 2024 has 366 days; 1 July is day 183: 183/366 = 0.5 of the year elapsed, so the forecast is twice the realised.
    const body = (await get(`/reports/contingent?jaar=2024&peildatum=2024-07-01&corporatie=${C}`, mC)).body;
    expect(body).toMatchObject({ jaar: 2024, peildatum: '2024-07-01', verstreken: 0.5 });
    expect(body.rijen).toEqual([
      {
        corporatie: C,
        opgave: 'opgave_1_nabij_steunpunt',
        doelgroep: '*',
        beloofd: 10,
        gerealiseerd: 3,
        prognose: 6,
        opKoers: false,
      },
      {
        corporatie: C,
        opgave: 'opgave_1_nabij_steunpunt',
        doelgroep: 'vv',
        beloofd: 4,
        gerealiseerd: 2,
        prognose: 4,
        opKoers: true,
      },
      {
        corporatie: C,
        opgave: 'opgave_2_gespikkeld',
        doelgroep: '*',
        beloofd: 6,
        gerealiseerd: 1,
        prognose: 2,
        opKoers: false,
      },
      { corporatie: C, opgave: 'totaal', doelgroep: '*', beloofd: 16, gerealiseerd: 4, prognose: 8, opKoers: false },
    ]);
  });

  test('a past year is whole: the forecast is the realised number', async () => {
    const body = (await get(`/reports/contingent?jaar=2024&corporatie=${C}`, mC)).body;
    expect(body.verstreken).toBe(1);
    expect(body.rijen.at(-1)).toEqual({
      corporatie: C,
      opgave: 'totaal',
      doelgroep: '*',
      beloofd: 16,
      gerealiseerd: 5,
      prognose: 5,
      opKoers: false,
    });
  });

  test('each manager sees the corporaties of their own cases, counting only those cases', async () => {
    // C2's manager: its own afspraak (3) and D1; nothing of C.
    const c2 = (await get('/reports/contingent?jaar=2024&peildatum=2024-12-31', mC2)).body.rijen;
    expect(c2.map((r: { corporatie: string }) => r.corporatie)).toEqual([C2, C2]);
    expect(c2[0]).toMatchObject({ opgave: 'opgave_1_nabij_steunpunt', beloofd: 3, gerealiseerd: 1 });
    // The gemeente manager of G: C (A cases) and C2 (via E1, which has no toewijzing); D1 is in G2.
    const gm = (await get('/reports/contingent?jaar=2024&peildatum=2024-12-31', mGemeente)).body.rijen;
    expect(new Set(gm.map((r: { corporatie: string }) => r.corporatie))).toEqual(new Set([C, C2]));
    expect(
      gm.find((r: { corporatie: string; opgave: string }) => r.corporatie === C2 && r.opgave === 'totaal'),
    ).toMatchObject({ beloofd: 3, gerealiseerd: 0 });
  });

  test('CSV', async () => {
    const res = await csv(`/reports/contingent?jaar=2024&peildatum=2024-07-01&corporatie=${C}&format=csv`, mC);
    expect(res.lines).toEqual([
      ['jaar', 'peildatum', 'corporatie', 'opgave', 'doelgroep', 'beloofd', 'gerealiseerd', 'prognose', 'op_koers'],
      ['2024', '2024-07-01', C, 'opgave_1_nabij_steunpunt', '*', '10', '3', '6', 'nee'],
      ['2024', '2024-07-01', C, 'opgave_1_nabij_steunpunt', 'vv', '4', '2', '4', 'ja'],
      ['2024', '2024-07-01', C, 'opgave_2_gespikkeld', '*', '6', '1', '2', 'nee'],
      ['2024', '2024-07-01', C, 'totaal', '*', '16', '4', '8', 'nee'],
    ]);
  });

  test('elapsed share of the year', () => {
    expect(verstrekenAandeel(2024, '2023-12-31')).toBe(0);
    expect(verstrekenAandeel(2024, '2024-01-01')).toBeCloseTo(1 / 366);
    expect(verstrekenAandeel(2023, '2023-07-02')).toBeCloseTo(183 / 365); // 31+28+31+30+31+30+2
    expect(verstrekenAandeel(2024, '2025-02-01')).toBe(1);
  });
});

describe('access and input', () => {
  const paths = [
    '/reports/doorlooptijd',
    '/reports/wachttijd-per-partij',
    '/reports/doorlooptijd-totaal',
    '/reports/open-casussen',
    '/reports/contingent?jaar=2024',
  ];
  const others: Role[] = ['consulent', 'zorgmedewerker', 'verhuurmedewerker', 'beheerder', 'privacy_officer'];

  test.each(others)('a %s gets 403 (JSON), also for CSV', async (role) => {
    // Each in an organisation its role fits, so what refuses is the report's rule, not the register.
    const org = { consulent: W, zorgmedewerker: Z, beheerder: `gemeente-${tag}` }[role as string] ?? C;
    const headers = bearer({ sub: `u-${role}`, org, roles: [role] });
    for (const path of paths) {
      const res = await get(path, headers);
      expect(res.status).toBe(403);
      expect(res.body).toEqual({ error: 'forbidden', message: expect.any(String) });
    }
    const asCsv = await fetch(`${t.h.baseUrl}/reports/doorlooptijd?format=csv`, {
      headers: { ...headers, accept: 'text/csv' },
    });
    expect(asCsv.status).toBe(403);
    expect(asCsv.headers.get('content-type')).toMatch(/application\/json/);
  });

  test('without a token: 401', async () => {
    expect((await t.api.request('GET', '/reports/doorlooptijd', { anonymous: true })).status).toBe(401);
  });

  test.each([
    ['/reports/doorlooptijd?per=week', 'per'],
    ['/reports/doorlooptijd?van=2024-13-01', 'van'],
    ['/reports/doorlooptijd?van=2024-05-01&tot=2024-04-01', 'tot'],
    ['/reports/doorlooptijd?doelgroep=iedereen', 'doelgroep'],
    ['/reports/doorlooptijd?format=xlsx', 'format'],
    ['/reports/wachttijd-per-partij?rol=manager', 'rol'],
    ['/reports/doorlooptijd-totaal?organisatie=Not%20An%20Org', 'organisatie'],
    ['/reports/open-casussen?leeftijd=gisteren', 'leeftijd'],
    ['/reports/contingent', 'jaar'],
    ['/reports/contingent?jaar=twintig', 'jaar'],
    ['/reports/contingent?jaar=2024&peildatum=1-7-2024', 'peildatum'],
  ])('%s is 400 naming %s', async (path, field) => {
    const res = await get(path, mW);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'invalid_request', in: 'query' });
    expect(res.body.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  test('an unknown query parameter is 400 and named', async () => {
    const res = await get('/reports/doorlooptijd?fase=vraag', mW);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/fase/);
  });

  test('the reports are in the OpenAPI document with JSON and CSV answers', async () => {
    const doc = (await t.api.request('GET', '/openapi.json', { anonymous: true })).body;
    for (const path of [
      '/reports/doorlooptijd',
      '/reports/wachttijd-per-partij',
      '/reports/doorlooptijd-totaal',
      '/reports/open-casussen',
      '/reports/contingent',
    ]) {
      expect(Object.keys(doc.paths[path].get.responses['200'].content)).toEqual(['application/json', 'text/csv']);
      expect(doc.paths[path].get.responses).toHaveProperty('403');
    }
  });
});

describe('in process (manager dashboard)', () => {
  test("the same report through reports.*.load with a manager's scope", async () => {
    const scope = reportScope({ sub: 'u-m', org: W, roles: ['manager'] })!;
    expect(reportScope({ sub: 'u-c', org: W, roles: ['consulent'] })).toBeNull();
    const answer = await reports.doorlooptijd.load(t.h.db, scope, reports.doorlooptijd.query.parse({}));
    expect(answer.rijen.map((r) => r.aantal)).toEqual([5, 5, 5, 2]);
    expect(reports.doorlooptijd.csv(answer).split('\r\n')[1]).toBe(`vraag;5;6;15.2;8;1;${defaultNorm.vraag}`);
  });

  test('CSV quoting', () => {
    const rows = [{ a: 'x;y', b: 'zeg "ja"', c: 'regel\nnieuw', d: '=SUM(A1)', e: 1.5, f: null }];
    const cols = (['a', 'b', 'c', 'd', 'e', 'f'] as const).map((k) => ({
      header: k,
      value: (r: (typeof rows)[number]) => r[k],
    }));
    expect(toCsv(cols, rows)).toBe('a;b;c;d;e;f\r\n"x;y";"zeg ""ja""";"regel\nnieuw";\'=SUM(A1);1.5;\r\n');
  });
});
