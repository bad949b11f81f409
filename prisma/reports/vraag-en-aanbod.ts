import { Prisma, type Db } from '../client';
import { contingent } from './contingent';
import { and, faseOrde, inScope, periodeOp, type ReportScope } from './sql';

// Vraag en aanbod, for the woonzorgvisie: "Monitoring lokale vraag en aanbod" (001:234,
// 001:110-128) and the yearly inflow per doelgroep (003:969-1067).

export interface VraagAanbodParams {
  /** Inflow and placements from this date (inclusive, Amsterdam), yyyy-mm-dd. */
  van: string;
  /** Up to and including this date; also the peildatum of the contingent. */
  tot: string;
  doelgroep?: string | undefined;
}

export interface VraagAanbodRapport {
  periode: { van: string; tot: string };
  instroom: Array<{ doelgroep: string; aantal: number }>;
  openVraag: {
    /** Open cases without a home yet, by the woonvorm chosen (`nog_niet_gekozen` before the woonvorm step). */
    perWoonvorm: Array<{ doelgroep: string; woonvorm: string; aantal: number }>;
    /** The same cases by the fase they are at and the role(s) they wait on. */
    perStap: Array<{ doelgroep: string; fase: string; wachtOp: string | null; aantal: number }>;
  };
  /** Vrije woningen per woonvorm and brandveiligheid typering (null until woningen record one). */
  aanbod: Array<{ woonvorm: string; typering: string | null; vrij: number }>;
  /** What the prestatieafspraken of the year of `tot` still ask for, at `tot`. */
  contingent: Array<{
    corporatie: string;
    jaar: number;
    beloofd: number | null;
    gerealiseerd: number;
    resterend: number | null;
  }>;
  plaatsingen: Array<{ doelgroep: string; woonvorm: string; aantal: number }>;
}

/** Fasen of a case that waits for a home: after the toewijzing it has one. */
const wachtOpWoning = ['vraag', 'zorg', 'woonvorm', 'buurt', 'aanbod', 'persoonlijk_contact', 'toewijzing'];

/** The woonvorm a case asks for: a doorgeleide case is housed in a toegankelijke woning. */
const gevraagdeWoonvorm = Prisma.sql`CASE WHEN c.route = 'regulier' THEN 'toegankelijke_woning'
  ELSE COALESCE(c.state->'woonvorm'->>'woonvorm', 'nog_niet_gekozen') END`;

/**
 * The seam for the brandveiligheid typering of a woning (issue 14 item 8): until
 * woningen carry it, every woning counts as typering unknown (null). When the column
 * exists, this becomes `w.<column>` and the report splits supply by it.
 */
export const woningTypering = Prisma.sql`NULL::text`;

/** Woningen a manager may count: their corporatie's own, and a gemeente manager's gemeente. */
function woningScope(scope: ReportScope): Prisma.Sql {
  return scope.gemeente
    ? Prisma.sql`(w.corporatie = ${scope.organisatie} OR w.gemeente = ${scope.gemeente})`
    : Prisma.sql`(w.corporatie = ${scope.organisatie})`;
}

const doelgroepFilter = (p: VraagAanbodParams) => (p.doelgroep ? [Prisma.sql`c.doelgroep = ${p.doelgroep}`] : []);

export function instroomQuery(scope: ReportScope, p: VraagAanbodParams): Prisma.Sql {
  return Prisma.sql`
    SELECT c.doelgroep, count(*)::int AS aantal FROM cases c
    WHERE ${and([inScope(scope), ...periodeOp(Prisma.sql`c.started_at`, p), ...doelgroepFilter(p)])}
    GROUP BY 1`;
}

export function openVraagQuery(scope: ReportScope, p: VraagAanbodParams): Prisma.Sql {
  return Prisma.sql`
    SELECT c.doelgroep, ${gevraagdeWoonvorm} AS woonvorm, c.fase, c.aan_zet_rol AS wacht_op, count(*)::int AS aantal
    FROM cases c
    WHERE ${and([
      Prisma.sql`c.status = 'lopend'`,
      Prisma.sql`c.fase IN (${Prisma.join(wachtOpWoning)})`,
      inScope(scope),
      ...doelgroepFilter(p),
    ])}
    GROUP BY 1, 2, 3, 4`;
}

