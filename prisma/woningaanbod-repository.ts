import { randomUUID } from 'node:crypto';
import type { Db } from './client';
import { Prisma } from './client';
import { toCents } from './woning-repository';
import type { WoningCreate, WoningFilter, WoningUpdate } from '../domain/woning-schemas';
import type { WoningStatus } from '../domain/types';

/**
 * The woningaanbod as verhuurmedewerkers maintain it. Every write raises
 * `version` and is a single statement, an INSERT or a conditional UPDATE: the change is
 * checked against the row as read, and only applied if the row still has that
 * version, status and holding case; otherwise the row is read again and the
 * change re-checked. Two concurrent writers therefore never lose an update,
 * and a change can never slip past a reservation made in between.
 */

export type WoningRow = Awaited<ReturnType<Db['woning']['findUniqueOrThrow']>>;

/** A case holds the woning: it is gereserveerd or aangeboden for that case. */
const heldStatuses: readonly string[] = ['gereserveerd', 'aangeboden'] satisfies WoningStatus[];

/** What the case's aanbod relies on: these may not change by hand while a case holds the woning. */
const lockedWhileHeld = [
  ['status', 'status'],
  ['referentie', 'referentie'],
  ['woonvorm', 'woonvorm'],
  ['kaleHuurCent', 'kaleHuur'],
  ['servicekostenCent', 'servicekosten'],
  // Everything else the aanbod's rules read, so the recorded verdicts stay true while the case holds it.
  ['gemeente', 'gemeente'],
  ['buurtcode', 'buurtcode'],
  ['kamers', 'kamers'],
  ['drempelsOverbrugd', 'drempelsOverbrugd'],
  ['gangbreedteCm', 'gangbreedteCm'],
  ['noodoproep', 'noodoproep'],
  ['gemeenschappelijkeRuimte', 'gemeenschappelijkeRuimte'],
  ['opgave', 'opgave'],
  ['brandveiligheidTypering', 'brandveiligheidTypering'],
  ['brandmeldinstallatie', 'brandmeldinstallatie'],
  ['gebouwOppervlakM2', 'gebouwOppervlakM2'],
  ['subsidiabeleServicekostenCent', 'subsidiabeleServicekosten'],
] as const;

const MAX_ATTEMPTS = 25;

/** The corporatie already has a woning with this referentie. */
export class WoningExistsError extends Error {
  constructor(readonly existingId: string | undefined) {
    super('this corporatie already has a woning with this referentie');
    this.name = 'WoningExistsError';
  }
}

/** A case holds the woning, and the change touches what the case's aanbod relies on. */
export class WoningHeldError extends Error {
  constructor(
    readonly status: string,
    readonly caseId: string | null,
    readonly fields: string[],
  ) {
    super(`woning is ${status} for a case: ${fields.join(', ')} cannot change until the case releases it`);
    this.name = 'WoningHeldError';
  }
}

/** The row kept changing under us; the caller may try again. */
export class WoningBusyError extends Error {
  constructor() {
    super('the woning changed concurrently too often; try again');
    this.name = 'WoningBusyError';
  }
}

/** By status: a verhuurd woning keeps the case id of its letting, but no case holds it any more. */
export function isHeld(row: Pick<WoningRow, 'status'>): boolean {
  return heldStatuses.includes(row.status);
}

type WoningData = Partial<Omit<WoningRow, 'id' | 'corporatie' | 'caseId' | 'version' | 'createdAt' | 'updatedAt'>>;

function toData(input: WoningUpdate): WoningData {
  const { kaleHuur, servicekosten, beschikbaarVanaf, subsidiabeleServicekosten, ...rest } = input;
  const data: WoningData = { ...rest };
  if (subsidiabeleServicekosten !== undefined)
    data.subsidiabeleServicekostenCent = subsidiabeleServicekosten === null ? null : toCents(subsidiabeleServicekosten);
  if (kaleHuur !== undefined) data.kaleHuurCent = toCents(kaleHuur);
  if (servicekosten !== undefined) data.servicekostenCent = toCents(servicekosten);
  if (beschikbaarVanaf !== undefined) data.beschikbaarVanaf = toDate(beschikbaarVanaf);
  return data;
}

