/**
 * Which version of the case rules a case's steps are judged by. Issue 14
 * (rules as the sources write them) is regelset 2; its item 11 (the rekenhuur) regelset 3. A workflow that replays
 * steps recorded before it carries `regelset: 1` in its state until its first
 * step under the new code (the workflow decides that with `patched`), so a
 * replay recomputes exactly what was recorded: same fasen, same verdicts.
 * Absent means the current set: the API, matching and the web app judge with it.
 */
export const HUIDIGE_REGELSET = 3;
/** 1: before issue 14; 2: issue 14's rules; 3: the rekenhuur counts only the subsidiabele servicekosten (issue 14 item 11). */
export type Regelset = 1 | 2 | 3;

export const regelsetVan = (s: { regelset?: Regelset | undefined }): Regelset => s.regelset ?? HUIDIGE_REGELSET;
/** True when the case is judged by the rules of issue 14. */
export const regels14 = (s: { regelset?: Regelset | undefined }) => regelsetVan(s) >= 2;
/** True when the case is judged by regelset 3: rekenhuur with only the subsidiabele servicekosten. */
export const regelsetBedragen = (s: { regelset?: Regelset | undefined }) => regelsetVan(s) >= 3;
