import type { Db } from './client';

/** Prestatieafspraken as the beheerder keeps them. The contingent report (realised vs promised) reads these rows elsewhere. */
export interface ContingentAfspraakInput {
  opgave: string;
  /** A doelgroep, or '*' for all doelgroepen together. */
  doelgroep: string;
  aantal: number;
}

export interface ContingentAfspraakRow extends ContingentAfspraakInput {
  corporatie: string;
  jaar: number;
  updatedAt: Date;
  updatedBy: string;
}

export async function listContingentAfspraken(
  db: Db,
  filter: { jaar?: number | undefined; corporatie?: string | undefined } = {},
): Promise<ContingentAfspraakRow[]> {
  return db.contingentAfspraak.findMany({
    where: {
      ...(filter.jaar !== undefined ? { jaar: filter.jaar } : {}),
      ...(filter.corporatie ? { corporatie: filter.corporatie } : {}),
    },
    orderBy: [{ jaar: 'asc' }, { corporatie: 'asc' }, { opgave: 'asc' }, { doelgroep: 'asc' }],
  });
}

/** Replaces a corporatie's afspraken for a year in one transaction: readers see the old set or the new one, never a mix. */
export async function replaceContingentAfspraken(
  db: Db,
  corporatie: string,
  jaar: number,
  afspraken: readonly ContingentAfspraakInput[],
  updatedBy: string,
): Promise<ContingentAfspraakRow[]> {
  return db.$transaction(async (tx) => {
    await tx.contingentAfspraak.deleteMany({ where: { corporatie, jaar } });
    if (afspraken.length > 0) {
      await tx.contingentAfspraak.createMany({ data: afspraken.map((a) => ({ corporatie, jaar, ...a, updatedBy })) });
    }
    return tx.contingentAfspraak.findMany({
      where: { corporatie, jaar },
      orderBy: [{ opgave: 'asc' }, { doelgroep: 'asc' }],
    });
  });
}
