import { Prisma, type Db } from './client';
import { fasen } from '../domain/types';

/**
 * Management reports over the doorlooptijd read model. Every function takes
 * (db, scope, params) so the JSON/CSV routes and the manager dashboard share
 * them; every query has a `…Query` builder the benchmark EXPLAINs.
 *
 * Scope is judged on `cases` (the parties as they are now): the copies on
 * fase_periodes are those of when a period was written, so a party that
 * joined later would miss its case's earlier periods.
 *
 * Percentiles are PostgreSQL's percentile_cont (linear interpolation between
 * the two nearest values); figures are rounded to 2 decimals. Dates and
 * months are Europe/Amsterdam; the timestamps are stored in UTC.
 */

/** Whose cases: a party's (wijkteam, zorginstelling or corporatie), and for a gemeente manager also the gemeente's. */
export interface ReportScope {
  organisatie: string;
  gemeente?: string | undefined;
}

/** A date (yyyy-mm-dd, Amsterdam) as the UTC timestamp of its midnight: comparable with the stored columns and index-friendly. */
const middernacht = (datum: string) => Prisma.sql`((${datum}::date::timestamp AT TIME ZONE 'Europe/Amsterdam') AT TIME ZONE 'UTC')`;
const dagNa = (datum: string) => Prisma.sql`(((${datum}::date + 1)::timestamp AT TIME ZONE 'Europe/Amsterdam') AT TIME ZONE 'UTC')`;
const maandVan = (col: Prisma.Sql) => Prisma.sql`to_char((${col} AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM')`;
const utc = (d: Date) => Prisma.sql`(${d.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
const r2 = (expr: Prisma.Sql) => Prisma.sql`round((${expr})::numeric, 2)::float8`;
const pct = (p: number, col: Prisma.Sql) => r2(Prisma.sql`percentile_cont(${Prisma.raw(String(p))}) WITHIN GROUP (ORDER BY ${col})`);
const and = (parts: Prisma.Sql[]) => (parts.length ? Prisma.join(parts, ' AND ') : Prisma.sql`TRUE`);

/** The cases a manager may count; `c` is the cases alias. */
function inScope(scope: ReportScope): Prisma.Sql {
  const o = scope.organisatie;
  const party = Prisma.sql`c.wijkteam = ${o} OR c.zorginstelling = ${o} OR c.corporatie = ${o}`;
  return scope.gemeente ? Prisma.sql`(${party} OR c.gemeente = ${scope.gemeente})` : Prisma.sql`(${party})`;
}

/** Cases in which `organisatie` is a party (the `organisatie` filter, as in GET /cases). */
const partyFilter = (organisatie: string) => Prisma.sql`(c.wijkteam = ${organisatie} OR c.zorginstelling = ${organisatie} OR c.corporatie = ${organisatie})`;

export interface Periode {
  /** From this date (inclusive), yyyy-mm-dd */
  van?: string | undefined;
  /** Up to and including this date, yyyy-mm-dd */
  tot?: string | undefined;
}

function periodeOp(col: Prisma.Sql, p: Periode): Prisma.Sql[] {
  return [...(p.van ? [Prisma.sql`${col} >= ${middernacht(p.van)}`] : []), ...(p.tot ? [Prisma.sql`${col} < ${dagNa(p.tot)}`] : [])];
}

const faseOrde = (fase: string) => {
  const i = (fasen as readonly string[]).indexOf(fase);
  return i < 0 ? fasen.length : i;
};
const byGroepThenFase = <T extends { groep: string | null; fase: string }>(a: T, b: T) =>
  (a.groep ?? '').localeCompare(b.groep ?? '') || faseOrde(a.fase) - faseOrde(b.fase);

// ---- Doorlooptijd per fase ----

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
  const where = and([
    Prisma.sql`fp.ended_at IS NOT NULL`,
    inScope(scope),
    ...periodeOp(Prisma.sql`fp.ended_at`, p),
    ...(p.doelgroep ? [Prisma.sql`fp.doelgroep = ${p.doelgroep}`] : []),
    ...(p.organisatie ? [partyFilter(p.organisatie)] : []),
  ]);
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
      FROM fase_periodes fp JOIN cases c ON c.id = fp.case_id
      WHERE ${where}
      GROUP BY 1, 2)
    SELECT g.*, COALESCE(${orgNorm}, nd.werkdagen) AS norm
    FROM g
    LEFT JOIN norm_instellingen nd ON nd.fase = g.fase AND nd.organisatie = '*'
    LEFT JOIN norm_instellingen nor ON nor.fase = g.fase AND nor.organisatie = g.groep`;
}

