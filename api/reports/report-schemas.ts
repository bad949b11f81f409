import { z } from 'zod';
import { ORG_ID_PATTERN } from '../../domain/primitives';
import { doelgroepen, fasen, rollen } from '../../domain/types';
import { doorlooptijdPer, leeftijdBuckets, openPer, totaalPer, wachttijdPer } from '../../prisma/reports';

/** Query and answer shapes of the management reports (GET /reports/*). */

const datum = z.iso.date().describe('Date, yyyy-mm-dd (Europe/Amsterdam)');
const organisatie = z.string().regex(ORG_ID_PATTERN, 'an organisation id');
const format = z
  .enum(['json', 'csv'])
  .optional()
  .describe('csv: `;`-separated, `.` decimals, header row (also chosen by `Accept: text/csv`)');

const periode = {
  van: datum.optional().describe('Periods that ended on or after this date'),
  tot: datum.optional().describe('Periods that ended on or before this date'),
};
/** tot before van is named on tot. */
const vanTot = (q: { van?: string | undefined; tot?: string | undefined }, ctx: z.RefinementCtx) => {
  if (q.van && q.tot && q.tot < q.van)
    ctx.addIssue({ code: 'custom', path: ['tot'], message: 'tot must not be before van' });
};

export const doorlooptijdQuery = z
  .object({
    per: z
      .enum(doorlooptijdPer)
      .default('fase')
      .describe('Rows per fase, and per doelgroep, the organisation responsible for the fase, or month of ending'),
    ...periode,
    organisatie: organisatie.optional().describe('Cases in which this organisation is a party'),
    doelgroep: z.enum(doelgroepen).optional(),
    format,
  })
  .strict()
  .superRefine(vanTot);

export const wachttijdQuery = z
  .object({
    per: z
      .enum(wachttijdPer)
      .default('organisatie')
      .describe('Rows per role, and per organisation waited on, fase, doelgroep or month of ending'),
    ...periode,
    rol: z.enum(rollen).optional(),
    organisatie: organisatie.optional().describe('Cases in which this organisation is a party'),
    doelgroep: z.enum(doelgroepen).optional(),
    format,
  })
  .strict()
  .superRefine(vanTot);

export const totaalQuery = z
  .object({
    per: z
      .enum(totaalPer)
      .default('maand')
      .describe('Rows per month the case reached nazorg (or closed), doelgroep, or party'),
    van: datum.optional().describe('Cases that ended (reached nazorg or closed) on or after this date'),
    tot: datum.optional().describe('Cases that ended on or before this date'),
    organisatie: organisatie.optional().describe('Cases in which this organisation is a party'),
    doelgroep: z.enum(doelgroepen).optional(),
    format,
  })
  .strict()
  .superRefine(vanTot);

export const openQuery = z
  .object({
    per: z
      .enum(openPer)
      .default('fase')
      .describe(
        'Rows per fase and: the role(s) the case waits on, the organisation responsible for the fase, or doelgroep',
      ),
    leeftijd: z
      .enum(['start', 'fase'])
      .default('start')
      .describe('Age in kalenderdagen since the aanmelding, or since the case entered its fase'),
    organisatie: organisatie.optional().describe('Cases in which this organisation is a party'),
    doelgroep: z.enum(doelgroepen).optional(),
    format,
  })
  .strict();

export const contingentQuery = z
  .object({
    jaar: z.coerce.number({ error: 'a year' }).int().min(2000).max(2100),
    corporatie: organisatie.optional(),
    peildatum: datum.optional().describe('Count toewijzingen up to and including this date; defaults to today'),
    format,
  })
  .strict();

export const vraagAanbodQuery = z
  .object({
    van: datum.optional().describe('Inflow and placements from this date; defaults to 1 January of this year'),
    tot: datum.optional().describe('Up to and including this date (also the contingent peildatum); defaults to today'),
    doelgroep: z.enum(doelgroepen).optional(),
    format,
  })
  .strict()
  .superRefine(vanTot);

// ---- Answers (documented in OpenAPI; the routes build them from the repository's rows) ----

const werkdagen = z.number().nullable();
const reportHead = { per: z.string(), filters: z.record(z.string(), z.unknown()) };

export const doorlooptijdBody = z.object({
  ...reportHead,
  rijen: z.array(
    z.object({
      groep: z.string().nullable().describe('Value of `per` (null when per=fase)'),
      fase: z.enum(fasen),
      aantal: z.number().int(),
      mediaanWerkdagen: werkdagen,
      p90Werkdagen: werkdagen,
      gemiddeldWerkdagen: werkdagen,
      overNorm: z.number().int().describe('Periods over their norm plus extension'),
      normWerkdagen: werkdagen.describe("The norm as set now (the organisation's agreed norm when per=organisatie)"),
    }),
  ),
});

