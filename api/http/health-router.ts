import { Router } from 'express';
import type { Client } from '@temporalio/client';
import type { Db } from '../../prisma/client';
import { leesmodelStoringen } from '../../prisma/leesmodel-storing-repository';
import { recenteOverdrachten } from '../../prisma/overdracht-repository';

export async function probe(fn: () => Promise<unknown>, timeoutMs: number) {
  const started = Date.now();
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref(),
      ),
    ]);
    return { ok: true, latencyMs: Date.now() - started };
  } catch (err) {
    const first = (err as Error).message?.split('\n')[0]?.slice(0, 200);
    return { ok: false, error: first || (err as NodeJS.ErrnoException).code || 'unreachable' };
  }
}

/** Reachability of the API itself, Temporal and the database; 503 when either dependency is down. */
export function healthRouter(client: Client, db: Db, namespace: string): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const [temporal, database, leesmodel, lokaleActiviteiten] = await Promise.all([
      probe(() => client.workflowService.describeNamespace({ namespace }), 3_000),
      probe(() => db.$queryRaw`SELECT 1`, 3_000),
      // Steps the read model refused for good: the cases move on, but their pages lag (see docs/limits-and-input.md).
      leesmodelStoringen(db).catch(() => undefined),
      // Local activities handed to the durable one (a database or woning write that kept failing): counts and times;
      // /health needs no token, so the case ids stay in the table and the worker's log.
      recenteOverdrachten(db).catch(() => undefined),
    ]);
    const ok = temporal.ok && database.ok;
    res.status(ok ? 200 : 503).json({
      status: ok ? 'ok' : 'degraded',
      api: 'ok',
      temporal,
      database,
      ...(leesmodel ? { leesmodel } : {}),
      ...(lokaleActiviteiten ? { lokaleActiviteiten } : {}),
    });
  });
  return router;
}
