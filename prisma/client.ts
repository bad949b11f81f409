import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
import { PrismaClient } from './generated/client';
import { releaseFailedTransactions } from './release-failed-transactions';

/** Prisma for the model, and its own pg pool for the few hot reads where Prisma's row mapping dominates. */
export type Db = PrismaClient & { readonly pool: Pool };
export { Prisma } from './generated/client';

/** One client and one pool per process; the pool size is the process's share of the database's connections. */
export function createDb(databaseUrl: string, poolSize = 10): Db {
  const pool = new Pool({ connectionString: databaseUrl, max: poolSize, connectionTimeoutMillis: 5_000 });
  // An idle connection the database ended (a restart, an outage) is dropped by the pool, which opens a
  // fresh one when needed; without a listener its 'error' event would end the process.
  pool.on('error', () => undefined);
  // A checked-out connection has no pool listener: the server ending it between two queries (a restart, an
  // outage, while a transaction or a signal's lock is held) was an unhandled 'error' event that ended the worker.
  // Its next query fails instead, and the pool drops it on release (it is no longer queryable).
  pool.on('connect', (client) => client.on('error', () => undefined));
  const prisma = new PrismaClient({
    adapter: releaseFailedTransactions(new PrismaPg(pool, { disposeExternalPool: true })),
  });
  return Object.assign(prisma, { pool });
}
