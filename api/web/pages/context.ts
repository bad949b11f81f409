import type { Request, Response } from 'express';
import type { Db } from '../../../prisma/client';
import type { Audit } from '../../audit/audit-log';
import type { OrganisationRegister } from '../../auth/organisation-register';
import type { CaseReader } from '../../cases/case-reader';
import type { CaseService } from '../../cases/case-service';
import { idempotencyKeyHeader } from '../../cases/case-schemas';
import type { WoningenService } from '../../woningen/woningen-service';
import type { RoutingService } from '../../routing/routing-service';
import type { Meldingen } from '../../meldingen/meldingen-service';
import type { Notes } from '../../notes/notes-service';

/** What the page groups are built on: the same services as the JSON routes. */
export interface WebContext {
  cases: CaseService;
  reader: CaseReader;
  woningen: WoningenService;
  audit: Audit;
  db: Db;
  routing: RoutingService;
  meldingen: Meldingen;
  notes: Notes;
  register: OrganisationRegister;
}

/** A page: never cached, since it shows case data. */
export function send(res: Response, body: string, status = 200) {
  res.status(status).set('Cache-Control', 'no-store').type('html').send(body);
}

/** The list offset from ?offset=, bounded; anything unreadable is the first page. */
export const offsetOf = (req: Request) =>
  Math.min(1_000_000, Math.max(0, Number.parseInt(String(req.query.offset ?? '0'), 10) || 0));

/** `v` if it is one of `values`, else undefined: a filter link with a stale value shows the unfiltered list. */
export const pick = <T extends readonly string[]>(values: T, v: unknown) =>
  typeof v === 'string' && (values as readonly string[]).includes(v) ? (v as T[number]) : undefined;

/** The form's idempotency key (the API's Idempotency-Key), if it has the API's form. */
export function formKey(body: Record<string, unknown>): string | undefined {
  const key = idempotencyKeyHeader.safeParse(body._key);
  return key.success ? key.data : undefined;
}
