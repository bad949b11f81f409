import type { Db } from './client';
import type { WoningSnapshot, WoningWoonvorm, Opgave } from '../workflows/types';

type WoningRow = Awaited<ReturnType<Db['woning']['findUniqueOrThrow']>>;

/** Cents in the database, euros in the rules. */
export const toCents = (euros: number) => Math.round(euros * 100);

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
    beschikbaarVanaf: row.beschikbaarVanaf.toISOString().slice(0, 10),
    version: row.version,
  };
}

export async function findWoning(db: Db, id: string): Promise<WoningSnapshot | null> {
  const row = await db.woning.findUnique({ where: { id } });
  return row ? toSnapshot(row) : null;
}
