import { Prisma } from '../client';
import { fasen } from '../../domain/types';

/** What every report query shares: scope, periods, rounding, the Amsterdam calendar (see index.ts). */

/** Whose cases: a party's (wijkteam, zorginstelling or corporatie), and for a gemeente manager also the gemeente's. */
export interface ReportScope {
  organisatie: string;
  gemeente?: string | undefined;
}

/** A date (yyyy-mm-dd, Amsterdam) as the UTC timestamp of its midnight: comparable with the stored columns and index-friendly. */
export const middernacht = (datum: string) =>
  Prisma.sql`((${datum}::date::timestamp AT TIME ZONE 'Europe/Amsterdam') AT TIME ZONE 'UTC')`;
export const dagNa = (datum: string) =>
  Prisma.sql`(((${datum}::date + 1)::timestamp AT TIME ZONE 'Europe/Amsterdam') AT TIME ZONE 'UTC')`;
export const maandVan = (col: Prisma.Sql) =>
  Prisma.sql`to_char((${col} AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM')`;
export const utc = (d: Date) => Prisma.sql`(${d.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
export const r2 = (expr: Prisma.Sql) => Prisma.sql`round((${expr})::numeric, 2)::float8`;
export const pct = (p: number, col: Prisma.Sql) =>
  r2(Prisma.sql`percentile_cont(${Prisma.raw(String(p))}) WITHIN GROUP (ORDER BY ${col})`);
export const and = (parts: Prisma.Sql[]) => (parts.length ? Prisma.join(parts, ' AND ') : Prisma.sql`TRUE`);

/** The cases a manager may count; `c` is the cases alias. */
export function inScope(scope: ReportScope): Prisma.Sql {
  const o = scope.organisatie;
  const party = Prisma.sql`c.wijkteam = ${o} OR c.zorginstelling = ${o} OR c.corporatie = ${o}`;
  return scope.gemeente ? Prisma.sql`(${party} OR c.gemeente = ${scope.gemeente})` : Prisma.sql`(${party})`;
}

/** Cases in which `organisatie` is a party (the `organisatie` filter, as in GET /cases); `alias` has the party columns. */
export const partyFilter = (organisatie: string, alias = 'c') => {
  const a = Prisma.raw(alias);
  return Prisma.sql`(${a}.wijkteam = ${organisatie} OR ${a}.zorginstelling = ${organisatie} OR ${a}.corporatie = ${organisatie})`;
};

/**
 * The rows of fase_periodes or wachtbeurten of the cases in scope, as a subquery aliased `alias`. Their copies of
 * the parties are the case's own (triggers keep them so, migration 20261202052000_report_scope), so this is the
 * scope of `inScope` without joining each row to its case: one index-only scan per party column
 * (`<table>_scope_<column>_idx`, which INCLUDE `columns`). A row counts for the first column that matches, so
 * none counts twice. `where` applies in each branch and may use `alias`.
 */
export function scopedRows(
  table: 'fase_periodes' | 'wachtbeurten',
  alias: string,
  columns: readonly string[],
  scope: ReportScope,
  where: Prisma.Sql[],
): Prisma.Sql {
  const o = scope.organisatie;
  const a = Prisma.raw(alias);
  const anders = (col: string) => Prisma.sql`${a}.${Prisma.raw(col)} IS DISTINCT FROM ${o}`;
  const branches: Prisma.Sql[][] = [
    [Prisma.sql`${a}.corporatie = ${o}`],
    [Prisma.sql`${a}.zorginstelling = ${o}`, anders('corporatie')],
    [Prisma.sql`${a}.wijkteam = ${o}`, anders('zorginstelling'), anders('corporatie')],
    ...(scope.gemeente
      ? [
          [
            Prisma.sql`${a}.gemeente = ${scope.gemeente}`,
            anders('wijkteam'),
            anders('zorginstelling'),
            anders('corporatie'),
          ],
        ]
      : []),
  ];
  const select = Prisma.raw(columns.map((col) => `${alias}.${col}`).join(', '));
  const from = Prisma.raw(`${table} ${alias}`);
  return Prisma.sql`(${Prisma.join(
    branches.map((b) => Prisma.sql`SELECT ${select} FROM ${from} WHERE ${and([...b, ...where])}`),
    ' UNION ALL ',
  )})`;
}

export interface Periode {
  /** From this date (inclusive), yyyy-mm-dd */
  van?: string | undefined;
  /** Up to and including this date, yyyy-mm-dd */
  tot?: string | undefined;
}

export function periodeOp(col: Prisma.Sql, p: Periode): Prisma.Sql[] {
  return [
    ...(p.van ? [Prisma.sql`${col} >= ${middernacht(p.van)}`] : []),
    ...(p.tot ? [Prisma.sql`${col} < ${dagNa(p.tot)}`] : []),
  ];
}

export const faseOrde = (fase: string) => {
  const i = (fasen as readonly string[]).indexOf(fase);
  return i < 0 ? fasen.length : i;
};
export const byGroepThenFase = <T extends { groep: string | null; fase: string }>(a: T, b: T) =>
  (a.groep ?? '').localeCompare(b.groep ?? '') || faseOrde(a.fase) - faseOrde(b.fase);
