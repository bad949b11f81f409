/**
 * Matching benchmark: one case against 1,000, 10,000 and 100,000 woningen.
 * Prints milliseconds per call (database prefilter + rules + ranking), not a pass/fail.
 *
 *   npm run bench:matching            (starts its own PostgreSQL 15 and Temporal via scripts/with-services.mjs)
 */
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createMatchingService } from '../api/woningen/matching-service';
import { createDb } from '../prisma/client';
import { vrijeWoningen, vrijeWoningenQuery } from '../prisma/woning-repository';
import { plannedScans } from './reports';
import { prefilterFor } from '../api/woningen/matching-service';
import { applyStep, startCase } from '../domain/steps';
import { matchWoningen } from '../domain/rules/matching';
import type { Aanmelding, CaseState, StepName } from '../domain/types';

const SIZES = process.env.BENCH_SIZES
  ? process.env.BENCH_SIZES.split(',').map((s) => Number.parseInt(s, 10))
  : process.env.BENCH_QUICK === '1'
    ? [1_000, 10_000]
    : [1_000, 10_000, 100_000];
const RUNS = 15;
const AANBOD_DATUM = '2023-06-01';

function caseAt(corporatie: string, route: 'zorgwoning' | 'regulier'): CaseState {
  const aanmelding: Aanmelding = {
    persoon: {
      referentie: 'BENCH-1',
      huishoudgrootte: 1,
      inkomensgroep: route === 'zorgwoning' ? 'passendheidsgroep' : 'midden',
      huidigeSituatie: 'thuis',
    },
    deelgroep: 'verstoorde_zelfregulering',
    doelgroep: 'vv',
    indicatie: { wet: 'wlz', leveringsvorm: 'vpt' },
    urgent: false,
    gemeente: 'GM0363',
    corporatie,
  };
  const consulent = { id: 'b1', organisatie: 'wijkteam-bench', rol: 'consulent' } as const;
  const zorg = { id: 'b2', organisatie: 'zorg-bench', rol: 'zorgmedewerker' } as const;
  const verhuur = { id: 'b3', organisatie: corporatie, rol: 'verhuurmedewerker' } as const;
  let state = startCase({ caseId: randomUUID(), aanmelding, actor: consulent }, '2023-05-01T00:00:00Z').state;
  const steps: Array<[StepName, unknown, typeof consulent | typeof zorg | typeof verhuur]> = [
    ['vraag', { perspectief: 'lange_termijn', samenwonen: 'gedeelde_ruimte', nabijLotgenoten: 'ja' }, consulent],
    ['zorg', { zorgvorm: 'op_afspraak', steunpuntGewenst: true, clusteringNodig: false, richtingen: [] }, zorg],
    route === 'zorgwoning'
      ? ['woonvorm', { woonvorm: 'geschikt_wonen' }, zorg]
      : ['doorgeleiding', { reden: 'bench', contactpersoon: { naam: 'B', organisatie: corporatie } }, zorg],
    route === 'zorgwoning'
      ? [
          'buurt',
          {
            buurtcode: 'BU03630017',
            opgave: 'opgave_1_nabij_steunpunt',
            draagkrachtBesproken: true,
            voorlichtingNodig: false,
          },
          verhuur,
        ]
      : ['persoonlijk_contact', { datum: '2023-05-10', vervolg: 'bench' }, verhuur],
    // After doorgeleiding the buurt is weighed before the aanbod too (regelset 2).
    ...(route === 'zorgwoning'
      ? []
      : [
          [
            'buurt',
            {
              buurtcode: 'BU03630017',
              opgave: 'opgave_2_gespikkeld',
              draagkrachtBesproken: true,
              voorlichtingNodig: false,
            },
            verhuur,
          ] as [StepName, unknown, typeof verhuur],
        ]),
  ];
  for (const [step, input, actor] of steps)
    state = applyStep(state, { step, input: input as never, actor }, '2023-05-02T00:00:00Z').state;
  return state;
}

