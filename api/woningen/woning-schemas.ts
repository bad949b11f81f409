import { z } from 'zod';
import { datum } from '../../domain/primitives';
import {
  brandmeldinstallaties,
  brandveiligheidTyperingen,
  opgaven,
  woningStatussen,
  woningWoonvormen,
} from '../../domain/types';
import { woningFilterFields } from '../../domain/woning-schemas';

export {
  importColumns,
  requiredImportColumns,
  woningCreateBody,
  woningUpdateBody,
  type WoningCreate,
  type WoningFilter,
  type WoningUpdate,
} from '../../domain/woning-schemas';

/** Request and response shapes of the woningaanbod API; the woning itself is in domain/woning-schemas. */

export const woningIdParams = z.object({ id: z.uuid({ error: 'a woning id (uuid)' }) });

export const listWoningenQuery = z
  .object({
    ...woningFilterFields,
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();

export const woningBody = z.object({
  id: z.uuid(),
  corporatie: z.string(),
  referentie: z.string(),
  gemeente: z.string(),
  wijk: z.string().nullable(),
  buurtcode: z.string(),
  woonvorm: z.enum(woningWoonvormen),
  kamers: z.number().int(),
  kaleHuur: z.number(),
  servicekosten: z.number(),
  zelfstandig: z.boolean(),
  drempelsOverbrugd: z.boolean(),
  gangbreedteCm: z.number().int(),
  noodoproep: z.boolean(),
  gemeenschappelijkeRuimte: z.boolean(),
  opgave: z.enum(opgaven),
  beschikbaarVanaf: datum,
  brandveiligheidTypering: z.enum(brandveiligheidTyperingen).nullable().describe('null: not recorded'),
  brandmeldinstallatie: z.enum(brandmeldinstallaties).nullable().describe('null: not recorded'),
  gebouwOppervlakM2: z.number().int().nullable(),
  subsidiabeleServicekosten: z
    .number()
    .nullable()
    .describe('null: not recorded; the rekenhuur then counts all servicekosten'),
  status: z.enum(woningStatussen).describe('vrij → gereserveerd → aangeboden → verhuurd, or weer vrij'),
  caseId: z.uuid().nullable().describe('The case holding the woning while gereserveerd or aangeboden'),
  version: z.number().int().describe('Raised by every change'),
  updatedAt: z.iso.datetime(),
});

export const woningListBody = z.object({
  items: z.array(woningBody),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

export const woningImportBody = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  rejected: z.number().int(),
  errors: z.array(
    z.object({
      row: z.number().int().describe('1-based data row number (the header is not counted)'),
      field: z.string(),
      problem: z.string(),
    }),
  ),
});
