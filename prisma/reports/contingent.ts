import { Prisma, type Db } from '../client';
import { middernacht, dagNa, inScope, type ReportScope } from './sql';

// Contingent (prestatieafspraken)

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
  const dag = Date.UTC(
    Number(peildatum.slice(0, 4)),
    Number(peildatum.slice(5, 7)) - 1,
    Number(peildatum.slice(8, 10)),
  );
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
    db.$queryRaw<Array<{ corporatie: string; opgave: string; doelgroep: string; aantal: number }>>(
      contingentAfsprakenQuery(scope, p),
    ),
    db.$queryRaw<Array<{ corporatie: string; opgave: string; doelgroep: string; aantal: number }>>(
      contingentRealisatieQuery(scope, p),
    ),
  ]);
  const verstreken = verstrekenAandeel(p.jaar, p.peildatum);
  const rij = (
    corporatie: string,
    opgave: string,
    doelgroep: string,
    beloofd: number | null,
    gerealiseerd: number,
  ): ContingentRij => {
    const prognose = verstreken > 0 ? Math.round((gerealiseerd / verstreken) * 10) / 10 : null;
    return {
      corporatie,
      opgave,
      doelgroep,
      beloofd,
      gerealiseerd,
      prognose,
      opKoers: beloofd === null || prognose === null ? null : prognose >= beloofd,
    };
  };
  const realised = (corporatie: string, opgave?: string, doelgroep?: string) =>
    realisatie
      .filter(
        (r) =>
          r.corporatie === corporatie &&
          (opgave === undefined || r.opgave === opgave) &&
          (doelgroep === undefined || r.doelgroep === doelgroep),
      )
      .reduce((n, r) => n + r.aantal, 0);

  const corporaties = [
    ...new Set([...afspraken.map((a) => a.corporatie), ...realisatie.map((r) => r.corporatie)]),
  ].sort();
  const rijen: ContingentRij[] = [];
  for (const corporatie of corporaties) {
    const eigen = afspraken.filter((a) => a.corporatie === corporatie);
    const opgaven = [
      ...new Set([
        ...eigen.map((a) => a.opgave),
        ...realisatie.filter((r) => r.corporatie === corporatie).map((r) => r.opgave),
      ]),
    ].sort((a, b) => opgaveOrde.indexOf(a) - opgaveOrde.indexOf(b));
    const totalen: Array<number | null> = [];
    for (const opgave of opgaven) {
      const alle = eigen.find((a) => a.opgave === opgave && a.doelgroep === '*');
      const delen = eigen
        .filter((a) => a.opgave === opgave && a.doelgroep !== '*')
        .sort((a, b) => a.doelgroep.localeCompare(b.doelgroep));
      // Without an afspraak for all doelgroepen, the opgave's promise is the sum of its parts.
      const beloofd = alle ? alle.aantal : delen.length ? delen.reduce((n, a) => n + a.aantal, 0) : null;
      totalen.push(beloofd);
      rijen.push(rij(corporatie, opgave, '*', beloofd, realised(corporatie, opgave)));
      for (const deel of delen)
        rijen.push(rij(corporatie, opgave, deel.doelgroep, deel.aantal, realised(corporatie, opgave, deel.doelgroep)));
    }
    const beloofdTotaal = totalen.some((t) => t !== null) ? totalen.reduce<number>((n, t) => n + (t ?? 0), 0) : null;
    rijen.push(rij(corporatie, 'totaal', '*', beloofdTotaal, realised(corporatie)));
  }
  return { jaar: p.jaar, peildatum: p.peildatum, verstreken: Math.round(verstreken * 10_000) / 10_000, rijen };
}
