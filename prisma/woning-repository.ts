import type { Db } from './client';
import type {
  Brandmeldinstallatie,
  BrandveiligheidTypering,
  Opgave,
  WoningSnapshot,
  WoningWoonvorm,
} from '../domain/types';

type WoningRow = Omit<Awaited<ReturnType<Db['woning']['findUniqueOrThrow']>>, 'beschikbaarVanaf'> & {
  beschikbaarVanaf: Date | string;
};

/** Cents in the database, euros in the rules. */
export const toCents = (euros: number) => Math.round(euros * 100);

/** A DATE column as yyyy-mm-dd, whether the driver gave a Date (UTC midnight) or a string. */
const isoDate = (d: Date | string) => (typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10));

export function toSnapshot(row: WoningRow): WoningSnapshot {
  return {
    id: row.id,
    corporatie: row.corporatie,
    referentie: row.referentie,
    gemeente: row.gemeente,
    wijk: row.wijk,
    buurtcode: row.buurtcode,
    woonvorm: row.woonvorm as WoningWoonvorm,
    kamers: row.kamers,
    kaleHuur: row.kaleHuurCent / 100,
    servicekosten: row.servicekostenCent / 100,
    zelfstandig: row.zelfstandig,
    drempelsOverbrugd: row.drempelsOverbrugd,
    gangbreedteCm: row.gangbreedteCm,
    noodoproep: row.noodoproep,
    gemeenschappelijkeRuimte: row.gemeenschappelijkeRuimte,
    opgave: row.opgave as Opgave,
    beschikbaarVanaf: isoDate(row.beschikbaarVanaf),
    version: row.version,
    // Only when recorded, so a woning without them gives the snapshot it gave before they existed.
    ...(row.brandveiligheidTypering != null
      ? { brandveiligheidTypering: row.brandveiligheidTypering as BrandveiligheidTypering }
      : {}),
    ...(row.brandmeldinstallatie != null
      ? { brandmeldinstallatie: row.brandmeldinstallatie as Brandmeldinstallatie }
      : {}),
    ...(row.gebouwOppervlakM2 != null ? { gebouwOppervlakM2: row.gebouwOppervlakM2 } : {}),
    ...(row.subsidiabeleServicekostenCent != null
      ? { subsidiabeleServicekosten: row.subsidiabeleServicekostenCent / 100 }
      : {}),
  };
}

/**
 * Holds a woning for a case: only a vrij woning whose version is the one the
 * rules saw, or one this case already holds (a retried activity). Returns
 * false when another case holds it or it changed: it is then not offered.
 */
export async function reserveWoning(db: Db, woningId: string, caseId: string, version: number): Promise<boolean> {
  const updated = await db.$executeRaw`
    UPDATE woningen SET status = 'aangeboden', case_id = ${caseId}, version = version + 1, updated_at = (now() AT TIME ZONE 'UTC')
    WHERE id = ${woningId}
      AND ((status = 'vrij' AND version = ${version}) OR (case_id = ${caseId} AND status IN ('gereserveerd', 'aangeboden')))`;
  return updated === 1;
}

/** Gives a woning back to the aanbod, if this case still holds it. Idempotent. */
export async function releaseWoning(db: Db, woningId: string, caseId: string): Promise<void> {
  await db.$executeRaw`
    UPDATE woningen SET status = 'vrij', case_id = NULL, version = version + 1, updated_at = (now() AT TIME ZONE 'UTC')
    WHERE id = ${woningId} AND case_id = ${caseId} AND status IN ('gereserveerd', 'aangeboden')`;
}

export interface PlaatsingInput {
  caseId: string;
  woningId: string;
  doelgroep: string;
  at: Date;
}

/** Lets the woning to the case and counts the placement, in one transaction. Idempotent. */
export async function verhuurWoning(db: Db, p: PlaatsingInput): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`
      UPDATE woningen SET status = 'verhuurd', version = version + 1, updated_at = (now() AT TIME ZONE 'UTC')
      WHERE id = ${p.woningId} AND case_id = ${p.caseId} AND status <> 'verhuurd'`;
    const woning = await tx.woning.findUnique({ where: { id: p.woningId } });
    if (!woning) return;
    await tx.plaatsing.createMany({
      data: [
        {
          caseId: p.caseId,
          woningId: p.woningId,
          corporatie: woning.corporatie,
          buurtcode: woning.buurtcode,
          opgave: woning.opgave,
          doelgroep: p.doelgroep,
          at: p.at,
        },
      ],
      skipDuplicates: true,
    });
  });
}

