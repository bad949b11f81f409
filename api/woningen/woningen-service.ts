import type { z } from 'zod';
import type { Db } from '../../prisma/client';
import {
  WoningBusyError,
  WoningExistsError,
  WoningHeldError,
  createWoning,
  getWoning,
  importWoningen,
  listWoningen,
  updateWoning,
} from '../../prisma/woningaanbod-repository';
import { toSnapshot } from '../../prisma/woning-repository';
import type { BrandveiligheidTypering, WoningWoonvorm } from '../../domain/types';
import { woningGebreken } from '../../domain/woning-schemas';
import { canMaintainWoningaanbod } from '../auth/access-policy';
import type { Principal } from '../auth/principal';
import { HttpError, notFound } from '../http/errors';
import { parseWoningCsv, type ImportProblem } from './woning-import';
import { ownWoning, woningBodies } from './woning-view';
import type { WoningCreate, WoningFilter, WoningUpdate, woningBody, woningImportBody } from './woning-schemas';

export type WoningBody = z.infer<typeof woningBody>;
export type ImportResult = z.infer<typeof woningImportBody>;

/** The corporatie whose woningaanbod `p` keeps: a verhuurmedewerker's own; anyone else is refused (403). */
export function ownCorporatie(p: Principal): string {
  if (!canMaintainWoningaanbod(p)) {
    throw new HttpError(403, 'forbidden', 'alleen een verhuurmedewerker beheert het woningaanbod');
  }
  return p.org;
}

function fromWriteError(err: unknown): never {
  if (err instanceof WoningExistsError) {
    throw new HttpError(409, 'woning_exists', err.message, err.existingId ? { id: err.existingId } : {});
  }
  if (err instanceof WoningHeldError) {
    throw new HttpError(409, 'woning_held', err.caseId ? `${err.message} (case ${err.caseId})` : err.message, {
      status: err.status,
      caseId: err.caseId,
      fields: err.fields.map((field) => ({ field, problem: 'locked while a case holds the woning' })),
    });
  }
  if (err instanceof WoningBusyError) throw new HttpError(409, 'woning_busy', err.message);
  throw err;
}

const heldProblemText = (error: WoningHeldError) =>
  `vastgelegd voor een casus (${error.status}): de mutatie kan pas als de casus de woning vrijgeeft`;

/**
 * The woningaanbod for the JSON routes (/woningen) and the web pages
 * (/app/woningen) alike: what they list, write and import, and who may write.
 */
export function createWoningenService(db: Db) {
  const bodyOf = async (p: Principal, row: Parameters<typeof ownWoning>[1]) => (await woningBodies(db, p, [row]))[0]!;

  /** Reading is scoped to the reader's own corporatie: another's woningen are not listed and answer 404. */
  async function list(p: Principal, filter: WoningFilter, page: { limit: number; offset: number }) {
    if (filter.corporatie !== undefined && filter.corporatie !== p.org) return { items: [], total: 0 };
    const { items, total } = await listWoningen(db, { ...filter, corporatie: p.org }, page);
    return { items: await woningBodies(db, p, items), total };
  }

  async function get(p: Principal, id: string): Promise<WoningBody> {
    const row = await getWoning(db, id);
    if (!row || !ownWoning(p, row)) throw notFound('woning');
    return bodyOf(p, row);
  }

  async function create(p: Principal, input: WoningCreate): Promise<WoningBody> {
    return bodyOf(p, await createWoning(db, ownCorporatie(p), input).catch(fromWriteError));
  }

  async function update(p: Principal, id: string, patch: WoningUpdate): Promise<WoningBody> {
    const organisatie = ownCorporatie(p);
    const samenhang = [
      'woonvorm',
      'zelfstandig',
      'servicekosten',
      'subsidiabeleServicekosten',
      'brandveiligheidTypering',
    ];
    if (samenhang.some((k) => k in patch)) {
      // The fields must fit each other as the woning will be; another corporatie's woning still answers 404 below.
      const current = await getWoning(db, id);
      if (current && current.corporatie === organisatie) {
        const stored = toSnapshot(current);
        const na = <K extends keyof WoningUpdate>(k: K) => (k in patch ? patch[k] : stored[k as keyof typeof stored]);
        const gebreken = woningGebreken({
          woonvorm: na('woonvorm') as WoningWoonvorm,
          zelfstandig: na('zelfstandig') as boolean,
          servicekosten: na('servicekosten') as number,
          subsidiabeleServicekosten: (na('subsidiabeleServicekosten') ?? undefined) as number | undefined,
          brandveiligheidTypering: (na('brandveiligheidTypering') ?? undefined) as BrandveiligheidTypering | undefined,
        });
        const eerste = gebreken[0];
        if (eerste) {
          throw new HttpError(400, 'invalid_request', `de invoer klopt niet: ${eerste.path}: ${eerste.message}`, {
            in: 'body',
            fields: gebreken.map((g) => ({ field: g.path, problem: g.message })),
          });
        }
      }
    }
    // Another corporatie's woning answers as unknown: its existence is not the caller's business.
    const row = await updateWoning(db, organisatie, id, patch).catch(fromWriteError);
    if (!row) throw notFound('woning');
    return bodyOf(p, row);
  }

  /**
   * Applies a CSV of mutaties, every row whole or not at all; a bad row does not hold up the others.
   * The problems of unreadable rows and of rows the woning's state refuses come back as one list by row.
   * A file that cannot be read as a whole is a 400 (HttpError) and changes nothing.
   */
  async function importCsv(p: Principal, csv: unknown, heldProblem = heldProblemText): Promise<ImportResult> {
    const organisatie = ownCorporatie(p);
    const { rows, errors } = await parseWoningCsv(csv);
    const { created, updated, refused } = await importWoningen(db, organisatie, rows);
    const problems: ImportProblem[] = [...errors];
    for (const { row, error } of refused) {
      const problem = error instanceof WoningHeldError ? heldProblem(error) : error.message;
      problems.push({ row, field: 'referentie', problem });
    }
    problems.sort((a, b) => a.row - b.row);
    return { created, updated, rejected: new Set(problems.map((e) => e.row)).size, errors: problems };
  }

  return { list, get, create, update, importCsv };
}
export type WoningenService = ReturnType<typeof createWoningenService>;
