import { z } from 'zod';
import { buurtcode, datum, euros, gemeentecode, orgId, safeText } from './primitives';
import {
  brandmeldinstallaties,
  brandveiligheidTyperingen,
  contractvormen,
  deelgroepen,
  doelgroepen,
  huidigeSituaties,
  inkomensgroepen,
  kennismakingDeelnemers,
  ondersteuningsRichtingen,
  opgaven,
  opschortingsRedenen,
  rollen,
  stepNames,
  wetten,
  wlzLeveringsvormen,
  wmoLeveringsvormen,
  woonvormen,
  woningWoonvormen,
  zorgvormen,
  type StepInputs,
  type StepName,
} from './types';

/**
 * Input schemas for every step. The API parses requests with them and the
 * workflow's update validator checks them again, so a client that talks to
 * Temporal directly cannot slip malformed input into a case.
 */

/** Free text is bounded: it is for reasons, not for dossiers. */
const tekst = (max = 500) => safeText().trim().min(1).max(max);

/** Eleven-test for Dutch BSNs: a pseudonymous reference must never be one. */
export function looksLikeBsn(value: string): boolean {
  if (!/^\d{8,9}$/.test(value)) return false;
  const digits = value.padStart(9, '0').split('').map(Number);
  const sum = digits.slice(0, 8).reduce((acc, d, i) => acc + d * (9 - i), 0) - digits[8]!;
  return sum % 11 === 0;
}

export const actorSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/, 'een pseudonieme gebruikerscode: letters, cijfers en . _ : -'),
  organisatie: orgId,
  rol: z.enum(rollen),
});

export const aanmeldingSchema = z
  .object({
    persoon: z.object({
      referentie: z
        .string()
        .regex(/^[A-Za-z0-9-]{4,40}$/, 'een pseudonieme referentie: 4 tot 40 letters, cijfers of streepjes')
        .refine(
          (v) => !looksLikeBsn(v),
          'dit lijkt een BSN: gebruik de pseudonieme referentie van het wijkteam, nooit een BSN',
        )
        .describe('Pseudonymous reference of the person, kept by the wijkteam. Never a name or BSN.'),
      huishoudgrootte: z.number().int().min(1).max(15),
      inkomensgroep: z.enum(inkomensgroepen).describe('passendheidsgroep = income within the huurtoeslag limits'),
      inkomen: z
        .number()
        .int()
        .min(0)
        .max(1_000_000)
        .optional()
        .describe("Yearly household income (€); when given, the rules use it with the year's limits"),
      huidigeSituatie: z.enum(huidigeSituaties),
    }),
    deelgroep: z.enum(deelgroepen),
    doelgroep: z.enum(doelgroepen),
    indicatie: z.object({
      wet: z.enum(wetten),
      leveringsvorm: safeText().optional().describe('Wlz: zzp, vpt, mpt, pgb. Wmo: zin, pgb.'),
    }),
    urgent: z.boolean(),
    gemeente: gemeentecode,
    zorginstelling: orgId.optional(),
    corporatie: orgId.optional(),
  })
  .strict()
  .superRefine((a, ctx) => {
    const allowed: Record<string, readonly string[]> = { wlz: wlzLeveringsvormen, wmo: wmoLeveringsvormen };
    const options = allowed[a.indicatie.wet];
    const lv = a.indicatie.leveringsvorm;
    if (options && (!lv || !options.includes(lv))) {
      ctx.addIssue({
        code: 'custom',
        path: ['indicatie', 'leveringsvorm'],
        message: `bij ${a.indicatie.wet === 'wlz' ? 'de Wlz' : 'de Wmo'} hoort een van deze leveringsvormen: ${options.join(', ')}`,
      });
    } else if (!options && lv !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['indicatie', 'leveringsvorm'],
        message: `bij ${a.indicatie.wet === 'geen' ? 'geen indicatie' : 'de Zvw'} hoort geen leveringsvorm: laat dit leeg`,
      });
    }
  });

const zrmScore = z.number().int().min(1).max(5);

const maandbedrag = z.number().positive().max(10_000).multipleOf(0.01);
const jaarbedrag = z.number().int().positive().max(1_000_000);

