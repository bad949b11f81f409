import type { Request } from 'express';
import type { Db } from '../../prisma/client';
import { notesFor } from '../../prisma/note-repository';
import type { NoteInput } from '../../domain/notes';
import type { Actor } from '../../domain/types';
import { canReadNotes, canWriteNotes } from '../auth/access-policy';
import type { Principal } from '../auth/principal';
import type { CaseReader } from '../cases/case-reader';
import type { CaseService } from '../cases/case-service';
import type { Meldingen } from '../meldingen/meldingen-service';
import { noteView } from './note-view';

/**
 * A case's notes, for the JSON routes and the case page alike: a case whose notes the reader
 * may not read is a 404 (visibleCase), and each reader gets only the notes for its organisation.
 */
export function createNotes(cases: CaseService, reader: CaseReader, db: Db, meldingen: Meldingen) {
  return {
    /** The thread as `p` may read it; reading it marks its notes read for `p`. */
    async thread(req: Request, p: Principal, caseId: string) {
      await reader.visibleCase(req, p, caseId, canReadNotes);
      const items = (await notesFor(db, caseId, p.org)).map(noteView);
      await meldingen.markNotesRead(p, caseId);
      return { caseId, items };
    },
    async add(req: Request, p: Principal, caseId: string, note: NoteInput, actor: Actor, key: string | undefined) {
      const { state } = await reader.visibleCase(req, p, caseId, canWriteNotes);
      return cases.addNote(state, note, actor, p.name, key);
    },
  };
}
export type Notes = ReturnType<typeof createNotes>;
