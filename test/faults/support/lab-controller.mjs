// The fault lab's process controller (ESM, run by plain Node, not by jest).
//
// The fault tests need services they can stop and start again, and the API and the worker as real
// processes they can kill. scripts/services.mjs is ESM, which jest (CommonJS) cannot load, so the
// tests run this controller as a child with an IPC channel (test/faults/support/lab.ts) and send it
// commands: { id, cmd, args } -> { id, ok, result | error }.
//
// Every process it starts is a process group of its own (spawnService), started with a parent-death
// signal, and stopped by `shutdown`, by the IPC channel closing (the test process died) or by
// SIGTERM/SIGINT: nothing outlives the test run.

import fs from 'node:fs';
import path from 'node:path';
import {
  migrate,
  findFreePort,
  spawnService,
  startPostgres15,
  startTemporal,
  stopAll,
  tcpReachable,
  terminate,
  logTail,
} from '../../../scripts/services.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const state = {
  runDir: null,
  pg: null,
  pgPort: null,
  migrated: false,
  temporal: null,
  temporalPort: null,
  apps: new Map(), // name -> handle (spawnService)
  /** Every process group this controller started, for the test's stray-process check. */
  everPids: [],
};

const logDir = () => path.join(state.runDir, 'logs');

/** Waits until `pattern` appears in logFile after byte `from`; fails when the process exits first. */
async function waitForLog(handle, from, pattern, timeoutMs) {
  const re = new RegExp(pattern);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const info = handle.exitInfo();
    if (info)
      throw new Error(
        `${handle.name} exited before it was ready (${info.signal ?? `code ${info.code}`})\n${logTail(handle.logFile, 20)}`,
      );
    const text = fs.readFileSync(handle.logFile, 'utf8');
    if (re.test(text.slice(from))) return;
    if (Date.now() > deadline)
      throw new Error(
        `${handle.name} not ready (/${pattern}/) within ${timeoutMs / 1000}s\n${logTail(handle.logFile, 20)}`,
      );
    await sleep(200);
  }
}

const commands = {
  async init({ runDir }) {
    state.runDir = runDir;
    fs.mkdirSync(logDir(), { recursive: true });
    return { pid: process.pid };
  },

  /** PostgreSQL 15 on the same port and data directory every time; migrations on the first start. */
  async startPostgres() {
    if (state.pg) throw new Error('postgres is running');
    state.pgPort ??= await findFreePort();
    const started = Date.now();
    state.pg = await startPostgres15({
      dataDir: path.join(state.runDir, 'pgdata'),
      port: state.pgPort,
      logFile: path.join(logDir(), 'postgres.log'),
      fsync: false,
    });
    state.everPids.push(state.pg.pid);
    if (!state.migrated) {
      await migrate(state.pg.url);
      state.migrated = true;
    }
    return { url: state.pg.url, ms: Date.now() - started };
  },

  async stopPostgres() {
    if (!state.pg) throw new Error('postgres is not running');
    const started = Date.now();
    await state.pg.stop();
    state.pg = null;
    return { ms: Date.now() - started };
  },

  /** The Temporal dev server on the same port and --db-filename every time, so a restart keeps its state. */
  async startTemporal() {
    if (state.temporal) throw new Error('temporal is running');
    state.temporalPort ??= await findFreePort();
    const started = Date.now();
    state.temporal = await startTemporal({
      dbFile: path.join(state.runDir, 'temporal', 'temporal.db'),
      port: state.temporalPort,
      logFile: path.join(logDir(), 'temporal.log'),
    });
    state.everPids.push(state.temporal.pid);
    return { address: state.temporal.address, ms: Date.now() - started };
  },

  async stopTemporal() {
    if (!state.temporal) throw new Error('temporal is not running');
    const started = Date.now();
    await state.temporal.stop();
    state.temporal = null;
    return { ms: Date.now() - started };
  },

  /**
   * Starts `node <entry>` as `name` with exactly `env` (plus PATH/HOME), output to logs/<name>.log.
   * Ready when `readyLog` matches its new log output, or when `readyPort` accepts connections.
   */
  async spawnApp({ name, entry, env, readyLog, readyPort, timeoutMs = 90_000 }) {
    const old = state.apps.get(name);
    if (old && !old.exitInfo()) throw new Error(`${name} is running (pid ${old.pid})`);
    const logFile = path.join(logDir(), `${name}.log`);
    const from = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
    const started = Date.now();
    const handle = spawnService(name, process.execPath, [entry], {
      logFile,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
      exitSignal: 'SIGTERM',
    });
    state.apps.set(name, handle);
    state.everPids.push(handle.pid);
    if (readyLog) await waitForLog(handle, from, readyLog, timeoutMs);
    if (readyPort) {
      const deadline = Date.now() + timeoutMs;
      while (!(await tcpReachable('127.0.0.1', readyPort))) {
        const info = handle.exitInfo();
        if (info)
          throw new Error(
            `${name} exited before it listened (${info.signal ?? `code ${info.code}`})\n${logTail(logFile, 20)}`,
          );
        if (Date.now() > deadline)
          throw new Error(`${name} not listening on ${readyPort} within ${timeoutMs / 1000}s\n${logTail(logFile, 20)}`);
        await sleep(100);
      }
    }
    return { pid: handle.pid, ms: Date.now() - started };
  },

  /** Sends `signal` to the app's process group and waits for it to exit (SIGKILL after timeoutMs). */
  async killApp({ name, signal = 'SIGKILL', timeoutMs = 15_000 }) {
    const handle = state.apps.get(name);
    if (!handle) throw new Error(`no app ${name}`);
    const r = await terminate(handle, { signal, timeoutMs });
    return { code: r.code, signal: r.signal };
  },

  /** pid and exit state of every app, and pids of the services (for the stray-process check). */
  async status() {
    const apps = Object.fromEntries([...state.apps].map(([n, h]) => [n, { pid: h.pid, exit: h.exitInfo() }]));
    return {
      apps,
      pg: state.pg?.pid ?? null,
      temporal: state.temporal?.pid ?? null,
      lab: process.pid,
      everPids: state.everPids,
    };
  },

  async shutdown() {
    await stopEverything();
    return {};
  },
};

let stopping = null;
function stopEverything() {
  stopping ??= (async () => {
    await Promise.all(
      [...state.apps.values()].map((h) => terminate(h, { signal: 'SIGTERM', timeoutMs: 10_000 }).catch(() => {})),
    );
    await stopAll();
  })();
  return stopping;
}

process.on(
  'message',
  (msg) =>
    void (async () => {
      const { id, cmd, args } = msg ?? {};
      try {
        if (!commands[cmd]) throw new Error(`unknown command ${cmd}`);
        const result = await commands[cmd](args ?? {});
        process.send?.({ id, ok: true, result });
      } catch (err) {
        process.send?.({ id, ok: false, error: err?.message ?? String(err) });
      }
    })(),
);

// The test process went away (it finished, crashed or was killed): stop everything and leave.
process.on('disconnect', () => void stopEverything().finally(() => process.exit(0)));
for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP'])
  process.on(sig, () => void stopEverything().finally(() => process.exit(0)));
process.send?.({ ready: true });
