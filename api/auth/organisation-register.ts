import type { NextFunction, Request, Response } from 'express';
import type { Db } from '../../prisma/client';
import { HttpError } from '../http/errors';
import { principalOf } from './authenticate';
import {
  organisationRefusal,
  refusalMessage,
  type OrganisationRefusal,
  type RegisteredOrganisation,
} from './organisation-fit';

/**
 * The organisation register as every request reads it: the `organisaties` table, each row
 * kept in this process for `ttlMs` (default 10 s) so a request costs no query once its
 * organisation is known. Only found rows are kept: an organisation just registered counts at
 * once, one deactivated or changed counts everywhere within the TTL, and at once in the process
 * that wrote it (`forget`). Nothing else is held between requests.
 */
export const REGISTER_TTL_MS = 10_000;

export function createOrganisationRegister(db: Db, ttlMs = REGISTER_TTL_MS, now: () => number = Date.now) {
  const kept = new Map<string, { row: RegisteredOrganisation; at: number }>();
  const fresh = (id: string) => {
    const e = kept.get(id);
    return e && now() - e.at < ttlMs ? e.row : undefined;
  };

  async function load(ids: readonly string[]): Promise<void> {
    if (!ids.length) return;
    // Through `pg` like the rest of a step's checks (every 10 s per organisation, and per page of names).
    const { rows } = await db.pool.query<RegisteredOrganisation>(
      'SELECT id, naam, soort, gemeente, actief FROM organisaties WHERE id = ANY($1::text[])',
      [[...ids]],
    );
    const at = now();
    for (const row of rows) kept.set(row.id, { row, at });
  }

  return {
    async find(id: string): Promise<RegisteredOrganisation | null> {
      if (!fresh(id)) await load([id]);
      return fresh(id) ?? null;
    },
    /** Display names of `ids` (an id the register does not know stays itself). */
    async names(ids: Iterable<string | null | undefined>): Promise<Map<string, string>> {
      const wanted = [...new Set([...ids].filter((id): id is string => !!id))];
      await load(wanted.filter((id) => !fresh(id)));
      return new Map(wanted.map((id) => [id, fresh(id)?.naam ?? id]));
    },
    /** Why `p` may not act for its organisation, or undefined. */
    async refusal(
      p: { org: string } & Parameters<typeof organisationRefusal>[0],
    ): Promise<OrganisationRefusal | undefined> {
      return organisationRefusal(p, await this.find(p.org));
    },
    /** After a write in this process: the next request reads the row again. */
    forget(id: string) {
      kept.delete(id);
    },
  };
}
export type OrganisationRegister = ReturnType<typeof createOrganisationRegister>;

/** After authenticate: the token's organisation must be registered, active and of a kind its roles fit. */
export function requireRegisteredOrganisation(register: OrganisationRegister) {
  return (req: Request, _res: Response, next: NextFunction) => {
    const p = principalOf(req);
    register.refusal(p).then((refusal) => {
      if (!refusal) return next();
      next(new HttpError(403, 'organisation_not_allowed', refusalMessage(refusal, p.org), { reason: refusal.reason }));
    }, next);
  };
}
