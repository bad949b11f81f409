import type { Logger } from '../../platform/logger';
import type { SessionStore } from './sessions';

/**
 * auth_sessions grows by one row per sign-in and per token seen: every API
 * process prunes it now and then (the DELETE is idempotent, so several processes
 * doing it is harmless). The timer never keeps the process alive.
 */
export function startSessionPruning(
  sessions: SessionStore,
  log: Logger,
  o: { everySeconds: number; graceSeconds: number },
): () => void {
  const run = () =>
    sessions.prune(o.graceSeconds).then(
      (n) => n && log.info({ deleted: n }, 'auth sessions pruned'),
      (err: unknown) => log.warn({ err: (err as Error).name }, 'auth sessions prune failed'),
    );
  const timer = setInterval(() => void run(), o.everySeconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
