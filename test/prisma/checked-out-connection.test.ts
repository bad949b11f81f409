import { Client } from 'pg';
import { createDb, type Db } from '../../prisma/client';
import { testEnv } from '../support/env';

/**
 * The fault suite's PostgreSQL outage once ended the worker: the server ended a connection the worker had checked
 * out (between two statements of a transaction, or while a signal's advisory lock was held), and pg emitted an
 * 'error' event nobody listened to. A real server, a real termination (pg_terminate_backend sends the same 57P01).
 */
let db: Db;
let admin: Client;
beforeAll(async () => {
  // The same role may end its own backends.
  db = createDb(testEnv().DATABASE_URL, 2);
  admin = new Client({ connectionString: testEnv().DATABASE_URL });
  await admin.connect();
});
afterAll(async () => {
  await admin.end();
  await db.$disconnect();
});

test('a checked-out connection the server ends between queries fails its next query, and the pool replaces it', async () => {
  const client = await db.pool.connect();
  const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  const pid = rows[0]!.pid;
  await admin.query('SELECT pg_terminate_backend($1)', [pid]);
  // The termination arrives while no query runs on the connection: before, this was an uncaught error.
  await new Promise((resolve) => setTimeout(resolve, 300));
  await expect(client.query('SELECT 1')).rejects.toThrow();
  client.release();
  // The pool hands out a fresh connection, not the ended one.
  const again = await db.pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  expect(again.rows[0]!.pid).not.toBe(pid);
});
