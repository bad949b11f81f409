/**
 * Replays every stored history (test/replay/histories/*.json) against the
 * current workflow code: a change that would break a running case — a
 * different command sequence for events already recorded — fails here.
 * Needs no Temporal server, database or payload key: the histories hold plain
 * (decoded) payloads. Refresh or add histories with `npm run replay:capture`.
 */
import { DefaultLogger, Runtime, Worker, type ReplayResult, type ReplayWorkerOptions } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { ENCRYPTED_MARKER, historyToJSON, journeys, loadHistories, type StoredHistory } from './histories';
import { workflowBundle } from '../../worker/workflow-bundle';

// The same failure converter as the real worker (failure messages travel as encoded attributes).
const dataConverter = { failureConverterPath: require.resolve('../../workflows/failure-converter') };
const replayOptions = (workflowsPath: string): ReplayWorkerOptions => ({
  workflowsPath,
  // As the worker bundles it: the step validation preloaded once, shared by the replayed cases.
  bundlerOptions: workflowBundle.bundlerOptions,
  dataConverter,
  replayName: 'replay-test',
});

const stored = loadHistories();
const results = new Map<string, ReplayResult>();

beforeAll(async () => {
  try {
    // The negative check makes Core warn about the determinism error it expects.
    Runtime.install({
      logger: new DefaultLogger('WARN'),
      telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } },
    });
  } catch {
    // Installed already in this process.
  }
  // One worker, one workflow bundle for all histories; each keeps its file name as workflow id.
  const histories = stored.map((s) => ({ workflowId: s.file, history: s.history }));
  for await (const result of Worker.runReplayHistories(replayOptions(require.resolve('../../workflows')), histories)) {
    results.set(result.workflowId, result);
  }
}, 60_000);

test('every journey has at least one stored history', () => {
  const missing = Object.keys(journeys).filter((name) => !stored.some((s) => s.journey === name));
  expect(missing).toEqual([]);
  // A file for a journey that is not listed is probably a typo.
  expect(stored.filter((s) => !(s.journey in journeys)).map((s) => s.file)).toEqual([]);
});

test('the stored histories hold plain payloads only: no ciphertext, replayable without a key', () => {
  for (const s of stored) {
    const json = historyToJSON(s.history);
    expect({ file: s.file, encrypted: json.includes(ENCRYPTED_MARKER) }).toEqual({ file: s.file, encrypted: false });
  }
});

test.each(stored.map((s): [string, StoredHistory] => [s.file, s]))(
  '%s replays without a determinism error',
  (file, s) => {
    const steps = s.history.events?.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length ?? 0;
    expect(steps).toBeGreaterThan(0); // a real journey, not an empty file
    const result = results.get(file);
    expect(result).toBeDefined();
    expect(result?.error).toBeUndefined();
  },
);

test('a workflow change that alters the command sequence fails the replay (DeterminismViolationError)', async () => {
  const [history] = stored;
  const replay = Worker.runReplayHistory(
    replayOptions(require.resolve('./divergent-workflow')),
    history!.history,
    history!.file,
  );
  await expect(replay).rejects.toBeInstanceOf(DeterminismViolationError);
  await expect(replay).rejects.toThrow(/nondeterminism/i);
}, 60_000);