export function aanbodQuery(scope: ReportScope): Prisma.Sql {
  return Prisma.sql`
    SELECT w.woonvorm, ${woningTypering} AS typering, count(*)::int AS vrij
    FROM woningen w
    WHERE w.status = 'vrij' AND ${woningScope(scope)}
    GROUP BY 1, 2`;
}

export function plaatsingenQuery(scope: ReportScope, p: VraagAanbodParams): Prisma.Sql {
  return Prisma.sql`
    SELECT pl.doelgroep, COALESCE(w.woonvorm, 'onbekend') AS woonvorm, count(*)::int AS aantal
    FROM plaatsingen pl JOIN cases c ON c.id = pl.case_id LEFT JOIN woningen w ON w.id = pl.woning_id
    WHERE ${and([inScope(scope), ...periodeOp(Prisma.sql`pl.at`, p), ...(p.doelgroep ? [Prisma.sql`pl.doelgroep = ${p.doelgroep}`] : [])])}
    GROUP BY 1, 2`;
}

export async function vraagEnAanbod(db: Db, scope: ReportScope, p: VraagAanbodParams): Promise<VraagAanbodRapport> {
  const [instroom, open, aanbod, plaatsingen, afspraken] = await Promise.all([
    db.$queryRaw<Array<{ doelgroep: string; aantal: number }>>(instroomQuery(scope, p)),
    db.$queryRaw<Array<{ doelgroep: string; woonvorm: string; fase: string; wacht_op: string | null; aantal: number }>>(
      openVraagQuery(scope, p),
    ),
    db.$queryRaw<Array<{ woonvorm: string; typering: string | null; vrij: number }>>(aanbodQuery(scope)),
    db.$queryRaw<Array<{ doelgroep: string; woonvorm: string; aantal: number }>>(plaatsingenQuery(scope, p)),
    contingent(db, scope, { jaar: Number(p.tot.slice(0, 4)), peildatum: p.tot }),
  ]);
  const som = new Map<string, { doelgroep: string; woonvorm: string; aantal: number }>();
  for (const r of open) {
    const key = `${r.doelgroep}\n${r.woonvorm}`;
    const e = som.get(key) ?? { doelgroep: r.doelgroep, woonvorm: r.woonvorm, aantal: 0 };
    e.aantal += r.aantal;
    som.set(key, e);
  }
  const perStap = new Map<string, { doelgroep: string; fase: string; wachtOp: string | null; aantal: number }>();
  for (const r of open) {
    const key = `${r.doelgroep}\n${r.fase}\n${r.wacht_op ?? ''}`;
    const e = perStap.get(key) ?? { doelgroep: r.doelgroep, fase: r.fase, wachtOp: r.wacht_op, aantal: 0 };
    e.aantal += r.aantal;
    perStap.set(key, e);
  }
  const byText =
    <T>(...keys: Array<(x: T) => string>) =>
    (a: T, b: T) => {
      for (const k of keys) {
        const c = k(a).localeCompare(k(b));
        if (c) return c;
      }
      return 0;
    };
  return {
    periode: { van: p.van, tot: p.tot },
    instroom: instroom.sort(byText((r) => r.doelgroep)),
    openVraag: {
      perWoonvorm: [...som.values()].sort(
        byText(
          (r) => r.doelgroep,
          (r) => r.woonvorm,
        ),
      ),
      perStap: [...perStap.values()].sort(
        (a, b) =>
          a.doelgroep.localeCompare(b.doelgroep) ||
          faseOrde(a.fase) - faseOrde(b.fase) ||
          (a.wachtOp ?? '').localeCompare(b.wachtOp ?? ''),
      ),
    },
    aanbod: aanbod.sort(
      byText(
        (r) => r.woonvorm,
        (r) => r.typering ?? '',
      ),
    ),
    contingent: afspraken.rijen
      .filter((r) => r.opgave === 'totaal')
      .map((r) => ({
        corporatie: r.corporatie,
        jaar: afspraken.jaar,
        beloofd: r.beloofd,
        gerealiseerd: r.gerealiseerd,
        resterend: r.beloofd === null ? null : Math.max(0, r.beloofd - r.gerealiseerd),
      })),
    plaatsingen: plaatsingen.sort(
      byText(
        (r) => r.doelgroep,
        (r) => r.woonvorm,
      ),
    ),
  };
}
