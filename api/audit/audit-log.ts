import type { Request } from 'express';
import type { Db } from '../../prisma/client';
import type { Principal } from '../auth/principal';

export type AuditAction = 'read' | 'list' | 'write' | 'audit' | 'decode';

/**
 * The access log of case data, in its own append-only table (not the
 * application log). Entries are written before the answer is sent: a read
 * that cannot be logged is not served.
 */
export function createAudit(db: Db) {
  const base = (p: Principal, req: Request) => ({ actorId: p.sub, organisatie: p.org, roles: p.roles.join(','), route: `${req.method} ${req.baseUrl}${req.route?.path ?? req.path}` });
  return {
    /** `detail`: what was served without its content (e.g. a codec decode's payload count), after the route. */
    async record(req: Request, p: Principal, action: AuditAction, caseIds: readonly (string | null)[], status: number, detail?: string) {
      const entry = base(p, req);
      if (detail) entry.route = `${entry.route} ${detail}`;
      await db.auditEntry.createMany({ data: caseIds.map((caseId) => ({ ...entry, action, caseId, status })) });
    },
    async forCase(caseId: string) {
      const rows = await db.auditEntry.findMany({ where: { caseId }, orderBy: { id: 'asc' } });
      return rows.map((r) => ({ at: r.at.toISOString(), actorId: r.actorId, organisatie: r.organisatie, roles: r.roles.split(','), action: r.action, route: r.route, status: r.status }));
    },
  };
}
export type Audit = ReturnType<typeof createAudit>;
