import type { WorkerOptions } from '@temporalio/worker';

/**
 * The workflow code and what the SDK preloads once per worker thread: the step validation,
 * shared by every cached case instead of built per case (workflows/shared-schemas.ts).
 */
export const workflowBundle = {
  workflowsPath: require.resolve('../workflows'),
  bundlerOptions: { preloadModules: [require.resolve('../workflows/shared-schemas')] },
} satisfies Pick<WorkerOptions, 'workflowsPath' | 'bundlerOptions'>;
