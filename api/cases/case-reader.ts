import type { Request } from 'express';
import { z } from 'zod';
import type { BehandelaarFilter, CaseFilter } from '../../prisma/case-repository';
import type { CaseState } from '../../domain/types';
import type { Audit } from '../audit/audit-log';
import {
  canReadCase,
  canSearchReferentie,
  listScope,
  showsReferentie,
  viewOf,
  type CaseParties,
} from '../auth/access-policy';
import { shapeCase } from '../auth/case-view';
import type { Principal } from '../auth/principal';
import { HttpError, notFound } from '../http/errors';
import type { ReferentieHasher } from '../../platform/referentie-hash';
import type { CaseService } from './case-service';

type Page = { limit: number; offset: number };
type Rule = (p: Principal, c: CaseParties, state: CaseState) => boolean;
/**
 * A list filter as readers send it: the referentie in clear, hashed here before it reaches the read model;
 * the behandelaar as a user id, `mij` or `geen`, resolved here against the reader's own side.
 */
export type CaseListFilter = Omit<CaseFilter, 'referentieHash' | 'wijkteam' | 'behandelaar'> & {
  referentie?: string | undefined;
  behandelaar?: string | undefined;
};

/** `mij` is the reader, `geen` nobody, anything else a user id; always on the reader's own organisation's side. */
export const behandelaarOf = (p: Principal, value: string | undefined): BehandelaarFilter | undefined =>
  value === undefined
    ? undefined
    : { organisatie: p.org, id: value === 'mij' ? p.sub : value === 'geen' ? null : value };
type Listed = Awaited<ReturnType<CaseService['list']>>['items'][number];

const caseId = z.uuid();

/**
 * Reading cases as a principal, for the JSON routes and the web pages alike:
 * a case the caller may not see is a 404, the same answer as for a case that
 * does not exist, and what they see is shaped to their view.
 */
export function caseReader(cases: CaseService, audit: Audit, referentieHash?: ReferentieHasher) {
  /** The case's parties and state if `allowed` lets `p` at it; a refusal is audited and answered 404. */
  async function visibleCase(req: Request, p: Principal, id: string, allowed: Rule = canReadCase) {
    const found = caseId.safeParse(id).success ? await cases.parties(id) : null;
    if (!found || !allowed(p, found.parties, found.state)) {
      await audit.record(req, p, 'read', [found ? id : null], 404);
      throw notFound('case');
    }
    return found;
  }

  /** The whole case (GET /cases/:id) as `p` may see it; `parties` come from visibleCase. */
  async function shapedCase(p: Principal, id: string, parties: CaseParties) {
    const view = viewOf(p, parties);
    return { body: shapeCase(await cases.get(id), view), view };
  }

  /** Each row in the reader's view; the referentie only for the case's wijkteam. */
  const shapedRows = (p: Principal, items: Listed[]) =>
    items.map((item) => {
      const { referentie, ...rest } = shapeCase(item, viewOf(p, { ...item.partijen, gemeente: item.gemeente }));
      return showsReferentie(p, item.partijen) ? { ...rest, referentie } : rest;
    });

  /** The cases `p`'s organisation is a party to (and a gemeente manager's gemeente's); none without a case role. */
  async function list(p: Principal, { referentie, behandelaar, ...filter }: CaseListFilter, page: Page) {
    const scope = listScope(p);
    if (!scope) return { items: [], total: 0, ...page };
    // The referentie is the wijkteam's: searched among its own cases only (list-filters refuses it to others).
    if (referentie !== undefined && !canSearchReferentie(p)) return { items: [], total: 0, ...page };
    if (referentie !== undefined && !referentieHash) {
      throw new HttpError(503, 'unavailable', 'zoeken op referentie is niet ingesteld (REFERENTIE_HASH_KEY)');
    }
    const byReferentie: CaseFilter =
      referentie !== undefined && referentieHash ? { referentieHash: referentieHash(referentie), wijkteam: p.org } : {};
    const found = await cases.list(
      { ...filter, ...byReferentie, behandelaar: behandelaarOf(p, behandelaar) },
      page,
      scope,
    );
    return { ...found, items: shapedRows(p, found.items) };
  }

  /** Open cases in `p`'s scope waiting on `rol`, the longest waiting first; null when `p` has no list scope. */
  async function waitingOn(p: Principal, rol: string, page: Page) {
    const scope = listScope(p);
    if (!scope) return null;
    const found = await cases.waitingOn(rol, scope, page);
    return { ...found, items: shapedRows(p, found.items) };
  }

  return { visibleCase, shapedCase, list, waitingOn, shapedRows };
}
export type CaseReader = ReturnType<typeof caseReader>;
