#!/usr/bin/env node
// Creates a migration from the change in prisma/schema.prisma:
//
//   npm run db:migration -- <name>
//
// Each migration folder keeps a snapshot of the schema it produces (schema.prisma beside
// migration.sql). The new migration is the diff from the latest snapshot to prisma/schema.prisma;
// it is then applied, after all earlier ones, to a throwaway PostgreSQL 15 to prove it runs.
// Why not `prisma migrate dev` or `diff --from-migrations`: with the JS engine and the pg adapter
// their shadow database fails (it is dropped while still connected, and introspecting it trips on
// PostgreSQL's "char" type), and this way needs no shadow database at all.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, migrate, startPostgres15, stopAll } from './services.mjs';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]{3,60}$/.test(name)) {
  console.error('usage: npm run db:migration -- <name>   (lowercase letters, digits, underscores)');
  process.exit(2);
}

const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'toewijzing-migration-'));
fs.chmodSync(runDir, 0o711);
let exitCode = 0;
try {
  const pg = await startPostgres15({
    dataDir: path.join(runDir, 'pgdata'),
    logFile: path.join(runDir, 'postgres.log'),
    fsync: false,
  });
  const env = { ...process.env, DATABASE_URL: pg.url };
  const prisma = path.join(REPO_ROOT, 'node_modules', '.bin', 'prisma');
  const migrationsDir = path.join(REPO_ROOT, 'prisma', 'migrations');
  const latest = fs
    .readdirSync(migrationsDir)
    .filter((d) => fs.existsSync(path.join(migrationsDir, d, 'migration.sql')))
    .sort()
    .at(-1);
  const snapshot = latest && path.join(migrationsDir, latest, 'schema.prisma');
  if (snapshot && !fs.existsSync(snapshot))
    throw new Error(`prisma/migrations/${latest} has no schema.prisma snapshot`);
  const from = snapshot ? ['--from-schema-datamodel', snapshot] : ['--from-empty'];
  const diff = spawnSync(
    prisma,
    ['migrate', 'diff', ...from, '--to-schema-datamodel', 'prisma/schema.prisma', '--script'],
    {
      cwd: REPO_ROOT,
      env,
      encoding: 'utf8',
    },
  );
  if (diff.status !== 0) throw new Error(`prisma migrate diff failed:\n${diff.stderr}`);
  const sql = diff.stdout.trim();
  if (!sql || /^-- This is an empty migration\.?$/.test(sql)) {
    console.log('schema.prisma matches the migrations: nothing to write');
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    const dir = path.join(REPO_ROOT, 'prisma', 'migrations', `${stamp}_${name}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'migration.sql'), `${sql}\n`);
    fs.copyFileSync(path.join(REPO_ROOT, 'prisma', 'schema.prisma'), path.join(dir, 'schema.prisma'));
    await migrate(pg.url);
    console.log(`wrote ${path.relative(REPO_ROOT, dir)}/migration.sql and applied it to a fresh database`);
  }
} catch (err) {
  console.error(err.message ?? err);
  exitCode = 1;
} finally {
  await stopAll();
  fs.rmSync(runDir, { recursive: true, force: true });
}
process.exit(exitCode);