/** One year's rule parameters (see rules/parameters.ts), as the beheerder keeps them. */
export const parameterValuesSchema = z
  .object({
    aftoppingsgrensLaag: maandbedrag,
    aftoppingsgrensHoog: maandbedrag,
    huurtoeslaggrens: maandbedrag,
    passendheidsgrensEenpersoons: jaarbedrag,
    passendheidsgrensMeerpersoons: jaarbedrag,
    inkomensgrensEenpersoons: jaarbedrag,
    inkomensgrensMeerpersoons: jaarbedrag,
    bron: safeText().trim().min(3).max(300),
  })
  .strict()
  .refine((p) => p.aftoppingsgrensLaag <= p.aftoppingsgrensHoog && p.aftoppingsgrensHoog <= p.huurtoeslaggrens, {
    message: 'verwacht aftoppingsgrensLaag ≤ aftoppingsgrensHoog ≤ huurtoeslaggrens',
    path: ['aftoppingsgrensHoog'],
  });
export const jaarParametersSchema = z.intersection(
  z.object({ jaar: z.number().int().min(2000).max(2100) }),
  parameterValuesSchema,
);

/** A woning as carried in an aanbod (looked up by the API; checked again here). */
export const woningSnapshotSchema = z
  .object({
    id: z.uuid(),
    corporatie: orgId,
    referentie: z.string().regex(/^[A-Za-z0-9-]{2,40}$/),
    gemeente: gemeentecode,
    wijk: safeText().nullable().optional(),
    buurtcode,
    woonvorm: z.enum(woningWoonvormen),
    kamers: z.number().int().min(1).max(12),
    kaleHuur: euros,
    servicekosten: euros,
    zelfstandig: z.boolean(),
    drempelsOverbrugd: z.boolean(),
    gangbreedteCm: z.number().int().min(0).max(1000),
    noodoproep: z.boolean(),
    gemeenschappelijkeRuimte: z.boolean(),
    opgave: z.enum(opgaven),
    beschikbaarVanaf: datum,
    version: z.number().int().min(1),
    // Absent in aanbiedingen recorded before they existed (issue 14 items 8 and 11).
    brandveiligheidTypering: z.enum(brandveiligheidTyperingen).optional(),
    brandmeldinstallatie: z.enum(brandmeldinstallaties).optional(),
    gebouwOppervlakM2: z.number().int().min(1).max(1_000_000).optional(),
    subsidiabeleServicekosten: euros.optional(),
  })
  .strict();

/** The nazorg follow-up as configured; the API adds it to the toewijzing, a client cannot send it. */
export const nazorgAfspraakSchema = z
  .object({
    vervolgMaanden: z.array(z.number().int().min(1).max(60)).min(1).max(6),
    omklapHerinneringDagen: z.number().int().min(0).max(365),
  })
  .strict();

