import type { Db } from './client';

/** The organisation value of the default norm of a fase. */
export const STANDAARD_NORM = '*';

export interface NormRow {
  fase: string;
  organisatie: string;
  werkdagen: number;
  herinneringBij: number | null;
  updatedAt: Date;
  updatedBy: string;
}

export interface NormInput {
  fase: string;
  organisatie: string;
  werkdagen: number;
  herinneringBij: number | null;
}

export async function listNormen(db: Db): Promise<NormRow[]> {
  return db.normInstelling.findMany({ orderBy: [{ fase: 'asc' }, { organisatie: 'asc' }] });
}

/**
 * The norm that applies to an organisation in a fase, among `rows`: its own
 * agreed norm, else the default ('*'); null when the fase has no norm at all (nazorg).
 */
export function applicableNorm<R extends Pick<NormRow, 'fase' | 'organisatie'>>(
  rows: readonly R[],
  fase: string,
  organisatie?: string | null,
): R | null {
  const inFase = rows.filter((r) => r.fase === fase);
  return (
    inFase.find((r) => organisatie && r.organisatie === organisatie) ??
    inFase.find((r) => r.organisatie === STANDAARD_NORM) ??
    null
  );
}

export async function findNorm(db: Db, fase: string, organisatie?: string | null): Promise<NormRow | null> {
  const candidates = organisatie && organisatie !== STANDAARD_NORM ? [organisatie, STANDAARD_NORM] : [STANDAARD_NORM];
  return applicableNorm(
    await db.normInstelling.findMany({ where: { fase, organisatie: { in: candidates } } }),
    fase,
    organisatie,
  );
}

export async function putNorm(
  db: Db,
  input: NormInput,
  updatedBy: string,
): Promise<{ outcome: 'created' | 'updated'; row: NormRow }> {
  const { fase, organisatie, werkdagen, herinneringBij } = input;
  const where = { fase_organisatie: { fase, organisatie } };
  const existing = await db.normInstelling.findUnique({ where, select: { fase: true } });
  const row = await db.normInstelling.upsert({
    where,
    create: { fase, organisatie, werkdagen, herinneringBij, updatedBy },
    update: { werkdagen, herinneringBij, updatedBy },
  });
  return { outcome: existing ? 'updated' : 'created', row };
}

/** Removes an organisation's own norm; false when there was none. The default is not removed here (the caller refuses it). */
export async function deleteNorm(db: Db, fase: string, organisatie: string): Promise<boolean> {
  if (organisatie === STANDAARD_NORM) throw new Error('the default norm cannot be deleted');
  const { count } = await db.normInstelling.deleteMany({ where: { fase, organisatie } });
  return count > 0;
}
