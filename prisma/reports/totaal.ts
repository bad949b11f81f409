import { Prisma, type Db } from '../client';
import { maandVan, r2, pct, and, partyFilter, periodeOp, scopedRows, type ReportScope, type Periode } from './sql';

// Doorlooptijd end to end

export const totaalPer = ['maand', 'doelgroep', 'wijkteam', 'zorginstelling', 'corporatie'] as const;
export type TotaalPer = (typeof totaalPer)[number];

export interface TotaalParams extends Periode {
  per: TotaalPer;
  organisatie?: string | undefined;
  doelgroep?: string | undefined;
}

export interface TotaalRij {
  /** yyyy-mm of reaching nazorg (or closing), the doelgroep, or the party's organisation. */
  groep: string | null;
  casussen: number;
  mediaanWerkdagen: number | null;
  p90Werkdagen: number | null;
  gemiddeldWerkdagen: number | null;
  /** Cases over their totaal norm: the wijkteam's agreed norm, else the default (as the workflow's activity picks it). */
  overNorm: number;
  /** The default totaal norm ('*'); a case with an agreed norm is judged by its own. */
  normWerkdagen: number | null;
}

const totaalGroep: Record<TotaalPer, Prisma.Sql> = {
  maand: maandVan(Prisma.sql`k.einde`),
  doelgroep: Prisma.sql`k.doelgroep`,
  wijkteam: Prisma.sql`k.wijkteam`,
  zorginstelling: Prisma.sql`k.zorginstelling`,
  corporatie: Prisma.sql`k.corporatie`,
};

/**
 * Doorlooptijd of whole cases: the werkdagen of every fase but nazorg, for
 * cases with no open fase before nazorg (they reached nazorg or were closed).
 * A case ends when its last fase before nazorg ended; van/tot select on that.
 */
export function doorlooptijdTotaalQuery(scope: ReportScope, p: TotaalParams): Prisma.Sql {
  // Every period of the cases in scope: a case counts only when no fase before nazorg is open.
  const periodes = scopedRows(
    'fase_periodes',
    'fp',
    ['case_id', 'fase', 'werkdagen', 'ended_at'],
    scope,
    p.organisatie ? [partyFilter(p.organisatie, 'fp')] : [],
  );
  // A case ends when its latest period before nazorg ended, so `van` and `tot` select on that end (k.einde).
  return Prisma.sql`
    WITH e AS (
      SELECT fp.case_id,
             sum(fp.werkdagen) FILTER (WHERE fp.fase <> 'nazorg') AS werkdagen,
             max(fp.ended_at) FILTER (WHERE fp.fase <> 'nazorg') AS einde
      FROM ${periodes} fp
      GROUP BY fp.case_id
      HAVING bool_and(fp.ended_at IS NOT NULL OR fp.fase = 'nazorg') AND count(*) FILTER (WHERE fp.fase <> 'nazorg') > 0),
    k AS (
      SELECT c.id, c.doelgroep, c.wijkteam, c.zorginstelling, c.corporatie, e.werkdagen, e.einde
      FROM e JOIN cases c ON c.id = e.case_id
      WHERE ${and([...(p.doelgroep ? [Prisma.sql`c.doelgroep = ${p.doelgroep}`] : []), ...periodeOp(Prisma.sql`e.einde`, p)])}),
    n AS (SELECT organisatie, werkdagen FROM norm_instellingen WHERE fase = 'totaal')
    SELECT ${totaalGroep[p.per]} AS groep,
           count(*)::int AS casussen,
           ${pct(0.5, Prisma.sql`k.werkdagen`)} AS mediaan,
           ${pct(0.9, Prisma.sql`k.werkdagen`)} AS p90,
           ${r2(Prisma.sql`avg(k.werkdagen)`)} AS gemiddeld,
           (count(*) FILTER (WHERE k.werkdagen > COALESCE(nw.werkdagen, nd.werkdagen)))::int AS over_norm,
           min(nd.werkdagen) AS norm
    FROM k
    LEFT JOIN n nw ON nw.organisatie = k.wijkteam
    LEFT JOIN n nd ON nd.organisatie = '*'
    GROUP BY 1`;
}

export async function doorlooptijdTotaal(db: Db, scope: ReportScope, p: TotaalParams): Promise<TotaalRij[]> {
  const rows = await db.$queryRaw<
    Array<{
      groep: string | null;
      casussen: number;
      mediaan: number | null;
      p90: number | null;
      gemiddeld: number | null;
      over_norm: number;
      norm: number | null;
    }>
  >(doorlooptijdTotaalQuery(scope, p));
  return rows
    .map((r) => ({
      groep: r.groep,
      casussen: r.casussen,
      mediaanWerkdagen: r.mediaan,
      p90Werkdagen: r.p90,
      gemiddeldWerkdagen: r.gemiddeld,
      overNorm: r.over_norm,
      normWerkdagen: r.norm,
    }))
    .sort((a, b) => (a.groep ?? '').localeCompare(b.groep ?? ''));
}
