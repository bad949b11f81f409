import type { PoolClient } from 'pg';
import type { Db } from './client';
import { behandelaarVan, workflowIdFor } from './case-repository';
import type { DoorlooptijdWrites, OpenFasePeriode, OpenWachtbeurt } from './doorlooptijd-repository';
import { applicableNorm, STANDAARD_NORM } from './norm-repository';
import type { Norm } from '../domain/rules/termijn-plan';
import type { CaseEvent, CaseState } from '../domain/types';

/**
 * The read-model write of a step: the hot path of every step, so it goes through `pg`
 * directly (Prisma's query engine cost 10–13 ms of CPU per write here against ~2 ms for
 * the same statements; docs/benchmarks.md). Two statements in one transaction: the first
 * writes the case and the event and reads what the doorlooptijd needs (norms, open period
 * and turns); the second writes the doorlooptijd worked out from them in TypeScript.
 * Columns are the Prisma schema's; timestamps are UTC `timestamp(3)` as Prisma stores them.
 */

/** One pg transaction on a pooled connection; a connection whose ROLLBACK failed is dropped, not reused. */
export async function inPgTransaction<T>(db: Db, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await db.pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch((e: unknown) => {
      broken = e instanceof Error ? e : new Error('rollback failed');
    });
    throw err;
  } finally {
    client.release(broken);
  }
}

const utc = (v: Date | string | null | undefined) => (v == null ? null : new Date(v).toISOString());
/** A timestamptz parameter stored as Prisma's UTC timestamp. */
const TS = (n: number) => `($${n}::timestamptz AT TIME ZONE 'UTC')`;

/*
 * The case row takes a write of its own version again: a workflow task that timed out (its worker was killed after
 * this write) is run again with a later clock, and the history keeps that second run. Only `<` kept the first run's
 * timestamps in `state` for good, unlike the workflow's (the fault suite's worker kill saw it).
 */
const WRITE_STEP = `
WITH c AS (
  INSERT INTO cases (id, workflow_id, status, fase, uitkomst, route, deelgroep, doelgroep, gemeente, wijkteam,
                     zorginstelling, corporatie, aan_zet_rol, version, state, started_at, updated_at, closed_at,
                     behandelaar_wijkteam, behandelaar_zorginstelling, behandelaar_corporatie, referentie_hash)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15::jsonb, ${TS(16)}, ${TS(17)}, ${TS(18)},
          $30, $31, $32, $33)
  ON CONFLICT (id) DO UPDATE SET
    referentie_hash = COALESCE(EXCLUDED.referentie_hash, cases.referentie_hash),
    behandelaar_wijkteam = EXCLUDED.behandelaar_wijkteam,
    behandelaar_zorginstelling = EXCLUDED.behandelaar_zorginstelling,
    behandelaar_corporatie = EXCLUDED.behandelaar_corporatie,
    status = EXCLUDED.status, fase = EXCLUDED.fase, uitkomst = EXCLUDED.uitkomst, route = EXCLUDED.route,
    zorginstelling = EXCLUDED.zorginstelling, corporatie = EXCLUDED.corporatie, aan_zet_rol = EXCLUDED.aan_zet_rol,
    version = EXCLUDED.version, state = EXCLUDED.state, updated_at = EXCLUDED.updated_at, closed_at = EXCLUDED.closed_at
  WHERE cases.version <= EXCLUDED.version
  RETURNING 1
), e AS (
  INSERT INTO case_events (case_id, seq, step, fase_before, fase_after, at, actor_id, actor_role, organisatie, summary)
  VALUES ($1, $19, $20, $21, $22, ${TS(23)}, $24, $25, $26, $27::jsonb)
  ON CONFLICT (case_id, seq) DO NOTHING
  RETURNING 1
)
SELECT
  EXISTS (SELECT 1 FROM e) AS written,
  (SELECT coalesce(json_agg(json_build_object('fase', n.fase, 'organisatie', n.organisatie,
                                              'werkdagen', n.werkdagen, 'herinneringBij', n.herinnering_bij)), '[]')
     FROM norm_instellingen n WHERE n.fase IN ($4, 'totaal') AND n.organisatie IN ($28, $10, $29)) AS normen,
  (SELECT json_build_object('nr', p.nr, 'startedAt', p.started_at AT TIME ZONE 'UTC',
                            'normWerkdagen', p.norm_werkdagen, 'verlengdWerkdagen', p.verlengd_werkdagen)
     FROM fase_periodes p WHERE p.case_id = $1 AND p.ended_at IS NULL LIMIT 1) AS periode,
  (SELECT coalesce(json_agg(json_build_object('nr', b.nr, 'rol', b.rol, 'organisatie', b.organisatie,
                                              'startedAt', b.started_at AT TIME ZONE 'UTC')), '[]')
     FROM wachtbeurten b WHERE b.case_id = $1 AND b.ended_at IS NULL) AS beurten`;

