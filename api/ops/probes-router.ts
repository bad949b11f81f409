import { Router } from 'express';
import type { Client } from '@temporalio/client';
import type { Db } from '../../prisma/client';
import { probe } from '../http/health-router';

/**
 * Probes for a supervisor (Kubernetes, systemd, a load balancer):
 * - /live: the process answers; restart it when this fails.
 * - /ready: the database and Temporal answer; send no traffic while this fails (503).
 * /health (health-router) stays the detailed dependency report for people.
 */
export function probesRouter(client: Client, db: Db, namespace: string): Router {
  const router = Router();
  router.get('/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/ready', async (_req, res) => {
    const [temporal, database] = await Promise.all([
      probe(() => client.workflowService.describeNamespace({ namespace }), 2_000),
      probe(() => db.pool.query('SELECT 1'), 2_000),
    ]);
    const ready = temporal.ok && database.ok;
    res
      .status(ready ? 200 : 503)
      .json({ status: ready ? 'ready' : 'not_ready', temporal: temporal.ok, database: database.ok });
  });
  return router;
}
