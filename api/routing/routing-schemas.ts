import { z } from 'zod';
import { orgId } from '../../domain/primitives';
import { actorSchema } from '../../domain/schemas';
import { zijdeSchema } from '../../domain/verdeling-schemas';
import { caseRoles } from '../auth/principal';
import { behandelaarFilter } from '../cases/case-schemas';

/** Request and answer shapes of routing and the behandelaar: parsed here, passed on parsed. */

const page = {
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
};

export const teVerdelenQuery = z.strictObject({ zijde: zijdeSchema.optional(), ...page });

export const acceptBody = z.strictObject({ zijde: zijdeSchema });

export const assignBody = z.strictObject({ zijde: zijdeSchema, organisatie: orgId });

export const behandelaarBody = z
  .strictObject({
    actie: z.enum(['oppakken', 'overdragen', 'vrijgeven']),
    aan: actorSchema.shape.id.optional(),
  })
  .refine((b) => b.actie !== 'overdragen' || b.aan !== undefined, {
    path: ['aan'],
    message: 'kies de collega aan wie u de casus overdraagt',
  })
  .refine((b) => b.actie === 'overdragen' || b.aan === undefined, {
    path: ['aan'],
    message: 'alleen bij overdragen',
  });

export const inboxQuery = z
  .strictObject({
    lijst: z.enum(['mijn', 'team']).default('team'),
    rol: z.enum(caseRoles).optional(),
    sorteer: z.enum(['deadline', 'wachttijd']).default('deadline'),
    richting: z.enum(['op', 'af']).default('op'),
    behandelaar: behandelaarFilter.optional().describe("Team only: the behandelaar of the caller's own party"),
    ...page,
  })
  // Mijn werk is the caller's own: a behandelaar filter there would contradict it.
  .refine((q) => q.lijst === 'team' || q.behandelaar === undefined, {
    path: ['behandelaar'],
    message: 'alleen bij lijst=team',
  });
export type InboxQuery = z.infer<typeof inboxQuery>;

/** One open side as its candidates see it (verdeling-view.ts decides which fields). */
export const teVerdelenItem = z.object({
  caseId: z.uuid(),
  zijde: zijdeSchema,
  fase: z.string(),
  gemeente: z.string(),
  urgent: z.boolean(),
  deelgroep: z.string(),
  route: z.string(),
  woonvorm: z.string().nullable(),
  doelgroep: z.string().optional(),
  sinds: z.iso.datetime(),
});

export const teVerdelenBody = z.object({
  items: z.array(teVerdelenItem),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

export const partyResultBody = z.object({
  caseId: z.uuid(),
  partij: z.enum(['wijkteam', 'zorginstelling', 'corporatie']),
  organisatie: z.string(),
  behandelaar: z.string().nullable(),
});

export const collegasBody = z.object({
  items: z.array(z.object({ id: z.string(), naam: z.string().nullable() })),
});