interface NormRow {
  fase: string;
  organisatie: string;
  werkdagen: number;
  herinneringBij: number | null;
}

export interface StepWritten {
  written: boolean;
  normen: { fase?: Norm | undefined; totaal?: Norm | undefined };
  open: { periode: OpenFasePeriode | null; beurten: OpenWachtbeurt[] };
}

/**
 * Writes the case row and the event, idempotently (the event is keyed by case and seq,
 * the case row never moves back), and reads, as they were before this event, the norms
 * of the case's fase and the open period and turns. `written` is false for an event that
 * was there already, so the caller does not count its doorlooptijd twice.
 */
export async function writeStep(
  client: PoolClient,
  {
    event,
    state,
    aanZetRol,
    faseOrganisatie,
    referentieHash = null,
  }: {
    event: CaseEvent;
    state: CaseState;
    aanZetRol: string | null;
    faseOrganisatie: string | undefined;
    /** The keyed hash of the person's referentie (the wijkteam's search); null keeps the stored one. */
    referentieHash?: string | null;
  },
): Promise<StepWritten> {
  const faseOrg = faseOrganisatie ?? STANDAARD_NORM;
  const wijkteam = state.partijen.wijkteam.organisatie;
  const { rows } = await client.query<{
    written: boolean;
    normen: NormRow[];
    periode: { nr: number; startedAt: string; normWerkdagen: number | null; verlengdWerkdagen: number | null } | null;
    beurten: { nr: number; rol: string; organisatie: string | null; startedAt: string }[];
  }>(WRITE_STEP, [
    state.caseId,
    workflowIdFor(state.caseId),
    state.status,
    state.fase,
    state.uitkomst ?? null,
    state.route,
    state.aanmelding.deelgroep,
    state.aanmelding.doelgroep,
    state.aanmelding.gemeente,
    wijkteam,
    state.partijen.zorginstelling?.organisatie ?? null,
    state.partijen.corporatie?.organisatie ?? null,
    aanZetRol,
    state.version,
    JSON.stringify(state),
    utc(state.startedAt),
    utc(state.updatedAt),
    utc(state.closedAt),
    event.seq,
    event.step,
    event.faseBefore,
    event.faseAfter,
    utc(event.at),
    event.actor.id,
    event.actor.rol,
    event.actor.organisatie,
    JSON.stringify(event.summary),
    faseOrg,
    STANDAARD_NORM,
    behandelaarVan(state, 'wijkteam'),
    behandelaarVan(state, 'zorginstelling'),
    behandelaarVan(state, 'corporatie'),
    referentieHash,
  ]);
  const row = rows[0]!;
  const pick = (fase: string, org: string) => {
    const n = applicableNorm(row.normen, fase, org);
    return n ? { werkdagen: n.werkdagen, herinneringBij: n.herinneringBij } : undefined;
  };
  const caseId = state.caseId;
  return {
    written: row.written,
    normen: { fase: pick(state.fase, faseOrg), totaal: pick('totaal', wijkteam) },
    open: {
      periode: row.periode ? { caseId, ...row.periode, startedAt: new Date(row.periode.startedAt) } : null,
      beurten: row.beurten.map((b) => ({ caseId, ...b, startedAt: new Date(b.startedAt) })),
    },
  };
}

