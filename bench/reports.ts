/**
 * Reports benchmark: every management report over 10,000 and 100,000
 * synthetic cases with their fase periods, turns, opschortingen,
 * toewijzingen and woningen. Prints the median milliseconds per report and scope, and
 * the indexes PostgreSQL's plan uses (EXPLAIN ANALYZE), not a pass/fail.
 *
 *   npm run bench:reports     (starts its own PostgreSQL 15 and Temporal via scripts/with-services.mjs)
 */
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createDb, Prisma, type Db } from '../prisma/client';
import {
  contingent,
  contingentRealisatieQuery,
  doorlooptijd,
  doorlooptijdQuery,
  doorlooptijdTotaal,
  doorlooptijdTotaalQuery,
  contingentAfsprakenQuery,
  instroomQuery,
  openCasussen,
  openCasussenQuery,
  openVraagQuery,
  plaatsingenQuery,
  aanbodQuery,
  vraagEnAanbod,
  wachttijdPerPartij,
  wachttijdQuery,
  type ReportScope,
} from '../prisma/reports';

/** BENCH_SIZES=1000,10000 for a quick look; BENCH_QUICK=1 is 10,000 only. */
const SIZES = process.env.BENCH_SIZES
  ? process.env.BENCH_SIZES.split(',').map((s) => Number.parseInt(s, 10))
  : process.env.BENCH_QUICK === '1'
    ? [10_000]
    : [10_000, 100_000];
const RUNS = 7;
const PREFIX = 'bench-';
const NU = new Date('2025-03-01T12:00:00Z');

/**
 * n cases in 20 wijkteams (4 per gemeente), 30 zorginstellingen and 10 corporaties; 30% still open at
 * one of the fasen, the rest through nazorg (half of those closed). Written by PostgreSQL itself.
 */