export interface WoningPrefilter {
  corporatie?: string | undefined;
  woonvormen: readonly string[];
  /** Highest rekenhuur (kale huur + subsidiabele servicekosten where recorded) in cents, when the passendheidstoets caps it. */
  maxRekenhuurCent?: number | undefined;
  /** Require drempels overbrugd and a gang of at least this width. */
  toegankelijkMinGangCm?: number | undefined;
  /** Require noodoproep and a gemeenschappelijke ruimte too. */
  zorgwoning?: boolean | undefined;
  limit: number;
}

/**
 * Vrije woningen that may pass the hard rules: a superset the rules then
 * decide on (never stricter than them), so only plausible rows leave the database.
 * `invert` returns vrije woningen outside that superset instead, to explain exclusions.
 */
/** The prefilter's SQL and parameters (bench/matching.ts EXPLAINs it). */
export function vrijeWoningenQuery(f: WoningPrefilter, invert = false): { text: string; params: unknown[] } {
  const params: unknown[] = [];
  const p = (value: unknown) => `$${params.push(value)}`;
  const conditions = [f.woonvormen.length ? `woonvorm = ANY(${p([...f.woonvormen])}::text[])` : 'false'];
  if (f.maxRekenhuurCent !== undefined)
    // With the subsidiabele part where recorded: never stricter than the rule (all servicekosten before regelset 3).
    conditions.push(
      `kale_huur_cent + COALESCE(subsidiabele_servicekosten_cent, servicekosten_cent) <= ${p(f.maxRekenhuurCent)}`,
    );
  if (f.toegankelijkMinGangCm !== undefined)
    conditions.push(`drempels_overbrugd AND gangbreedte_cm >= ${p(f.toegankelijkMinGangCm)}`);
  if (f.zorgwoning) conditions.push('noodoproep AND gemeenschappelijke_ruimte');
  const plausible = conditions.join(' AND ');
  const text = `SELECT id, corporatie, referentie, gemeente, wijk, buurtcode, woonvorm, kamers,
            kale_huur_cent AS "kaleHuurCent", servicekosten_cent AS "servicekostenCent", zelfstandig,
            drempels_overbrugd AS "drempelsOverbrugd", gangbreedte_cm AS "gangbreedteCm", noodoproep,
            gemeenschappelijke_ruimte AS "gemeenschappelijkeRuimte", opgave, to_char(beschikbaar_vanaf, 'YYYY-MM-DD') AS "beschikbaarVanaf", version,
            brandveiligheid_typering AS "brandveiligheidTypering", brandmeldinstallatie, gebouw_oppervlak_m2 AS "gebouwOppervlakM2",
            subsidiabele_servicekosten_cent AS "subsidiabeleServicekostenCent"
     FROM woningen
     WHERE status = 'vrij' ${f.corporatie ? `AND corporatie = ${p(f.corporatie)}` : ''}
       AND ${invert ? `NOT (${plausible})` : plausible}
     LIMIT ${p(f.limit)}`;
  return { text, params };
}

export async function vrijeWoningen(db: Db, f: WoningPrefilter, invert = false): Promise<WoningSnapshot[]> {
  const { text, params } = vrijeWoningenQuery(f, invert);
  // Plain pg, not Prisma: at 10,000 rows Prisma's row mapping costs five times the query itself.
  const { rows } = await db.pool.query<WoningRow & { beschikbaarVanaf: string }>(text, params);
  return rows.map(toSnapshot);
}

/** Placements per buurt in [sinds, tot), for the buurten asked. */
export async function plaatsingenPerBuurt(
  db: Db,
  buurtcodes: readonly string[],
  sinds: Date,
  tot?: Date,
): Promise<Map<string, number>> {
  if (buurtcodes.length === 0) return new Map();
  // Plain pg: Prisma's groupBy over a matching's hundreds of buurten cost more than the count.
  const { rows } = await db.pool.query<{ buurtcode: string; n: number }>(
    `SELECT buurtcode, count(*)::int AS n FROM plaatsingen
      WHERE buurtcode = ANY($1::text[]) AND at >= ($2::timestamptz AT TIME ZONE 'UTC')
        AND ($3::timestamptz IS NULL OR at < ($3::timestamptz AT TIME ZONE 'UTC'))
      GROUP BY buurtcode`,
    [[...buurtcodes], sinds.toISOString(), tot?.toISOString() ?? null],
  );
  return new Map(rows.map((r) => [r.buurtcode, r.n]));
}
