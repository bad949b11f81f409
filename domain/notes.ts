import { z } from 'zod';
import { safeText } from './primitives';
import { actorSchema } from './schemas';
import type { Actor, CaseState } from './types';

/**
 * Notes between the parties of a case. A note is personal data: its text is bounded
 * safe text, and who reads it is decided by `voor` (see noteVisibleTo).
 */

export const NOTE_MAX = 2000;
export const noteAudiences = ['eigen', 'alle'] as const;
export type NoteAudience = (typeof noteAudiences)[number];

/** What a person sends: the text and for whom it is. */
export const noteInputSchema = z
  .object({
    tekst: safeText()
      .transform((v) => v.trim())
      .pipe(z.string().min(1, 'schrijf een notitie').max(NOTE_MAX, `ten hoogste ${NOTE_MAX} tekens`))
      .describe('The note; no names or BSN, and for `alle` no care details'),
    voor: z
      .enum(noteAudiences, { error: "'eigen' (own organisation) or 'alle' (every party of the case)" })
      .describe('eigen: only the author’s organisation reads it; alle: every party of the case'),
  })
  .strict();
export type NoteInput = z.infer<typeof noteInputSchema>;

/** What the workflow's addNote update carries: the note with its id, author and time. */
export const noteRequestSchema = z
  .object({
    id: z.uuid(),
    caseId: z.uuid(),
    actor: actorSchema,
    authorName: safeText().max(100).optional(),
  })
  .extend(noteInputSchema.shape)
  .strict();
export type NoteRequest = z.infer<typeof noteRequestSchema>;

export interface NoteResult {
  id: string;
  caseId: string;
  at: string;
}

/** Why a note may not be added to the case now, or undefined. Names rules only, never the text. */
export function noteProblem(state: CaseState, req: unknown): string | undefined {
  const parsed = noteRequestSchema.safeParse(req);
  if (!parsed.success) return `invalid note: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`;
  if (parsed.data.caseId !== state.caseId) return 'note for another case';
  if (state.status === 'afgesloten') return 'de casus is afgesloten';
  if (!isPartyOrganisation(state, parsed.data.actor)) return 'only a party of the case writes notes';
  return undefined;
}

const isPartyOrganisation = (state: CaseState, actor: Actor) =>
  [state.partijen.wijkteam, state.partijen.zorginstelling, state.partijen.corporatie].some(
    (p) => p?.organisatie === actor.organisatie,
  );

/** A note's reader: `eigen` notes are for the author's organisation alone, `alle` notes for every party. */
export const noteVisibleTo = (note: { organisatie: string; voor: string }, organisatie: string): boolean =>
  note.voor === 'alle' || note.organisatie === organisatie;
