import { createHash } from 'node:crypto';
import type { Db } from '../../prisma/client';

/**
 * The audit log as a hash chain. Each entry stores its position, the previous entry's hash
 * and the hash of its own content plus that previous hash; a single-row chain head is moved
 * in the statement that appends, only from where the writer saw it, so concurrent writers
 * (several API processes) line up one after the other. Changing, removing or reordering any entry breaks every link
 * after it, which `npm run audit:verify` reports.
 */

export const GENESIS = '0'.repeat(64);

export interface AuditContent {
  at: Date;
  actorId: string;
  organisatie: string;
  roles: string;
  action: string;
  route: string;
  caseId: string | null;
  status: number;
  sourceIp: string | null;
  userAgent: string | null;
  requestId: string | null;
  sessionId: string | null;
  view: string | null;
  onBehalfOf: string | null;
}

/** The hash of an entry: every stored field in a fixed order, its position and the previous hash. */
export function entryHash(chainSeq: bigint, prevHash: string, c: AuditContent): string {
  const fields = [
    String(chainSeq),
    prevHash,
    c.at.toISOString(),
    c.actorId,
    c.organisatie,
    c.roles,
    c.action,
    c.route,
    c.caseId,
    c.status,
    c.sourceIp,
    c.userAgent,
    c.requestId,
    c.sessionId,
    c.view,
    c.onBehalfOf,
  ];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/** The chain head as last seen: where the next entry goes. */
interface Head {
  seq: bigint;
  hash: string;
}

// One statement moves the head and inserts the entries, only if the head is still where this
// process last saw it (compare-and-set): a writer elsewhere that moved it first makes the
// UPDATE match no row, so nothing is inserted and the entries are chained again on the new head.
const APPEND = `
WITH h AS (
  UPDATE audit_chain_head SET chain_seq = $3, hash = $4 WHERE id = 1 AND chain_seq = $1 AND hash = $2 RETURNING 1
)
INSERT INTO audit_entries (at, actor_id, organisatie, roles, action, route, case_id, status, source_ip, user_agent,
                           request_id, session_id, view, on_behalf_of, chain_seq, prev_hash, hash)
SELECT x.at AT TIME ZONE 'UTC', x."actorId", x.organisatie, x.roles, x.action, x.route, x."caseId", x.status,
       x."sourceIp", x."userAgent", x."requestId", x."sessionId", x.view, x."onBehalfOf", x."chainSeq",
       x."prevHash", x.hash
  FROM h, jsonb_to_recordset($5::jsonb) AS x(at timestamptz, "actorId" text, organisatie text, roles text,
       action text, route text, "caseId" text, status int, "sourceIp" text, "userAgent" text, "requestId" text,
       "sessionId" text, view text, "onBehalfOf" text, "chainSeq" bigint, "prevHash" text, hash text)
 ORDER BY x."chainSeq"`;

/** Moves of the head lost to other writers in a row before giving up (each loss means another writer progressed). */
const MAX_LOST = 50;
/** Requests' entries written in one statement at most. */
const MAX_BATCH = 64;

/**
 * Appends a process's audit entries to the chain: one statement per write, entries that
 * arrive while one is in flight go together in the next (so requests in one process never
 * race each other for the head). The hashes are worked out here, by `entryHash`, the one
 * definition the verifier checks.
 */
class ChainWriter {
  private head: Head | undefined;
  private waiting: { entries: readonly AuditContent[]; done: (err?: unknown) => void }[] = [];
  private busy = false;

  constructor(private readonly db: Db) {}

  append(entries: readonly AuditContent[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ entries, done: (err) => (err === undefined ? resolve() : reject(err)) });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      while (this.waiting.length) {
        const batch = this.waiting.splice(0, MAX_BATCH);
        try {
          await this.write(batch.flatMap((b) => b.entries));
          for (const b of batch) b.done();
        } catch (err) {
          if (batch.length === 1) {
            batch[0]!.done(err);
            continue;
          }
          // One request's data may be what the database refuses: the others are written on their own.
          for (const b of batch) {
            try {
              await this.write(b.entries);
              b.done();
            } catch (own) {
              b.done(own);
            }
          }
        }
      }
    } finally {
      this.busy = false;
    }
  }

  private async readHead(): Promise<Head> {
    const { rows } = await this.db.pool.query<{ chain_seq: string; hash: string }>(
      'SELECT chain_seq, hash FROM audit_chain_head WHERE id = 1',
    );
    if (!rows[0]) throw new Error('audit_chain_head has no row: run the migrations');
    return { seq: BigInt(rows[0].chain_seq), hash: rows[0].hash };
  }

  private async write(entries: readonly AuditContent[]): Promise<void> {
    for (let lost = 0; lost < MAX_LOST; lost++) {
      const head = this.head ?? (await this.readHead());
      let seq = head.seq;
      let prev = head.hash;
      const rows = entries.map((c) => {
        seq += 1n;
        const hash = entryHash(seq, prev, c);
        const row = { ...c, chainSeq: String(seq), prevHash: prev, hash };
        prev = hash;
        return row;
      });
      this.head = undefined; // unknown until the statement answers
      const res = await this.db.pool.query(APPEND, [
        String(head.seq),
        head.hash,
        String(seq),
        prev,
        JSON.stringify(rows),
      ]);
      if (res.rowCount === rows.length) {
        this.head = { seq, hash: prev };
        return;
      }
    }
    throw new Error('the audit chain head kept moving: too many concurrent writers');
  }
}

