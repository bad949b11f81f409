import { z } from 'zod';
import { opgaven, woningStatussen, woningWoonvormen } from '../workflows/types';

/**
 * Request and response shapes of the woningaanbod API. A woning holds no
 * tenant data: location codes, woonvorm, rent and zorgwoning features only.
 * Amounts are euros here and cents in the database.
 */

const orgId = z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'lowercase letters, digits and dashes, 2 to 64 characters');
const euros = z.number().nonnegative().max(10_000).multipleOf(0.01, 'at most 2 decimals');
const referentie = z
  .string()
  .regex(/^[A-Za-z0-9-]{2,40}$/, '2 to 40 letters, digits or dashes')
  .describe('The corporatie\'s own reference of the woning; unique per corporatie');
const gemeente = z.string().regex(/^GM\d{4}$/, 'CBS gemeentecode, e.g. GM0363');
const wijk = z.string().regex(/^WK\d{6}$/, 'CBS wijkcode, e.g. WK036300');
const buurtcode = z.string().regex(/^BU\d{8}$/, 'CBS buurtcode, e.g. BU03630000');
const woonvorm = z.enum(woningWoonvormen).describe('The woonvorm the woning serves');
const kamers = z.number().int().min(1).max(12);
const gangbreedteCm = z.number().int().min(50).max(400).describe('Narrowest corridor, cm');
const opgave = z.enum(opgaven).describe('opgave 1: near a zorgsteunpunt; opgave 2: gespikkeld');
const datum = z.iso.date().describe('Date, yyyy-mm-dd');

/** The fields a verhuurmedewerker gives; the corporatie is the acting user's organisation. */
const woningFields = {
  referentie,
  gemeente,
  wijk: wijk.optional(),
  buurtcode,
  woonvorm,
  kamers,
  kaleHuur: euros.describe('Kale huur per month, euros'),
  servicekosten: euros.describe('Servicekosten per month, euros'),
  zelfstandig: z.boolean(),
  drempelsOverbrugd: z.boolean().describe('Every threshold of 0.02 m or more is bridged by a ramp, or there are none'),
  gangbreedteCm,
  noodoproep: z.boolean().describe('Emergency call system'),
  gemeenschappelijkeRuimte: z.boolean().describe('A shared room for meals and recreation'),
  opgave,
  beschikbaarVanaf: datum.describe('Available from, yyyy-mm-dd'),
};

export const woningCreateBody = z.object(woningFields).strict();
export type WoningCreate = z.infer<typeof woningCreateBody>;

/** Statuses a verhuurmedewerker may set by hand; gereserveerd and aangeboden belong to a case's aanbod. */
export const handmatigeStatussen = ['vrij', 'verhuurd'] as const;

export const woningUpdateBody = z
  .object({
    referentie: referentie.optional(),
    gemeente: gemeente.optional(),
    wijk: wijk.nullable().optional().describe('null clears it'),
    buurtcode: buurtcode.optional(),
    woonvorm: woonvorm.optional(),
    kamers: kamers.optional(),
    kaleHuur: woningFields.kaleHuur.optional(),
    servicekosten: woningFields.servicekosten.optional(),
    zelfstandig: z.boolean().optional(),
    drempelsOverbrugd: woningFields.drempelsOverbrugd.optional(),
    gangbreedteCm: gangbreedteCm.optional(),
    noodoproep: woningFields.noodoproep.optional(),
    gemeenschappelijkeRuimte: woningFields.gemeenschappelijkeRuimte.optional(),
    opgave: opgave.optional(),
    beschikbaarVanaf: woningFields.beschikbaarVanaf.optional(),
    status: z
      .enum(handmatigeStatussen, { error: 'by hand only vrij or verhuurd; gereserveerd and aangeboden are set by a case' })
      .optional()
      .describe('verhuurd → vrij (weer vrij, a mutatie) or vrij → verhuurd; not while a case holds the woning'),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'give at least one field to change' });
export type WoningUpdate = z.infer<typeof woningUpdateBody>;

export const woningIdParams = z.object({ id: z.uuid({ error: 'a woning id (uuid)' }) });

export const listWoningenQuery = z
  .object({
    corporatie: orgId.optional(),
    gemeente: gemeente.optional(),
    buurtcode: buurtcode.optional(),
    woonvorm: woonvorm.optional(),
    status: z.enum(woningStatussen).optional(),
    opgave: opgave.optional(),
    minKamers: z.coerce.number().int().min(1).max(12).optional().describe('At least this many kamers'),
    maxHuur: z.coerce
      .number()
      .nonnegative()
      .max(20_000)
      .optional()
      .describe('At most this rent per month in euros, kale huur plus servicekosten'),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();
export type WoningFilter = Omit<z.infer<typeof listWoningenQuery>, 'limit' | 'offset'>;

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

/** The columns of an import CSV: the create body's fields. */
export const importColumns = Object.keys(woningFields) as Array<keyof typeof woningFields>;
export const requiredImportColumns = importColumns.filter((c) => !woningCreateBody.shape[c].safeParse(undefined).success);