// One statement: the sub-statements of a WITH run on one snapshot and must not update a row
// twice, so the closing, the carrying on and the parties of the periods are one UPDATE.
const WRITE_DOORLOOPTIJD = `
WITH o AS (
  INSERT INTO opschortingen (case_id, nr, van, tot, reden)
  SELECT $1, x.nr, x.van AT TIME ZONE 'UTC', x.tot AT TIME ZONE 'UTC', x.reden
    FROM jsonb_to_recordset($15::jsonb) AS x(nr int, van timestamptz, tot timestamptz, reden text)
  ON CONFLICT (case_id, nr) DO UPDATE SET tot = EXCLUDED.tot
), p AS (
  UPDATE fase_periodes SET
    zorginstelling = $13, corporatie = $14,
    ended_at = CASE WHEN nr = $2::int THEN ${TS(3)} ELSE ended_at END,
    werkdagen = CASE WHEN nr = $2::int THEN $4::float8 ELSE werkdagen END,
    kalenderdagen = CASE WHEN nr = $2::int THEN $5::float8 ELSE kalenderdagen END,
    over_norm = CASE WHEN nr = $2::int THEN $6::boolean ELSE over_norm END,
    organisatie = CASE WHEN nr = $7::int THEN $8::text ELSE organisatie END,
    norm_werkdagen = CASE WHEN nr = $7::int THEN $9::float8 ELSE norm_werkdagen END,
    herinnering_at = CASE WHEN nr = $2::int THEN NULL WHEN nr = $7::int THEN ${TS(10)} ELSE herinnering_at END,
    deadline_at = CASE WHEN nr = $2::int THEN NULL WHEN nr = $7::int THEN ${TS(11)} ELSE deadline_at END,
    verlengd_werkdagen = CASE WHEN nr = $7::int THEN $12::float8 ELSE verlengd_werkdagen END
  WHERE case_id = $1
    AND (nr = $2::int OR nr = $7::int OR zorginstelling IS DISTINCT FROM $13 OR corporatie IS DISTINCT FROM $14)
), n AS (
  INSERT INTO fase_periodes (case_id, nr, fase, partij, organisatie, doelgroep, gemeente, wijkteam, zorginstelling,
                             corporatie, started_at, norm_werkdagen, herinnering_at, deadline_at)
  SELECT $1, x.nr, x.fase, x.partij, x.organisatie, x.doelgroep, x.gemeente, x.wijkteam, x.zorginstelling,
         x.corporatie, x."startedAt" AT TIME ZONE 'UTC', x."normWerkdagen", x."herinneringAt" AT TIME ZONE 'UTC',
         x."deadlineAt" AT TIME ZONE 'UTC'
    FROM jsonb_to_recordset($16::jsonb) AS x(nr int, fase text, partij text, organisatie text, doelgroep text,
         gemeente text, wijkteam text, zorginstelling text, corporatie text, "startedAt" timestamptz,
         "normWerkdagen" float8, "herinneringAt" timestamptz, "deadlineAt" timestamptz)
  ON CONFLICT (case_id, nr) DO NOTHING
), sb AS (
  UPDATE wachtbeurten w SET ended_at = x."endedAt" AT TIME ZONE 'UTC', werkdagen = x.werkdagen
    FROM jsonb_to_recordset($17::jsonb) AS x(nr int, rol text, "endedAt" timestamptz, werkdagen float8)
   WHERE w.case_id = $1 AND w.nr = x.nr AND w.rol = x.rol
), nb AS (
  -- Two turns of one role in one event cannot happen (keys are per role); a duplicate would mean a replayed write.
  INSERT INTO wachtbeurten (case_id, nr, rol, organisatie, fase, doelgroep, started_at)
  SELECT $1, x.nr, x.rol, x.organisatie, x.fase, x.doelgroep, x."startedAt" AT TIME ZONE 'UTC'
    FROM jsonb_to_recordset($18::jsonb) AS x(nr int, rol text, organisatie text, fase text, doelgroep text,
         "startedAt" timestamptz)
  ON CONFLICT DO NOTHING
)
SELECT 1`;

/** Applies one event's doorlooptijd changes inside the event's transaction, in one statement. */
export async function writeDoorlooptijdRows(client: PoolClient, w: DoorlooptijdWrites): Promise<void> {
  const s = w.sluitPeriode;
  const b = w.werkPeriodeBij;
  await client.query(WRITE_DOORLOOPTIJD, [
    w.caseId,
    s?.nr ?? null,
    utc(s?.endedAt),
    s?.werkdagen ?? null,
    s?.kalenderdagen ?? null,
    s?.overNorm ?? null,
    b?.nr ?? null,
    b?.partijen.organisatie ?? null,
    b?.partijen.normWerkdagen ?? null,
    utc(b?.partijen.herinneringAt),
    utc(b?.partijen.deadlineAt),
    b?.verlengdWerkdagen ?? null,
    w.casePartijen.zorginstelling,
    w.casePartijen.corporatie,
    JSON.stringify(w.opschortingen),
    JSON.stringify(w.nieuwePeriode ? [w.nieuwePeriode] : []),
    JSON.stringify(w.sluitBeurten),
    JSON.stringify(w.nieuweBeurten),
  ]);
}
