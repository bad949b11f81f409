import type { TermijnView } from '../cases/termijn-view';

/** The clock of a case's current fase as a page shows it. */
export interface Klok {
  werkdagen: number;
  /** The norm with any verlenging. */
  normWerkdagen?: number | undefined;
  status: 'binnen' | 'bijna' | 'over' | 'geen_norm' | 'opgeschort' | 'afgesloten';
}

/** The API's `termijn` of a case, with a status for the page: no second count of its own. */
export function klokVan(c: { status: string; termijn?: TermijnView | null | undefined }): Klok {
  const t = c.termijn;
  if (!t) return { werkdagen: 0, status: c.status === 'afgesloten' ? 'afgesloten' : 'geen_norm' };
  const norm = t.normWerkdagen === null ? undefined : t.normWerkdagen + (t.verlengdWerkdagen ?? 0);
  const status: Klok['status'] = t.opgeschort
    ? 'opgeschort'
    : norm === undefined
      ? 'geen_norm'
      : t.overNorm
        ? 'over'
        : t.werkdagenBesteed >= norm * 0.8
          ? 'bijna'
          : 'binnen';
  return { werkdagen: t.werkdagenBesteed, normWerkdagen: norm, status };
}
