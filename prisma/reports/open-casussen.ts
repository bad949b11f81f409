import { Prisma, type Db } from '../client';
import { utc, pct, and, inScope, partyFilter, faseOrde, scopedRows, type ReportScope } from './sql';

// Open cases

/** Age buckets in kalenderdagen: [from, to] inclusive, `to` null = no upper bound. */
export const leeftijdBuckets = [
  { label: '0-7', van: 0, tot: 7 },
  { label: '8-30', van: 8, tot: 30 },
  { label: '31-90', van: 31, tot: 90 },
  { label: '91-180', van: 91, tot: 180 },
  { label: '181-365', van: 181, tot: 365 },
  { label: '>365', van: 366, tot: null },
] as const;

export const openPer = ['fase', 'organisatie', 'doelgroep'] as const;
export type OpenPer = (typeof openPer)[number];

export interface OpenParams {
  per: OpenPer;
  /** Age since the aanmelding (start) or since the case entered its current fase. */
  leeftijd: 'start' | 'fase';
  organisatie?: string | undefined;
  doelgroep?: string | undefined;
  /** The moment ages are measured at (now, unless a test or dashboard says otherwise). */
  nu?: Date | undefined;
}

export interface OpenRij {
  fase: string;
  /** The role(s) the case waits on (per=fase), the organisation responsible for the fase (per=organisatie), or the doelgroep. */
  groep: string | null;
  aantal: number;
  /** Count per age bucket, in the order of `leeftijdBuckets`. */
  leeftijd: number[];
  mediaanDagen: number | null;
  /** Open fase past its deadline (norm plus extension). */
  overDeadline: number;
  opgeschort: number;
}

const openGroep: Record<OpenPer, Prisma.Sql> = {
  fase: Prisma.sql`c.aan_zet_rol`,
  organisatie: Prisma.sql`fp.organisatie`,
  doelgroep: Prisma.sql`c.doelgroep`,
};

export function openCasussenQuery(scope: ReportScope, p: OpenParams): Prisma.Sql {
  const nu = utc(p.nu ?? new Date());
  const where = and([
    Prisma.sql`c.status = 'lopend'`,
    inScope(scope),
    ...(p.doelgroep ? [Prisma.sql`c.doelgroep = ${p.doelgroep}`] : []),
    ...(p.organisatie ? [partyFilter(p.organisatie)] : []),
  ]);
  // The open periods of the cases in scope at once, not one lookup per case: each case's latest.
  const open = scopedRows('fase_periodes', 'f', ['case_id', 'nr', 'started_at', 'deadline_at', 'organisatie'], scope, [
    Prisma.sql`f.ended_at IS NULL`,
  ]);
  const sinds = p.leeftijd === 'fase' ? Prisma.sql`COALESCE(fp.started_at, c.updated_at)` : Prisma.sql`c.started_at`;
  const buckets = leeftijdBuckets.map((b) =>
    b.tot === null
      ? Prisma.sql`(count(*) FILTER (WHERE o.dagen >= ${b.van}))::int`
      : Prisma.sql`(count(*) FILTER (WHERE o.dagen >= ${b.van} AND o.dagen < ${b.tot + 1}))::int`,
  );
  return Prisma.sql`
    WITH o AS (
      SELECT c.fase, ${openGroep[p.per]} AS groep,
             extract(epoch FROM (${nu} - ${sinds})) / 86400 AS dagen,
             fp.deadline_at IS NOT NULL AND fp.deadline_at < ${nu} AS over_deadline,
             EXISTS (SELECT 1 FROM opschortingen os WHERE os.case_id = c.id AND os.tot IS NULL) AS opgeschort
      FROM cases c
      LEFT JOIN (
        SELECT DISTINCT ON (f.case_id) f.case_id, f.started_at, f.deadline_at, f.organisatie
        FROM ${open} f ORDER BY f.case_id, f.nr DESC) fp ON fp.case_id = c.id
      WHERE ${where})
    SELECT o.fase, o.groep, count(*)::int AS aantal,
           ARRAY[${Prisma.join(buckets)}] AS leeftijd,
           ${pct(0.5, Prisma.sql`o.dagen`)} AS mediaan,
           (count(*) FILTER (WHERE o.over_deadline))::int AS over_deadline,
           (count(*) FILTER (WHERE o.opgeschort))::int AS opgeschort
    FROM o
    GROUP BY 1, 2`;
}

export async function openCasussen(db: Db, scope: ReportScope, p: OpenParams): Promise<OpenRij[]> {
  const rows = await db.$queryRaw<
    Array<{
      fase: string;
      groep: string | null;
      aantal: number;
      leeftijd: number[];
      mediaan: number | null;
      over_deadline: number;
      opgeschort: number;
    }>
  >(openCasussenQuery(scope, p));
  return rows
    .map((r) => ({
      fase: r.fase,
      groep: r.groep,
      aantal: r.aantal,
      leeftijd: r.leeftijd.map(Number),
      mediaanDagen: r.mediaan,
      overDeadline: r.over_deadline,
      opgeschort: r.opgeschort,
    }))
    .sort((a, b) => faseOrde(a.fase) - faseOrde(b.fase) || (a.groep ?? '').localeCompare(b.groep ?? ''));
}