export async function seed(db: Db, n: number) {
  await clear(db);
  const woningen = Math.max(1, Math.floor(n / 5));
  await db.$executeRaw`
    INSERT INTO cases (id, workflow_id, status, fase, uitkomst, route, deelgroep, doelgroep, gemeente, wijkteam, zorginstelling,
                       corporatie, aan_zet_rol, version, state, started_at, updated_at, closed_at)
    SELECT ${PREFIX} || i, 'case-' || ${PREFIX} || i,
           CASE WHEN i % 10 < 3 OR i % 2 = 0 THEN 'lopend' ELSE 'afgesloten' END,
           CASE WHEN i % 10 < 3 THEN (ARRAY['vraag','zorg','woonvorm','buurt','aanbod','toewijzing','warme_overdracht'])[1 + i % 7]
                WHEN i % 2 = 0 THEN 'nazorg' ELSE 'afgesloten' END,
           CASE WHEN i % 10 >= 3 AND i % 2 = 1 THEN 'gehuisvest' END,
           'zorgwoning', 'verstoorde_zelfregulering',
           (ARRAY['ghz_vg','ghz_lg','ggz','vv','bw','mo_vo','jeugdzorg_uitstroom','statushouder','urgent'])[1 + i % 9],
           'GM' || lpad((1 + i % 5)::text, 4, '0'),
           'wijkteam-' || lpad((1 + i % 20)::text, 2, '0'),
           'zorg-' || lpad((1 + i % 30)::text, 2, '0'),
           'corp-' || lpad((1 + i % 10)::text, 2, '0'),
           CASE WHEN i % 10 < 3 THEN (ARRAY['consulent','zorgmedewerker','zorgmedewerker','verhuurmedewerker','verhuurmedewerker',
                                            'verhuurmedewerker','zorgmedewerker,verhuurmedewerker'])[1 + i % 7] END,
           1, '{}'::jsonb,
           TIMESTAMP '2023-01-01' + (i % 700) * INTERVAL '1 day', now(),
           CASE WHEN i % 10 >= 3 AND i % 2 = 1 THEN TIMESTAMP '2023-01-01' + (i % 700 + 8 * 14) * INTERVAL '1 day' END
    FROM generate_series(1, ${n}) AS i`;
  // Fase j of case i: 14 days each; open cases stop at their fase (open), the others run through nazorg.
  await db.$executeRaw`
    INSERT INTO fase_periodes (case_id, nr, fase, partij, organisatie, doelgroep, gemeente, wijkteam, zorginstelling, corporatie,
                               started_at, ended_at, werkdagen, kalenderdagen, norm_werkdagen, over_norm, deadline_at)
    SELECT c.id, j, f.fase, f.partij,
           CASE f.partij WHEN 'wijkteam' THEN c.wijkteam WHEN 'zorginstelling' THEN c.zorginstelling ELSE c.corporatie END,
           c.doelgroep, c.gemeente, c.wijkteam, c.zorginstelling, c.corporatie,
           c.started_at + (j - 1) * INTERVAL '14 days',
           CASE WHEN j < k.laatste OR c.status = 'afgesloten' THEN c.started_at + j * INTERVAL '14 days' END,
           CASE WHEN j < k.laatste OR c.status = 'afgesloten' THEN 1 + ((k.i * 31 + j * 17) % 240) / 10.0 END,
           CASE WHEN j < k.laatste OR c.status = 'afgesloten' THEN 14 END,
           f.norm,
           CASE WHEN (j < k.laatste OR c.status = 'afgesloten') AND f.norm IS NOT NULL THEN 1 + ((k.i * 31 + j * 17) % 240) / 10.0 > f.norm END,
           CASE WHEN j = k.laatste AND c.status = 'lopend' AND f.norm IS NOT NULL THEN c.started_at + (j - 1) * INTERVAL '14 days' + f.norm * INTERVAL '1.4 days' END
    FROM generate_series(1, ${n}) AS gi(i)
    JOIN cases c ON c.id = ${PREFIX} || gi.i
    CROSS JOIN LATERAL (SELECT gi.i AS i, CASE WHEN gi.i % 10 < 3 THEN 1 + gi.i % 7 ELSE 8 END AS laatste) k
    CROSS JOIN LATERAL generate_series(1, k.laatste) AS j
    JOIN (VALUES (1, 'vraag', 'wijkteam', 10), (2, 'zorg', 'zorginstelling', 10), (3, 'woonvorm', 'zorginstelling', 10),
                 (4, 'buurt', 'corporatie', 10), (5, 'aanbod', 'corporatie', 20), (6, 'toewijzing', 'corporatie', 10),
                 (7, 'warme_overdracht', 'corporatie', 10), (8, 'nazorg', 'wijkteam', NULL)) AS f(nr, fase, partij, norm) ON f.nr = j`;
  // One turn per fase period, on the role that acts in it.
  await db.$executeRaw`
    INSERT INTO wachtbeurten (case_id, nr, rol, organisatie, fase, doelgroep, started_at, ended_at, werkdagen)
    SELECT fp.case_id, fp.nr,
           CASE fp.partij WHEN 'wijkteam' THEN 'consulent' WHEN 'zorginstelling' THEN 'zorgmedewerker' ELSE 'verhuurmedewerker' END,
           fp.organisatie, fp.fase, fp.doelgroep, fp.started_at, fp.ended_at, fp.werkdagen * 0.8
    FROM fase_periodes fp WHERE fp.case_id LIKE ${PREFIX + '%'} AND fp.fase <> 'nazorg'`;
  await db.$executeRaw`
    INSERT INTO opschortingen (case_id, nr, van, tot, reden)
    SELECT c.id, 100, c.started_at + INTERVAL '3 days', NULL, 'wacht_op_client'
    FROM cases c WHERE c.id LIKE ${PREFIX + '%'} AND c.status = 'lopend' AND c.fase <> 'nazorg' AND substr(c.id, 7)::int % 4 = 0`;
  await db.$executeRaw`
    INSERT INTO plaatsingen (case_id, woning_id, corporatie, buurtcode, opgave, doelgroep, at)
    SELECT fp.case_id, ${PREFIX} || 'w-' || (1 + abs(hashtext(fp.case_id)) % ${woningen}), fp.corporatie, 'BU0000' || lpad((fp.nr * 7 % 100)::text, 4, '0'),
           CASE WHEN length(fp.case_id) % 2 = 0 THEN 'opgave_1_nabij_steunpunt' ELSE 'opgave_2_gespikkeld' END, fp.doelgroep, fp.ended_at
    FROM fase_periodes fp WHERE fp.case_id LIKE ${PREFIX + '%'} AND fp.fase = 'toewijzing' AND fp.ended_at IS NOT NULL`;
  // The woningaanbod for vraag en aanbod: one woning per five cases, a sixth of them vrij.
  await db.$executeRaw`
    INSERT INTO woningen (id, corporatie, referentie, gemeente, buurtcode, woonvorm, kamers, kale_huur_cent, servicekosten_cent,
                          zelfstandig, drempels_overbrugd, gangbreedte_cm, noodoproep, gemeenschappelijke_ruimte, opgave,
                          beschikbaar_vanaf, status, version, updated_at)
    SELECT ${PREFIX} || 'w-' || i, 'corp-' || lpad((1 + i % 10)::text, 2, '0'), ${PREFIX} || i, 'GM' || lpad((1 + i % 5)::text, 4, '0'),
           'BU0000' || lpad((i % 100)::text, 4, '0'),
           (ARRAY['in_de_wijk','geschikt_wonen','beschut_wonen','beschermd_wonen','toegankelijke_woning'])[1 + i % 5],
           1 + i % 4, 50000, 3000, true, true, 120, true, true,
           CASE WHEN i % 2 = 0 THEN 'opgave_1_nabij_steunpunt' ELSE 'opgave_2_gespikkeld' END,
           DATE '2024-01-01', CASE WHEN i % 6 = 0 THEN 'vrij' ELSE 'verhuurd' END, 1, now()
    FROM generate_series(1, ${woningen}) AS i`;
  await db.$executeRaw`
    INSERT INTO contingent_afspraken (corporatie, jaar, opgave, doelgroep, aantal, updated_at, updated_by)
    SELECT 'corp-' || lpad(k::text, 2, '0'), 2024, o, '*', ${Math.round(n / 40)}, now(), 'bench'
    FROM generate_series(1, 10) k, unnest(ARRAY['opgave_1_nabij_steunpunt','opgave_2_gespikkeld']) o
    ON CONFLICT DO NOTHING`;
  for (const table of [
    'cases',
    'fase_periodes',
    'wachtbeurten',
    'opschortingen',
    'plaatsingen',
    'contingent_afspraken',
    'woningen',
  ]) {
    // VACUUM as autovacuum would after a bulk load: index-only scans need the visibility map.
    await db.$executeRawUnsafe(`VACUUM ANALYZE ${table}`);
  }
}

