import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { buildApp } from '../api/app';
import { ensureLocalKeys, issueToken, LOCAL_AUDIENCE, LOCAL_ISSUER } from '../api/auth/local-issuer';
import { registerOrganisations, testOrganisations } from '../test/support/organisations';
import { createDb, Prisma } from '../prisma/client';
import { parseEnv, sharedEnvSchema } from '../platform/env';
import { createLogger } from '../platform/logger';
import { connectionOptionsFor, dataConverterFor } from '../platform/temporal';
import { startCase, applyStep, turnOf } from '../domain/steps';
import type { Aanmelding, CaseState, StepName } from '../domain/types';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

/**
 * npm run bench:web — seeds BENCH_WEB_CASES (10,000) cases straight into the
 * read model (the reducer builds their states; no workflows run) and prints
 * how long each web page takes to render, server side, median of 5 requests.
 * The target is one second per page.
 */
const CASES = Number(process.env.BENCH_WEB_CASES ?? 10_000);
const RUNS = 5;

const aanmelding = (i: number): Aanmelding => ({
  persoon: {
    referentie: `BENCH-${i}`,
    huishoudgrootte: 1 + (i % 3),
    inkomensgroep: 'passendheidsgroep',
    huidigeSituatie: 'thuis',
  },
  deelgroep: i % 5 === 0 ? 'spoed' : 'verstoorde_zelfregulering',
  doelgroep: (['vv', 'ggz', 'bw', 'ghz_vg'] as const)[i % 4]!,
  indicatie: { wet: 'wlz', leveringsvorm: 'vpt' },
  urgent: false,
  gemeente: 'GM0363',
  zorginstelling: 'zorg-de-brug',
  corporatie: 'woonstad',
});

const steps: Array<[StepName, unknown, 'consulent' | 'zorgmedewerker' | 'verhuurmedewerker', string]> = [
  [
    'vraag',
    { perspectief: 'lange_termijn', samenwonen: 'alleen', nabijLotgenoten: 'geen_voorkeur' },
    'consulent',
    'wijkteam-noord',
  ],
  [
    'zorg',
    { zorgvorm: 'op_afspraak', steunpuntGewenst: true, clusteringNodig: false, richtingen: ['ambulant'] },
    'zorgmedewerker',
    'zorg-de-brug',
  ],
  ['woonvorm', { woonvorm: 'geschikt_wonen' }, 'zorgmedewerker', 'zorg-de-brug'],
  [
    'buurt',
    {
      buurtcode: 'BU03630101',
      opgave: 'opgave_1_nabij_steunpunt',
      draagkrachtBesproken: true,
      voorlichtingNodig: false,
    },
    'verhuurmedewerker',
    'woonstad',
  ],
];

