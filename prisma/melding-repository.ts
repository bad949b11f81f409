import type { Db } from './client';

/** One user's read marks: keyed per organisation and user, as the token names them. */
export interface Reader {
  organisatie: string;
  userId: string;
}

/** The keys among `keys` the reader has marked read. */
export async function readKeys(db: Db, reader: Reader, keys: string[]): Promise<Set<string>> {
  if (!keys.length) return new Set();
  const rows = await db.meldingGelezen.findMany({
    where: { organisatie: reader.organisatie, userId: reader.userId, key: { in: keys } },
    select: { key: true },
  });
  return new Set(rows.map((r) => r.key));
}

/** Marks meldingen read; marking one twice changes nothing. */
export async function markRead(
  db: Db,
  reader: Reader,
  marks: Array<{ key: string; caseId: string | null }>,
): Promise<number> {
  if (!marks.length) return 0;
  const { count } = await db.meldingGelezen.createMany({
    data: marks.map((m) => ({ ...reader, key: m.key, caseId: m.caseId })),
    skipDuplicates: true,
  });
  return count;
}
