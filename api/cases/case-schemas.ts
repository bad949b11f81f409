import { z } from 'zod';
import { datum, orgId } from '../../domain/primitives';
import { fasen, doelgroepen, stepNames, woonvormen } from '../../domain/types';
import { actorSchema, stepSchemas } from '../../domain/schemas';
import { normaliseReferentie } from '../../domain/referentie';

/** Request and response shapes of the HTTP API; step inputs come from workflows/schemas. */

export const caseIdParams = z.object({ id: z.uuid({ error: 'a case id (uuid)' }) });

/** The aanbod step as a client sends it: which woning; the API adds the woning's data the rules need. */
export const aanbodRequestSchema = z
  .object({
    woningId: z.uuid({ error: 'a woning id (uuid)' }),
    aanbodDatum: datum.optional().describe("Defaults to today (Europe/Amsterdam); selects the year's rule parameters"),
    bezichtigingOp: datum.optional(),
  })
  .strict();

/** The toewijzing as a client sends it: the API adds the configured nazorg follow-up. */
export const toewijzingRequestSchema = stepSchemas.toewijzing.omit({ nazorgAfspraak: true });

/** Step bodies as the API accepts them. */
export const apiStepSchemas = { ...stepSchemas, aanbod: aanbodRequestSchema, toewijzing: toewijzingRequestSchema };

export const matchesQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    uitgesloten: z
      .enum(['true', 'false'])
      .default('false')
      .describe('Also list excluded woningen with the rules that exclude them'),
    aanbodDatum: datum.optional(),
  })
  .strict();
export const stepParams = caseIdParams.extend({ step: z.enum(stepNames) });

/** A referentie as it is searched: the aanmelding's characters, plus the spaces people type (normalised away). */
export const referentieZoek = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9 -]{1,60}$/, 'letters, digits, spaces or dashes, at most 60')
  .refine((v) => normaliseReferentie(v).length >= 4, 'at least 4 letters or digits');

/**
 * The behandelaar filter: a user id, `mij` (the reader) or `geen` (nobody yet), always of the reader's own
 * side of the case (a user id is never "mij" or "geen": those two words are taken).
 */
export const behandelaarFilter = actorSchema.shape.id.describe(
  "The behandelaar of the caller's own party: a user id, 'mij' (the caller) or 'geen' (nobody)",
);

export const listCasesQuery = z
  .object({
    status: z.enum(['lopend', 'afgesloten']).optional(),
    fase: z.enum(fasen).optional().describe('The step the case is at'),
    organisatie: orgId.optional().describe('Cases in which this organisation is a party'),
    doelgroep: z.enum(doelgroepen).optional(),
    code: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[0-9a-f]{8}$/, 'the short code of a case: its first 8 hex digits, e.g. 65b200f6')
      .optional()
      .describe('The case whose id starts with this short code ("Casus 65b200f6")'),
    referentie: referentieZoek.optional().describe("The wijkteam's referentie of the person (consulent only)"),
    overTermijn: z
      .enum(['true', 'false'], { error: "'true' or 'false'" })
      .transform((v) => v === 'true')
      .optional()
      .describe("true: only cases whose current fase's deadline has passed; false: only those within it"),
    behandelaar: behandelaarFilter.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();

export const idempotencyKeyHeader = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{8,128}$/, '8 to 128 letters, digits or . _ : -')
  .optional();

export const errorBody = z.object({
  error: z.string().describe('Machine-readable code'),
  message: z.string(),
  in: z.enum(['body', 'query', 'path', 'header']).optional(),
  fields: z.array(z.object({ field: z.string(), problem: z.string() })).optional(),
  currentStep: z.enum(fasen).optional().describe('On 409: the step the case is at'),
});

export const stepResultBody = z.object({
  caseId: z.uuid(),
  seq: z.number().int(),
  step: z.string(),
  fase: z.enum(fasen),
  status: z.enum(['lopend', 'afgesloten']),
  uitkomst: z.string().optional(),
});

const party = z.object({ rol: z.string(), organisatie: z.string().optional() });

const termijnBody = z
  .object({
    fase: z.enum(fasen),
    sinds: z.iso.datetime(),
    normWerkdagen: z.number().nullable(),
    verlengdWerkdagen: z.number().nullable(),
    werkdagenBesteed: z
      .number()
      .describe('Werkdagen in this fase so far: weekends, public holidays and opschorting excluded'),
    overNorm: z.boolean(),
    opgeschort: z.boolean(),
    herinneringAt: z.iso.datetime().nullable(),
    deadlineAt: z.iso
      .datetime()
      .nullable()
      .describe('When the norm is passed and the manager is told; null while opgeschort'),
  })
  .nullable()
  .describe("The clock of the case's current fase; null once closed");

