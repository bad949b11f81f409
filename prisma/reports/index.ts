/**
 * Management reports over the doorlooptijd read model. Every function takes
 * (db, scope, params) so the JSON/CSV routes and the manager dashboard share
 * them; every query has a `…Query` builder the benchmark EXPLAINs.
 *
 * Scope is judged on the case's parties as they are now, so a party that
 * joined later sees its case's earlier periods too. The reports over
 * fase_periodes and wachtbeurten read the parties from the rows' own copies
 * (sql.ts, scopedRows): database triggers keep those equal to the case's,
 * whoever writes the rows (migration 20261202052000_report_scope).
 *
 * Percentiles are PostgreSQL's percentile_cont (linear interpolation between
 * the two nearest values); figures are rounded to 2 decimals. Dates and
 * months are Europe/Amsterdam; the timestamps are stored in UTC.
 */
export type { ReportScope, Periode } from './sql';
export * from './doorlooptijd';
export * from './wachttijd';
export * from './totaal';
export * from './open-casussen';
export * from './contingent';
export * from './vraag-en-aanbod';
