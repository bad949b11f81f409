#!/usr/bin/env node
// Run a command with throwaway backing services (used by `npm test`):
//
//   node scripts/with-services.mjs <command> [args...]
//
// * DATABASE_URL unset    -> private PostgreSQL 15 cluster in a temp dir (fsync off) + prisma migrate deploy
//                            as the owner (MIGRATION_DATABASE_URL); DATABASE_URL is the application role
// * TEMPORAL_ADDRESS unset -> in-memory Temporal dev server on free ports
// * TEMPORAL_TEST_SERVER unset -> the cached time-skipping test server (fetched once; tests of timers use it)
// * TEMPORAL_NAMESPACE, PAYLOAD_KEYS default to `default` and a fresh random test key
//
// The command runs with stdio inherited and node_modules/.bin on PATH. Afterwards (also on
// SIGINT/SIGTERM) every service is stopped and we exit with the command's exit code.
// If a service cannot be started the command is NOT run and we exit 1.

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureTestServer } from './temporal-test-server.mjs';
import {
  APP_ROLE,
  REPO_ROOT,
  findFreePort,
  grantAppRole,
  migrate,
  redactUrl,
  startPostgres15,
  startTemporal,
  stopAll,
  withParentDeathSignal,
} from './services.mjs';

const log = (msg) => process.stderr.write(`[with-services] ${msg}\n`);

const argv = process.argv.slice(2);
if (argv.length === 0) {
  log('usage: node scripts/with-services.mjs <command> [args...]');
  process.exit(2);
}

const RUN_DIR_PREFIX = 'toewijzing-services-';

/** Remove run dirs of earlier runs that were killed before they could clean up. */
function sweepStaleRunDirs() {
  for (const name of fs.readdirSync(os.tmpdir())) {
    if (!name.startsWith(RUN_DIR_PREFIX)) continue;
    const dir = path.join(os.tmpdir(), name);
    try {
      if (!fs.existsSync(path.join(dir, 'pgdata'))) continue; // finished run whose logs were kept on purpose
      const owner = Number.parseInt(fs.readFileSync(path.join(dir, 'owner.pid'), 'utf8'), 10);
      try {
        process.kill(owner, 0);
        continue; // still running
      } catch (err) {
        if (err.code === 'EPERM') continue;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // not ours or already gone
    }
  }
}
sweepStaleRunDirs();

const runDir = fs.mkdtempSync(path.join(os.tmpdir(), RUN_DIR_PREFIX));
fs.chmodSync(runDir, 0o711); // the postgres user must be able to traverse into its data dir
fs.writeFileSync(path.join(runDir, 'owner.pid'), `${process.pid}\n`);
const env = { ...process.env };
let child = null;
let finishing = false;
let interrupted = null;
let interruptedAt = 0;

function cleanup(keepLogs) {
  try {
    if (keepLogs) {
      fs.rmSync(path.join(runDir, 'pgdata'), { recursive: true, force: true });
      log(`service logs kept in ${runDir}`);
    } else {
      fs.rmSync(runDir, { recursive: true, force: true });
    }
  } catch (err) {
    log(`could not clean up ${runDir}: ${err.message}`);
  }
}

async function finish(code) {
  if (finishing) return;
  finishing = true;
  await stopAll();
  cleanup(code !== 0 && !interrupted); // keep logs for failures, not for a deliberate interrupt
  process.exit(code);
}

function onSignal(signal) {
  const code = 128 + (os.constants.signals[/** @type {NodeJS.Signals} */ (signal)] ?? 1);
  if (child && child.exitCode === null && child.signalCode === null) {
    if (interrupted) {
      // The same signal often arrives twice (process-group kill + a forwarding npm); escalate only
      // on a deliberate repeat.
      if (Date.now() - interruptedAt > 2000) {
        log(`second ${signal}: killing ${argv[0]}`);
        child.kill('SIGKILL');
      }
    } else {
      interrupted = signal;
      interruptedAt = Date.now();
      child.kill(signal); // on a terminal Ctrl-C the child got SIGINT already; a repeat is harmless
    }
    return; // the child's exit handler stops the services
  }
  interrupted = signal;
  log(`${signal} received; stopping services`);
  void finish(code);
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
process.on('SIGHUP', onSignal);

async function startDatabase() {
  if (env.DATABASE_URL) {
    log(`DATABASE_URL already set (${redactUrl(env.DATABASE_URL)}); not starting PostgreSQL, not migrating`);
    return;
  }
  const pg = await startPostgres15({
    dataDir: path.join(runDir, 'pgdata'),
    port: await findFreePort(),
    logFile: path.join(runDir, 'postgres.log'),
    fsync: false,
  });
  log(`PostgreSQL 15 started: ${pg.url} (pid ${pg.pid}, log ${pg.logFile})`);
  // Migrations as the owner; the command connects as the application's role, which may only
  // insert and read the audit log (prisma/app-role.sql).
  await migrate(pg.url);
  env.MIGRATION_DATABASE_URL = pg.url;
  env.DATABASE_URL = await grantAppRole(pg.url);
  log(`DATABASE_URL is the application role ${APP_ROLE}; MIGRATION_DATABASE_URL the owner`);
}

async function startWorkflowServer() {
  if (env.TEMPORAL_ADDRESS) {
    log(`TEMPORAL_ADDRESS already set (${env.TEMPORAL_ADDRESS}); not starting Temporal`);
    return;
  }
  const temporal = await startTemporal({
    dbFile: null,
    port: await findFreePort(),
    uiPort: null,
    logFile: path.join(runDir, 'temporal.log'),
  });
  env.TEMPORAL_ADDRESS = temporal.address;
  log(
    `Temporal dev server (in-memory) started: ${temporal.address}, namespace ${temporal.namespace} (pid ${temporal.pid}, log ${temporal.logFile})`,
  );
}

async function locateTestServer() {
  env.TEMPORAL_TEST_SERVER = await ensureTestServer();
}

const results = await Promise.allSettled([startDatabase(), startWorkflowServer(), locateTestServer()]);
if (interrupted) await new Promise(() => {}); // finish() is already running and will exit
const failures = results.filter((r) => r.status === 'rejected');
if (failures.length > 0) {
  for (const f of failures) log(`failed to start services: ${f.reason?.message ?? f.reason}`);
  log(`not running \`${argv.join(' ')}\``);
  await finish(1);
}

env.TEMPORAL_NAMESPACE ||= 'default';
if (!env.PAYLOAD_KEYS) {
  env.PAYLOAD_KEYS = `test-${randomBytes(4).toString('hex')}:${randomBytes(32).toString('base64')}`;
  log('PAYLOAD_KEYS set to a fresh random test key');
}
env.PATH = [path.join(REPO_ROOT, 'node_modules', '.bin'), env.PATH].filter(Boolean).join(path.delimiter);

// If we are killed outright (SIGKILL) the command gets SIGTERM instead of running on without services.
const [cmd, cmdArgs] = withParentDeathSignal(argv[0], argv.slice(1), 'SIGTERM');
child = spawn(cmd, cmdArgs, { stdio: 'inherit', env });
child.once('error', (/** @type {NodeJS.ErrnoException} */ err) => {
  log(`could not run ${argv[0]}: ${err.message}`);
  void finish(err.code === 'ENOENT' ? 127 : 126);
});
child.once('exit', (code, signal) => {
  const status = code ?? 128 + (os.constants.signals[/** @type {NodeJS.Signals} */ (signal)] ?? 1);
  if (signal) log(`${argv[0]} was killed by ${signal}`);
  void finish(status);
});
