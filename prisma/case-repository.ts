import type { Db } from './client';
import { Prisma } from './client';
import type { Tx } from './transaction';
import type { CaseState } from '../domain/types';

export const behandelaarVan = (state: CaseState, partij: 'wijkteam' | 'zorginstelling' | 'corporatie') =>
  state.partijen[partij]?.behandelaar ?? null;

/**
 * Writes who the parties and behandelaars are after an acceptance, assignment or change of
 * behandelaar: no step, so the version stays; only onto the row of that version (a later step's
 * write carries the parties itself).
 */
export async function writeCaseParties(
  tx: Tx,
  { state, aanZetRol }: { state: CaseState; aanZetRol: string | null },
): Promise<number> {
  return tx.$executeRaw`
    UPDATE cases SET zorginstelling = ${state.partijen.zorginstelling?.organisatie ?? null},
      corporatie = ${state.partijen.corporatie?.organisatie ?? null}, aan_zet_rol = ${aanZetRol},
      behandelaar_wijkteam = ${behandelaarVan(state, 'wijkteam')},
      behandelaar_zorginstelling = ${behandelaarVan(state, 'zorginstelling')},
      behandelaar_corporatie = ${behandelaarVan(state, 'corporatie')}, state = ${JSON.stringify(state)}::jsonb
    WHERE id = ${state.caseId} AND version = ${state.version}`;
}

/** Workflow ids are derived from the generated case id only, never from personal data. */
export function workflowIdFor(caseId: string): string {
  return `case-${caseId}`;
}

export async function findCase(db: Db, caseId: string) {
  return db.case.findUnique({ where: { id: caseId }, include: { events: { orderBy: { seq: 'asc' } } } });
}

/**
 * The parties and state of a case, for access decisions; null when there is no such case. Every
 * step and case read asks it first, so it goes through `pg` (see leesmodel-write-repository.ts).
 */
export async function findCaseParties(
  db: Db,
  caseId: string,
): Promise<{ parties: CaseParties; state: CaseState } | null> {
  const { rows } = await db.pool.query<CaseParties & { state: CaseState }>(
    'SELECT wijkteam, zorginstelling, corporatie, gemeente, state FROM cases WHERE id = $1',
    [caseId],
  );
  const row = rows[0];
  if (!row) return null;
  const { state, ...parties } = row;
  return { parties, state };
}

/** Who takes part in a case, as the access policy reads it. */
export interface CaseParties {
  wijkteam: string;
  zorginstelling: string | null;
  corporatie: string | null;
  gemeente: string;
}

export interface CaseFilter {
  status?: string | undefined;
  fase?: string | undefined;
  organisatie?: string | undefined;
  doelgroep?: string | undefined;
  /** The first 8 hex digits of the case id. */
  code?: string | undefined;
  /** The keyed hash of the normalised referentie (platform/referentie-hash.ts), never the referentie. */
  referentieHash?: string | undefined;
  /** Cases whose wijkteam this is (the referentie search stays within the wijkteam's own cases). */
  wijkteam?: string | undefined;
  /** Only cases whose current fase is past its deadline (true) or not (false). */
  overTermijn?: boolean | undefined;
  /** Cases whose behandelaar on `organisatie`'s own side is `id` (null: nobody); cases without that side never match. */
  behandelaar?: BehandelaarFilter | undefined;
}

export interface BehandelaarFilter {
  organisatie: string;
  id: string | null;
}

/** The organisation's own side of a case with that side's behandelaar (the leesmodel's behandelaar_* columns). */
export const behandelaarWhere = ({ organisatie, id }: BehandelaarFilter): Prisma.CaseWhereInput => ({
  OR: [
    { wijkteam: organisatie, behandelaarWijkteam: id },
    { zorginstelling: organisatie, behandelaarZorginstelling: id },
    { corporatie: organisatie, behandelaarCorporatie: id },
  ],
});

/** Open cases whose current fase's deadline has passed: the ids, for the over-deadline filter. */
async function overTermijnIds(db: Db, now: Date): Promise<string[]> {
  const rows = await db.fasePeriode.findMany({
    where: { endedAt: null, deadlineAt: { lt: now } },
    select: { caseId: true },
  });
  return rows.map((r) => r.caseId);
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
  now = new Date(),
) {
  const over = filter.overTermijn === undefined ? undefined : await overTermijnIds(db, now);
  const where: Prisma.CaseWhereInput = {
    status: filter.status,
    fase: filter.fase,
    doelgroep: filter.doelgroep,
    referentieHash: filter.referentieHash,
    wijkteam: filter.wijkteam,
    AND: [
      ...(filter.organisatie ? [partyOf(filter.organisatie)] : []),
      ...(scope ? [scopeWhere(scope)] : []),
      ...(filter.code ? [{ id: { startsWith: filter.code } }] : []),
      ...(filter.behandelaar ? [behandelaarWhere(filter.behandelaar)] : []),
      ...(over ? [filter.overTermijn ? { id: { in: over } } : { id: { notIn: over } }] : []),
    ],
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