export async function doorlooptijd(db: Db, scope: ReportScope, p: DoorlooptijdParams): Promise<DoorlooptijdRij[]> {
  const rows = await db.$queryRaw<Array<{ groep: string | null; fase: string; aantal: number; mediaan: number | null; p90: number | null; gemiddeld: number | null; over_norm: number; norm: number | null }>>(
    doorlooptijdQuery(scope, p),
  );
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

// ---- Wachttijd per partij ----

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
  const where = and([
    Prisma.sql`w.ended_at IS NOT NULL`,
    inScope(scope),
    ...periodeOp(Prisma.sql`w.ended_at`, p),
    ...(p.rol ? [Prisma.sql`w.rol = ${p.rol}`] : []),
    ...(p.doelgroep ? [Prisma.sql`w.doelgroep = ${p.doelgroep}`] : []),
    ...(p.organisatie ? [partyFilter(p.organisatie)] : []),
  ]);
  return Prisma.sql`
    SELECT w.rol, ${wachttijdGroep[p.per]} AS groep,
           count(*)::int AS beurten,
           count(DISTINCT w.case_id)::int AS casussen,
           ${r2(Prisma.sql`COALESCE(sum(w.werkdagen), 0)`)} AS totaal,
           ${pct(0.5, Prisma.sql`w.werkdagen`)} AS mediaan,
           ${pct(0.9, Prisma.sql`w.werkdagen`)} AS p90,
           ${r2(Prisma.sql`avg(w.werkdagen)`)} AS gemiddeld
    FROM wachtbeurten w JOIN cases c ON c.id = w.case_id
    WHERE ${where}
    GROUP BY 1, 2`;
}

const rolOrde = ['consulent', 'zorgmedewerker', 'verhuurmedewerker'];

export async function wachttijdPerPartij(db: Db, scope: ReportScope, p: WachttijdParams): Promise<WachttijdRij[]> {
  const rows = await db.$queryRaw<Array<{ rol: string; groep: string | null; beurten: number; casussen: number; totaal: number; mediaan: number | null; p90: number | null; gemiddeld: number | null }>>(
    wachttijdQuery(scope, p),
  );
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
    .sort((a, b) => rolOrde.indexOf(a.rol) - rolOrde.indexOf(b.rol) || (p.per === 'fase' ? faseOrde(a.groep ?? '') - faseOrde(b.groep ?? '') : (a.groep ?? '').localeCompare(b.groep ?? '')));
}

// ---- Doorlooptijd end to end ----

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
  const where = and([
    inScope(scope),
    ...(p.doelgroep ? [Prisma.sql`c.doelgroep = ${p.doelgroep}`] : []),
    ...(p.organisatie ? [partyFilter(p.organisatie)] : []),
    // The end is the latest period's end, so a case ending from `van` has a period that ended from `van` (index on ended_at).
    ...(p.van
      ? [Prisma.sql`c.id IN (SELECT v.case_id FROM fase_periodes v WHERE v.ended_at >= ${middernacht(p.van)} AND v.fase <> 'nazorg')`]
      : []),
  ]);
  return Prisma.sql`
    WITH k AS (
      SELECT c.id, c.doelgroep, c.wijkteam, c.zorginstelling, c.corporatie,
             sum(fp.werkdagen) FILTER (WHERE fp.fase <> 'nazorg') AS werkdagen,
             max(fp.ended_at) FILTER (WHERE fp.fase <> 'nazorg') AS einde
      FROM cases c JOIN fase_periodes fp ON fp.case_id = c.id
      WHERE ${where}
      GROUP BY c.id
      HAVING bool_and(fp.ended_at IS NOT NULL OR fp.fase = 'nazorg') AND count(*) FILTER (WHERE fp.fase <> 'nazorg') > 0),
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
    WHERE ${and(periodeOp(Prisma.sql`k.einde`, p))}
    GROUP BY 1`;
}

