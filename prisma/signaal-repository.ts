import type { PoolClient } from 'pg';
import type { Db } from './client';
import type { KanaalUitkomst, TermijnSignaal } from '../domain/types';

/** A channel's state in case_signalen: `open` until it went out or was settled without sending. */
export type KanaalStatus = KanaalUitkomst | 'open';
export type Kanaal = 'email' | 'webhook';

export interface SignaalStore {
  /** Records the signal once (both channels open) and returns each channel's state. */
  ensure(signaal: TermijnSignaal): Promise<Record<Kanaal, KanaalStatus>>;
  /** Settles an open channel; a settled one is never changed again. */
  settle(signaal: Pick<TermijnSignaal, 'caseId' | 'key'>, kanaal: Kanaal, uitkomst: KanaalUitkomst): Promise<void>;
}

/** Advisory-lock namespace of case signals (the first key of pg_advisory_lock(int, int)). */
const LOCK_CLASS = 7301;

/**
 * Runs `fn` while holding a session advisory lock on the signal, on one pooled
 * connection that also does every read and write: two attempts of the same
 * signal (an activity retried while its first attempt still runs) never send
 * twice, and a crashed worker's lock ends with its connection.
 * Returns `{ busy: true }` when another attempt holds the lock.
 */
export async function withSignaal<T>(
  db: Db,
  signaal: Pick<TermijnSignaal, 'caseId' | 'key'>,
  fn: (store: SignaalStore) => Promise<T>,
): Promise<{ busy: true } | { busy: false; value: T }> {
  const client = await db.pool.connect();
  const lockKey = `${signaal.caseId}:${signaal.key}`;
  let broken: Error | undefined;
  try {
    const { rows } = await client
      .query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1::int, hashtext($2)) AS locked', [LOCK_CLASS, lockKey])
      .catch((err: Error) => {
        broken = err; // a connection that failed here is not given back to the pool
        throw err;
      });
    if (!rows[0]?.locked) return { busy: true };
    try {
      return { busy: false, value: await fn(storeOn(client)) };
    } finally {
      await client
        .query('SELECT pg_advisory_unlock($1::int, hashtext($2))', [LOCK_CLASS, lockKey])
        .catch((err: Error) => {
          broken = err; // destroy the connection below, which ends the lock too
        });
    }
  } finally {
    client.release(broken);
  }
}

function storeOn(client: PoolClient): SignaalStore {
  return {
    async ensure(s) {
      // Times as timestamptz converted to UTC, like Prisma stores them in TIMESTAMP(3) columns.
      await client.query(
        `INSERT INTO case_signalen (case_id, key, soort, fase, organisatie, due_at, at, email, webhook)
         VALUES ($1, $2, $3, $4, $5, ($6::timestamptz AT TIME ZONE 'UTC'), ($7::timestamptz AT TIME ZONE 'UTC'), 'open', 'open')
         ON CONFLICT (case_id, key) DO NOTHING`,
        [s.caseId, s.key, s.soort, s.fase, s.organisatie ?? null, s.dueAt, s.at],
      );
      const { rows } = await client.query<Record<Kanaal, KanaalStatus>>(
        'SELECT email, webhook FROM case_signalen WHERE case_id = $1 AND key = $2',
        [s.caseId, s.key],
      );
      if (!rows[0]) throw new Error('case signal row missing after insert');
      return rows[0];
    },
    async settle(s, kanaal, uitkomst) {
      const column = kanaal === 'email' ? 'email' : 'webhook';
      await client.query(
        `UPDATE case_signalen SET ${column} = $3 WHERE case_id = $1 AND key = $2 AND ${column} = 'open'`,
        [s.caseId, s.key, uitkomst],
      );
    },
  };
}
