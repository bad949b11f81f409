import type { Db } from '../../prisma/client';
import { openPeriodes } from '../../prisma/doorlooptijd-repository';
import type { CaseState } from '../../workflows/types';
import { termijnView } from '../termijn-view';

export { listWaitingOn as inbox } from '../../prisma/case-repository';

export interface Klok {
  fase: string;
  sinds: Date;
  werkdagen: number;
  /** The norm with any verlenging. */
  normWerkdagen?: number | undefined;
  deadlineAt?: Date | undefined;
  opgeschort: boolean;
  status: 'binnen' | 'bijna' | 'over' | 'geen_norm' | 'opgeschort' | 'afgesloten';
}

/** The clock of each case's current fase, as the API answers it (`termijn`), with a status for the page. */
export async function klokken(db: Db, ids: readonly string[], now = new Date()): Promise<Map<string, Klok>> {
  const out = new Map<string, Klok>();
  if (!ids.length) return out;
  const [periodes, rows] = await Promise.all([
    openPeriodes(db, [...ids]),
    db.case.findMany({ where: { id: { in: [...ids] } }, select: { id: true, status: true, fase: true, updatedAt: true, state: true } }),
  ]);
  for (const r of rows) {
    const t = termijnView(periodes.get(r.id), r.state as unknown as CaseState, now);
    if (!t) {
      out.set(r.id, { fase: r.fase, sinds: r.updatedAt, werkdagen: 0, opgeschort: false, status: r.status === 'afgesloten' ? 'afgesloten' : 'geen_norm' });
      continue;
    }
    const norm = t.normWerkdagen === null ? undefined : t.normWerkdagen + (t.verlengdWerkdagen ?? 0);
    const status: Klok['status'] = t.opgeschort ? 'opgeschort'
      : norm === undefined ? 'geen_norm'
        : t.overNorm ? 'over'
          : t.werkdagenBesteed >= norm * 0.8 ? 'bijna'
            : 'binnen';
    out.set(r.id, {
      fase: t.fase,
      sinds: new Date(t.sinds),
      werkdagen: t.werkdagenBesteed,
      normWerkdagen: norm,
      deadlineAt: t.deadlineAt ? new Date(t.deadlineAt) : undefined,
      opgeschort: t.opgeschort,
      status,
    });
  }
  return out;
}
