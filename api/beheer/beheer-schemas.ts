import { z } from 'zod';
import { gemeentecode, orgId, safeText } from '../../domain/primitives';
import { webhookTargetProblem } from '../../platform/network-targets';
import { doelgroepen, normFasen, opgaven } from '../../domain/types';

/**
 * Request and response shapes of the beheer API: organisations (where signals
 * go), norms per fase and the contingent afspraken. No case content.
 */

const jaar = z.coerce.number().int().min(2000).max(2100);
const email = z.email({ error: 'an e-mail address' }).max(254);
const gemeente = gemeentecode;

export const organisatieSoorten = ['wijkteam', 'zorginstelling', 'corporatie', 'gemeente', 'operator'] as const;

/**
 * https to a public receiver; loopback, private and link-local targets (and plain http to this
 * machine) only with WEBHOOK_ALLOW_PRIVATE_TARGETS=true. One check, so one problem per field.
 */
export const webhookUrl = safeText()
  .max(500)
  .superRefine((value, ctx) => {
    const problem = webhookTargetProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .meta({ format: 'uri' });

export const organisatieIdParams = z.object({ id: orgId });

/** PUT replaces the organisation whole: an optional field left out is cleared. */
export const organisatieInputBody = z
  .object({
    naam: safeText().trim().min(1).max(200),
    soort: z.enum(organisatieSoorten),
    gemeente: gemeente.nullable().optional().describe('For a gemeente or a local party: its CBS code'),
    werkgebied: z
      .array(gemeente)
      .max(400)
      .default([])
      .describe('CBS codes of the gemeenten it serves: it sees and may accept open sides of their cases'),
    email: email.nullable().optional().describe('Team mailbox: reminders (herinneringen) go here'),
    managerEmail: email.nullable().optional().describe('The manager: escalations go here'),
    webhookUrl: webhookUrl
      .nullable()
      .optional()
      .describe('Reminders and escalations are also POSTed here, signed with X-Toewijzing-Signature'),
    actief: z.boolean().default(true).describe('An inactive organisation gets no signals'),
  })
  .strict();

const beheerd = {
  updatedAt: z.iso.datetime(),
  updatedBy: z.string().describe('User id of the beheerder who last changed it'),
};

export const organisatieBody = z.object({
  id: orgId,
  naam: z.string(),
  soort: z.enum(organisatieSoorten),
  gemeente: z.string().nullable(),
  werkgebied: z.array(z.string()),
  email: z.string().nullable(),
  managerEmail: z.string().nullable(),
  webhookUrl: z.string().nullable(),
  actief: z.boolean(),
  ...beheerd,
});
export const organisatieListBody = z.object({ items: z.array(organisatieBody) });

/** Fasen with a norm, and `totaal` for the whole case. */
export const normFaseValues = [...normFasen, 'totaal'] as const;
const normFase = z.enum(normFaseValues);
const normOrganisatie = z.union([z.literal('*'), orgId]).describe("An organisation id, or '*' for the default norm");

export const normParams = z.object({ fase: normFase });
export const normDeleteParams = z.object({ fase: normFase, organisatie: normOrganisatie });

export const normInputBody = z
  .object({
    organisatie: normOrganisatie.default('*'),
    werkdagen: z
      .number()
      .positive()
      .max(250)
      .multipleOf(0.5, 'whole or half werkdagen')
      .describe('The norm in werkdagen'),
    herinneringBij: z
      .number()
      .gt(0)
      .lt(1)
      .nullable()
      .optional()
      .describe('Share of the norm after which the party whose turn it is gets a reminder; null or absent: none'),
  })
  .strict();

export const normBody = z.object({
  fase: normFase,
  organisatie: z.string(),
  werkdagen: z.number(),
  herinneringBij: z.number().nullable(),
  ...beheerd,
});
export const normListBody = z.object({ items: z.array(normBody) });

export const contingentQuery = z.object({ jaar: jaar.optional(), corporatie: orgId.optional() }).strict();
export const contingentParams = z.object({ corporatie: orgId, jaar });

const contingentDoelgroep = z.enum(['*', ...doelgroepen]).describe("A doelgroep, or '*' for all doelgroepen together");
export const contingentInputBody = z
  .object({
    afspraken: z
      .array(
        z
          .object({
            opgave: z.enum(opgaven),
            doelgroep: contingentDoelgroep.default('*'),
            aantal: z.number().int().min(0).max(100_000).describe('Homes promised'),
          })
          .strict(),
      )
      .max(100),
  })
  .strict()
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    body.afspraken.forEach((a, i) => {
      const key = `${a.opgave}/${a.doelgroep}`;
      if (seen.has(key))
        ctx.addIssue({
          code: 'custom',
          path: ['afspraken', i, 'doelgroep'],
          message: `opgave ${a.opgave} with doelgroep ${a.doelgroep} appears twice`,
        });
      seen.add(key);
    });
  });

export const contingentAfspraakBody = z.object({
  corporatie: orgId,
  jaar: z.number().int(),
  opgave: z.enum(opgaven),
  doelgroep: contingentDoelgroep,
  aantal: z.number().int(),
  ...beheerd,
});
export const contingentListBody = z.object({ items: z.array(contingentAfspraakBody) });