export const wachttijdBody = z.object({
  ...reportHead,
  rijen: z.array(
    z.object({
      rol: z.enum(rollen),
      groep: z.string().nullable(),
      beurten: z.number().int(),
      casussen: z.number().int(),
      totaalWerkdagen: z.number(),
      mediaanWerkdagen: werkdagen,
      p90Werkdagen: werkdagen,
      gemiddeldWerkdagen: werkdagen,
    }),
  ),
});

export const totaalBody = z.object({
  ...reportHead,
  rijen: z.array(
    z.object({
      groep: z.string().nullable(),
      casussen: z.number().int(),
      mediaanWerkdagen: werkdagen,
      p90Werkdagen: werkdagen,
      gemiddeldWerkdagen: werkdagen,
      overNorm: z
        .number()
        .int()
        .describe("Cases over their totaal norm (the wijkteam's agreed norm, else the default)"),
      normWerkdagen: werkdagen.describe('The default totaal norm'),
    }),
  ),
});

export const openBody = z.object({
  ...reportHead,
  leeftijd: z.enum(['start', 'fase']),
  peilmoment: z.iso.datetime(),
  buckets: z
    .array(z.string())
    .describe(`Age buckets in kalenderdagen: ${leeftijdBuckets.map((b) => b.label).join(', ')}`),
  totaal: z.object({
    aantal: z.number().int(),
    leeftijd: z.array(z.number().int()),
    overDeadline: z.number().int(),
    opgeschort: z.number().int(),
  }),
  rijen: z.array(
    z.object({
      fase: z.enum(fasen),
      groep: z.string().nullable(),
      aantal: z.number().int(),
      leeftijd: z.array(z.number().int()).describe('Count per bucket, in the order of `buckets`'),
      mediaanDagen: z.number().nullable(),
      overDeadline: z.number().int(),
      opgeschort: z.number().int(),
    }),
  ),
});

export const contingentBody = z.object({
  jaar: z.number().int(),
  peildatum: z.iso.date(),
  verstreken: z.number().describe('Elapsed share of the year at the end of the peildatum'),
  rijen: z.array(
    z.object({
      corporatie: z.string(),
      opgave: z.string().describe('opgave_1_nabij_steunpunt, opgave_2_gespikkeld, zonder_opgave or totaal'),
      doelgroep: z.string().describe("'*' = all doelgroepen"),
      beloofd: z.number().int().nullable(),
      gerealiseerd: z.number().int(),
      prognose: z.number().nullable().describe('gerealiseerd / verstreken'),
      opKoers: z.boolean().nullable(),
    }),
  ),
});

const aantal = z.number().int();
export const vraagAanbodBody = z.object({
  periode: z.object({ van: z.iso.date(), tot: z.iso.date() }),
  filters: z.record(z.string(), z.unknown()),
  instroom: z.array(z.object({ doelgroep: z.string(), aantal })).describe('Aanmeldingen in the period per doelgroep'),
  openVraag: z.object({
    perWoonvorm: z
      .array(z.object({ doelgroep: z.string(), woonvorm: z.string(), aantal }))
      .describe(
        'Open cases still waiting for a home, by the woonvorm chosen (nog_niet_gekozen before the woonvorm step)',
      ),
    perStap: z
      .array(z.object({ doelgroep: z.string(), fase: z.enum(fasen), wachtOp: z.string().nullable(), aantal }))
      .describe('The same cases by the fase they are at and the role(s) they wait on'),
  }),
  aanbod: z
    .array(z.object({ woonvorm: z.string(), typering: z.string().nullable(), vrij: aantal }))
    .describe(
      "Vrije woningen (the corporatie's own, and a gemeente manager's gemeente's) per woonvorm and brandveiligheid typering (null: not recorded)",
    ),
  contingent: z
    .array(
      z.object({
        corporatie: z.string(),
        jaar: z.number().int(),
        beloofd: aantal.nullable(),
        gerealiseerd: aantal,
        resterend: aantal.nullable().describe('beloofd − gerealiseerd, at least 0'),
      }),
    )
    .describe('Prestatieafspraken of the year of `tot`, at `tot`'),
  plaatsingen: z
    .array(z.object({ doelgroep: z.string(), woonvorm: z.string(), aantal }))
    .describe('Toewijzingen in the period per doelgroep and the woning’s woonvorm'),
});