/** A yyyy-mm-dd date as the DATE column holds it (midnight UTC, as toSnapshot reads it back). */
const toDate = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);

function isUniqueViolation(e: unknown): boolean {
  return e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002';
}

/** `update` found no row with the id, version, status and case id it was given. */
function isNoRowMatched(e: unknown): boolean {
  return e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2025';
}

const BATCH = 2000;

/** What an import needs to know of an existing woning. */
type Known = Pick<WoningRow, 'id' | 'referentie' | 'version' | 'status' | 'caseId'>;

export interface ImportRow {
  /** 1-based data row number, for the report. */
  row: number;
  input: WoningCreate;
}

export interface ImportOutcome {
  created: number;
  updated: number;
  refused: Array<{ row: number; error: WoningHeldError | WoningBusyError | WoningExistsError }>;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function newWoning(corporatie: string, input: WoningCreate) {
  return {
    id: randomUUID(),
    corporatie,
    referentie: input.referentie,
    gemeente: input.gemeente,
    wijk: input.wijk ?? null,
    buurtcode: input.buurtcode,
    woonvorm: input.woonvorm,
    kamers: input.kamers,
    kaleHuurCent: toCents(input.kaleHuur),
    servicekostenCent: toCents(input.servicekosten),
    zelfstandig: input.zelfstandig,
    drempelsOverbrugd: input.drempelsOverbrugd,
    gangbreedteCm: input.gangbreedteCm,
    noodoproep: input.noodoproep,
    gemeenschappelijkeRuimte: input.gemeenschappelijkeRuimte,
    opgave: input.opgave,
    beschikbaarVanaf: toDate(input.beschikbaarVanaf),
    brandveiligheidTypering: input.brandveiligheidTypering ?? null,
    brandmeldinstallatie: input.brandmeldinstallatie ?? null,
    gebouwOppervlakM2: input.gebouwOppervlakM2 ?? null,
    subsidiabeleServicekostenCent:
      input.subsidiabeleServicekosten === undefined ? null : toCents(input.subsidiabeleServicekosten),
    status: 'vrij' satisfies WoningStatus,
  };
}

const byReferentie = (db: Db, corporatie: string, referentie: string) =>
  db.woning.findUnique({ where: { corporatie_referentie: { corporatie, referentie } } });

async function existsError(db: Db, corporatie: string, referentie: string) {
  return new WoningExistsError((await byReferentie(db, corporatie, referentie))?.id);
}

export function getWoning(db: Db, id: string): Promise<WoningRow | null> {
  return db.woning.findUnique({ where: { id } });
}

/** A new woning, vrij; a duplicate (corporatie, referentie) throws WoningExistsError. */
export async function createWoning(db: Db, corporatie: string, input: WoningCreate): Promise<WoningRow> {
  try {
    return await db.woning.create({ data: newWoning(corporatie, input) });
  } catch (e) {
    if (isUniqueViolation(e)) throw await existsError(db, corporatie, input.referentie);
    throw e;
  }
}

/** Changes a woning of `corporatie`; null when there is none with this id (or it is another corporatie's). */
export function updateWoning(db: Db, corporatie: string, id: string, patch: WoningUpdate): Promise<WoningRow | null> {
  return applyUpdate(db, () => db.woning.findFirst({ where: { id, corporatie } }), patch);
}

/**
 * Applies `patch` to the row `load` returns, re-reading and re-checking
 * while other writers get in between. `first` saves the initial read.
 */
async function applyUpdate(
  db: Db,
  load: () => Promise<WoningRow | null>,
  patch: WoningUpdate,
  first?: WoningRow | null,
): Promise<WoningRow | null> {
  const data = toData(patch);
  let current = first === undefined ? await load() : first;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (!current) return null;
    if (isHeld(current)) {
      const changed = lockedWhileHeld.filter(
        ([column]) => data[column] !== undefined && data[column] !== current![column],
      );
      if (changed.length)
        throw new WoningHeldError(
          current.status,
          current.caseId,
          changed.map(([, field]) => field),
        );
    }
    try {
      // One UPDATE … WHERE id AND version AND status AND case_id … RETURNING: applied only to the row as checked.
      return await db.woning.update({
        where: { id: current.id, version: current.version, status: current.status, caseId: current.caseId },
        // Vrij (again) is nobody's: a case id left from an earlier letting goes.
        data: { ...data, ...(data.status === 'vrij' ? { caseId: null } : {}), version: { increment: 1 } },
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw await existsError(db, current.corporatie, patch.referentie ?? current.referentie);
      if (!isNoRowMatched(e)) throw e;
    }
    current = await load(); // someone else wrote in between: check again against what is there now
  }
  throw new WoningBusyError();
}

/**
 * One imported row on its own, written atomically (a single INSERT or
 * UPDATE), re-read and re-checked while other writers get in between.
 */
async function importRow(db: Db, corporatie: string, input: WoningCreate): Promise<'created' | 'updated'> {
  const load = () => byReferentie(db, corporatie, input.referentie);
  let current = await load();
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (!current) {
      try {
        await createWoning(db, corporatie, input);
        return 'created';
      } catch (e) {
        if (!(e instanceof WoningExistsError)) throw e;
        current = await load(); // created concurrently: apply the row as a mutatie
        continue;
      }
    }
    // A row is the woning whole: a column left empty clears it, as in the batch UPDATE.
    const mutatie: WoningUpdate = {
      ...input,
      wijk: input.wijk ?? null,
      brandveiligheidTypering: input.brandveiligheidTypering ?? null,
      brandmeldinstallatie: input.brandmeldinstallatie ?? null,
      gebouwOppervlakM2: input.gebouwOppervlakM2 ?? null,
      subsidiabeleServicekosten: input.subsidiabeleServicekosten ?? null,
      status: 'vrij',
    };
    if (await applyUpdate(db, load, mutatie, current)) return 'updated';
    current = null;
  }
  throw new WoningBusyError();
}

/** The row's values as one array per column, for unnest(): a batch is one statement with a fixed number of parameters. */
function columnsOf(rows: ImportRow[]) {
  const col = <T>(f: (i: WoningCreate) => T) => rows.map((r) => f(r.input));
  return Prisma.sql`${col((i) => i.gemeente)}::text[], ${col((i) => i.wijk ?? null)}::text[], ${col((i) => i.buurtcode)}::text[],
    ${col((i) => i.woonvorm)}::text[], ${col((i) => i.kamers)}::int[], ${col((i) => toCents(i.kaleHuur))}::int[],
    ${col((i) => toCents(i.servicekosten))}::int[], ${col((i) => i.zelfstandig)}::boolean[], ${col((i) => i.drempelsOverbrugd)}::boolean[],
    ${col((i) => i.gangbreedteCm)}::int[], ${col((i) => i.noodoproep)}::boolean[], ${col((i) => i.gemeenschappelijkeRuimte)}::boolean[],
    ${col((i) => i.opgave)}::text[], ${col((i) => i.beschikbaarVanaf)}::date[],
    ${col((i) => i.brandveiligheidTypering ?? null)}::text[], ${col((i) => i.brandmeldinstallatie ?? null)}::text[],
    ${col((i) => i.gebouwOppervlakM2 ?? null)}::int[],
    ${col((i) => (i.subsidiabeleServicekosten === undefined ? null : toCents(i.subsidiabeleServicekosten)))}::int[]`;
}
const valueColumns =
  Prisma.raw(`gemeente, wijk, buurtcode, woonvorm, kamers, kale_huur_cent, servicekosten_cent, zelfstandig,
  drempels_overbrugd, gangbreedte_cm, noodoproep, gemeenschappelijke_ruimte, opgave, beschikbaar_vanaf,
  brandveiligheid_typering, brandmeldinstallatie, gebouw_oppervlak_m2, subsidiabele_servicekosten_cent`);
// Timestamps as Prisma keeps them: UTC in a column without time zone.
const utcNow = Prisma.raw(`(now() AT TIME ZONE 'UTC')`);

/** New woningen, vrij; a referentie another writer inserted meanwhile is skipped (and not returned). */
function insertBatch(db: Db, corporatie: string, rows: ImportRow[]) {
  return db.$queryRaw<Array<{ referentie: string }>>`
    INSERT INTO woningen (id, referentie, ${valueColumns}, corporatie, status, version, created_at, updated_at)
    SELECT v.*, ${corporatie}, 'vrij', 1, ${utcNow}, ${utcNow}
    FROM unnest(${rows.map(() => randomUUID())}::text[], ${rows.map((r) => r.input.referentie)}::text[], ${columnsOf(rows)})
      AS v(id, referentie, ${valueColumns})
    ON CONFLICT (corporatie, referentie) DO NOTHING
    RETURNING referentie`;
}

/** Mutaties of woningen not held as read, each applied only if the row still has the version, status and case read. */
function updateBatch(db: Db, rows: Array<ImportRow & { current: Known }>) {
  const current = <T>(f: (c: Known) => T) => rows.map((r) => f(r.current));
  return db.$queryRaw<Array<{ id: string }>>`
    UPDATE woningen AS w SET
      gemeente = v.gemeente, wijk = v.wijk, buurtcode = v.buurtcode, woonvorm = v.woonvorm, kamers = v.kamers,
      kale_huur_cent = v.kale_huur_cent, servicekosten_cent = v.servicekosten_cent, zelfstandig = v.zelfstandig,
      drempels_overbrugd = v.drempels_overbrugd, gangbreedte_cm = v.gangbreedte_cm, noodoproep = v.noodoproep,
      gemeenschappelijke_ruimte = v.gemeenschappelijke_ruimte, opgave = v.opgave, beschikbaar_vanaf = v.beschikbaar_vanaf,
      brandveiligheid_typering = v.brandveiligheid_typering, brandmeldinstallatie = v.brandmeldinstallatie,
      gebouw_oppervlak_m2 = v.gebouw_oppervlak_m2, subsidiabele_servicekosten_cent = v.subsidiabele_servicekosten_cent,
      status = 'vrij', case_id = NULL, version = w.version + 1, updated_at = ${utcNow}
    FROM unnest(${current((c) => c.id)}::text[], ${current((c) => c.version)}::int[], ${current((c) => c.status)}::text[],
                ${current((c) => c.caseId)}::text[], ${columnsOf(rows)})
      AS v(id, version, status, case_id, ${valueColumns})
    WHERE w.id = v.id AND w.version = v.version AND w.status = v.status AND w.case_id IS NOT DISTINCT FROM v.case_id
      AND w.status NOT IN ('gereserveerd', 'aangeboden')
    RETURNING w.id`;
}

/**
 * Imported rows, each already valid. A new referentie is created vrij; a
 * known one is a mutatie that takes the row's values and makes the woning
 * vrij again — refused while a case holds it. Written in batches, each a
 * single statement (INSERT … ON CONFLICT DO NOTHING, UPDATE … FROM unnest
 * conditional on each row's version): a row goes in whole or not at all.
 * A row a concurrent writer got to first is then written on its own.
 */
export async function importWoningen(db: Db, corporatie: string, rows: ImportRow[]): Promise<ImportOutcome> {
  const outcome: ImportOutcome = { created: 0, updated: 0, refused: [] };
  const known = new Map<string, Known>();
  for (const chunk of chunks(rows, BATCH)) {
    const found = await db.$queryRaw<Known[]>`
      SELECT id, referentie, version, status, case_id AS "caseId" FROM woningen
      WHERE corporatie = ${corporatie} AND referentie = ANY(${chunk.map((r) => r.input.referentie)}::text[])`;
    for (const row of found) known.set(row.referentie, row);
  }
  const again: ImportRow[] = [];
  const fresh = rows.filter((r) => !known.has(r.input.referentie));
  for (const chunk of chunks(fresh, BATCH)) {
    const inserted = await insertBatch(db, corporatie, chunk);
    const done = new Set(inserted.map((r) => r.referentie));
    outcome.created += done.size;
    again.push(...chunk.filter((r) => !done.has(r.input.referentie)));
  }
  const mutaties: Array<ImportRow & { current: Known }> = [];
  for (const r of rows) {
    const current = known.get(r.input.referentie);
    if (!current) continue;
    if (isHeld(current))
      outcome.refused.push({ row: r.row, error: new WoningHeldError(current.status, current.caseId, ['status']) });
    else mutaties.push({ ...r, current });
  }
  for (const chunk of chunks(mutaties, BATCH)) {
    const done = new Set((await updateBatch(db, chunk)).map((r) => r.id));
    outcome.updated += done.size;
    again.push(...chunk.filter((r) => !done.has(r.current.id)));
  }
  for (const r of again.sort((a, b) => a.row - b.row)) {
    try {
      outcome[await importRow(db, corporatie, r.input)]++;
    } catch (error) {
      if (!(error instanceof WoningHeldError || error instanceof WoningBusyError || error instanceof WoningExistsError))
        throw error;
      outcome.refused.push({ row: r.row, error });
    }
  }
  return outcome;
}

export async function listWoningen(
  db: Db,
  filter: WoningFilter,
  page: { limit: number; offset: number },
): Promise<{ items: WoningRow[]; total: number }> {
  const where = whereClause(filter);
  const [ids, [count]] = await Promise.all([
    db.$queryRaw<Array<{ id: string }>>`
      SELECT id FROM woningen WHERE ${where} ORDER BY beschikbaar_vanaf, id LIMIT ${page.limit} OFFSET ${page.offset}`,
    db.$queryRaw<Array<{ total: number }>>`SELECT count(*)::int AS total FROM woningen WHERE ${where}`,
  ]);
  const rows = ids.length ? await db.woning.findMany({ where: { id: { in: ids.map((r) => r.id) } } }) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    items: ids.map((r) => byId.get(r.id)).filter((r): r is WoningRow => r !== undefined),
    total: count?.total ?? 0,
  };
}

/** maxHuur compares kale huur plus servicekosten, which a Prisma filter cannot express; hence SQL. */
function whereClause(f: WoningFilter): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (f.corporatie !== undefined) conditions.push(Prisma.sql`corporatie = ${f.corporatie}`);
  if (f.gemeente !== undefined) conditions.push(Prisma.sql`gemeente = ${f.gemeente}`);
  if (f.buurtcode !== undefined) conditions.push(Prisma.sql`buurtcode = ${f.buurtcode}`);
  if (f.woonvorm !== undefined) conditions.push(Prisma.sql`woonvorm = ${f.woonvorm}`);
  if (f.status !== undefined) conditions.push(Prisma.sql`status = ${f.status}`);
  if (f.opgave !== undefined) conditions.push(Prisma.sql`opgave = ${f.opgave}`);
  if (f.minKamers !== undefined) conditions.push(Prisma.sql`kamers >= ${f.minKamers}`);
  if (f.maxHuur !== undefined)
    conditions.push(Prisma.sql`kale_huur_cent + servicekosten_cent <= ${toCents(f.maxHuur)}`);
  return Prisma.join(conditions, ' AND ');
}
