/**
 * Workflow code reaches zod only through workflows/shared-schemas.ts, which the worker preloads once per
 * thread. Any other path (a static import of domain/notes, domain/schemas, domain/primitives...) makes
 * every cached case build zod and the step schemas again: 1.9 MB of RSS per cached workflow instead of
 * 0.2 MB (docs/performance.md). Cruised from the worker's workflowsPath, as the bundler follows it.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const repo = path.resolve(__dirname, '../..');
const depcruise = path.join(repo, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

/** Every module the workflow bundle loads from workflows/index.ts (type-only imports compile away), not following `exclude`. */
function reached(exclude?: string): string[] {
  const out = execFileSync(
    process.execPath,
    [
      depcruise,
      'workflows/index.ts',
      '--no-config',
      '--ts-config',
      'tsconfig.json',
      ...(exclude ? ['--exclude', exclude] : []),
      '--output-type',
      'json',
    ],
    { cwd: repo, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  return (JSON.parse(out) as { modules: Array<{ source: string }> }).modules.map((m) => m.source);
}

const isZod = (source: string) => /(^|\/)node_modules\/zod\//.test(source);

test('the workflow bundle reaches zod through the preloaded shared-schemas only', () => {
  // The check can fail: with the preloaded module followed, zod is there.
  expect(reached().filter(isZod).length).toBeGreaterThan(0);
  const withoutShared = reached('^workflows/shared-schemas\\.ts$');
  expect(withoutShared).toContain('workflows/case-workflow.ts');
  expect(
    withoutShared.filter((s) => isZod(s) || /^domain\/(schemas|notes|verdeling-schemas|primitives)\.ts$/.test(s)),
  ).toEqual([]);
});