export const stepSchemas = {
  vraag: z
    .object({
      perspectief: z.enum(['eerst_stabiliseren', 'lange_termijn']),
      samenwonen: z.enum(['alleen', 'gedeelde_ruimte']),
      nabijLotgenoten: z.enum(['ja', 'nee', 'geen_voorkeur']),
      meting: z
        .object({
          instrument: z.enum(['zrm', 'tax_su']),
          scores: z.record(z.string().regex(/^[a-z_]{2,40}$/), zrmScore),
        })
        .optional(),
    })
    .strict(),
  zorg: z
    .object({
      zorgvorm: z.enum(zorgvormen),
      steunpuntGewenst: z.boolean(),
      clusteringNodig: z.boolean(),
      richtingen: z.array(z.enum(['flexibel', 'ambulant', 'extramuraal', 'sober', 'clustering'])).max(5),
    })
    .strict(),
  woonvorm: z.object({ woonvorm: z.enum(woonvormen), toelichting: tekst().optional() }).strict(),
  buurt: z
    .object({
      buurtcode,
      opgave: z.enum(opgaven),
      draagkrachtBesproken: z.boolean(),
      voorlichtingNodig: z.boolean(),
    })
    .strict(),
  aanbod: z
    .object({
      woning: woningSnapshotSchema,
      aanbodDatum: datum,
      bezichtigingOp: datum.optional(),
      plaatsingenInBuurt: z.number().int().min(0).optional(),
      draagkracht: z
        .object({ maxPlaatsingen: z.number().int().min(0), periodeDagen: z.number().int().min(1) })
        .strict()
        .optional(),
      parameters: jaarParametersSchema.optional(),
    })
    .strict(),
  reactie: z
    .object({ besluit: z.enum(['accepteert', 'weigert']), reden: tekst().optional() })
    .strict()
    .refine((r) => r.besluit === 'accepteert' || r.reden, {
      message: 'bij een weigering hoort een reden',
      path: ['reden'],
    }),
  aanbod_afgekeurd: z.object({ reden: tekst() }).strict(),
  doorgeleiding: z
    .object({ reden: tekst(), contactpersoon: z.object({ naam: tekst(100), organisatie: orgId }).strict() })
    .strict(),
  persoonlijk_contact: z.object({ datum, vervolg: tekst() }).strict(),
  toewijzing: z
    .object({
      contractvorm: z.enum(contractvormen),
      ingangsdatum: datum,
      omklapdatum: datum
        .optional()
        .describe('With onderverhuur_door_zorg: when the contract goes over to the resident (after the ingangsdatum)'),
      nazorgAfspraak: nazorgAfspraakSchema.optional(),
    })
    .strict(),
  overdracht: z
    .object({
      woonplek: tekst(200),
      begeleidingsafspraken: z
        .array(z.object({ wie: tekst(100), wat: tekst() }).strict())
        .min(1)
        .max(30),
      contactpersonen: z
        .array(z.object({ rol: tekst(60), organisatie: orgId, naam: tekst(100) }).strict())
        .min(1)
        .max(20),
      signaleringsafspraken: z
        .array(
          z
            .object({ signaal: z.enum(['overlast', 'huurachterstand', 'zorgmijding', 'overig']), afspraak: tekst() })
            .strict(),
        )
        .min(1)
        .max(20),
    })
    .strict(),
  overdracht_bevestiging: z.object({}).strict(),
  kennismakingsgesprek: z
    .object({
      datum,
      verwachtingenBesproken: z.literal(true),
      // Optional here so steps recorded before it replay; the step table asks for it (regelset 2).
      deelnemers: z
        .array(z.enum(kennismakingDeelnemers))
        .min(1)
        .max(3)
        .optional()
        .describe('Who took part: bewoner, zorg, verhuurder'),
    })
    .strict(),
  nazorg: z
    .object({ uitkomst: z.enum(['stabiel', 'ondersteuning_bijgesteld']), toelichting: tekst().optional() })
    .strict(),
  ondersteuning: z.object({ richting: z.enum(ondersteuningsRichtingen), reden: tekst() }).strict(),
  omklap: z
    .object({
      besluit: z.enum(['omgeklapt', 'verlengd']),
      datum: datum.describe('omgeklapt: the date the resident became huurder; verlengd: the new omklapdatum'),
      reden: tekst().optional().describe('Required with verlengd'),
    })
    .strict()
    .refine((o) => o.besluit === 'omgeklapt' || o.reden, {
      message: 'een verlenging vraagt een reden',
      path: ['reden'],
    }),
  nazorg_afsluiting: z
    .object({ reden: tekst().optional().describe('Required before the agreed follow-up or while the omklap is open') })
    .strict(),
  verwijzing: z.object({ reden: tekst() }).strict(),
  intrekking: z.object({ reden: tekst() }).strict(),
  opschorting: z.object({ reden: z.enum(opschortingsRedenen), toelichting: tekst().optional() }).strict(),
  hervatting: z.object({}).strict(),
  verlenging: z.object({ werkdagen: z.number().int().min(1).max(60), reden: tekst() }).strict(),
} satisfies { [S in StepName]: z.ZodType<StepInputs[S]> };

export const stepNameSchema = z.enum(stepNames);

export const stepRequestSchema = z.object({
  step: stepNameSchema,
  input: z.unknown(),
  actor: actorSchema,
});

/** Full check of a step request as it reaches the workflow. Returns a message naming the field, or undefined. */
export function stepRequestProblem(req: unknown): string | undefined {
  const outer = stepRequestSchema.safeParse(req);
  if (!outer.success) return describeIssues(outer.error);
  const inner = stepSchemas[outer.data.step].safeParse(outer.data.input);
  return inner.success ? undefined : describeIssues(inner.error, 'input');
}

export function describeIssues(error: z.ZodError, prefix?: string): string {
  return error.issues
    .map((i) => `${[prefix, ...i.path.map(String)].filter(Boolean).join('.') || '(body)'}: ${i.message}`)
    .join('; ');
}
