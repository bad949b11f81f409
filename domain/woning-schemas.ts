import { z } from 'zod';
import { buurtcode, datum, euros, gemeentecode, orgId, wijkcode } from './primitives';
import { zelfstandigGebrek } from './rules/zelfstandig';
import { brandmeldinstallaties, brandveiligheidTyperingen, opgaven, woningStatussen, woningWoonvormen } from './types';

/**
 * A woning as a verhuurmedewerker records it: location codes, woonvorm, rent and
 * zorgwoning features, never tenant data. Amounts are euros here and cents in the
 * database. The API, the CSV import and the read model all take these shapes.
 */

const referentie = z
  .string()
  .regex(/^[A-Za-z0-9-]{2,40}$/, '2 tot 40 letters, cijfers of streepjes')
  .describe("The corporatie's own reference of the woning; unique per corporatie");
const gemeente = gemeentecode;
const wijk = wijkcode;
const woonvorm = z.enum(woningWoonvormen).describe('The woonvorm the woning serves');
const kamers = z.number().int().min(1).max(12);
const gangbreedteCm = z.number().int().min(50).max(400).describe('Narrowest corridor, cm');
const opgave = z.enum(opgaven).describe('opgave 1: near a zorgsteunpunt; opgave 2: gespikkeld');
const brandveiligheidTypering = z
  .enum(brandveiligheidTyperingen)
  .describe(
    "The building's typering for brandveiligheid (Bouwbesluit): gewone_woonfunctie, or a woonfunctie voor zorg as zorgclusterwoning or groepszorgwoning",
  );
const brandmeldinstallatie = z
  .enum(brandmeldinstallaties)
  .describe('Brandmeldinstallatie: geen, zonder_doormelding, or met_doormelding to a regional or private alarm centre');
const gebouwOppervlakM2 = z
  .number()
  .int()
  .min(1)
  .max(1_000_000)
  .describe("The building's floor area, m² (from 500 m² a woonfunctie voor zorg has stricter fire requirements)");
const subsidiabeleServicekosten = euros.describe(
  'The part of the servicekosten that counts for huurtoeslag (subsidiabele servicekosten), euros per month; the rekenhuur counts only this part',
);

/** The fields a verhuurmedewerker gives; the corporatie is the acting user's organisation. */
export const woningFields = {
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
  brandveiligheidTypering: brandveiligheidTypering.optional(),
  brandmeldinstallatie: brandmeldinstallatie.optional(),
  gebouwOppervlakM2: gebouwOppervlakM2.optional(),
  subsidiabeleServicekosten: subsidiabeleServicekosten.optional(),
};

type Samenhang = Partial<
  Pick<
    WoningCreate,
    'woonvorm' | 'zelfstandig' | 'servicekosten' | 'subsidiabeleServicekosten' | 'brandveiligheidTypering'
  >
>;

/** Field combinations that contradict each other; checked on create and, with the stored woning, on update. */
export function woningGebreken(w: Samenhang): Array<{ path: string; message: string }> {
  const gebreken: Array<{ path: string; message: string }> = [];
  if (w.woonvorm !== undefined && w.zelfstandig !== undefined) {
    const gebrek = zelfstandigGebrek(w.woonvorm, w.zelfstandig);
    if (gebrek) gebreken.push({ path: 'zelfstandig', message: gebrek });
  }
  if (
    w.subsidiabeleServicekosten !== undefined &&
    w.servicekosten !== undefined &&
    w.subsidiabeleServicekosten > w.servicekosten
  )
    gebreken.push({
      path: 'subsidiabeleServicekosten',
      message: 'de subsidiabele servicekosten zijn een deel van de servicekosten: niet hoger dan de servicekosten',
    });
  // A zorgclusterwoning is zelfstandige woonruimte [004:1430-1436]; a groepszorgwoning may be either [004:1425, 1453].
  if (w.brandveiligheidTypering === 'zorgclusterwoning' && w.zelfstandig === false)
    gebreken.push({
      path: 'brandveiligheidTypering',
      message: 'een zorgclusterwoning is een zelfstandige woning: zet zelfstandig op ja of kies een andere typering',
    });
  return gebreken;
}

export const woningCreateBody = z
  .object(woningFields)
  .strict()
  .superRefine((w, ctx) => {
    for (const g of woningGebreken(w)) ctx.addIssue({ code: 'custom', path: [g.path], message: g.message });
  });
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
    brandveiligheidTypering: brandveiligheidTypering.nullable().optional().describe('null clears it'),
    brandmeldinstallatie: brandmeldinstallatie.nullable().optional().describe('null clears it'),
    gebouwOppervlakM2: gebouwOppervlakM2.nullable().optional().describe('null clears it'),
    subsidiabeleServicekosten: subsidiabeleServicekosten.nullable().optional().describe('null clears it'),
    status: z
      .enum(handmatigeStatussen, {
        error: 'met de hand alleen vrij of verhuurd; gereserveerd en aangeboden zet een casus',
      })
      .optional()
      .describe('verhuurd → vrij (weer vrij, a mutatie) or vrij → verhuurd; not while a case holds the woning'),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'geef minstens één veld om te wijzigen' });
export type WoningUpdate = z.infer<typeof woningUpdateBody>;

/** What the woningaanbod can be filtered on (the list query adds paging). */
export const woningFilterFields = {
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
};
export type WoningFilter = { [K in keyof typeof woningFilterFields]?: z.infer<(typeof woningFilterFields)[K]> };

/** The columns of an import CSV: the create body's fields. */
export const importColumns = Object.keys(woningFields) as Array<keyof typeof woningFields>;
export const requiredImportColumns = importColumns.filter(
  (c) => !woningCreateBody.shape[c].safeParse(undefined).success,
);
