import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { transformFileSync } from '@swc/core';

/**
 * The API and the worker run as real child processes (`node <build>/api/server.js`,
 * `node <build>/worker/main.js`). They are built from the current sources by a transpile-only swc
 * pass (about a second; `npx tsc --noEmit` does the type-checking), into a directory under
 * node_modules/.cache so the children resolve the repo's node_modules, keyed by a hash of the
 * sources so every test file of one run reuses one build. The shared `dist/` is never touched.
 */
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const SOURCE_DIRS = ['domain', 'workflows', 'activities', 'api', 'prisma', 'worker', 'platform'];
const CACHE_DIR = path.join(REPO_ROOT, 'node_modules', '.cache', 'toewijzing-faults');

function sourceFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'migrations') walk(full);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
        out.push(full);
      }
    }
  };
  for (const d of SOURCE_DIRS) walk(path.join(REPO_ROOT, d));
  return out.sort();
}

export interface Build {
  dir: string;
  api: string;
  worker: string;
}

export function buildApps(): Build {
  const files = sourceFiles();
  const hash = createHash('sha256');
  for (const f of files) hash.update(path.relative(REPO_ROOT, f)).update('\0').update(fs.readFileSync(f)).update('\0');
  const dir = path.join(CACHE_DIR, `build-${hash.digest('hex').slice(0, 16)}`);
  const build = { dir, api: path.join(dir, 'api', 'server.js'), worker: path.join(dir, 'worker', 'main.js') };
  if (fs.existsSync(path.join(dir, 'complete'))) return build;

  fs.mkdirSync(CACHE_DIR, { recursive: true });
  // Older builds are of no use: keep the cache to one directory.
  for (const name of fs.readdirSync(CACHE_DIR)) {
    if (name.startsWith('build-') && path.join(CACHE_DIR, name) !== dir)
      fs.rmSync(path.join(CACHE_DIR, name), { recursive: true, force: true });
  }
  const tmp = `${dir}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  for (const file of files) {
    const rel = path.relative(REPO_ROOT, file);
    const out = path.join(tmp, rel.replace(/\.ts$/, '.js'));
    const { code } = transformFileSync(file, {
      swcrc: false,
      configFile: false,
      sourceMaps: false,
      jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
      module: { type: 'commonjs' },
    });
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, code);
  }
  fs.writeFileSync(path.join(tmp, 'complete'), `${new Date().toISOString()}\n`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(tmp, dir);
  return build;
}
