import type { Db } from './client';

/**
 * Steps the workflow accepted that the read model refused for good. Codes only: the
 * refused data stays in Temporal (encrypted), never here or in a log.
 */
export async function recordLeesmodelStoring(
  db: Db,
  storing: { caseId: string; seq: number; step: string; sqlstate: string },
): Promise<void> {
  await db.leesmodelStoring.createMany({ data: [storing], skipDuplicates: true });
}

/** How many such steps there are, and the most recent, for /health. */
export async function leesmodelStoringen(db: Db): Promise<{ storingen: number; laatste: string | null }> {
  const [storingen, laatste] = await Promise.all([
    db.leesmodelStoring.count(),
    db.leesmodelStoring.findFirst({ orderBy: { at: 'desc' }, select: { at: true } }),
  ]);
  return { storingen, laatste: laatste?.at.toISOString() ?? null };
}
