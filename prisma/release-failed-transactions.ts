/**
 * Works around a connection leak in Prisma 6.19's client with driver adapters (@prisma/adapter-pg):
 * to end a transaction the client sends `COMMIT`/`ROLLBACK` through the transaction and only then
 * calls its `commit()`/`rollback()`, which returns the pg connection to the pool. When the database
 * went away mid-transaction (a restart, a failover) that statement fails, the second call never
 * happens and the connection stays checked out for good. After an outage that hit a few
 * transactions the pool is empty and every query waits for `connectionTimeoutMillis` and fails:
 * the process never recovers (test/faults, "PostgreSQL is down").
 *
 * Wrapping the adapter factory ends such a transaction anyway; pg-pool then drops the broken
 * connection (it is no longer queryable) and opens a fresh one when needed.
 *
 *   new PrismaClient({ adapter: releaseFailedTransactions(new PrismaPg(pool, …)) })
 */

const END_STATEMENTS = new Set(['COMMIT', 'ROLLBACK']);

interface Transaction {
  executeRaw(query: { sql: string }): Promise<number>;
  rollback(): Promise<void>;
}
interface Adapter {
  startTransaction(...args: unknown[]): Promise<Transaction>;
}
interface AdapterFactory {
  connect(): Promise<Adapter>;
}

/** `target` with some members replaced; every other member passes through (methods bound to target). */
function withOverrides<T extends object>(target: T, overrides: Record<string, unknown>): T {
  return new Proxy(target, {
    get(t, prop) {
      if (typeof prop === 'string' && Object.hasOwn(overrides, prop)) return overrides[prop];
      const value = Reflect.get(t, prop, t);
      return typeof value === 'function' ? value.bind(t) : value;
    },
  });
}

export function releaseFailedTransactions<F extends object>(factory: F): F {
  const f = factory as unknown as AdapterFactory;
  return withOverrides(factory, {
    connect: async () => {
      const adapter = await f.connect();
      return withOverrides(adapter, {
        startTransaction: async (...args: unknown[]) => {
          const tx = await adapter.startTransaction(...args);
          return withOverrides(tx, {
            executeRaw: async (query: { sql: string }) => {
              try {
                return await tx.executeRaw(query);
              } catch (err) {
                // The transaction is over either way: give the connection back (pg-pool discards a broken one).
                if (END_STATEMENTS.has(query.sql)) await tx.rollback().catch(() => undefined);
                throw err;
              }
            },
          });
        },
      });
    },
  });
}
