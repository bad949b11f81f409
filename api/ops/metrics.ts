import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Db } from '../../prisma/client';

/**
 * The API's Prometheus metrics. Labels are route templates, methods, statuses, fasen and channels:
 * never a case id, a person, an organisation or a query string (a person's data must not reach a
 * time-series database that keeps everything).
 */
export interface ApiMetrics {
  registry: Registry;
  /** Records latency and status per route template. */
  http: RequestHandler;
}

/** Business figures are read-model counts; a scrape within this many ms reuses the last answer. */
const BUSINESS_CACHE_MS = 10_000;

export function createApiMetrics(db: Db, o: { businessCacheMs?: number } = {}): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15],
    registers: [registry],
  });
  const http: RequestHandler = (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      duration.observe(
        { method: req.method, route: routeTemplate(req), status: String(res.statusCode) },
        Number(process.hrtime.bigint() - started) / 1e9,
      );
    });
    next();
  };
  registerBusinessGauges(registry, db, o.businessCacheMs ?? BUSINESS_CACHE_MS);
  return { registry, http };
}

/** `/cases/:id/steps/:step` for a matched route (with its router's mount point), else `unmatched`. */
function routeTemplate(req: Parameters<RequestHandler>[0]): string {
  const path = req.route?.path;
  if (typeof path !== 'string') return 'unmatched';
  // Mount points are static today ('/app'); one with a parameter would carry its value, so it is dropped.
  const base = /^[/a-z_-]*$/i.test(req.baseUrl) ? req.baseUrl : '/:mount';
  return `${base}${path}` || '/';
}

interface BusinessCounts {
  open: Array<{ fase: string; n: number }>;
  overDeadline: Array<{ fase: string; n: number }>;
  signalen: Array<{ soort: string; kanaal: string; status: string; n: number }>;
  signalenOpenOud: Array<{ kanaal: string; n: number }>;
}

function registerBusinessGauges(registry: Registry, db: Db, cacheMs: number) {
  let cached: { at: number; counts: Promise<BusinessCounts> } | undefined;
  const counts = () => {
    if (!cached || Date.now() - cached.at >= cacheMs) {
      const at = Date.now();
      const next = { at, counts: readCounts(db) };
      next.counts.catch(() => {
        if (cached === next) cached = undefined; // a failed read is not cached
      });
      cached = next;
    }
    return cached.counts;
  };
  new Gauge({
    name: 'toewijzing_open_cases',
    help: 'Open (lopende) cases per fase',
    labelNames: ['fase'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of (await counts()).open) this.set({ fase: r.fase }, r.n);
    },
  });
  new Gauge({
    name: 'toewijzing_fase_over_deadline',
    help: 'Open fase periods whose escalation deadline has passed, per fase',
    labelNames: ['fase'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of (await counts()).overDeadline) this.set({ fase: r.fase }, r.n);
    },
  });
  new Gauge({
    name: 'toewijzing_signalen',
    help: 'Reminders and escalations per soort, channel and status (open = not delivered yet; verstuurd, geen_adres, niet_ingesteld)',
    labelNames: ['soort', 'kanaal', 'status'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of (await counts()).signalen) this.set({ soort: r.soort, kanaal: r.kanaal, status: r.status }, r.n);
    },
  });
  new Gauge({
    name: 'toewijzing_signalen_open_over_15m',
    help: 'Signal channels still open 15 minutes after the signal was raised: delivery keeps failing',
    labelNames: ['kanaal'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of (await counts()).signalenOpenOud) this.set({ kanaal: r.kanaal }, r.n);
    },
  });
}

/** Four aggregate queries on indexed columns (cases(status, fase), fase_periodes(ended_at, ...)). */
async function readCounts(db: Db): Promise<BusinessCounts> {
  const [open, overDeadline, signalen, signalenOpenOud] = await Promise.all([
    db.pool.query<{ fase: string; n: number }>(
      `SELECT fase, count(*)::int AS n FROM cases WHERE status = 'lopend' GROUP BY fase`,
    ),
    db.pool.query<{ fase: string; n: number }>(
      `SELECT fase, count(*)::int AS n FROM fase_periodes WHERE ended_at IS NULL AND deadline_at < now() GROUP BY fase`,
    ),
    db.pool.query<{ soort: string; kanaal: string; status: string; n: number }>(
      `SELECT soort, k.kanaal, k.status, count(*)::int AS n
         FROM case_signalen, LATERAL (VALUES ('email', email), ('webhook', webhook)) AS k(kanaal, status)
        GROUP BY 1, 2, 3`,
    ),
    db.pool.query<{ kanaal: string; n: number }>(
      `SELECT k.kanaal, count(*)::int AS n
         FROM case_signalen, LATERAL (VALUES ('email', email), ('webhook', webhook)) AS k(kanaal, status)
        WHERE k.status = 'open' AND created_at < now() - interval '15 minutes'
        GROUP BY 1`,
    ),
  ]);
  return {
    open: open.rows,
    overDeadline: overDeadline.rows,
    signalen: signalen.rows,
    signalenOpenOud: signalenOpenOud.rows,
  };
}
