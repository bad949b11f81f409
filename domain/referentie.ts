/**
 * The wijkteam's referentie of a person as it is searched: the same reference typed
 * as "wt-2023-0042 ", "WT 2023 0042" or "WT-2023-0042" is one reference. Case, spaces
 * and dashes do not count; anything else must match exactly.
 */
export function normaliseReferentie(value: string): string {
  return value
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-‐-―−]/gu, '');
}

/** The first 8 hex digits of a case id, as pages show "Casus 65b200f6". */
export const SHORT_CODE = /^[0-9a-f]{8}$/;
export const shortCodeOf = (caseId: string): string => caseId.slice(0, 8);

/** A search term as a short code, when it is one (case and surrounding "Casus" do not count). */
export function asShortCode(term: string): string | undefined {
  const code = term
    .trim()
    .toLowerCase()
    .replace(/^casus\s*/u, '');
  return SHORT_CODE.test(code) ? code : undefined;
}