export const caseSummaryBody = z.object({
  id: z.uuid(),
  referentie: z.string().optional().describe("The wijkteam's referentie of the person: for the case's wijkteam only"),
  status: z.enum(['lopend', 'afgesloten']),
  fase: z.enum(fasen),
  route: z.enum(['zorgwoning', 'regulier']),
  uitkomst: z.string().nullable(),
  deelgroep: z.string(),
  doelgroep: z.string(),
  gemeente: z.string(),
  partijen: z.object({
    wijkteam: z.string(),
    zorginstelling: z.string().nullable(),
    corporatie: z.string().nullable(),
  }),
  aanZet: z.array(z.string()).describe('Roles the case waits on'),
  startedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  closedAt: z.iso.datetime().nullable(),
  termijn: termijnBody,
});

export const caseListBody = z.object({
  items: z.array(caseSummaryBody),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

export const caseDetailBody = caseSummaryBody.extend({
  wachtOp: z.array(party).describe('Who the case waits on'),
  mogelijkeStappen: z
    .array(z.object({ step: z.enum(stepNames), rollen: z.array(party) }))
    .describe('Steps that may be recorded now, and by whom'),
  signalen: z
    .array(
      z.object({
        soort: z.enum(['herinnering', 'escalatie', 'vervolg', 'omklap']),
        fase: z.string(),
        organisatie: z.string().nullable(),
        dueAt: z.iso.datetime(),
        at: z.iso.datetime(),
        email: z.string(),
        webhook: z.string(),
      }),
    )
    .describe('Reminders and escalations raised for the case, and how each went out'),
  state: z.record(z.string(), z.unknown()).describe('The case as the workflow holds it'),
  history: z.array(
    z.object({
      seq: z.number().int(),
      step: z.string(),
      faseBefore: z.string(),
      faseAfter: z.string(),
      at: z.iso.datetime(),
      actor: z.object({ id: z.string(), rol: z.string(), organisatie: z.string() }),
      summary: z.record(z.string(), z.unknown()),
    }),
  ),
});

export const healthBody = z.object({
  status: z.enum(['ok', 'degraded']),
  api: z.literal('ok'),
  temporal: z.object({ ok: z.boolean(), latencyMs: z.number().optional(), error: z.string().optional() }),
  database: z.object({ ok: z.boolean(), latencyMs: z.number().optional(), error: z.string().optional() }),
  leesmodel: z
    .object({ storingen: z.number().int(), laatste: z.iso.datetime().nullable() })
    .optional()
    .describe(
      'Steps the read model refused for good (table leesmodel_storingen): those cases move on, their read model lags',
    ),
  lokaleActiviteiten: z
    .object({
      overgedragen: z.number().int(),
      uren: z.number().int(),
      laatste: z.iso.datetime().nullable(),
      recent: z.array(z.object({ activiteit: z.string(), at: z.iso.datetime() })),
    })
    .optional()
    .describe(
      'Local activities that spent their attempts and were handed to the durable activity (table ' +
        'lokale_activiteit_overdrachten): how many in the last `uren` hours, the last one ever, and the newest few by activity and time (the case ids are in the table, not on this open route)',
    ),
});

const woonvormOptieBody = z.object({
  woonvorm: z.enum(woonvormen),
  uitkomst: z.enum(['aanbevolen', 'mogelijk', 'uitgesloten']),
  score: z.number(),
  voor: z.array(z.string()).describe('Reasons for this option'),
  bezwaren: z.array(z.string()).describe('Concerns the zorgmedewerker weighs; they do not exclude'),
  conflicten: z.array(z.string()).describe('Hard conflicts: the woonvorm step refuses this option (422)'),
});

/** GET /cases/{id}/woonvorm-advies: the advice as the woonvorm step judges it now, and what was recorded. */
export const woonvormAdviesBody = z.object({
  caseId: z.uuid(),
  fase: z.string(),
  regel: z.string().describe('Rule id and version, e.g. woonvorm-advies@2'),
  regelset: z.number().int().describe('The case rules the advice follows (domain/rules/regelset)'),
  opties: z.array(woonvormOptieBody).describe('Best first; excluded options last'),
  aanbevolen: z.array(z.enum(woonvormen)),
  doorgeleiding: z
    .object({
      regel: z.string(),
      uitkomst: z.enum(['zorgwoning', 'doorgeleiden', 'verwijzen']),
      redenen: z.array(z.string()),
    })
    .nullable()
    .describe('Whether the case fits a zorgwoning; null for spoed without a zorginstelling'),
  vastgelegd: z
    .object({
      woonvorm: z.enum(woonvormen),
      advies: z
        .object({
          regel: z.string(),
          aanbevolen: z.array(z.enum(woonvormen)),
          gekozen: z.enum(['aanbevolen', 'mogelijk']),
          opties: z.array(woonvormOptieBody).optional().describe('Absent for choices recorded before issue 14 item 13'),
        })
        .nullable(),
    })
    .nullable()
    .describe('The woonvorm step as recorded, with the verdict it was chosen under; null before it'),
});
