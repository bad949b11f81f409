/**
 * CSV for spreadsheet users: `;` between fields (Dutch Excel reads it without
 * an import dialog), `.` before decimals, CRLF line ends, a header row, and
 * RFC 4180 quoting. A text starting with = + - @ or a tab is prefixed with '
 * so a spreadsheet does not run it as a formula.
 */
export const CSV_SEPARATOR = ';';

export type CsvValue = string | number | boolean | null | undefined;

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => CsvValue;
}

function field(v: CsvValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'ja' : 'nee';
  const text = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[";\r\n,]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv<T>(columns: readonly CsvColumn<T>[], rows: readonly T[]): string {
  const lines = [columns.map((c) => field(c.header)), ...rows.map((row) => columns.map((c) => field(c.value(row))))];
  return lines.map((l) => l.join(CSV_SEPARATOR)).join('\r\n') + '\r\n';
}