async function main() {
  const env = parseEnv(sharedEnvSchema);
  const db = createDb(env.DATABASE_URL, 5);
  // The API refuses tokens of unregistered organisations: the bench acts for the test organisations.
  await registerOrganisations(db, testOrganisations);
  const started = Date.now();
  const t0 = Date.parse('2025-01-06T09:00:00Z');
  for (let batch = 0; batch < CASES; batch += 500) {
    const rows: Prisma.Sql[] = [];
    const events: Prisma.CaseEventCreateManyInput[] = [];
    for (let i = batch; i < Math.min(CASES, batch + 500); i++) {
      const caseId = randomUUID();
      const at = (n: number) => new Date(t0 + i * 3_600_000 + n * 86_400_000).toISOString();
      let { state, event } = startCase(
        {
          caseId,
          aanmelding: aanmelding(i),
          actor: { id: 'u-cons-1', organisatie: 'wijkteam-noord', rol: 'consulent' },
        },
        at(0),
      );
      const all = [event];
      for (const [step, input, rol, organisatie] of steps.slice(0, i % (steps.length + 1))) {
        ({ state, event } = applyStep(
          state,
          { step, input, actor: { id: `u-${rol}`, organisatie, rol } } as never,
          at(all.length),
        ));
        all.push(event);
      }
      const s: CaseState = state;
      const aanZet =
        turnOf(s)
          .wachtOp.map((w) => w.rol)
          .join(',') || null;
      rows.push(Prisma.sql`(${s.caseId}, ${`case-${s.caseId}`}, ${s.status}, ${s.fase}, ${s.route}, ${s.aanmelding.deelgroep}, ${s.aanmelding.doelgroep}, ${s.aanmelding.gemeente},
        'wijkteam-noord', 'zorg-de-brug', 'woonstad', ${aanZet}, ${s.version}, ${JSON.stringify(s)}::jsonb, ${new Date(s.startedAt)}, ${new Date(s.updatedAt)})`);
      for (const e of all)
        events.push({
          caseId: e.caseId,
          seq: e.seq,
          step: e.step,
          faseBefore: e.faseBefore,
          faseAfter: e.faseAfter,
          at: new Date(e.at),
          actorId: e.actor.id,
          actorRole: e.actor.rol,
          organisatie: e.actor.organisatie,
          summary: e.summary as Prisma.InputJsonValue,
        });
    }
    await db.$executeRaw`INSERT INTO cases (id, workflow_id, status, fase, route, deelgroep, doelgroep, gemeente, wijkteam, zorginstelling, corporatie, aan_zet_rol, version, state, started_at, updated_at) VALUES ${Prisma.join(rows)}`;
    await db.caseEvent.createMany({ data: events });
  }
  console.log(`seeded ${CASES} cases in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const { jwksFile, privateFile } = await ensureLocalKeys(mkdtempSync(path.join(tmpdir(), 'bench-web-')));
  const connection = Connection.lazy(connectionOptionsFor(env));
  const client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE, dataConverter: dataConverterFor(env) });
  const app = buildApp({
    client,
    db,
    log: createLogger('bench-web', 'silent'),
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: 'bench-web',
    stepTimeoutMs: 10_000,
    auth: { issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE, jwksFile },
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const cookie = async (
    sub: string,
    org: string,
    role: 'consulent' | 'zorgmedewerker' | 'verhuurmedewerker' | 'manager',
  ) => `toewijzing_sessie=${await issueToken(privateFile, { sub, org, roles: [role] })}`;
  const sample =
    (await db.case.findFirst({ where: { fase: 'aanbod' }, select: { id: true } })) ??
    (await db.case.findFirstOrThrow({ select: { id: true } }));
  const pages: Array<[string, string, string]> = [
    ['mijn casussen (consulent)', '/app/casussen', await cookie('u-cons-1', 'wijkteam-noord', 'consulent')],
    [
      'mijn casussen, gefilterd',
      '/app/casussen?status=lopend&fase=zorg&doelgroep=vv',
      await cookie('u-cons-1', 'wijkteam-noord', 'consulent'),
    ],
    [
      'mijn casussen, laatste pagina',
      `/app/casussen?offset=${Math.max(0, CASES - 25)}`,
      await cookie('u-cons-1', 'wijkteam-noord', 'consulent'),
    ],
    ['nieuwe aanmelding', '/app/casussen/nieuw', await cookie('u-cons-1', 'wijkteam-noord', 'consulent')],
    ['inbox zorg', '/app/inbox', await cookie('u-zorg-1', 'zorg-de-brug', 'zorgmedewerker')],
    ['inbox verhuur', '/app/inbox', await cookie('u-verh-1', 'woonstad', 'verhuurmedewerker')],
    ['casuspagina', `/app/casussen/${sample.id}`, await cookie('u-verh-1', 'woonstad', 'verhuurmedewerker')],
    [
      'passende woningen',
      `/app/casussen/${sample.id}/woningen?uitgesloten=ja`,
      await cookie('u-verh-1', 'woonstad', 'verhuurmedewerker'),
    ],
    ['woningaanbod', '/app/woningen', await cookie('u-verh-1', 'woonstad', 'verhuurmedewerker')],
    ['dashboard (manager)', '/app/dashboard', await cookie('u-man-1', 'woonstad', 'manager')],
  ];
  console.log(`\npage render times with ${CASES} cases (median of ${RUNS}, ms; target < 1000)`);
  let worst = 0;
  for (const [name, url, c] of pages) {
    const times: number[] = [];
    let status = 0;
    for (let r = 0; r < RUNS; r++) {
      const t = performance.now();
      const res = await fetch(`${base}${url}`, { headers: { cookie: c }, redirect: 'manual' });
      await res.text();
      status = res.status;
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(RUNS / 2)]!;
    worst = Math.max(worst, median);
    console.log(
      `${name.padEnd(32)} ${String(status).padStart(4)} ${median.toFixed(0).padStart(6)} ms   (max ${times[RUNS - 1]!.toFixed(0)} ms)`,
    );
  }
  console.log(
    `\nslowest page: ${worst.toFixed(0)} ms ${worst < 1000 ? '(within the 1 s target)' : '(OVER the 1 s target)'}`,
  );
  server.close();
  await connection.close().catch(() => undefined);
  await db.$disconnect();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
