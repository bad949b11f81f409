import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { noteInputSchema } from '../../domain/notes';
import { caseIdParams } from '../cases/case-schemas';
import { markReadBody, markReadResult, meldingenBody, meldingenQuery } from '../meldingen/meldingen-schemas';

type Response = { description: string; content: { 'application/json': { schema: z.ZodType } } };
const json = (schema: z.ZodType, description: string): Response => ({
  description,
  content: { 'application/json': { schema } },
});

const NoteInput = noteInputSchema.meta({ id: 'NoteInput' });
const noteBody = z
  .object({
    id: z.uuid(),
    voor: z.enum(['eigen', 'alle']),
    organisatie: z.string().describe("The author's organisation"),
    auteur: z.object({
      id: z.string(),
      naam: z.string().describe("The token's name claim when it had one, else the user id"),
      rol: z.string(),
    }),
    tekst: z.string(),
    at: z.iso.datetime(),
  })
  .meta({ id: 'Note' });
const noteResult = z.object({ id: z.uuid(), caseId: z.uuid(), at: z.iso.datetime() }).meta({ id: 'NoteResult' });

/** The notes and meldingen routes in the OpenAPI document. */
export function registerNotesAndMeldingen(
  registry: OpenAPIRegistry,
  security: Array<Record<string, string[]>>,
  errors: Record<400 | 401 | 403 | 404 | 409 | 422 | 503, Response>,
) {
  const key = z.object({
    'idempotency-key': z.string().optional().describe('Repeat with the same key to get the first answer, one note'),
  });
  registry.registerPath({
    security,
    method: 'get',
    path: '/cases/{id}/notities',
    summary:
      "The notes of a case the caller's organisation may read (its own `eigen` notes and every `alle` note) — professionals of a party; marks them read",
    tags: ['notities'],
    request: { params: caseIdParams },
    responses: {
      200: json(z.object({ caseId: z.uuid(), items: z.array(noteBody) }), 'The thread, oldest first'),
      400: errors[400],
      404: errors[404],
    },
  });
  registry.registerPath({
    security,
    method: 'post',
    path: '/cases/{id}/notities',
    summary: 'Add a note, for the own organisation or for every party — professionals of a party, open case',
    tags: ['notities'],
    request: { params: caseIdParams, headers: key, body: { content: { 'application/json': { schema: NoteInput } } } },
    responses: {
      201: json(noteResult, 'The note is added'),
      400: errors[400],
      403: json(
        errors[403].content['application/json'].schema,
        'Only a consulent, zorgmedewerker or verhuurmedewerker writes notes',
      ),
      404: errors[404],
      409: json(errors[409].content['application/json'].schema, 'The case is closed'),
      422: json(errors[422].content['application/json'].schema, 'Idempotency-Key reused for another note'),
      503: errors[503],
    },
  });
  registry.registerPath({
    security,
    method: 'get',
    path: '/meldingen',
    summary: "The caller's meldingen (reminders, escalations, new in the inbox, unread notes) of the last 30 days",
    tags: ['meldingen'],
    request: { query: meldingenQuery },
    responses: { 200: json(meldingenBody, 'Newest first, with the unread count'), 400: errors[400] },
  });
  registry.registerPath({
    security,
    method: 'post',
    path: '/meldingen/gelezen',
    summary: "Mark the caller's meldingen read: some keys, or all",
    tags: ['meldingen'],
    request: { body: { content: { 'application/json': { schema: markReadBody } } } },
    responses: { 200: json(markReadResult, 'How many were newly marked'), 400: errors[400] },
  });
}
