import { Prisma, type Db } from '../client';
import { maandVan, r2, pct, partyFilter, scopedRows, periodeOp, faseOrde, type ReportScope, type Periode } from './sql';

// Wachttijd per partij

export const wachttijdPer = ['organisatie', 'fase', 'doelgroep', 'maand'] as const;
export type WachttijdPer = (typeof wachttijdPer)[number];

export interface WachttijdParams extends Periode {
  per: WachttijdPer;
  rol?: string | undefined;
  organisatie?: string | undefined;
  doelgroep?: string | undefined;
}

export interface WachttijdRij {
  rol: string;
  /** The organisation waited on (per=organisatie; null when not known yet), the fase, doelgroep or yyyy-mm. */
  groep: string | null;
  beurten: number;
  casussen: number;
  totaalWerkdagen: number;
  mediaanWerkdagen: number | null;
  p90Werkdagen: number | null;
  gemiddeldWerkdagen: number | null;
}

const wachttijdGroep: Record<WachttijdPer, Prisma.Sql> = {
  organisatie: Prisma.sql`w.organisatie`,
  fase: Prisma.sql`w.fase`,
  doelgroep: Prisma.sql`w.doelgroep`,
  maand: maandVan(Prisma.sql`w.ended_at`),
};

/** Ended turns: how long cases waited on each role (of each organisation), in werkdagen. */
export function wachttijdQuery(scope: ReportScope, p: WachttijdParams): Prisma.Sql {
  const beurten = scopedRows(
    'wachtbeurten',
    'w',
    ['case_id', 'rol', 'ended_at', 'werkdagen', 'organisatie', 'fase', 'doelgroep'],
    scope,
    [
      Prisma.sql`w.ended_at IS NOT NULL`,
      ...periodeOp(Prisma.sql`w.ended_at`, p),
      ...(p.rol ? [Prisma.sql`w.rol = ${p.rol}`] : []),
      ...(p.doelgroep ? [Prisma.sql`w.doelgroep = ${p.doelgroep}`] : []),
      ...(p.organisatie ? [partyFilter(p.organisatie, 'w')] : []),
    ],
  );
  return Prisma.sql`
    SELECT w.rol, ${wachttijdGroep[p.per]} AS groep,
           count(*)::int AS beurten,
           count(DISTINCT w.case_id)::int AS casussen,
           ${r2(Prisma.sql`COALESCE(sum(w.werkdagen), 0)`)} AS totaal,
           ${pct(0.5, Prisma.sql`w.werkdagen`)} AS mediaan,
           ${pct(0.9, Prisma.sql`w.werkdagen`)} AS p90,
           ${r2(Prisma.sql`avg(w.werkdagen)`)} AS gemiddeld
    FROM ${beurten} w
    GROUP BY 1, 2`;
}

const rolOrde = ['consulent', 'zorgmedewerker', 'verhuurmedewerker'];

export async function wachttijdPerPartij(db: Db, scope: ReportScope, p: WachttijdParams): Promise<WachttijdRij[]> {
  const rows = await db.$queryRaw<
    Array<{
      rol: string;
      groep: string | null;
      beurten: number;
      casussen: number;
      totaal: number;
      mediaan: number | null;
      p90: number | null;
      gemiddeld: number | null;
    }>
  >(wachttijdQuery(scope, p));
  return rows
    .map((r) => ({
      rol: r.rol,
      groep: r.groep,
      beurten: r.beurten,
      casussen: r.casussen,
      totaalWerkdagen: r.totaal,
      mediaanWerkdagen: r.mediaan,
      p90Werkdagen: r.p90,
      gemiddeldWerkdagen: r.gemiddeld,
    }))
    .sort(
      (a, b) =>
        rolOrde.indexOf(a.rol) - rolOrde.indexOf(b.rol) ||
        (p.per === 'fase'
          ? faseOrde(a.groep ?? '') - faseOrde(b.groep ?? '')
          : (a.groep ?? '').localeCompare(b.groep ?? '')),
    );
}
