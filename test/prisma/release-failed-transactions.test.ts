import { Pool } from 'pg';
import { createDb, type Db } from '../../prisma/client';
import { testEnv } from '../support/env';

// A database that goes away mid-transaction (restart, failover) must not cost the pool its
// connection: with a pool of one, the next query would otherwise wait and fail for good.
let db: Db;
let admin: Pool;
beforeAll(() => {
  db = createDb(testEnv().DATABASE_URL, 1);
  admin = new Pool({ connectionString: testEnv().DATABASE_URL, max: 1 });
});
afterAll(async () => {
  await db?.$disconnect();
  await admin?.end();
});

test('a transaction whose connection died gives the connection back to the pool', async () => {
  for (let i = 0; i < 3; i++) {
    const attempt = db.$transaction(async (tx) => {
      const [row] = await tx.$queryRaw<Array<{ pid: number }>>`SELECT pg_backend_pid() AS pid`;
      await admin.query('SELECT pg_terminate_backend($1)', [row!.pid]);
      await tx.$queryRaw`SELECT 1`;
    });
    await expect(attempt).rejects.toThrow();
    // The only connection is free again: this answers instead of timing out on an empty pool.
    await expect(db.$queryRaw`SELECT 1 AS ok`).resolves.toEqual([{ ok: 1 }]);
  }
  expect(db.pool.totalCount).toBeLessThanOrEqual(1);
});
