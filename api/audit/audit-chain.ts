import { createHash } from 'node:crypto';
import type { Db } from '../../prisma/client';

/**
 * The audit log as a hash chain. Each entry stores its position, the previous entry's hash
 * and the hash of its own content plus that previous hash; a single-row chain head is locked
 * and moved in the transaction that appends, so concurrent writers (several API processes)
 * line up one after the other. Changing, removing or reordering any entry breaks every link
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

/** Appends entries in order, in one transaction with the chain head. */
export async function appendEntries(db: Db, entries: readonly AuditContent[]): Promise<void> {
  if (!entries.length) return;
  await db.$transaction(async (tx) => {
    const [head] = await tx.$queryRaw<
      Array<{ chain_seq: bigint; hash: string }>
    >`SELECT chain_seq, hash FROM audit_chain_head WHERE id = 1 FOR UPDATE`;
    if (!head) throw new Error('audit_chain_head has no row: run the migrations');
    let seq = BigInt(head.chain_seq);
    let prev = head.hash;
    const rows = entries.map((c) => {
      seq += 1n;
      const hash = entryHash(seq, prev, c);
      const row = { ...c, chainSeq: seq, prevHash: prev, hash };
      prev = hash;
      return row;
    });
    await tx.auditEntry.createMany({ data: rows });
    await tx.auditChainHead.update({ where: { id: 1 }, data: { chainSeq: seq, hash: prev } });
  });
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
