import { createHash, randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { decodeJwt } from 'jose';
import type { Db } from '../../prisma/client';
import { viewOf } from '../auth/access-policy';
import type { Principal } from '../auth/principal';
import { sessionToken } from '../http/cookies';
import { appendEntries, type AuditContent } from './audit-chain';

export type AuditAction = 'read' | 'list' | 'write' | 'audit' | 'refused' | 'decode';

/**
 * The access log of case data (NEN 7513), in its own append-only, hash-chained table (not
 * the application log). Entries are written before the answer is sent: a read that cannot
 * be logged is not served. Each entry says who (user, organisation, roles, on behalf of whom),
 * from where (source address, user agent, request id, session), what (route, case, action,
 * answer) and which view of the case was served. Refusals nobody recorded are added by
 * auditRefusals (refusal-audit.ts) when the answer goes out.
 */

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;
const requestIds = new WeakMap<Request, string>();
const audited = new WeakSet<Request>();

/** The request's id: the client's X-Request-Id when well-formed, else a fresh one. */
export function requestIdOf(req: Request): string {
  let id = requestIds.get(req);
  if (!id) {
    const given = req.get('x-request-id');
    id = given && REQUEST_ID.test(given) ? given : randomUUID();
    requestIds.set(req, id);
  }
  return id;
}

/** Whether an entry was written for this request already (so the refusal audit adds none). */
export const wasAudited = (req: Request) => audited.has(req);

const clip = (v: string | undefined, n: number) => (v ? v.slice(0, n) : null);

/** The token the request presented (bearer header or web session cookie), as a session id and its `act` subject. */
function tokenFacts(req: Request): { sessionId: string | null; onBehalfOf: string | null } {
  const token = req.get('authorization')?.match(/^Bearer (\S+)$/)?.[1] ?? sessionToken(req);
  if (!token) return { sessionId: null, onBehalfOf: null };
  // A hash, never the token: enough to tie one session's entries together.
  const hashed = `sha256:${createHash('sha256').update(token).digest('hex').slice(0, 32)}`;
  try {
    const claims = decodeJwt(token) as { jti?: unknown; act?: { sub?: unknown } };
    const jti = typeof claims.jti === 'string' && REQUEST_ID.test(claims.jti) ? `jti:${claims.jti}` : hashed;
    const act = typeof claims.act?.sub === 'string' ? claims.act.sub.slice(0, 64) : null;
    return { sessionId: jti, onBehalfOf: act };
  } catch {
    return { sessionId: hashed, onBehalfOf: null };
  }
}

/** Route pattern when routed; otherwise the path (never the query: it may hold personal data). */
const routeOf = (req: Request) =>
  `${req.method} ${req.route ? `${req.baseUrl}${req.route.path}` : req.originalUrl.split('?')[0]}`.slice(0, 200);

export function createAudit(db: Db) {
  function contextOf(
    req: Request,
    p: Principal | undefined,
    action: AuditAction,
    status: number,
  ): Omit<AuditContent, 'caseId' | 'view'> {
    return {
      at: new Date(),
      actorId: p?.sub ?? 'anoniem',
      organisatie: p?.org ?? '-',
      roles: p?.roles.join(',') ?? '',
      action,
      route: routeOf(req),
      status,
      sourceIp: clip(req.ip ?? req.socket.remoteAddress, 64),
      userAgent: clip(req.get('user-agent'), 256),
      requestId: requestIdOf(req),
      ...tokenFacts(req),
    };
  }

  /** The view each case was served in: only for reads and lists that were answered. */
  async function viewsOf(p: Principal, action: AuditAction, caseIds: readonly (string | null)[], status: number) {
    const views = new Map<string, string>();
    const ids = caseIds.filter((id): id is string => id !== null);
    if (status >= 400 || !ids.length || (action !== 'read' && action !== 'list' && action !== 'audit')) return views;
    if (action === 'audit') return new Map(ids.map((id) => [id, 'audit']));
    const rows = await db.case.findMany({
      where: { id: { in: ids } },
      select: { id: true, wijkteam: true, zorginstelling: true, corporatie: true, gemeente: true },
    });
    for (const r of rows) views.set(r.id, viewOf(p, r));
    return views;
  }

  return {
    /** `detail`: what was served without its content (e.g. a codec decode's payload count), after the route. */
    async record(
      req: Request,
      p: Principal,
      action: AuditAction,
      caseIds: readonly (string | null)[],
      status: number,
      detail?: string,
    ) {
      audited.add(req);
      const base = contextOf(req, p, action, status);
      if (detail) base.route = `${base.route} ${detail}`;
      const views = await viewsOf(p, action, caseIds, status);
      await appendEntries(
        db,
        caseIds.map((caseId) => ({ ...base, caseId, view: (caseId && views.get(caseId)) ?? null })),
      );
    },
    /** A refusal: the principal when the token was verified, else anonymous. */
    async refusal(req: Request, status: number) {
      audited.add(req);
      await appendEntries(db, [{ ...contextOf(req, req.principal, 'refused', status), caseId: null, view: null }]);
    },
    async forCase(caseId: string) {
      const rows = await db.auditEntry.findMany({ where: { caseId }, orderBy: { id: 'asc' } });
      return rows.map((r) => ({
        at: r.at.toISOString(),
        actorId: r.actorId,
        organisatie: r.organisatie,
        roles: r.roles.split(','),
        action: r.action,
        route: r.route,
        status: r.status,
        view: r.view,
        onBehalfOf: r.onBehalfOf,
        sourceIp: r.sourceIp,
        userAgent: r.userAgent,
        requestId: r.requestId,
        sessionId: r.sessionId,
      }));
    },
  };
}
export type Audit = ReturnType<typeof createAudit>;
