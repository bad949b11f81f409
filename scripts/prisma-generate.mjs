// `prisma generate` needs no database, but Prisma 6.19 resolves env("DATABASE_URL")
// while reading the schema and, failing that, tries to download a native engine.
// A placeholder keeps generation offline; it is never connected to.
import { spawnSync } from 'node:child_process';

const env = { ...process.env };
env.DATABASE_URL ??= 'postgresql://placeholder@127.0.0.1:5432/placeholder';
const result = spawnSync('prisma', ['generate'], { stdio: 'inherit', env, shell: process.platform === 'win32' });
process.exit(result.status ?? 1);
