import type { Db } from './client';
import { Prisma } from './client';

/** Workflow ids are derived from the generated case id only, never from personal data. */
export function workflowIdFor(caseId: string): string {
  return `case-${caseId}`;
}

export async function findCase(db: Db, caseId: string) {
  return db.case.findUnique({ where: { id: caseId }, include: { events: { orderBy: { seq: 'asc' } } } });
}

export interface CaseFilter {
  status?: string | undefined;
  fase?: string | undefined;
  organisatie?: string | undefined;
  doelgroep?: string | undefined;
}

const partyOf = (organisatie: string): Prisma.CaseWhereInput => ({
  OR: [{ wijkteam: organisatie }, { zorginstelling: organisatie }, { corporatie: organisatie }],
});

/** Which cases a reader may list at all: those of its organisation, and a gemeente manager's gemeente. */
export interface CaseScope {
  organisatie: string;
  gemeente?: string | undefined;
}

const scopeWhere = (scope: CaseScope): Prisma.CaseWhereInput =>
  scope.gemeente ? { OR: [partyOf(scope.organisatie), { gemeente: scope.gemeente }] } : partyOf(scope.organisatie);

export async function listCases(
  db: Db,
  filter: CaseFilter,
  page: { limit: number; offset: number },
  scope?: CaseScope,
) {
  const where: Prisma.CaseWhereInput = {
    status: filter.status,
    fase: filter.fase,
    doelgroep: filter.doelgroep,
    AND: [...(filter.organisatie ? [partyOf(filter.organisatie)] : []), ...(scope ? [scopeWhere(scope)] : [])],
  };
  const [items, total] = await db.$transaction([
    db.case.findMany({ where, orderBy: [{ startedAt: 'desc' }, { id: 'asc' }], take: page.limit, skip: page.offset }),
    db.case.count({ where }),
  ]);
  return { items, total };
}

/** Open cases waiting on a role within the reader's scope, the longest waiting first: an inbox. */
export async function listWaitingOn(db: Db, rol: string, scope: CaseScope, page: { limit: number; offset: number }) {
  const where: Prisma.CaseWhereInput = { status: 'lopend', aanZetRol: { contains: rol }, AND: [scopeWhere(scope)] };
  const [items, total] = await db.$transaction([
    db.case.findMany({ where, orderBy: [{ updatedAt: 'asc' }, { id: 'asc' }], take: page.limit, skip: page.offset }),
    db.case.count({ where }),
  ]);
  return { items, total };
}
