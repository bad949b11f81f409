#!/usr/bin/env node
// Locate (or build once and cache) the Temporal CLI used for the local dev server.
//
// Resolution order:
//   1. $TEMPORAL_CLI (must exist and be executable)
//   2. `temporal` on $PATH
//   3. cached build at ${XDG_CACHE_HOME:-$HOME/.cache}/toewijzing/temporal-cli-1.5.1/temporal
//   4. build it there with `go install github.com/temporalio/cli/cmd/temporal@v1.5.1`
//      (later tags carry a `replace` directive that `go install pkg@version` rejects,
//      so stay on v1.5.1). Concurrent builds are serialised with a lock directory.
//
// CLI usage: `node scripts/temporal-cli.mjs` prints the resolved path on stdout.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const TEMPORAL_CLI_VERSION = 'v1.5.1';
const GO_PACKAGE = `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`;
const LOCK_STALE_MS = 60 * 60 * 1000; // a lock older than this with no live owner is stale
const WAIT_LOG_EVERY_MS = 30_000;

function log(msg) {
  process.stderr.write(`[temporal-cli] ${msg}\n`);
}

function isExecutable(p) {
  try {
    const st = fs.statSync(p);
    if (!st.isFile()) return false;
    fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Directory holding the cached CLI build. */
export function temporalCliCacheDir() {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'toewijzing', `temporal-cli-${TEMPORAL_CLI_VERSION.replace(/^v/, '')}`);
}

/** Find an executable named `name` on $PATH (like `command -v`). */
export function findOnPath(name) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

function pidAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Try to take the lock directory; returns true on success. Removes stale locks. */
function tryLock(lockDir) {
  try {
    fs.mkdirSync(lockDir);
    fs.writeFileSync(path.join(lockDir, 'owner'), `${process.pid}\n${os.hostname()}\n${new Date().toISOString()}\n`);
    return true;
  } catch (err) {
    if (err.code !== 'EEXIST') throw err;
  }
  // Lock exists: is its owner still alive?
  let ownerPid = NaN;
  let ownerHost = '';
  try {
    const [pidLine, host] = fs.readFileSync(path.join(lockDir, 'owner'), 'utf8').split('\n');
    ownerPid = Number.parseInt(pidLine, 10);
    ownerHost = host || '';
  } catch {
    // owner file not written yet (race with a process that just created the dir)
  }
  let ageMs;
  try {
    ageMs = Date.now() - fs.statSync(lockDir).mtimeMs;
  } catch {
    return false; // vanished meanwhile; caller retries
  }
  const ownerGone = Number.isInteger(ownerPid) && ownerHost === os.hostname() && !pidAlive(ownerPid);
  const noOwnerForLong = !Number.isInteger(ownerPid) && ageMs > 60_000;
  if (ownerGone || noOwnerForLong || ageMs > LOCK_STALE_MS) {
    log(`removing stale build lock ${lockDir}`);
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
  return false;
}

function runGoInstall(goBin, gobinDir) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(goBin, ['install', GO_PACKAGE], {
      env: { ...process.env, GOBIN: gobinDir },
      stdio: ['ignore', process.stderr, process.stderr],
    });
    const timer = setInterval(() => {
      log(`still building (${Math.round((Date.now() - started) / 1000)}s elapsed)...`);
    }, WAIT_LOG_EVERY_MS);
    child.on('error', (err) => {
      clearInterval(timer);
      reject(err);
    });
    child.on('exit', (code, signal) => {
      clearInterval(timer);
      if (code === 0) resolve(Date.now() - started);
      else reject(new Error(`go install ${GO_PACKAGE} failed (${signal ? `signal ${signal}` : `exit code ${code}`})`));
    });
  });
}

async function buildCached(cacheDir, target) {
  const goBin = findOnPath('go') || (isExecutable('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : null);
  fs.mkdirSync(path.dirname(cacheDir), { recursive: true });
  const lockDir = `${cacheDir}.lock`;
  let lastWaitLog = 0;
  for (;;) {
    if (isExecutable(target)) return target; // someone else finished the build
    if (tryLock(lockDir)) break;
    if (Date.now() - lastWaitLog > WAIT_LOG_EVERY_MS) {
      log(`another process is building the Temporal CLI (lock ${lockDir}); waiting...`);
      lastWaitLog = Date.now();
    }
    await sleep(2000);
  }
  try {
    if (isExecutable(target)) return target;
    if (!goBin) {
      throw new Error(
        `Temporal CLI not found: TEMPORAL_CLI is unset, no \`temporal\` on PATH, no cached build at ${target}, ` +
          `and no \`go\` toolchain to build it. Install Go (>= 1.23) or the Temporal CLI ${TEMPORAL_CLI_VERSION}, ` +
          'or point TEMPORAL_CLI at a temporal binary.',
      );
    }
    // Build into a private temp dir, then rename into place atomically so that
    // nobody ever sees a half-written binary at `target`.
    fs.mkdirSync(cacheDir, { recursive: true });
    const tmpBin = fs.mkdtempSync(path.join(path.dirname(cacheDir), '.build-'));
    try {
      log(
        `building Temporal CLI ${TEMPORAL_CLI_VERSION} with \`go install ${GO_PACKAGE}\` (takes several minutes on first run)...`,
      );
      const ms = await runGoInstall(goBin, tmpBin);
      fs.renameSync(path.join(tmpBin, 'temporal'), target);
      log(`built ${target} in ${Math.round(ms / 1000)}s`);
    } finally {
      fs.rmSync(tmpBin, { recursive: true, force: true });
    }
    return target;
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

/**
 * Resolve the path of a Temporal CLI binary, building and caching v1.5.1 if necessary.
 * @returns {Promise<string>} absolute path of the `temporal` executable
 */
export async function resolveTemporalCli() {
  const fromEnv = process.env.TEMPORAL_CLI;
  if (fromEnv) {
    const p = path.resolve(fromEnv);
    if (!fs.existsSync(p)) throw new Error(`TEMPORAL_CLI is set to ${fromEnv}, but that file does not exist`);
    if (!isExecutable(p)) throw new Error(`TEMPORAL_CLI is set to ${fromEnv}, but that is not an executable file`);
    return p;
  }
  const onPath = findOnPath('temporal');
  if (onPath) return onPath;
  const cacheDir = temporalCliCacheDir();
  const target = path.join(cacheDir, 'temporal');
  if (isExecutable(target)) return target;
  return buildCached(cacheDir, target);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  resolveTemporalCli().then(
    (p) => process.stdout.write(`${p}\n`),
    (err) => {
      process.stderr.write(`[temporal-cli] error: ${err.message}\n`);
      process.exit(1);
    },
  );
}
