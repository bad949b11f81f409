import { z } from 'zod';
import './zod-locale';

/**
 * The value formats every part of the product shares, written once: organisation ids,
 * CBS codes, dates and amounts. Request schemas, the workflow's validators and the
 * read model's filters all build on these.
 */

export const ORG_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,63}$/;
export const orgId = z
  .string()
  .regex(ORG_ID_PATTERN, 'kleine letters, cijfers en streepjes, 2 tot 64 tekens')
  .describe('Organisation id');
export type OrgId = z.infer<typeof orgId>;

export const gemeentecode = z.string().regex(/^GM\d{4}$/, 'een CBS-gemeentecode, zoals GM0363');
export const wijkcode = z.string().regex(/^WK\d{6}$/, 'een CBS-wijkcode, zoals WK036300');
export const buurtcode = z.string().regex(/^BU\d{8}$/, 'een CBS-buurtcode, zoals BU03630000');

export const datum = z.iso.date().describe('Date, yyyy-mm-dd');
/** Monthly amounts in euros, to the cent. */
export const euros = z.number().nonnegative().max(10_000).multipleOf(0.01, 'hoogstens twee cijfers achter de komma');

/**
 * Characters no text field takes: C0/C1 control characters other than tab, CR and LF (a NUL
 * cannot be stored in PostgreSQL text or jsonb, so it would jam the case's read model), the
 * bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069: they make a text
 * read differently from what it holds), and lone surrogates (jsonb refuses them too).
 */
// Matching control characters is this pattern's purpose.
export const UNSAFE_TEXT =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDFFF]/u;
export const UNSAFE_TEXT_PROBLEM =
  'bevat een onzichtbaar stuurteken, een teken dat de schrijfrichting omdraait of een los surrogaatteken: typ de tekst opnieuw in plaats van hem te plakken';
export const isSafeText = (value: string): boolean => !UNSAFE_TEXT.test(value);
/** Every free-text field starts from this; add trim/min/max as the field needs. */
export const safeText = () => z.string().refine(isSafeText, UNSAFE_TEXT_PROBLEM);