export async function doorlooptijdTotaal(db: Db, scope: ReportScope, p: TotaalParams): Promise<TotaalRij[]> {
  const rows = await db.$queryRaw<Array<{ groep: string | null; casussen: number; mediaan: number | null; p90: number | null; gemiddeld: number | null; over_norm: number; norm: number | null }>>(
    doorlooptijdTotaalQuery(scope, p),
  );
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

// ---- Open cases ----

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
  const sinds = p.leeftijd === 'fase' ? Prisma.sql`COALESCE(fp.started_at, c.updated_at)` : Prisma.sql`c.started_at`;
  const buckets = leeftijdBuckets.map((b) =>
    b.tot === null ? Prisma.sql`(count(*) FILTER (WHERE o.dagen >= ${b.van}))::int` : Prisma.sql`(count(*) FILTER (WHERE o.dagen >= ${b.van} AND o.dagen < ${b.tot + 1}))::int`,
  );
  return Prisma.sql`
    WITH o AS (
      SELECT c.fase, ${openGroep[p.per]} AS groep,
             extract(epoch FROM (${nu} - ${sinds})) / 86400 AS dagen,
             fp.deadline_at IS NOT NULL AND fp.deadline_at < ${nu} AS over_deadline,
             EXISTS (SELECT 1 FROM opschortingen os WHERE os.case_id = c.id AND os.tot IS NULL) AS opgeschort
      FROM cases c
      LEFT JOIN LATERAL (
        SELECT f.started_at, f.deadline_at, f.organisatie FROM fase_periodes f
        WHERE f.case_id = c.id AND f.ended_at IS NULL ORDER BY f.nr DESC LIMIT 1) fp ON TRUE
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
  const rows = await db.$queryRaw<Array<{ fase: string; groep: string | null; aantal: number; leeftijd: number[]; mediaan: number | null; over_deadline: number; opgeschort: number }>>(
    openCasussenQuery(scope, p),
  );
  return rows
    .map((r) => ({ fase: r.fase, groep: r.groep, aantal: r.aantal, leeftijd: r.leeftijd.map(Number), mediaanDagen: r.mediaan, overDeadline: r.over_deadline, opgeschort: r.opgeschort }))
    .sort((a, b) => faseOrde(a.fase) - faseOrde(b.fase) || (a.groep ?? '').localeCompare(b.groep ?? ''));
}

// ---- Contingent (prestatieafspraken) ----

export interface ContingentParams {
  jaar: number;
  corporatie?: string | undefined;
  /** Realisation up to and including this date (Amsterdam); today unless given. */
  peildatum: string;
}

export interface ContingentRij {
  corporatie: string;
  /** opgave_1_nabij_steunpunt, opgave_2_gespikkeld, zonder_opgave (toewijzingen outside the two opgaven), or totaal. */
  opgave: string;
  /** '*' for all doelgroepen together, or the doelgroep a part of the afspraak is for. */
  doelgroep: string;
  beloofd: number | null;
  gerealiseerd: number;
  /** At the current pace to the year's end: gerealiseerd / the elapsed share of the year. Null before the year starts. */
  prognose: number | null;
  /** prognose ≥ beloofd; null without an afspraak or a prognose. */
  opKoers: boolean | null;
}

export interface ContingentRapport {
  jaar: number;
  peildatum: string;
  /** Elapsed share of the year at the peildatum (0..1). */
  verstreken: number;
  rijen: ContingentRij[];
}

/**
 * The share of `jaar` elapsed at the end of `peildatum`, by calendar days.
 * Exported for tests and the dashboard.
 */
export function verstrekenAandeel(jaar: number, peildatum: string): number {
  const dag = Date.UTC(Number(peildatum.slice(0, 4)), Number(peildatum.slice(5, 7)) - 1, Number(peildatum.slice(8, 10)));
  const begin = Date.UTC(jaar, 0, 1);
  const einde = Date.UTC(jaar + 1, 0, 1);
  const verstreken = (dag + 86_400_000 - begin) / (einde - begin);
  return Math.min(1, Math.max(0, verstreken));
}

/**
 * Afspraken a manager sees: those of the corporaties their in-scope cases
 * work with (always their own, for a corporatie's manager). Realised counts
 * only in-scope cases: a corporatie's manager sees all its toewijzingen, a
 * wijkteam's or gemeente's manager only those of its own cases.
 */
export function contingentAfsprakenQuery(scope: ReportScope, p: ContingentParams): Prisma.Sql {
  return Prisma.sql`
    SELECT a.corporatie, a.opgave, a.doelgroep, a.aantal
    FROM contingent_afspraken a
    WHERE a.jaar = ${p.jaar}
      ${p.corporatie ? Prisma.sql`AND a.corporatie = ${p.corporatie}` : Prisma.empty}
      AND (a.corporatie = ${scope.organisatie} OR a.corporatie IN (SELECT DISTINCT c.corporatie FROM cases c WHERE ${inScope(scope)}))`;
}

export function contingentRealisatieQuery(scope: ReportScope, p: ContingentParams): Prisma.Sql {
  const begin = middernacht(`${p.jaar}-01-01`);
  const eindeJaar = middernacht(`${p.jaar + 1}-01-01`);
  return Prisma.sql`
    SELECT pl.corporatie, COALESCE(pl.opgave, 'zonder_opgave') AS opgave, pl.doelgroep, count(*)::int AS aantal
    FROM plaatsingen pl JOIN cases c ON c.id = pl.case_id
    WHERE pl.at >= ${begin} AND pl.at < ${eindeJaar} AND pl.at < ${dagNa(p.peildatum)}
      ${p.corporatie ? Prisma.sql`AND pl.corporatie = ${p.corporatie}` : Prisma.empty}
      AND ${inScope(scope)}
    GROUP BY 1, 2, 3`;
}

const opgaveOrde = ['opgave_1_nabij_steunpunt', 'opgave_2_gespikkeld', 'zonder_opgave', 'totaal'];

export async function contingent(db: Db, scope: ReportScope, p: ContingentParams): Promise<ContingentRapport> {
  const [afspraken, realisatie] = await Promise.all([
    db.$queryRaw<Array<{ corporatie: string; opgave: string; doelgroep: string; aantal: number }>>(contingentAfsprakenQuery(scope, p)),
    db.$queryRaw<Array<{ corporatie: string; opgave: string; doelgroep: string; aantal: number }>>(contingentRealisatieQuery(scope, p)),
  ]);
  const verstreken = verstrekenAandeel(p.jaar, p.peildatum);
  const rij = (corporatie: string, opgave: string, doelgroep: string, beloofd: number | null, gerealiseerd: number): ContingentRij => {
    const prognose = verstreken > 0 ? Math.round((gerealiseerd / verstreken) * 10) / 10 : null;
    return { corporatie, opgave, doelgroep, beloofd, gerealiseerd, prognose, opKoers: beloofd === null || prognose === null ? null : prognose >= beloofd };
  };
  const realised = (corporatie: string, opgave?: string, doelgroep?: string) =>
    realisatie
      .filter((r) => r.corporatie === corporatie && (opgave === undefined || r.opgave === opgave) && (doelgroep === undefined || r.doelgroep === doelgroep))
      .reduce((n, r) => n + r.aantal, 0);

  const corporaties = [...new Set([...afspraken.map((a) => a.corporatie), ...realisatie.map((r) => r.corporatie)])].sort();
  const rijen: ContingentRij[] = [];
  for (const corporatie of corporaties) {
    const eigen = afspraken.filter((a) => a.corporatie === corporatie);
    const opgaven = [...new Set([...eigen.map((a) => a.opgave), ...realisatie.filter((r) => r.corporatie === corporatie).map((r) => r.opgave)])].sort(
      (a, b) => opgaveOrde.indexOf(a) - opgaveOrde.indexOf(b),
    );
    const totalen: Array<number | null> = [];
    for (const opgave of opgaven) {
      const alle = eigen.find((a) => a.opgave === opgave && a.doelgroep === '*');
      const delen = eigen.filter((a) => a.opgave === opgave && a.doelgroep !== '*').sort((a, b) => a.doelgroep.localeCompare(b.doelgroep));
      // Without an afspraak for all doelgroepen, the opgave's promise is the sum of its parts.
      const beloofd = alle ? alle.aantal : delen.length ? delen.reduce((n, a) => n + a.aantal, 0) : null;
      totalen.push(beloofd);
      rijen.push(rij(corporatie, opgave, '*', beloofd, realised(corporatie, opgave)));
      for (const deel of delen) rijen.push(rij(corporatie, opgave, deel.doelgroep, deel.aantal, realised(corporatie, opgave, deel.doelgroep)));
    }
    const beloofdTotaal = totalen.some((t) => t !== null) ? totalen.reduce<number>((n, t) => n + (t ?? 0), 0) : null;
    rijen.push(rij(corporatie, 'totaal', '*', beloofdTotaal, realised(corporatie)));
  }
  return { jaar: p.jaar, peildatum: p.peildatum, verstreken: Math.round(verstreken * 10_000) / 10_000, rijen };
}