/** n woningen with spread-out attributes, written by PostgreSQL itself (generate_series) for speed. */
async function seed(db: ReturnType<typeof createDb>, corporatie: string, n: number) {
  await db.$executeRaw`DELETE FROM woningen WHERE corporatie = ${corporatie}`;
  await db.$executeRaw`
    INSERT INTO woningen (id, corporatie, referentie, gemeente, wijk, buurtcode, woonvorm, kamers, kale_huur_cent, servicekosten_cent,
                          zelfstandig, drempels_overbrugd, gangbreedte_cm, noodoproep, gemeenschappelijke_ruimte, opgave,
                          beschikbaar_vanaf, status, version, updated_at)
    SELECT gen_random_uuid()::text, ${corporatie}, 'B-' || i, 'GM0363', NULL, 'BU0363' || lpad((i % 200)::text, 4, '0'),
           (ARRAY['in_de_wijk','geschikt_wonen','beschut_wonen','beschermd_wonen','tijdelijke_verhuur','kamergewijze_verhuur',
                  'flexwoning','onzelfstandige_eenheid','toegankelijke_woning'])[1 + i % 9],
           1 + i % 4, 45000 + (i::bigint * 7919) % 45000, (i::bigint * 104729) % 6000,
           i % 10 <> 0, i % 7 <> 0, 100 + (i::bigint * 31) % 60, i % 5 <> 0, i % 3 <> 0,
           CASE WHEN i % 2 = 0 THEN 'opgave_1_nabij_steunpunt' ELSE 'opgave_2_gespikkeld' END,
           DATE '2023-01-01' + (i % 300), CASE WHEN i % 6 = 0 THEN 'verhuurd' ELSE 'vrij' END, 1, now()
    FROM generate_series(1, ${n}) AS i`;
  await db.$executeRaw`VACUUM ANALYZE woningen`;
}

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run `npm run bench:matching`');
  const db = createDb(url, 4);
  const draagkracht = { maxPlaatsingen: 3, periodeDagen: 365 };
  // The bench's aanbod is dated in 2023 (the built-in parameters): allow it however far back today is.
  const matching = createMatchingService({ db, draagkracht, maxTerugDagen: 100_000 });
  const corporatie = 'bench-corp';
  console.log(
    'matching one case against n woningen of its corporatie (ms per call, median and p95 of 15 runs after 2 warm-ups)',
  );
  console.log(
    `n        route       prefilter rows  candidates  sql ms (p50)  rules ms (p50)  total p50  total p95  load  plan: indexes | seq scans on big tables (load = 1-minute load average, ${cpus().length} cores)`,
  );
  for (const n of SIZES) {
    await seed(db, corporatie, n);
    for (const route of ['zorgwoning', 'regulier'] as const) {
      const state = caseAt(corporatie, route);
      const filter = prefilterFor(state, AANBOD_DATUM);
      const totals: number[] = [];
      const sqls: number[] = [];
      const rules: number[] = [];
      let rows = 0;
      let candidates = 0;
      for (let run = 0; run < RUNS + 2; run++) {
        const t0 = performance.now();
        const result = await matching.matches(state, { limit: 20, uitgesloten: false, aanbodDatum: AANBOD_DATUM });
        const t1 = performance.now();
        const loaded = await vrijeWoningen(db, { ...filter, limit: 20_000 });
        const t2 = performance.now();
        matchWoningen(state, loaded, { aanbodDatum: AANBOD_DATUM, toon: 20 });
        const t3 = performance.now();
        if (run < 2) continue;
        totals.push(t1 - t0);
        sqls.push(t2 - t1);
        rules.push(t3 - t2);
        rows = loaded.length;
        candidates = result.totaal;
      }
      const q = vrijeWoningenQuery({ ...filter, limit: 20_000 });
      const explained = await db.pool.query<{ 'QUERY PLAN': Array<{ Plan: Parameters<typeof plannedScans>[0] }> }>(
        `EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, FORMAT JSON) ${q.text}`,
        q.params,
      );
      const plan = plannedScans(explained.rows[0]!['QUERY PLAN'][0]!.Plan);
      console.log(
        [
          String(n).padEnd(8),
          route.padEnd(11),
          String(rows).padStart(14),
          String(candidates).padStart(11),
          pct(sqls, 50).toFixed(1).padStart(13),
          pct(rules, 50).toFixed(1).padStart(15),
          pct(totals, 50).toFixed(1).padStart(10),
          pct(totals, 95).toFixed(1).padStart(10),
          loadavg()[0]!.toFixed(1).padStart(5),
          ` ${plan.indexes.join(', ') || '-'} | ${plan.seq.join(', ') || '-'}`,
        ].join(' '),
      );
    }
  }
  await db.$executeRaw`DELETE FROM woningen WHERE corporatie = ${corporatie}`;
  await db.$disconnect();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
