import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// scripts/*.mjs are ES modules: driven through a child node process, as npm start runs them.
function runEsm(source: string): string {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', source], {
    cwd: path.resolve(__dirname, '../..'),
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout;
}

test('service logs are readable by their owner only, and the banner shows the embedded database URL without its password', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'toewijzing-logs-'));
  const logFile = path.join(dir, 'logs', 'svc.log');
  const out = runEsm(`
    import { spawnService, redactUrl } from './scripts/services.mjs';
    const h = spawnService('probe', process.execPath, ['-e', 'console.log("hello")'], { logFile: ${JSON.stringify(logFile)} });
    await h.exited;
    console.log(redactUrl('postgresql://postgres:postgres@127.0.0.1:5433/postgres?sslmode=disable'));
    process.exit(0);
  `);
  expect(fs.statSync(logFile).mode & 0o777).toBe(0o600);
  expect(fs.statSync(path.dirname(logFile)).mode & 0o077).toBe(0);
  expect(fs.readFileSync(logFile, 'utf8')).toContain('hello');
  expect(out.trim()).toBe('postgresql://postgres:***@127.0.0.1:5433/postgres?sslmode=disable');
  const start = fs.readFileSync(path.resolve(__dirname, '../../scripts/start.mjs'), 'utf8');
  // Every Database line of the banner goes through redactUrl.
  const lines = start.split('\n').filter((l) => l.includes("['Database'"));
  expect(lines.length).toBeGreaterThan(0);
  for (const l of lines) expect(l).toContain('redactUrl(');
  fs.rmSync(dir, { recursive: true, force: true });
});
