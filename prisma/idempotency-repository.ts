import type { Db } from './client';
import { Prisma } from './client';

export interface StoredResponse {
  status: number;
  body: unknown;
}

export type Claim =
  | { kind: 'new'; caseId: string | null }
  | { kind: 'pending'; caseId: string | null; fingerprint: string }
  | { kind: 'done'; fingerprint: string; response: StoredResponse };

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
  try {
    await db.idempotencyRecord.create({ data: { organisatie, key, fingerprint, status: 'pending', caseId } });
    return { kind: 'new', caseId };
  } catch (e) {
    if (!(e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002')) throw e;
  }
  const existing = await db.idempotencyRecord.findUniqueOrThrow({ where: { organisatie_key: { organisatie, key } } });
  if (existing.status === 'done') {
    return {
      kind: 'done',
      fingerprint: existing.fingerprint,
      response: { status: existing.responseStatus ?? 200, body: existing.responseBody },
    };
  }
  return { kind: 'pending', caseId: existing.caseId, fingerprint: existing.fingerprint };
}

export async function completeKey(db: Db, organisatie: string, key: string, response: StoredResponse): Promise<void> {
  await db.idempotencyRecord.update({
    where: { organisatie_key: { organisatie, key } },
    data: {
      status: 'done',
      responseStatus: response.status,
      responseBody: response.body as Prisma.InputJsonValue,
      completedAt: new Date(),
    },
  });
}

/** A request that failed without changing anything may be tried again with the same key. */
export async function releaseKey(db: Db, organisatie: string, key: string): Promise<void> {
  await db.idempotencyRecord.deleteMany({ where: { organisatie, key, status: 'pending' } });
}
