import { createHash } from 'node:crypto';
import type { Db } from '../../prisma/client';

/** How a token is known server-side: its SHA-256, never the token itself. */
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('base64url');

export interface SessionPolicy {
  /** A web session with no request for this long is ended. */
  idleSeconds: number;
  /** A web session is ended this long after it began (the token's iat). */
  maxSeconds: number;
}
export const defaultSessionPolicy: SessionPolicy = { idleSeconds: 30 * 60, maxSeconds: 8 * 3600 };

/** `idp`: the identity provider no longer renews the sign-in (refresh refused, user changed or removed). */
export type SessionEnd = 'logout' | 'idle' | 'absolute' | 'idp';
export type SessionState = { active: true } | { active: false; reason: SessionEnd };

/** The verified token behind a request, as `authenticate` found it. */
export interface Credential {
  hash: string;
  issuedAt: number;
  expiresAt: number;
}

/**
 * Sessions and revocations in PostgreSQL, so every API process agrees: a token
 * ended here (logout, idle, absolute lifetime) is refused on /app and on the API.
 * All times are the database's clock.
 */
export function createSessionStore(db: Db, policy: SessionPolicy = defaultSessionPolicy) {
  return {
    policy,
    async isEnded(hash: string): Promise<boolean> {
      const r = await db.pool.query('SELECT 1 FROM auth_sessions WHERE token_hash = $1 AND ended_at IS NOT NULL', [
        hash,
      ]);
      return (r.rowCount ?? 0) > 0;
    },

    /**
     * Deletes what no check needs any more: rows past their token's expiry (an ended
     * token is refused by its exp from then on) and ended IdP sessions, whose random
     * id is unknown once the row is gone; both after `graceSeconds`, for the audit trail.
     */
    async prune(graceSeconds: number): Promise<number> {
      const r = await db.pool.query(
        `DELETE FROM auth_sessions
          WHERE expires_at < now() - make_interval(secs => $1)
             OR (principal IS NOT NULL AND ended_at < now() - make_interval(secs => $1))`,
        [graceSeconds],
      );
      return r.rowCount ?? 0;
    },

    /** Ends the session of this token everywhere (kept until the token expires anyway). */
    async end(c: Credential, reason: SessionEnd): Promise<void> {
      await db.pool.query(
        `INSERT INTO auth_sessions (token_hash, started_at, last_seen_at, expires_at, ended_at, ended_reason)
         VALUES ($1, LEAST(to_timestamp($2), now()), now(), to_timestamp($3), now(), $4)
         ON CONFLICT (token_hash) DO UPDATE SET ended_at = COALESCE(auth_sessions.ended_at, now()), ended_reason = COALESCE(auth_sessions.ended_reason, $4)`,
        [c.hash, c.issuedAt, c.expiresAt, reason],
      );
    },

    /** Records a web request on the session; ends it when idle or past its lifetime. */
    async touch(c: Credential): Promise<SessionState> {
      const r = await db.pool.query<{ ended_reason: SessionEnd | null; past_lifetime: boolean }>(
        `INSERT INTO auth_sessions AS s (token_hash, started_at, last_seen_at, expires_at)
         VALUES ($1, LEAST(to_timestamp($2), now()), now(), to_timestamp($3))
         ON CONFLICT (token_hash) DO UPDATE SET
           ended_at = CASE WHEN s.ended_at IS NOT NULL THEN s.ended_at
                           WHEN s.started_at < now() - make_interval(secs => $5) OR s.last_seen_at < now() - make_interval(secs => $4) THEN now() END,
           ended_reason = CASE WHEN s.ended_at IS NOT NULL THEN s.ended_reason
                               WHEN s.started_at < now() - make_interval(secs => $5) THEN 'absolute'
                               WHEN s.last_seen_at < now() - make_interval(secs => $4) THEN 'idle' END,
           last_seen_at = CASE WHEN s.ended_at IS NULL THEN now() ELSE s.last_seen_at END
         RETURNING ended_reason, started_at < now() - make_interval(secs => $5) AS past_lifetime`,
        [c.hash, c.issuedAt, c.expiresAt, policy.idleSeconds, policy.maxSeconds],
      );
      const row = r.rows[0]!;
      if (row.ended_reason) return { active: false, reason: row.ended_reason };
      // A first sight of a token issued longer ago than the lifetime.
      if (row.past_lifetime) {
        await this.end(c, 'absolute');
        return { active: false, reason: 'absolute' };
      }
      return { active: true };
    },
  };
}
export type SessionStore = ReturnType<typeof createSessionStore>;
