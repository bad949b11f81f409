/**
 * The dependency rules (.dependency-cruiser.cjs) catch what they are meant to: a small tree in a temp dir,
 * laid out like the repository, with one wrong import per rule and the imports the rules must allow,
 * cruised with the repository's own configuration.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const repo = path.resolve(__dirname, '../..');
const depcruise = path.join(repo, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

const files: Record<string, string> = {
  'domain/types.ts': 'export type Fase = string;\n',
  'domain/bad.ts': "import { db } from '../prisma/client';\nexport const x = db;\n",
  'prisma/client.ts': 'export const db = 1;\n',
  'prisma/bad.ts': "import { log } from '../platform/logger';\nexport const y = log;\n",
  'platform/logger.ts': "import type { Fase } from '../domain/types';\nexport const log: Fase = 'x';\n",
  'platform/bad.ts': "import { db } from '../prisma/client';\nexport const z = db;\n",
  'activities/index.ts':
    "import { db } from '../prisma/client';\nimport { log } from '../platform/logger';\nexport const createActivities = () => [db, log];\n",
  'activities/bad.ts': "import { router } from '../api/cases/cases-router';\nexport const a = router;\n",
  // Allowed: the activities as a type. Forbidden: their code, and prisma.
  'workflows/case-workflow.ts':
    "import type { createActivities } from '../activities';\nexport type A = typeof createActivities;\nexport const wf = 1;\n",
  'workflows/bad-value.ts': "import { createActivities } from '../activities';\nexport const b = createActivities;\n",
  'workflows/bad-prisma.ts': "import { db } from '../prisma/client';\nexport const c = db;\n",
  'workflows/messages.ts': "export const stepUpdate = 'step';\n",
  'workflows/failure-converter.ts': 'export const converter = 1;\n',
  // Allowed: messages, the failure converter and the workflow as a type. Forbidden: the workflow's code.
  'api/cases/cases-router.ts': [
    "import { stepUpdate } from '../../workflows/messages';",
    "import { converter } from '../../workflows/failure-converter';",
    "import type { wf } from '../../workflows/case-workflow';",
    "import { db } from '../../prisma/client';",
    'export type W = typeof wf;',
    'export const router = [stepUpdate, converter, db];',
    '',
  ].join('\n'),
  'api/cases/bad-workflow.ts': "import { wf } from '../../workflows/case-workflow';\nexport const d = wf;\n",
  'api/cases/bad-activity.ts':
    "import { createActivities } from '../../activities';\nexport const e = createActivities;\n",
  'api/web/page.ts': "import { router } from '../cases/cases-router';\nexport const f = router;\n",
  'api/web/a.ts': "import { g } from './b';\nexport const h = g;\n",
  'api/web/b.ts': "import type { h } from './a';\nexport const g = 1;\nexport type H = typeof h;\n",
  'api/cases/bad-web.ts': "import { f } from '../web/page';\nexport const i = f;\n",
  'worker/main.ts':
    "import { createActivities } from '../activities';\nimport { wf } from '../workflows/case-workflow';\nexport const w = [createActivities, wf];\n",
  'worker/bad.ts': "import { router } from '../api/cases/cases-router';\nexport const j = router;\n",
};

/** [rule, from, to] each wrong import must raise, and nothing else. */
const expected: [string, string, string][] = [
  ['domain-is-pure', 'domain/bad.ts', 'prisma/client.ts'],
  ['prisma-only-domain', 'prisma/bad.ts', 'platform/logger.ts'],
  ['platform-at-most-domain', 'platform/bad.ts', 'prisma/client.ts'],
  ['activities-below-api', 'activities/bad.ts', 'api/cases/cases-router.ts'],
  ['workflows-activities-type-only', 'workflows/bad-value.ts', 'activities/index.ts'],
  ['workflows-only-domain', 'workflows/bad-prisma.ts', 'prisma/client.ts'],
  ['api-workflow-function-type-only', 'api/cases/bad-workflow.ts', 'workflows/case-workflow.ts'],
  ['api-no-activities-or-worker', 'api/cases/bad-activity.ts', 'activities/index.ts'],
  ['web-not-json-routers', 'api/web/page.ts', 'api/cases/cases-router.ts'],
  ['no-one-imports-web', 'api/cases/bad-web.ts', 'api/web/page.ts'],
  ['worker-not-api', 'worker/bad.ts', 'api/cases/cases-router.ts'],
];

let dir: string;
let violations: Violation[];

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'depcruise-rules-'));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  fs.writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'node16', strict: true } }),
  );
  let out: string;
  try {
    out = execFileSync(
      process.execPath,
      [
        depcruise,
        '--config',
        path.join(repo, '.dependency-cruiser.cjs'),
        '--output-type',
        'json',
        'domain',
        'prisma',
        'platform',
        'activities',
        'workflows',
        'api',
        'worker',
      ],
      { cwd: dir, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
    );
  } catch (err) {
    // depcruise exits non-zero when it finds errors; the JSON is still on stdout.
    out = (err as { stdout: string }).stdout;
  }
  violations = JSON.parse(out).summary.violations;
}, 60_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test.each(expected)('%s: %s -> %s is refused', (rule, from, to) => {
  expect(violations).toContainEqual(
    expect.objectContaining({ from, to, rule: expect.objectContaining({ name: rule }) }),
  );
});

test('a cycle is refused, also when one side imports only a type', () => {
  // dependency-cruiser reports a cycle once, from one of its members.
  const cycles = violations
    .filter((v) => v.rule.name === 'no-circular')
    .map((v) => [v.from, v.to].sort().join(' <-> '));
  expect(cycles).toEqual(['api/web/a.ts <-> api/web/b.ts']);
});

test('the allowed imports raise nothing: only the wrong ones and the cycle are reported', () => {
  const reported = violations
    .filter((v) => v.rule.name !== 'no-circular')
    .map((v) => `${v.rule.name} ${v.from} -> ${v.to}`);
  expect(reported.sort()).toEqual(expected.map(([rule, from, to]) => `${rule} ${from} -> ${to}`).sort());
});

test('no violation is waived: the baseline of known violations is empty', () => {
  const known: Violation[] = JSON.parse(
    fs.readFileSync(path.join(repo, '.dependency-cruiser-known-violations.json'), 'utf8'),
  );
  expect(known.map((v) => `${v.rule.name} ${v.from} -> ${v.to}`)).toEqual([]);
});
