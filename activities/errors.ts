/**
 * Errors activities throw by name. Temporal matches `nonRetryableErrorTypes`
 * against the class name, so renaming one changes retry behaviour.
 */

/** The woning is held by another case, was let, or changed since the rules saw it. Retrying cannot help. */
export class WoningNotAvailableError extends Error {
  override name = 'WoningNotAvailableError';
}

/**
 * The database refused the data itself (SQLSTATE class 22 data exception, e.g. 22P05 or 22021;
 * class 23 integrity constraint; Prisma P2000/P2002/P2003/P2004/P2011/P2019/P2020): the same
 * write fails the same way every time, so it is never retried. Carries codes only, never data.
 */
export class PermanentDataError extends Error {
  override name = 'PermanentDataError';
  constructor(readonly code: string) {
    super(`the database refused the data for good (${code})`);
  }
}

export const nonRetryableErrorTypes = [WoningNotAvailableError.name, PermanentDataError.name] as const;

const PERMANENT_PRISMA = new Set([
  'P2000',
  'P2002',
  'P2003',
  'P2004',
  'P2005',
  'P2006',
  'P2007',
  'P2011',
  'P2012',
  'P2019',
  'P2020',
  'P2023',
]);
const PERMANENT_SQLSTATE = /^(22|23)[0-9A-Z]{3}$/;

/** The SQLSTATE or Prisma code of a database error, looked for where Prisma and pg put it. */
function codesOf(err: unknown, depth = 0): string[] {
  if (!err || typeof err !== 'object' || depth > 4) return [];
  const e = err as Record<string, unknown>;
  const own = ['code', 'originalCode', 'sqlState'].map((k) => e[k]).filter((v): v is string => typeof v === 'string');
  return [...own, ...['meta', 'cause', 'driverAdapterError'].flatMap((k) => codesOf(e[k], depth + 1))];
}

/** A PermanentDataError when the database refused the data itself, else undefined (retry: an outage, a timeout). */
export function permanentDataError(err: unknown): PermanentDataError | undefined {
  if (err instanceof PermanentDataError) return err;
  const codes = codesOf(err);
  const sqlstate = codes.find((c) => PERMANENT_SQLSTATE.test(c));
  if (sqlstate) return new PermanentDataError(sqlstate);
  const prisma = codes.find((c) => PERMANENT_PRISMA.has(c));
  return prisma ? new PermanentDataError(prisma) : undefined;
}
