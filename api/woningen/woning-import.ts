import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { parse } from 'csv-parse';
import { HttpError } from '../http/errors';
import { importColumns, requiredImportColumns, woningCreateBody, type WoningCreate } from './woning-schemas';

/**
 * Reads an import CSV of mutaties into create bodies, one per data row, each
 * checked with the same schema as POST /woningen. Problems name the row and
 * column, never the value: an import file is not a place to echo data from.
 */

export interface ImportProblem {
  /** 1-based data row number; the header is not counted, blank lines are. */
  row: number;
  field: string;
  problem: string;
}

export interface ParsedImport {
  rows: Array<{ row: number; input: WoningCreate }>;
  errors: ImportProblem[];
  /** Data rows read, blank ones not included. */
  total: number;
}

type Column = (typeof importColumns)[number];
const booleanColumns = new Set<Column>(['zelfstandig', 'drempelsOverbrugd', 'noodoproep', 'gemeenschappelijkeRuimte']);
const integerColumns = new Set<Column>(['kamers', 'gangbreedteCm', 'gebouwOppervlakM2']);
const amountColumns = new Set<Column>(['kaleHuur', 'servicekosten', 'subsidiabeleServicekosten']);
const booleans: Record<string, boolean> = { ja: true, nee: false, true: true, false: false, '1': true, '0': false };

const MISSING_COLUMN = 'kolom ontbreekt in de kopregel';

const badRequest = (
  message: string,
  fields: Array<{ field: string; problem: string }> = [{ field: 'body', problem: message }],
) => new HttpError(400, 'invalid_request', message, { in: 'body', fields });

/** `;` when the header uses it (common where `,` is the decimal separator), else `,`. */
function delimiterOf(text: string): ',' | ';' {
  const header = text.slice(0, text.search(/\r?\n|$/));
  return (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ';' : ',';
}

function convert(column: Column, cell: string): { value: unknown } | { problem: string } {
  if (booleanColumns.has(column)) {
    const value = booleans[cell.toLowerCase()];
    return value === undefined ? { problem: 'geen ja/nee-waarde: gebruik ja, nee, true, false, 1 of 0' } : { value };
  }
  if (integerColumns.has(column)) {
    return /^-?\d+$/.test(cell) ? { value: Number(cell) } : { problem: 'geen geheel getal' };
  }
  if (amountColumns.has(column)) {
    return /^\d+([.,]\d+)?$/.test(cell)
      ? { value: Number(cell.replace(',', '.')) }
      : { problem: 'geen bedrag: cijfers, met . of , voor de centen' };
  }
  return { value: cell };
}

/** Text fed to the parser, and rows checked, between two yields to the event loop. */
const CHUNK_CHARS = 16 * 1024;
const ROWS_PER_TURN = 100;

/** All records, parsed a chunk at a time: a 5 MB file must not hold up /health and other requests. */
async function recordsOf(text: string): Promise<string[][]> {
  const records: string[][] = [];
  const parser = parse({ delimiter: delimiterOf(text), bom: true, trim: true, relax_column_count: true });
  let failure: unknown;
  parser.on('readable', () => {
    let record: string[] | null;
    while ((record = parser.read() as string[] | null) !== null) records.push(record);
  });
  parser.on('error', (e) => (failure ??= e));
  const ended = new Promise<void>((resolve) => parser.on('end', resolve).on('error', () => resolve()));
  for (let at = 0; at < text.length && !failure; at += CHUNK_CHARS) {
    parser.write(text.slice(at, at + CHUNK_CHARS));
    await yieldToEventLoop();
  }
  parser.end();
  await ended;
  if (failure) throw failure;
  return records;
}

/** Parses and checks an import CSV, yielding to the event loop between chunks and batches of rows. */
export async function parseWoningCsv(text: unknown): Promise<ParsedImport> {
  if (typeof text !== 'string' || text.trim() === '')
    throw badRequest('het CSV-bestand is leeg: het heeft een kopregel en gegevensregels nodig');
  let records: string[][];
  try {
    records = await recordsOf(text);
  } catch (e) {
    // csv-parse's messages quote the offending text; give its code and line only.
    const { code, lines } = e as { code?: string; lines?: number };
    throw badRequest(`het CSV-bestand is niet te lezen${code ? ` (${code}${lines ? ` op regel ${lines}` : ''})` : ''}`);
  }
  const [header, ...data] = records;
  if (!header) throw badRequest('het CSV-bestand is leeg: het heeft een kopregel en gegevensregels nodig');

  const columns = header.map((name) => name.trim());
  const known = new Set<string>(importColumns);
  const headerProblems: Array<{ field: string; problem: string }> = [];
  for (const missing of requiredImportColumns.filter((c) => !columns.includes(c))) {
    headerProblems.push({ field: missing, problem: MISSING_COLUMN });
  }
  columns.forEach((name, i) => {
    if (name === 'corporatie')
      headerProblems.push({
        field: name,
        problem: 'geen kolom: de corporatie is de organisatie van wie importeert',
      });
    else if (!known.has(name)) headerProblems.push({ field: name || `column ${i + 1}`, problem: 'onbekende kolom' });
    else if (columns.indexOf(name) !== i) headerProblems.push({ field: name, problem: 'kolom staat er twee keer in' });
  });
  if (headerProblems.length) {
    const missing = headerProblems.filter((p) => p.problem === MISSING_COLUMN).map((p) => p.field);
    const message = missing.length
      ? `in de kopregel ontbreken verplichte kolommen: ${missing.join(', ')}`
      : `de kopregel heeft kolommen die geen woninggegevens zijn: ${headerProblems.map((p) => p.field).join(', ')}`;
    throw badRequest(message, headerProblems);
  }

  const parsed: ParsedImport = { rows: [], errors: [], total: 0 };
  const firstRowOf = new Map<string, number>();
  for (const [i, cells] of data.entries()) {
    if (i % ROWS_PER_TURN === ROWS_PER_TURN - 1) await yieldToEventLoop();
    const row = i + 1;
    if (cells.every((c) => c === '')) continue; // a blank line
    parsed.total++;
    if (cells.length !== columns.length) {
      parsed.errors.push({
        row,
        field: 'row',
        problem: `heeft ${cells.length} velden, de kopregel ${columns.length}`,
      });
      continue;
    }
    const candidate: Record<string, unknown> = {};
    const problems: ImportProblem[] = [];
    columns.forEach((name, c) => {
      const cell = cells[c]!;
      if (cell === '') return;
      const converted = convert(name as Column, cell);
      if ('problem' in converted) problems.push({ row, field: name, problem: converted.problem });
      else candidate[name] = converted.value;
    });
    const result = woningCreateBody.safeParse(candidate);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const field = issue.path.map(String).join('.') || 'row';
        if (problems.some((p) => p.field === field)) continue; // already named by the conversion
        const absent = issue.code === 'invalid_type' && !(field in candidate);
        problems.push({ row, field, problem: absent ? 'ontbreekt: deze kolom heeft een waarde nodig' : issue.message });
      }
    }
    if (problems.length === 0 && result.success) {
      const first = firstRowOf.get(result.data.referentie);
      if (first !== undefined)
        problems.push({ row, field: 'referentie', problem: `dezelfde referentie als regel ${first}` });
      else firstRowOf.set(result.data.referentie, row);
    }
    if (problems.length || !result.success) parsed.errors.push(...problems);
    else parsed.rows.push({ row, input: result.data });
  }
  if (parsed.total === 0) throw badRequest('het CSV-bestand heeft een kopregel maar geen gegevensregels');
  return parsed;
}
