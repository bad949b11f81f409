import type { z } from 'zod';
import type { Db } from '../../prisma/client';
import { toSnapshot } from '../../prisma/woning-repository';
import type { WoningRow } from '../../prisma/woningaanbod-repository';
import type { Principal } from '../auth/principal';
import type { woningBody } from './woning-schemas';

export function toWoningBody(row: WoningRow): z.infer<typeof woningBody> {
  const { version, ...snapshot } = toSnapshot(row);
  return {
    ...snapshot,
    wijk: row.wijk,
    brandveiligheidTypering: snapshot.brandveiligheidTypering ?? null,
    brandmeldinstallatie: snapshot.brandmeldinstallatie ?? null,
    gebouwOppervlakM2: snapshot.gebouwOppervlakM2 ?? null,
    subsidiabeleServicekosten: snapshot.subsidiabeleServicekosten ?? null,
    status: row.status as z.infer<typeof woningBody>['status'],
    caseId: row.caseId,
    version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * Woningen as a reader may see them. Only the reader's own corporatie's woningen exist for
 * them (see the router); the case that holds one is named only to that case's parties, and
 * not at all once the woning is verhuurd (who lives there is no longer the woning's business).
 */
export async function woningBodies(db: Db, p: Principal, rows: readonly WoningRow[]) {
  const held = [...new Set(rows.filter((r) => r.caseId && r.status !== 'verhuurd').map((r) => r.caseId as string))];
  const visible = held.length
    ? new Set(
        (
          await db.case.findMany({
            where: { id: { in: held }, OR: [{ wijkteam: p.org }, { zorginstelling: p.org }, { corporatie: p.org }] },
            select: { id: true },
          })
        ).map((c) => c.id),
      )
    : new Set<string>();
  return rows.map((row) => {
    const body = toWoningBody(row);
    return {
      ...body,
      caseId: body.caseId && visible.has(body.caseId) && row.status !== 'verhuurd' ? body.caseId : null,
    };
  });
}

/** Whether the woning is the reader's corporatie's; any other answers as unknown. */
export const ownWoning = (p: Principal, row: WoningRow) => row.corporatie === p.org;
