/**
 * Preloaded into the API and worker processes by the load benchmark (`node -r`): counts the SQL
 * statements this process sends through `pg` (Prisma's adapter and the hot-path pool both use
 * pg.Client#query), transaction control (BEGIN/COMMIT/ROLLBACK/SAVEPOINT) apart. The benchmark asks
 * for the counts over the IPC channel; without one (not started by the benchmark) it does nothing.
 */
import { Client } from 'pg';

if (process.send) {
  let statements = 0;
  let txControl = 0;
  const query = Client.prototype.query as (...args: unknown[]) => unknown;
  Client.prototype.query = function (this: Client, ...args: unknown[]) {
    const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: unknown } | undefined)?.text;
    if (typeof text === 'string' && /^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b/i.test(text)) txControl++;
    else statements++;
    return query.apply(this, args);
  } as typeof Client.prototype.query;
  process.on('message', (m: { type?: string }) => {
    if (m?.type === 'bench:counts') process.send!({ type: 'bench:counts', statements, txControl });
  });
  process.channel?.unref();
}
