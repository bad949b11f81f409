import { z } from 'zod';

/**
 * The value formats every part of the product shares, written once: organisation ids,
 * CBS codes, dates and amounts. Request schemas, the workflow's validators and the
 * read model's filters all build on these.
 */

export const ORG_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,63}$/;
export const orgId = z.string().regex(ORG_ID_PATTERN, 'lowercase letters, digits and dashes, 2 to 64 characters').describe('Organisation id');
export type OrgId = z.infer<typeof orgId>;

export const gemeentecode = z.string().regex(/^GM\d{4}$/, 'CBS gemeentecode, e.g. GM0363');
export const wijkcode = z.string().regex(/^WK\d{6}$/, 'CBS wijkcode, e.g. WK036300');
export const buurtcode = z.string().regex(/^BU\d{8}$/, 'CBS buurtcode, e.g. BU03630000');

export const datum = z.iso.date().describe('Date, yyyy-mm-dd');
/** Monthly amounts in euros, to the cent. */
export const euros = z.number().nonnegative().max(10_000).multipleOf(0.01, 'at most 2 decimals');
