import type { Db } from '../../prisma/client';
import type { Principal } from './principal';

/**
 * Web sessions of users who signed in through the IdP, in auth_sessions: the
 * cookie holds a random id (known here by its hash), the row holds who signed in
 * and the IdP's tokens (sealed). Idle and absolute lifetime and logout are the
 * session store's (sessions.ts), on the same row.
 */
export interface OidcSessionRow {
  principal: Principal & { email?: string | undefined };
  /** Sealed IdpTokens. */
  idpTokens: string | null;
  startedAt: number;
  expiresAt: number;
  accessExpiresAt: number;
  /** The database's clock, in ms, so every process judges expiry alike. */
  now: number;
}

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

export async function createOidcSession(
  db: Db,
  s: {
    hash: string;
    principal: OidcSessionRow['principal'];
    idpTokens: string;
    accessExpiresIn: number;
    maxSeconds: number;
  },
): Promise<{ issuedAt: number; expiresAt: number }> {
  const r = await db.pool.query<{ started_at: Date; expires_at: Date }>(
    `INSERT INTO auth_sessions (token_hash, started_at, last_seen_at, expires_at, principal, idp_tokens, access_expires_at)
     VALUES ($1, now(), now(), now() + make_interval(secs => $2), $3, $4, now() + make_interval(secs => $5))
     RETURNING started_at, expires_at`,
    [s.hash, s.maxSeconds, JSON.stringify(s.principal), s.idpTokens, s.accessExpiresIn],
  );
  return { issuedAt: seconds(r.rows[0]!.started_at), expiresAt: seconds(r.rows[0]!.expires_at) };
}

/** The session of this cookie, ended or not (the session store judges that); undefined when unknown. */
export async function loadOidcSession(db: Db, hash: string): Promise<OidcSessionRow | undefined> {
  const r = await db.pool.query<{
    principal: OidcSessionRow['principal'];
    idp_tokens: string | null;
    started_at: Date;
    expires_at: Date;
    access_expires_at: Date;
    now: Date;
  }>(
    `SELECT principal, idp_tokens, started_at, expires_at, access_expires_at, now() AS now
       FROM auth_sessions WHERE token_hash = $1 AND principal IS NOT NULL`,
    [hash],
  );
  const row = r.rows[0];
  if (!row) return undefined;
  return {
    principal: row.principal,
    idpTokens: row.idp_tokens,
    startedAt: seconds(row.started_at),
    expiresAt: seconds(row.expires_at),
    accessExpiresAt: row.access_expires_at.getTime(),
    now: row.now.getTime(),
  };
}

/**
 * One request at a time refreshes (an IdP that rotates refresh tokens accepts each
 * once): the claim holds for `lockSeconds`; the others go on with the session as is.
 */
export async function claimRefresh(db: Db, hash: string, lockSeconds: number): Promise<string | undefined> {
  const r = await db.pool.query<{ idp_tokens: string | null }>(
    `UPDATE auth_sessions SET refresh_locked_until = now() + make_interval(secs => $2)
      WHERE token_hash = $1 AND ended_at IS NULL AND (refresh_locked_until IS NULL OR refresh_locked_until < now())
      RETURNING idp_tokens`,
    [hash, lockSeconds],
  );
  return r.rows[0]?.idp_tokens ?? undefined;
}

export async function storeRefresh(
  db: Db,
  hash: string,
  s: { principal?: OidcSessionRow['principal'] | undefined; idpTokens: string; accessExpiresIn: number },
): Promise<void> {
  await db.pool.query(
    `UPDATE auth_sessions SET idp_tokens = $2, access_expires_at = now() + make_interval(secs => $3),
            principal = COALESCE($4::jsonb, principal), refresh_locked_until = NULL
      WHERE token_hash = $1`,
    [hash, s.idpTokens, s.accessExpiresIn, s.principal ? JSON.stringify(s.principal) : null],
  );
}

export async function releaseRefresh(db: Db, hash: string): Promise<void> {
  await db.pool.query('UPDATE auth_sessions SET refresh_locked_until = NULL WHERE token_hash = $1', [hash]);
}
