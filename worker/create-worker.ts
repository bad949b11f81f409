import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { caseSinks } from './case-sinks';
import { createActivities } from '../activities';
import type { Db } from '../prisma/client';
import type { Notifier } from '../activities/notifications';
import type { SharedEnv } from '../platform/env';
import { connectionOptionsFor, dataConverterFor } from '../platform/temporal';
import { referentieHasher } from '../platform/referentie-hash';
import type { Tracing } from '../platform/tracing';
import { workflowBundle } from './workflow-bundle';

export interface WorkerDeps {
  env: SharedEnv;
  db: Db;
  connection?: NativeConnection;
  /** Reminders and escalations; absent: they are recorded, not sent. */
  notifier?: Notifier | undefined;
  /** Workflows kept in memory; the SDK's default follows the machine's memory, which is no plan. */
  maxCachedWorkflows?: number | undefined;
  /** Workflow tasks taken at once; absent: the SDK's default. */
  maxConcurrentWorkflowTasks?: number | undefined;
  /** OpenTelemetry interceptors and the workflow span sink (platform/tracing.ts); absent: no tracing. */
  tracing?: Tracing | undefined;
  /**
   * The SDK's promise hook behind the `__stack_trace` query; off by default. It captures a stack trace for every
   * promise a workflow creates, 2–3 ms of CPU per step here (docs/performance.md, sdk-typescript#1587). Errors keep
   * their stacks either way.
   */
  workflowStackTraces?: boolean | undefined;
}

/** Builds the case worker; `worker/main.ts` runs it, tests run it in-process. */
export async function createCaseWorker({
  env,
  db,
  connection,
  notifier,
  maxCachedWorkflows,
  maxConcurrentWorkflowTasks,
  tracing,
  workflowStackTraces = false,
}: WorkerDeps) {
  // The only way in (patches/@temporalio+worker+*.patch): the workflow threads the SDK starts below copy the env.
  process.env.TEMPORAL_WORKFLOW_STACK_TRACES = workflowStackTraces ? 'on' : 'off';
  const conn = connection ?? (await NativeConnection.connect(connectionOptionsFor(env)));
  const worker = await Worker.create({
    connection: conn,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    ...workflowBundle,
    activities: createActivities({ db, notifier, referentieHash: referentieHasher(env) }),
    dataConverter: dataConverterFor(env),
    ...(maxCachedWorkflows === undefined ? {} : { maxCachedWorkflows }),
    ...(maxConcurrentWorkflowTasks === undefined
      ? {}
      : { maxConcurrentWorkflowTaskExecutions: maxConcurrentWorkflowTasks }),
    ...tracing?.workerOptions,
    sinks: { ...tracing?.workerOptions.sinks, ...caseSinks(db, reportSinkError) },
  });
  return { worker, connection: conn };
}

/** A handover that could not be written for /health: the workflow's own log line and metric still count it. */
function reportSinkError(err: unknown) {
  Runtime.instance().logger.warn('a local-activity handover could not be recorded for /health', {
    error: err instanceof Error ? err.message : String(err),
  });
}
