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
  /** The cases whose behandelaar at the organisation is this user (Mijn werk), or nobody yet (null). */
  behandelaar?: string | null | undefined;
  /** Team: the cases of the organisation waiting on this role. */
  rol?: string | undefined;
  sorteer: 'deadline' | 'wachttijd';
  richting: 'op' | 'af';
}

/** The organisation's own side of the case has `id` as its behandelaar (null: nobody). */
function ownSideBehandelaar(organisatie: string, id: string | null): Prisma.Sql {
  const is = (column: Prisma.Sql) => (id === null ? Prisma.sql`${column} IS NULL` : Prisma.sql`${column} = ${id}`);
  return Prisma.sql`((c.wijkteam = ${organisatie} AND ${is(Prisma.sql`c.behandelaar_wijkteam`)})
    OR (c.zorginstelling = ${organisatie} AND ${is(Prisma.sql`c.behandelaar_zorginstelling`)})
    OR (c.corporatie = ${organisatie} AND ${is(Prisma.sql`c.behandelaar_corporatie`)}))`;
}

/** An inbox page of case ids in order: by the deadline of the open fase (none last) or by how long they wait. */
export async function listInboxIds(db: Db, f: InboxFilter, page: { limit: number; offset: number }) {
  const conditions = [
    f.behandelaar !== undefined
      ? ownSideBehandelaar(f.organisatie, f.behandelaar)
      : Prisma.sql`(c.wijkteam = ${f.organisatie} OR c.zorginstelling = ${f.organisatie} OR c.corporatie = ${f.organisatie})`,
    ...(f.rol !== undefined ? [Prisma.sql`c.aan_zet_rol LIKE ${`%${f.rol}%`}`] : []),
  ];
  const party = Prisma.join(conditions, ' AND ');
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
