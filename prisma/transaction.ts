import type { Db, Prisma } from './client';

export type Tx = Prisma.TransactionClient;

/** One interactive transaction for a unit of work that spans repositories (an activity's write). */
export function inTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  // Under load a connection may take a while to come free; waiting beats a failed attempt and a retry.
  return db.$transaction(fn, { maxWait: 10_000, timeout: 30_000 });
}
