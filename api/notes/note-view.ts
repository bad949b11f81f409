import type { NoteRow } from '../../prisma/note-repository';

/** A note as a reader gets it: for whom, by whom (name if the token had one, else the user id), when. */
export function noteView(n: NoteRow) {
  return {
    id: n.id,
    voor: n.voor as 'eigen' | 'alle',
    organisatie: n.organisatie,
    auteur: { id: n.authorId, naam: n.authorName ?? n.authorId, rol: n.authorRol },
    tekst: n.tekst,
    at: n.at.toISOString(),
  };
}
export type NoteView = ReturnType<typeof noteView>;
