import type { Db } from './client';

export interface StoredResponse {
  status: number;
  body: unknown;
}

export type Claim =
  | { kind: 'new'; caseId: string | null }
  | { kind: 'pending'; caseId: string | null; fingerprint: string }
  | { kind: 'done'; fingerprint: string; response: StoredResponse };

interface ClaimRow {
  inserted: boolean;
  case_id: string | null;
  fingerprint: string;
  status: string;
  response_status: number | null;
  response_body: unknown;
}

/**
 * Every keyed request claims and completes its key: the hot path of a step, so through `pg`
 * (as the read-model write, prisma/leesmodel-write-repository.ts), one statement each.
 * The claim inserts, or on conflict reads the record, in one round trip.
 */
const CLAIM = `
WITH ins AS (
  INSERT INTO idempotency_records (organisatie, key, fingerprint, status, case_id)
  VALUES ($1, $2, $3, 'pending', $4)
  ON CONFLICT (organisatie, key) DO NOTHING
  RETURNING case_id, fingerprint, status
)
SELECT true AS inserted, case_id, fingerprint, status, NULL::int AS response_status, NULL::jsonb AS response_body FROM ins
UNION ALL
SELECT false, r.case_id, r.fingerprint, r.status, r.response_status, r.response_body
  FROM idempotency_records r
 WHERE r.organisatie = $1 AND r.key = $2 AND NOT EXISTS (SELECT 1 FROM ins)`;

const FIND = `SELECT false AS inserted, case_id, fingerprint, status, response_status, response_body
  FROM idempotency_records WHERE organisatie = $1 AND key = $2`;

function claimOf(row: ClaimRow): Claim {
  if (row.inserted) return { kind: 'new', caseId: row.case_id };
  if (row.status === 'done') {
    return {
      kind: 'done',
      fingerprint: row.fingerprint,
      response: { status: row.response_status ?? 200, body: row.response_body },
    };
  }
  return { kind: 'pending', caseId: row.case_id, fingerprint: row.fingerprint };
}

/**
 * Claims an idempotency key. The first request inserts a pending record (with
 * the case id it will create, if any); a repeat finds that record, so a
 * retry after a crash reuses the same case id and update id. Keys belong to the
 * caller's organisation: another organisation's equal key is a different key.
 */
export async function claimKey(
  db: Db,
  organisatie: string,
  key: string,
  fingerprint: string,
  caseId: string | null,
): Promise<Claim> {
  for (let attempt = 0; ; attempt++) {
    const { rows } = await db.pool.query<ClaimRow>(CLAIM, [organisatie, key, fingerprint, caseId]);
    if (rows[0]) return claimOf(rows[0]);
    // A concurrent claim committed after this statement's snapshot: the insert yielded to it, the
    // read could not see it yet. A fresh statement does; if it was released meanwhile, claim again.
    const found = await db.pool.query<ClaimRow>(FIND, [organisatie, key]);
    if (found.rows[0]) return claimOf(found.rows[0]);
    if (attempt >= 2) throw new Error('idempotency key could not be claimed');
  }
}

export async function completeKey(db: Db, organisatie: string, key: string, response: StoredResponse): Promise<void> {
  await db.pool.query(
    `UPDATE idempotency_records
        SET status = 'done', response_status = $3, response_body = $4::jsonb,
            completed_at = ($5::timestamptz AT TIME ZONE 'UTC')
      WHERE organisatie = $1 AND key = $2`,
    [organisatie, key, response.status, JSON.stringify(response.body ?? null), new Date().toISOString()],
  );
}

/** A request that failed without changing anything may be tried again with the same key. */
export async function releaseKey(db: Db, organisatie: string, key: string): Promise<void> {
  await db.pool.query(`DELETE FROM idempotency_records WHERE organisatie = $1 AND key = $2 AND status = 'pending'`, [
    organisatie,
    key,
  ]);
}
