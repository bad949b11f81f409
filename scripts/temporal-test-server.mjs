#!/usr/bin/env node
// Locate (or fetch once and cache) Temporal's time-skipping test server, for tests of timers.
//
// The TS SDK would download a native build, which this machine cannot reach; the same server
// is published on Maven Central (io.temporal:temporal-test-server) and runs on the local JDK.
// It is fetched with Maven into ${XDG_CACHE_HOME:-$HOME/.cache}/toewijzing/temporal-test-server-<v>/
// next to a small launcher the SDK runs as `<launcher> <port>`. The SDK gives the server 5 s to
// listen, which a cold JVM on a busy 2-core machine can miss, so a class-data-sharing archive
// made once at fetch time brings start-up under a second.
//
// CLI usage: `node scripts/temporal-test-server.mjs` prints the launcher's path on stdout.

import { spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const TEST_SERVER_VERSION = '1.38.0';

export function testServerDir() {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'toewijzing', `temporal-test-server-${TEST_SERVER_VERSION}`);
}

const POM = `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.toewijzing</groupId><artifactId>temporal-test-server-fetch</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>io.temporal</groupId><artifactId>temporal-test-server</artifactId><version>${TEST_SERVER_VERSION}</version></dependency>
  </dependencies>
</project>
`;

const JVM_FLAGS = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];

const canConnect = (port) =>
  new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/** Runs the server once with -XX:ArchiveClassesAtExit so later starts load classes from the archive. */
async function buildClassArchive(dir) {
  const archive = path.join(dir, 'classes.jsa');
  const port = 20000 + Math.floor(Math.random() * 20000);
  const java = spawn(
    'java',
    [
      `-XX:ArchiveClassesAtExit=${archive}.tmp`,
      ...JVM_FLAGS,
      '-cp',
      `${path.join(dir, 'lib')}/*`,
      'io.temporal.testserver.TestServer',
      String(port),
    ],
    {
      stdio: 'ignore',
    },
  );
  const exited = new Promise((resolve) => java.once('exit', resolve));
  const until = Date.now() + 120_000;
  while (!(await canConnect(port)) && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
  java.kill('SIGTERM');
  await exited;
  if (fs.existsSync(`${archive}.tmp`)) fs.renameSync(`${archive}.tmp`, archive);
  return fs.existsSync(archive) ? archive : null;
}

/** The launcher's path, fetching the server first if it is not cached. Throws with the reason when it cannot. */
export async function ensureTestServer() {
  if (process.env.TEMPORAL_TEST_SERVER) return process.env.TEMPORAL_TEST_SERVER;
  const dir = testServerDir();
  const launcher = path.join(dir, 'temporal-test-server');
  if (fs.existsSync(launcher)) return launcher;
  fs.mkdirSync(dir, { recursive: true });
  const work = fs.mkdtempSync(path.join(dir, 'fetch-'));
  try {
    fs.writeFileSync(path.join(work, 'pom.xml'), POM);
    process.stderr.write(
      `[temporal-test-server] fetching io.temporal:temporal-test-server:${TEST_SERVER_VERSION} with Maven\n`,
    );
    const mvn = spawnSync(
      'mvn',
      ['-q', '-B', 'dependency:copy-dependencies', `-DoutputDirectory=${path.join(work, 'lib')}`],
      {
        cwd: work,
        stdio: ['ignore', 'pipe', 'pipe'],
        encoding: 'utf8',
      },
    );
    if (mvn.status !== 0)
      throw new Error(`mvn failed (${mvn.error?.message ?? mvn.status}): ${(mvn.stdout + mvn.stderr).slice(-2000)}`);
    fs.rmSync(path.join(dir, 'lib'), { recursive: true, force: true });
    fs.renameSync(path.join(work, 'lib'), path.join(dir, 'lib'));
    const archive = await buildClassArchive(dir);
    const flags = [...(archive ? [`-XX:SharedArchiveFile=${archive}`] : []), ...JVM_FLAGS].join(' ');
    const script = `#!/bin/sh\n# Launched by @temporalio/testing as: temporal-test-server <port>\nexec java ${flags} -cp "${path.join(dir, 'lib')}/*" io.temporal.testserver.TestServer "$@"\n`;
    fs.writeFileSync(`${launcher}.tmp`, script, { mode: 0o755 });
    fs.renameSync(`${launcher}.tmp`, launcher);
    return launcher;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${await ensureTestServer()}\n`);
}