export async function clear(db: Db) {
  const like = `${PREFIX}%`;
  await db.$executeRaw`DELETE FROM fase_periodes WHERE case_id LIKE ${like}`;
  await db.$executeRaw`DELETE FROM wachtbeurten WHERE case_id LIKE ${like}`;
  await db.$executeRaw`DELETE FROM opschortingen WHERE case_id LIKE ${like}`;
  await db.$executeRaw`DELETE FROM plaatsingen WHERE case_id LIKE ${like}`;
  await db.$executeRaw`DELETE FROM cases WHERE id LIKE ${like}`;
  await db.$executeRaw`DELETE FROM woningen WHERE id LIKE ${like}`;
  await db.$executeRaw`DELETE FROM contingent_afspraken WHERE updated_by = 'bench'`;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function time(run: () => Promise<unknown>): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < RUNS + 2; i++) {
    const t0 = performance.now();
    await run();
    if (i >= 2) ms.push(performance.now() - t0);
  }
  return median(ms);
}

export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}

/** Tables with fewer rows than this read whole are not worth an index; a Seq Scan on a bigger one is named. */
const BIG_TABLE_ROWS = 5_000;

/** Walks an EXPLAIN (FORMAT JSON) tree: the index names used, and the big tables read whole (rows read). */
export function plannedScans(root: PlanNode) {
  const indexes = new Set<string>();
  const seq = new Map<string, number>();
  const walk = (n: PlanNode) => {
    if (n['Index Name']) indexes.add(n['Index Name']);
    if (n['Node Type'] === 'Seq Scan' && n['Relation Name']) {
      const read = ((n['Actual Rows'] ?? 0) + (n['Rows Removed by Filter'] ?? 0)) * (n['Actual Loops'] ?? 1);
      if (read >= BIG_TABLE_ROWS) seq.set(n['Relation Name'], (seq.get(n['Relation Name']) ?? 0) + read);
    }
    for (const c of n.Plans ?? []) walk(c);
  };
  walk(root);
  return {
    indexes: [...indexes].sort(),
    seq: [...seq].sort(([a], [b]) => a.localeCompare(b)).map(([t, rows]) => `${t} (${rows.toLocaleString('en')} rows)`),
  };
}

