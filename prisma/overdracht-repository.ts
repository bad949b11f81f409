import type { Db } from './client';

/** A local activity handed to its durable twin (workflows/case-workflow.ts, patch perf-1). Ids only. */
export interface Overdracht {
  runId: string;
  historyLength: number;
  activiteit: string;
  caseId: string;
  at: Date;
}

/** Once per handover: a retried workflow task reports the same run and history length, and lands once. */
export async function recordOverdracht(db: Db, o: Overdracht): Promise<void> {
  await db.pool.query(
    `INSERT INTO lokale_activiteit_overdrachten (run_id, history_length, activiteit, case_id, at)
     VALUES ($1, $2, $3, $4, ($5::timestamptz AT TIME ZONE 'UTC'))
     ON CONFLICT DO NOTHING`,
    [o.runId, o.historyLength, o.activiteit, o.caseId, o.at.toISOString()],
  );
}

export interface RecenteOverdrachten {
  /** Handovers in the last `uren` hours. */
  overgedragen: number;
  uren: number;
  /** The most recent handover ever, ISO. */
  laatste: string | null;
  /**
   * The newest few of the window, newest first: which activity and when. Not the case: /health needs no token, and
   * the case ids are in the table and the worker's log for the operator.
   */
  recent: Array<{ activiteit: string; at: string }>;
}

/** For /health: how many handovers lately, when the last was, and the newest few (one statement). */
export async function recenteOverdrachten(db: Db, uren = 24, aantal = 5): Promise<RecenteOverdrachten> {
  const { rows } = await db.pool.query<{
    overgedragen: number;
    laatste: string | null;
    recent: Array<{ activiteit: string; at: string }>;
  }>(
    `WITH venster AS (
       SELECT activiteit, at FROM lokale_activiteit_overdrachten
        WHERE at > (now() AT TIME ZONE 'UTC') - make_interval(hours => $1)
     )
     SELECT (SELECT count(*)::int FROM venster) AS overgedragen,
            (SELECT to_char(max(at), 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') FROM lokale_activiteit_overdrachten) AS laatste,
            (SELECT coalesce(json_agg(json_build_object('activiteit', r.activiteit,
                                                        'at', to_char(r.at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
                                      ORDER BY r.at DESC), '[]'::json)
               FROM (SELECT * FROM venster ORDER BY at DESC LIMIT $2) r) AS recent`,
    [uren, aantal],
  );
  const row = rows[0]!;
  return { overgedragen: row.overgedragen, uren, laatste: row.laatste, recent: row.recent };
}
