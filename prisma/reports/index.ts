/**
 * Management reports over the doorlooptijd read model. Every function takes
 * (db, scope, params) so the JSON/CSV routes and the manager dashboard share
 * them; every query has a `…Query` builder the benchmark EXPLAINs.
 *
 * Scope is judged on `cases` (the parties as they are now): the copies on
 * fase_periodes are those of when a period was written, so a party that
 * joined later would miss its case's earlier periods.
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