/** Index names in the plan, and the big tables read whole (EXPLAIN ANALYZE, FORMAT JSON). */
export async function planOf(db: Db, query: Prisma.Sql) {
  const rows = await db.$queryRaw<Array<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>>(
    Prisma.sql`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, FORMAT JSON) ${query}`,
  );
  return plannedScans(rows[0]!['QUERY PLAN'][0]!.Plan);
}

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run `npm run bench:reports`');
  const db = createDb(url, 4);
  const scopes: Array<[string, ReportScope]> = [
    ['corporatie', { organisatie: 'corp-01' }],
    ['zorginstelling', { organisatie: 'zorg-01' }],
    ['wijkteam', { organisatie: 'wijkteam-01' }],
    ['gemeente', { organisatie: 'gemeente-bench', gemeente: 'GM0001' }],
  ];
  const jaar2024 = { van: '2024-01-01', tot: '2024-12-31' };
  const reports: Array<[string, (s: ReportScope) => Promise<unknown>, (s: ReportScope) => Prisma.Sql]> = [
    [
      'doorlooptijd per=fase',
      (s) => doorlooptijd(db, s, { per: 'fase' }),
      (s) => doorlooptijdQuery(s, { per: 'fase' }),
    ],
    [
      'doorlooptijd per=maand 2024',
      (s) => doorlooptijd(db, s, { per: 'maand', ...jaar2024 }),
      (s) => doorlooptijdQuery(s, { per: 'maand', ...jaar2024 }),
    ],
    [
      'doorlooptijd per=organisatie',
      (s) => doorlooptijd(db, s, { per: 'organisatie' }),
      (s) => doorlooptijdQuery(s, { per: 'organisatie' }),
    ],
    [
      'wachttijd per=organisatie',
      (s) => wachttijdPerPartij(db, s, { per: 'organisatie' }),
      (s) => wachttijdQuery(s, { per: 'organisatie' }),
    ],
    [
      'doorlooptijd-totaal per=maand',
      (s) => doorlooptijdTotaal(db, s, { per: 'maand' }),
      (s) => doorlooptijdTotaalQuery(s, { per: 'maand' }),
    ],
    [
      'doorlooptijd-totaal 2024',
      (s) => doorlooptijdTotaal(db, s, { per: 'doelgroep', ...jaar2024 }),
      (s) => doorlooptijdTotaalQuery(s, { per: 'doelgroep', ...jaar2024 }),
    ],
    [
      'open-casussen per=fase',
      (s) => openCasussen(db, s, { per: 'fase', leeftijd: 'start', nu: NU }),
      (s) => openCasussenQuery(s, { per: 'fase', leeftijd: 'start', nu: NU }),
    ],
    [
      'contingent 2024',
      (s) => contingent(db, s, { jaar: 2024, peildatum: '2024-09-30' }),
      (s) => contingentRealisatieQuery(s, { jaar: 2024, peildatum: '2024-09-30' }),
    ],
    [
      'contingent afspraken 2024',
      (s) => db.$queryRaw(contingentAfsprakenQuery(s, { jaar: 2024, peildatum: '2024-09-30' })),
      (s) => contingentAfsprakenQuery(s, { jaar: 2024, peildatum: '2024-09-30' }),
    ],
    // Vraag en aanbod runs its five queries at once; the report's time is theirs together, each plan apart.
    ['vraag-en-aanbod 2024', (s) => vraagEnAanbod(db, s, jaar2024), (s) => instroomQuery(s, jaar2024)],
    ['  instroom', (s) => db.$queryRaw(instroomQuery(s, jaar2024)), (s) => instroomQuery(s, jaar2024)],
    ['  open vraag', (s) => db.$queryRaw(openVraagQuery(s, jaar2024)), (s) => openVraagQuery(s, jaar2024)],
    ['  aanbod', (s) => db.$queryRaw(aanbodQuery(s)), (s) => aanbodQuery(s)],
    ['  plaatsingen', (s) => db.$queryRaw(plaatsingenQuery(s, jaar2024)), (s) => plaatsingenQuery(s, jaar2024)],
  ];
  console.log(
    `reports over n synthetic cases, median ms of ${RUNS} runs after 2 warm-ups, per manager scope; load = 1-minute load average (${cpus().length} cores)`,
  );
  for (const n of SIZES) {
    const t0 = performance.now();
    await seed(db, n);
    const [counts] = await db.$queryRaw<Array<{ periodes: number; beurten: number; plaatsingen: number }>>`
      SELECT (SELECT count(*)::int FROM fase_periodes) AS periodes, (SELECT count(*)::int FROM wachtbeurten) AS beurten,
             (SELECT count(*)::int FROM plaatsingen) AS plaatsingen`;
    console.log(
      `\nn = ${n.toLocaleString('en')} cases: ${counts!.periodes.toLocaleString('en')} fase_periodes, ${counts!.beurten.toLocaleString('en')} wachtbeurten, ` +
        `${counts!.plaatsingen.toLocaleString('en')} plaatsingen (seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
    );
    console.log(
      `${'report'.padEnd(31)} ${scopes.map(([label]) => label.padStart(15)).join('')}  load   plan of the slowest scope: indexes | seq scans on big tables`,
    );
    for (const [label, run, query] of reports) {
      const ms: number[] = [];
      for (const [, scope] of scopes) ms.push(await time(() => run(scope)));
      const slowest = ms.indexOf(Math.max(...ms));
      const plan = await planOf(db, query(scopes[slowest]![1]));
      console.log(
        `${label.padEnd(31)} ${ms.map((m) => m.toFixed(1).padStart(15)).join('')} ${loadavg()[0]!.toFixed(1).padStart(5)}   ${scopes[slowest]![0]}: ${plan.indexes.join(', ') || '-'} | ${plan.seq.join(', ') || '-'}`,
      );
    }
  }
  await clear(db);
  await db.$disconnect();
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
