import type { Db } from './client';
import { Prisma } from './client';

type Zijde = 'zorginstelling' | 'corporatie';

/**
 * Open cases whose `zijde` has no organisation yet, in the gemeenten of `werkgebied`, the oldest
 * first. A zorginstelling joins only before the zorg is recorded (domain/steps/verdeling).
 */
export async function listOpenSides(
  db: Db,
  zijde: Zijde,
  werkgebied: string[],
  page: { limit: number; offset: number },
  /** Only cases started since then (the meldingen list). */
  startedSince?: Date,
) {
  const where: Prisma.CaseWhereInput = {
    status: 'lopend',
    [zijde]: null,
    gemeente: { in: werkgebied },
    ...(startedSince ? { startedAt: { gte: startedSince } } : {}),
    ...(zijde === 'zorginstelling' ? { fase: { in: ['vraag', 'zorg'] } } : {}),
  };
  const select = {
    id: true,
    fase: true,
    gemeente: true,
    deelgroep: true,
    doelgroep: true,
    route: true,
    startedAt: true,
    state: true,
  } as const;
  const [items, total] = await db.$transaction([
    db.case.findMany({
      where,
      select,
      orderBy: [{ startedAt: 'asc' }, { id: 'asc' }],
      take: page.limit,
      skip: page.offset,
    }),
    db.case.count({ where }),
  ]);
  return { items, total };
}

export interface InboxFilter {
  organisatie: string;
  /** Mijn werk: the cases whose behandelaar at the organisation is this user. */
  behandelaar?: string | undefined;
  /** Team: the cases of the organisation waiting on this role. */
  rol?: string | undefined;
  sorteer: 'deadline' | 'wachttijd';
  richting: 'op' | 'af';
}

/** An inbox page of case ids in order: by the deadline of the open fase (none last) or by how long they wait. */
export async function listInboxIds(db: Db, f: InboxFilter, page: { limit: number; offset: number }) {
  const party = f.behandelaar
    ? Prisma.sql`((c.wijkteam = ${f.organisatie} AND c.behandelaar_wijkteam = ${f.behandelaar})
        OR (c.zorginstelling = ${f.organisatie} AND c.behandelaar_zorginstelling = ${f.behandelaar})
        OR (c.corporatie = ${f.organisatie} AND c.behandelaar_corporatie = ${f.behandelaar}))`
    : Prisma.sql`(c.wijkteam = ${f.organisatie} OR c.zorginstelling = ${f.organisatie} OR c.corporatie = ${f.organisatie})
        AND c.aan_zet_rol LIKE ${`%${f.rol ?? ''}%`}`;
  const dir = f.richting === 'af' ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const key = f.sorteer === 'deadline' ? Prisma.sql`p.deadline_at` : Prisma.sql`c.updated_at`;
  const rows = await db.$queryRaw<Array<{ id: string; total: bigint }>>`
    SELECT c.id, count(*) OVER () AS total FROM cases c
    LEFT JOIN fase_periodes p ON p.case_id = c.id AND p.ended_at IS NULL
    WHERE c.status = 'lopend' AND ${party}
    ORDER BY ${key} ${dir} NULLS LAST, c.updated_at ASC, c.id ASC
    LIMIT ${page.limit} OFFSET ${page.offset}`;
  return { ids: rows.map((r) => r.id), total: Number(rows[0]?.total ?? 0) };
}
