import type { Db } from './client';

export interface NoteRow {
  id: string;
  caseId: string;
  organisatie: string;
  voor: string;
  authorId: string;
  authorName: string | null;
  authorRol: string;
  tekst: string;
  at: Date;
}

/** Writes a note once: a retried activity finds it there and changes nothing. */
export async function insertNote(db: Db, note: NoteRow): Promise<'written' | 'duplicate'> {
  const { count } = await db.note.createMany({ data: [note], skipDuplicates: true });
  return count === 1 ? 'written' : 'duplicate';
}

/** A case's notes that `organisatie` may read (its own `eigen` notes and every `alle` note), oldest first. */
export async function notesFor(db: Db, caseId: string, organisatie: string, limit = 500): Promise<NoteRow[]> {
  return db.note.findMany({
    where: { caseId, OR: [{ voor: 'alle' }, { organisatie }] },
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
    take: limit,
  });
}

/**
 * Notes since `since` on cases `reader.organisatie` is a party to, that it may read and that
 * `reader.userId` did not write: the candidates for the reader's unread notes, newest first.
 */
export async function notesForReader(
  db: Db,
  reader: { organisatie: string; userId: string },
  since: Date,
  limit: number,
): Promise<Array<{ id: string; caseId: string; organisatie: string; at: Date }>> {
  const { organisatie, userId } = reader;
  return db.$queryRaw`
    SELECT n.id, n.case_id AS "caseId", n.organisatie, n.at
    FROM notes n JOIN cases c ON c.id = n.case_id
    WHERE n.at >= ${since}
      AND ${organisatie} IN (c.wijkteam, c.zorginstelling, c.corporatie)
      AND (n.voor = 'alle' OR n.organisatie = ${organisatie})
      AND NOT (n.organisatie = ${organisatie} AND n.author_id = ${userId})
    ORDER BY n.at DESC, n.id
    LIMIT ${limit}`;
}

/** The ids of a case's notes `organisatie` may read, to mark them read when the thread is opened. */
export async function noteIdsFor(db: Db, caseId: string, organisatie: string): Promise<string[]> {
  const rows = await db.note.findMany({
    where: { caseId, OR: [{ voor: 'alle' }, { organisatie }] },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}
