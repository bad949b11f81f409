import { z } from 'zod';
import type { Db } from '../../prisma/client';
import { Prisma } from '../../prisma/client';
import type { Principal } from '../auth/principal';
import { HttpError } from '../http/errors';
import type { CsvColumn } from '../http/csv';

/**
 * The audit log for the privacy officer, per case and per user: filters on period, user,
 * case and action. Scoped as canReadAudit allows: a privacy officer sees the entries of the
 * cases its organisation is a party to, and the entries without a case (lists, refusals) of
 * its own organisation's users. Nobody else gets a row.
 */
export const auditActions = ['read', 'list', 'write', 'audit', 'refused', 'decode'] as const;

const isoDate = z.iso.date({ error: 'a date (yyyy-mm-dd)' });
export const auditSearchQuery = z
  .object({
    caseId: z.uuid({ error: 'a case id (uuid)' }).optional(),
    actorId: z
      .string()
      .regex(/^[A-Za-z0-9._:-]{1,64}$/, 'a pseudonymous user id')
      .optional(),
    action: z.enum(auditActions).optional(),
    van: isoDate.optional().describe('From this day (Europe/Amsterdam), inclusive'),
    tot: isoDate.optional().describe('Up to and including this day'),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .strict()
  .refine((q) => !q.van || !q.tot || q.van <= q.tot, { message: 'van must not be after tot', path: ['tot'] });
export type AuditSearch = z.infer<typeof auditSearchQuery>;

export const auditEntryBody = z.object({
  at: z.iso.datetime(),
  caseId: z.string().nullable(),
  actorId: z.string(),
  organisatie: z.string(),
  roles: z.array(z.string()),
  action: z.string(),
  route: z.string(),
  status: z.number().int(),
  view: z.string().nullable(),
  onBehalfOf: z.string().nullable(),
  requestId: z.string().nullable(),
});
export type AuditEntryOut = z.infer<typeof auditEntryBody>;
export const auditSearchBody = z.object({ total: z.number().int(), items: z.array(auditEntryBody) });

export const auditCsvColumns: readonly CsvColumn<AuditEntryOut>[] = [
  { header: 'tijdstip', value: (e) => e.at },
  { header: 'casus', value: (e) => e.caseId },
  { header: 'gebruiker', value: (e) => e.actorId },
  { header: 'organisatie', value: (e) => e.organisatie },
  { header: 'rollen', value: (e) => e.roles.join(',') },
  { header: 'actie', value: (e) => e.action },
  { header: 'route', value: (e) => e.route },
  { header: 'status', value: (e) => e.status },
  { header: 'weergave', value: (e) => e.view },
  { header: 'namens', value: (e) => e.onBehalfOf },
  { header: 'verzoek', value: (e) => e.requestId },
];

/** Only a privacy officer searches the audit log; anyone else is refused before a query runs. */
export function auditScopeOf(p: Principal): { organisatie: string } {
  if (!p.roles.includes('privacy_officer'))
    throw new HttpError(403, 'forbidden', 'het auditlog is voor de privacyfunctionaris');
  return { organisatie: p.org };
}

export async function searchAudit(
  db: Db,
  p: Principal,
  q: Omit<AuditSearch, 'format'>,
): Promise<{ total: number; items: AuditEntryOut[] }> {
  const { organisatie } = auditScopeOf(p);
  const where: Prisma.Sql[] = [
    Prisma.sql`(
      (a.case_id IS NOT NULL AND EXISTS (SELECT 1 FROM cases c WHERE c.id = a.case_id
         AND ${organisatie} IN (c.wijkteam, c.zorginstelling, c.corporatie)))
      OR (a.case_id IS NULL AND a.organisatie = ${organisatie}))`,
  ];
  if (q.caseId) where.push(Prisma.sql`a.case_id = ${q.caseId}`);
  if (q.actorId) where.push(Prisma.sql`a.actor_id = ${q.actorId}`);
  if (q.action) where.push(Prisma.sql`a.action = ${q.action}`);
  // Days in Amsterdam time, as every date the users see.
  if (q.van) where.push(Prisma.sql`a.at >= (${q.van}::date::timestamp AT TIME ZONE 'Europe/Amsterdam')`);
  if (q.tot) where.push(Prisma.sql`a.at < ((${q.tot}::date + 1)::timestamp AT TIME ZONE 'Europe/Amsterdam')`);
  const cond = Prisma.join(where, ' AND ');
  const [count] = await db.$queryRaw<Array<{ n: bigint }>>`SELECT count(*) AS n FROM audit_entries a WHERE ${cond}`;
  const rows = await db.$queryRaw<
    Array<{
      at: Date;
      case_id: string | null;
      actor_id: string;
      organisatie: string;
      roles: string;
      action: string;
      route: string;
      status: number;
      view: string | null;
      on_behalf_of: string | null;
      request_id: string | null;
    }>
  >`SELECT a.at, a.case_id, a.actor_id, a.organisatie, a.roles, a.action, a.route, a.status, a.view, a.on_behalf_of, a.request_id
    FROM audit_entries a WHERE ${cond} ORDER BY a.id DESC LIMIT ${q.limit} OFFSET ${q.offset}`;
  return {
    total: Number(count?.n ?? 0),
    items: rows.map((r) => ({
      at: r.at.toISOString(),
      caseId: r.case_id,
      actorId: r.actor_id,
      organisatie: r.organisatie,
      roles: r.roles ? r.roles.split(',') : [],
      action: r.action,
      route: r.route,
      status: r.status,
      view: r.view,
      onBehalfOf: r.on_behalf_of,
      requestId: r.request_id,
    })),
  };
}