const writers = new WeakMap<Db, ChainWriter>();

/** Appends entries in order to the chain, in one statement with the move of the chain head. */
export async function appendEntries(db: Db, entries: readonly AuditContent[]): Promise<void> {
  if (!entries.length) return;
  let writer = writers.get(db);
  if (!writer) writers.set(db, (writer = new ChainWriter(db)));
  await writer.append(entries);
}

export interface ChainReport {
  ok: boolean;
  /** Entries on the chain that were checked. */
  checked: number;
  /** Entries written before the chain began (no position), not checked. */
  beforeChain: number;
  /** The first broken link, if any. */
  broken?: { chainSeq: string; id: string; problem: string } | undefined;
}

/** Walks the chain from the start and reports the first link that does not hold. */
export async function verifyChain(db: Db, batch = 2000): Promise<ChainReport> {
  const beforeChain = await db.auditEntry.count({ where: { chainSeq: null } });
  let expectedSeq = 1n;
  let prev = GENESIS;
  let checked = 0;
  const fail = (chainSeq: bigint, id: bigint | string, problem: string): ChainReport => ({
    ok: false,
    checked,
    beforeChain,
    broken: { chainSeq: String(chainSeq), id: String(id), problem },
  });
  for (;;) {
    const rows = await db.auditEntry.findMany({
      where: { chainSeq: { gte: expectedSeq } },
      orderBy: { chainSeq: 'asc' },
      take: batch,
    });
    for (const r of rows) {
      const seq = r.chainSeq!;
      if (seq !== expectedSeq)
        return fail(expectedSeq, r.id, `entry ${expectedSeq} is missing (next on the chain is ${seq})`);
      if (r.prevHash !== prev) return fail(seq, r.id, 'prev_hash is not the hash of the entry before it');
      const { id: _id, chainSeq: _s, prevHash: _p, hash, ...content } = r;
      if (hash !== entryHash(seq, prev, content))
        return fail(seq, r.id, 'the content does not match its hash: the entry was changed');
      prev = hash;
      expectedSeq += 1n;
      checked += 1;
    }
    if (rows.length < batch) break;
  }
  const head = await db.auditChainHead.findUnique({ where: { id: 1 } });
  if (!head) return fail(expectedSeq, '-', 'the chain head is missing');
  if (head.chainSeq !== expectedSeq - 1n || head.hash !== prev) {
    return fail(
      expectedSeq,
      '-',
      `the chain head (entry ${head.chainSeq}) does not match the last entry (${expectedSeq - 1n}): entries were removed from the end`,
    );
  }
  return { ok: true, checked, beforeChain };
}
