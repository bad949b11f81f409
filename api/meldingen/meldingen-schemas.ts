import { z } from 'zod';

export const meldingKey = z
  .string()
  .regex(/^[a-z_]{2,30}:[A-Za-z0-9:._-]{1,200}$/, 'a melding key as GET /meldingen gives it');

export const meldingenQuery = z
  .object({
    ongelezen: z
      .enum(['true', 'false'], { error: "'true' or 'false'" })
      .transform((v) => v === 'true')
      .optional()
      .describe('true: only unread meldingen'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

/** Mark these meldingen read, or all of them. */
export const markReadBody = z.union([
  z.object({ keys: z.array(meldingKey).min(1).max(200) }).strict(),
  z.object({ alle: z.literal(true) }).strict(),
]);

const melding = z.object({
  key: z.string(),
  soort: z.string().describe('herinnering, escalatie, nieuw_in_inbox, notitie, te_verdelen'),
  caseId: z.uuid().nullable(),
  at: z.iso.datetime(),
  tekst: z.string(),
  href: z.string(),
  gelezen: z.boolean(),
});
export const meldingenBody = z.object({ ongelezen: z.number().int(), items: z.array(melding) });
export const markReadResult = z.object({ gemarkeerd: z.number().int() });
