import { Client as PgClient } from 'pg';
import { registerOrganisationsSql } from '../../support/organisations';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { buildApps, type Build } from './build';
import { testAuth } from '../../support/tokens';

const RUN_DIR_PREFIX = 'toewijzing-faults-';

/** On Linux the controller gets SIGTERM when this (jest) process dies, even by SIGKILL. */
function withParentDeathSignal(command: string, args: string[]): [string, string[]] {
  for (const p of ['/usr/bin/setpriv', '/bin/setpriv']) {
    if (process.platform === 'linux' && fs.existsSync(p))
      return [p, ['--pdeathsig', 'SIGTERM', '--', command, ...args]];
  }
  return [command, args];
}

/** Run dirs of earlier runs whose controller is gone (killed before it could clean up). */
function sweepStaleRunDirs() {
  for (const name of fs.readdirSync(os.tmpdir())) {
    if (!name.startsWith(RUN_DIR_PREFIX)) continue;
    const dir = path.join(os.tmpdir(), name);
    try {
      if (!fs.existsSync(path.join(dir, 'pgdata'))) continue; // logs kept on purpose after a failure
      const owner = Number.parseInt(fs.readFileSync(path.join(dir, 'owner.pid'), 'utf8'), 10);
      try {
        process.kill(owner, 0);
        continue;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EPERM') continue;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // not ours
    }
  }
}

export interface AppSpec {
  name: string;
  kind: 'api' | 'worker';
}

/**
 * A private PostgreSQL 15 and Temporal dev server (persisted in a temp dir, so both can be stopped
 * and started again with their data), and API and worker processes, driven through the controller
 * in lab-controller.mjs. Also the environment the processes share, and the payload key the test's own
 * Temporal client needs.
 */
export class Lab {
  readonly runDir: string;
  readonly build: Build;
  readonly taskQueue = `faults-${randomUUID().slice(0, 8)}`;
  readonly payloadKeys = `faults-${randomBytes(4).toString('hex')}:${randomBytes(32).toString('base64')}`;
  databaseUrl = '';
  temporalAddress = '';
  readonly apiPorts = new Map<string, number>();
  private child: ChildProcess | null = null;
  private nextId = 1;
  private pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  private exited: Promise<void> = Promise.resolve();
  failed = false;
  private knownPids: number[] = [];

  constructor() {
    sweepStaleRunDirs();
    this.build = buildApps();
    this.runDir = fs.mkdtempSync(path.join(os.tmpdir(), RUN_DIR_PREFIX));
    fs.chmodSync(this.runDir, 0o711); // the postgres user must reach its data dir
  }

  async start(): Promise<void> {
    const logFile = path.join(this.runDir, 'lab.log');
    const out = fs.openSync(logFile, 'a');
    const [cmd, args] = withParentDeathSignal(process.execPath, [path.join(__dirname, 'lab-controller.mjs')]);
    const child = spawn(cmd, args, {
      stdio: ['ignore', out, out, 'ipc'],
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
    });
    fs.closeSync(out);
    this.child = child;
    fs.writeFileSync(path.join(this.runDir, 'owner.pid'), `${child.pid}\n`);
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.on('message', (msg: any) => {
      if (msg?.id === undefined) return;
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.result);
      else p.reject(new Error(msg.error));
    });
    child.once('exit', (code, signal) => {
      for (const p of this.pending.values()) p.reject(new Error(`fault lab controller exited (${signal ?? code})`));
      this.pending.clear();
    });
    await this.call('init', { runDir: this.runDir });
  }

  /** Sends a command to the controller; fails after timeoutMs rather than hanging. */
  call<T = any>(cmd: string, args: Record<string, unknown> = {}, timeoutMs = 180_000): Promise<T> {
    const child = this.child;
    if (!child?.connected) return Promise.reject(new Error(`fault lab controller is not running (${cmd})`));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`fault lab: ${cmd} did not answer within ${timeoutMs / 1000}s`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      child.send({ id, cmd, args });
    });
  }

  async startServices(): Promise<void> {
    const [pg, temporal] = await Promise.all([this.call('startPostgres'), this.call('startTemporal')]);
    this.databaseUrl = pg.url;
    this.temporalAddress = temporal.address;
    // The API refuses tokens of unregistered organisations: register the ones the journeys act for.
    const db = new PgClient({ connectionString: this.databaseUrl });
    await db.connect();
    try {
      await registerOrganisationsSql((sql, values) => db.query(sql, values));
    } finally {
      await db.end();
    }
  }

  startPostgres = () => this.call<{ ms: number }>('startPostgres');
  stopPostgres = () => this.call<{ ms: number }>('stopPostgres');
  startTemporal = () => this.call<{ ms: number }>('startTemporal');
  stopTemporal = () => this.call<{ ms: number }>('stopTemporal');

  /** What every API and worker process is configured with. */
  sharedEnv(): Record<string, string> {
    return {
      DATABASE_URL: this.databaseUrl,
      TEMPORAL_ADDRESS: this.temporalAddress,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: this.taskQueue,
      PAYLOAD_KEYS: this.payloadKeys,
    };
  }

  /** Starts an API process on a port of its own (the same port again on a restart). */
  async startApi(name: string, o: { stepTimeoutMs?: number } = {}): Promise<string> {
    const port = this.apiPorts.get(name) ?? (await freePort());
    this.apiPorts.set(name, port);
    await this.call('spawnApp', {
      name,
      entry: this.build.api,
      env: {
        ...this.sharedEnv(),
        PORT: String(port),
        STEP_TIMEOUT_MS: String(o.stepTimeoutMs ?? 5_000),
        DB_POOL_SIZE: '10',
        LOG_LEVEL: 'warn',
        AUTH_ISSUER: testAuth.issuer,
        AUTH_AUDIENCE: testAuth.audience,
        AUTH_JWKS_FILE: testAuth.jwksFile!,
      },
      readyPort: port,
    });
    return `http://127.0.0.1:${port}`;
  }

  /** Starts a worker process; ready once it logged that it polls. */
  async startWorker(name: string): Promise<{ ms: number }> {
    return this.call('spawnApp', {
      name,
      entry: this.build.worker,
      env: { ...this.sharedEnv(), LOG_LEVEL: 'info' },
      readyLog: '"msg":"worker started"',
    });
  }

  /** Starts the worker `name` unless it is running. */
  async ensureWorker(name: string): Promise<void> {
    const app = (await this.status()).apps[name];
    if (!app || app.exit) await this.startWorker(name);
  }

  killApp = (name: string, signal = 'SIGKILL') => this.call('killApp', { name, signal });
  status = () =>
    this.call<{
      apps: Record<string, { pid: number; exit: unknown }>;
      pg: number | null;
      temporal: number | null;
      lab: number;
      everPids: number[];
    }>('status');

  /** Processes of this lab still alive (call after stop()). */
  strays(): string[] {
    return strayProcesses(this.knownPids);
  }

  /** Stops everything; keeps the logs (not the data) when a test failed. Never throws. */
  async stop(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      try {
        if (child.connected) this.knownPids = [...(await this.status()).everPids, child.pid!];
      } catch {
        // the check below then covers the controller only
      }
      if (child.pid) this.knownPids.push(child.pid);
      try {
        if (child.connected) await this.call('shutdown', {}, 60_000);
      } catch (err) {
        process.stderr.write(`[faults] lab shutdown: ${(err as Error).message}\n`);
      }
      try {
        child.disconnect();
      } catch {
        // already
      }
      let timer: NodeJS.Timeout | undefined;
      const gone = await Promise.race([
        this.exited.then(() => true),
        new Promise<boolean>((r) => (timer = setTimeout(() => r(false), 20_000))),
      ]);
      clearTimeout(timer);
      if (!gone) child.kill('SIGKILL');
    }
    try {
      fs.rmSync(path.join(this.runDir, 'pgdata'), { recursive: true, force: true });
      fs.rmSync(path.join(this.runDir, 'temporal'), { recursive: true, force: true });
      if (this.failed) process.stderr.write(`[faults] logs kept in ${this.runDir}\n`);
      else fs.rmSync(this.runDir, { recursive: true, force: true });
    } catch {
      // best effort
    }
  }
}

/** Processes still alive that this lab started (their pid or process group): none after stop(). */
export function strayProcesses(pids: number[]): string[] {
  const known = new Set(pids);
  const r = spawnSync('ps', ['-eo', 'pid=,ppid=,pgid=,args='], { encoding: 'utf8' });
  return r.stdout
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => {
      const [pid, ppid, pgid] = l.split(/\s+/).map(Number);
      return l !== '' && (known.has(pid!) || known.has(ppid!) || known.has(pgid!));
    });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}
