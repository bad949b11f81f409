import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import type { Db } from '../../prisma/client';

/**
 * express-rate-limit's counters in our PostgreSQL (table rate_limit_hits, a Prisma migration),
 * so every API process counts against the same limit. One fixed window per key, moved on by a
 * single upsert. (@acpr/rate-limit-postgresql runs its own migrations at runtime with its own
 * pool, which needs DDL rights at run time: not on a database whose schema Prisma owns.)
 */
export class PostgresRateLimitStore implements Store {
  readonly localKeys = false;
  private windowMs = 60_000;
  private lastSweep = 0;

  constructor(
    private readonly db: Db,
    readonly prefix: string,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  private key(key: string) {
    return `${this.prefix}:${key}`;
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const { rows } = await this.db.pool.query<{ hits: number; reset_at: Date }>(
      'SELECT hits, reset_at FROM rate_limit_hits WHERE key = $1 AND reset_at > now()',
      [this.key(key)],
    );
    const row = rows[0];
    return row ? { totalHits: row.hits, resetTime: row.reset_at } : undefined;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const { rows } = await this.db.pool.query<{ hits: number; reset_at: Date }>(
      `INSERT INTO rate_limit_hits (key, hits, reset_at) VALUES ($1, 1, now() + $2 * interval '1 millisecond')
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN rate_limit_hits.reset_at <= now() THEN 1 ELSE rate_limit_hits.hits + 1 END,
         reset_at = CASE WHEN rate_limit_hits.reset_at <= now() THEN EXCLUDED.reset_at ELSE rate_limit_hits.reset_at END
       RETURNING hits, reset_at`,
      [this.key(key), this.windowMs],
    );
    this.sweep();
    return { totalHits: rows[0]!.hits, resetTime: rows[0]!.reset_at };
  }

  async decrement(key: string): Promise<void> {
    await this.db.pool.query(
      'UPDATE rate_limit_hits SET hits = GREATEST(hits - 1, 0) WHERE key = $1 AND reset_at > now()',
      [this.key(key)],
    );
  }

  async resetKey(key: string): Promise<void> {
    await this.db.pool.query('DELETE FROM rate_limit_hits WHERE key = $1', [this.key(key)]);
  }

  /** Expired windows are removed now and then, by whichever process gets there. */
  private sweep() {
    if (Date.now() - this.lastSweep < 60_000) return;
    this.lastSweep = Date.now();
    void this.db.pool
      .query("DELETE FROM rate_limit_hits WHERE reset_at < now() - interval '1 hour'")
      .catch(() => undefined);
  }
}
