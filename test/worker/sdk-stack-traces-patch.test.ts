import { spawnSync } from 'node:child_process';

// Our patch of the Temporal SDK (patches/@temporalio+worker+*.patch, applied by `npm install`'s postinstall):
// TEMPORAL_WORKFLOW_STACK_TRACES=off leaves out the promise hook that captures a stack trace per workflow promise.
// Checked in a fresh Node process, as the SDK's workflow thread sees it; jest's own process.env is a copy the SDK's
// threads never see. test/e2e/embedded-start.test.ts checks the built worker refusing the `__stack_trace` query.

function hookInstalled(setting: string | undefined): boolean {
  const env = { ...process.env };
  delete env.TEMPORAL_WORKFLOW_STACK_TRACES;
  if (setting !== undefined) env.TEMPORAL_WORKFLOW_STACK_TRACES = setting;
  const probe = `
    const { globalHandlers } = require('@temporalio/worker/lib/workflow/vm-shared');
    globalHandlers.install();
    process.stdout.write(JSON.stringify(globalHandlers.promiseHookInstalled));`;
  const r = spawnSync(process.execPath, ['-e', probe], { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`probe failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as boolean;
}

test('off: the SDK installs no promise hook (the patch is applied)', () => {
  expect(hookInstalled('off')).toBe(false);
});

test('unset or on: the SDK behaves as published', () => {
  expect(hookInstalled(undefined)).toBe(true);
  expect(hookInstalled('on')).toBe(true);
});
