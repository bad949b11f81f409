import { Prisma, type Db } from '../client';
import {
  maandVan,
  r2,
  pct,
  partyFilter,
  scopedRows,
  periodeOp,
  byGroepThenFase,
  type ReportScope,
  type Periode,
} from './sql';

// Doorlooptijd per fase

export const doorlooptijdPer = ['fase', 'doelgroep', 'organisatie', 'maand'] as const;
export type DoorlooptijdPer = (typeof doorlooptijdPer)[number];

export interface DoorlooptijdParams extends Periode {
  per: DoorlooptijdPer;
  organisatie?: string | undefined;
  doelgroep?: string | undefined;
}

export interface DoorlooptijdRij {
  /** The value of `per` (doelgroep, the organisation responsible for the fase, or yyyy-mm); null when per=fase. */
  groep: string | null;
  fase: string;
  aantal: number;
  mediaanWerkdagen: number | null;
  p90Werkdagen: number | null;
  gemiddeldWerkdagen: number | null;
  overNorm: number;
  /** The norm as set now: the organisation's agreed norm when per=organisatie, else the default. Null for nazorg. */
  normWerkdagen: number | null;
}

const doorlooptijdGroep: Record<DoorlooptijdPer, Prisma.Sql> = {
  fase: Prisma.sql`NULL::text`,
  doelgroep: Prisma.sql`fp.doelgroep`,
  organisatie: Prisma.sql`fp.organisatie`,
  maand: maandVan(Prisma.sql`fp.ended_at`),
};

/** Closed fase periods, per fase (and per doelgroep, responsible organisation or month of ending). */
export function doorlooptijdQuery(scope: ReportScope, p: DoorlooptijdParams): Prisma.Sql {
  const periodes = scopedRows(
    'fase_periodes',
    'fp',
    ['fase', 'ended_at', 'werkdagen', 'over_norm', 'organisatie', 'doelgroep'],
    scope,
    [
      Prisma.sql`fp.ended_at IS NOT NULL`,
      ...periodeOp(Prisma.sql`fp.ended_at`, p),
      ...(p.doelgroep ? [Prisma.sql`fp.doelgroep = ${p.doelgroep}`] : []),
      ...(p.organisatie ? [partyFilter(p.organisatie, 'fp')] : []),
    ],
  );
  // An organisation's agreed norm applies only when grouping by the organisation responsible for the fase.
  const orgNorm = p.per === 'organisatie' ? Prisma.sql`nor.werkdagen` : Prisma.sql`NULL::float8`;
  return Prisma.sql`
    WITH g AS (
      SELECT ${doorlooptijdGroep[p.per]} AS groep, fp.fase,
             count(*)::int AS aantal,
             ${pct(0.5, Prisma.sql`fp.werkdagen`)} AS mediaan,
             ${pct(0.9, Prisma.sql`fp.werkdagen`)} AS p90,
             ${r2(Prisma.sql`avg(fp.werkdagen)`)} AS gemiddeld,
             (count(*) FILTER (WHERE fp.over_norm))::int AS over_norm
      FROM ${periodes} fp
      GROUP BY 1, 2)
    SELECT g.*, COALESCE(${orgNorm}, nd.werkdagen) AS norm
    FROM g
    LEFT JOIN norm_instellingen nd ON nd.fase = g.fase AND nd.organisatie = '*'
    LEFT JOIN norm_instellingen nor ON nor.fase = g.fase AND nor.organisatie = g.groep`;
}

export async function doorlooptijd(db: Db, scope: ReportScope, p: DoorlooptijdParams): Promise<DoorlooptijdRij[]> {
  const rows = await db.$queryRaw<
    Array<{
      groep: string | null;
      fase: string;
      aantal: number;
      mediaan: number | null;
      p90: number | null;
      gemiddeld: number | null;
      over_norm: number;
      norm: number | null;
    }>
  >(doorlooptijdQuery(scope, p));
  return rows
    .map((r) => ({
      groep: r.groep,
      fase: r.fase,
      aantal: r.aantal,
      mediaanWerkdagen: r.mediaan,
      p90Werkdagen: r.p90,
      gemiddeldWerkdagen: r.gemiddeld,
      overNorm: r.over_norm,
      normWerkdagen: r.norm,
    }))
    .sort(byGroepThenFase);
}
