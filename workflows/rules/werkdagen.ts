import Holidays from 'date-holidays';

/**
 * The werkdagen clock: time counts only on Dutch working days (Monday to
 * Friday, public holidays excluded, in Europe/Amsterdam), and not while a case
 * is opgeschort. A werkdag is one unit however long the calendar day is (DST),
 * so a norm of 1 werkdag started Wednesday 10:00 is due Thursday 10:00, or
 * Friday 10:00 when Thursday is Hemelvaartsdag.
 *
 * Holidays come from date-holidays (maintained, with the Dutch calendar), type
 * `public` only: Goede Vrijdag and Bevrijdingsdag are not general days off.
 * Pure: no clock is read; every instant is passed in.
 */

export interface Interval {
  van: Date;
  /** Absent while the interval lasts. */
  tot?: Date | undefined;
}

const ZONE = 'Europe/Amsterdam';
const DAY_MS = 86_400_000;
/** No norm runs longer than this; a bound for the day walk. */
const MAX_DAYS = 3 * 366;

const holidaysNL = new Holidays('NL');
const holidayCache = new Map<number, Set<string>>();

function publicHolidays(year: number): Set<string> {
  let set = holidayCache.get(year);
  if (!set) {
    set = new Set(holidaysNL.getHolidays(year).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
    holidayCache.set(year, set);
  }
  return set;
}

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

function localParts(at: number) {
  const p = Object.fromEntries(partsFormat.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
  return { y: Number(p.year), m: Number(p.month), d: Number(p.day), h: Number(p.hour), mi: Number(p.minute), s: Number(p.second) };
}

/** Amsterdam's offset from UTC at an instant, in ms. */
function offsetAt(at: number): number {
  const p = localParts(at);
  return Date.UTC(p.y, p.m - 1, p.d, p.h, p.mi, p.s) - Math.floor(at / 1000) * 1000;
}

/** The instant local midnight starts the given calendar day. */
function localMidnight(y: number, m: number, d: number): number {
  const utc = Date.UTC(y, m - 1, d);
  const guess = utc - offsetAt(utc);
  return utc - offsetAt(guess);
}

/** The Amsterdam calendar day containing `at`: its bounds and whether it is a werkdag. */
function dayOf(at: number): { start: number; end: number; date: string; werkdag: boolean } {
  const { y, m, d } = localParts(at);
  const start = localMidnight(y, m, d);
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  const end = localMidnight(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate());
  const date = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return { start, end, date, werkdag: weekday !== 0 && weekday !== 6 && !publicHolidays(y).has(date) };
}

export function isWerkdag(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return dayOf(localMidnight(y, m, d) + 1).werkdag;
}

/** [from, to) minus the intervals, as sorted disjoint segments. */
function subtract(from: number, to: number, cuts: Interval[]): Array<[number, number]> {
  let segments: Array<[number, number]> = [[from, to]];
  for (const c of cuts) {
    const cs = c.van.getTime();
    const ce = c.tot ? c.tot.getTime() : Infinity;
    segments = segments.flatMap(([s, e]): Array<[number, number]> => {
      if (ce <= s || cs >= e) return [[s, e]];
      return [
        ...(cs > s ? [[s, cs] as [number, number]] : []),
        ...(ce < e ? [[ce, e] as [number, number]] : []),
      ];
    });
  }
  return segments;
}

/** Werkdagen between two instants, opgeschorte intervals excluded; fractional. */
export function werkdagenTussen(van: Date, tot: Date, opgeschort: Interval[] = []): number {
  let total = 0;
  let cursor = van.getTime();
  const end = tot.getTime();
  while (cursor < end) {
    const day = dayOf(cursor);
    if (day.werkdag) {
      for (const [s, e] of subtract(cursor, Math.min(day.end, end), opgeschort)) total += (e - s) / (day.end - day.start);
    }
    cursor = day.end;
  }
  return total;
}

/**
 * The instant `werkdagen` of werktijd have passed since `van`, not counting
 * opgeschorte intervals; undefined while an opschorting lasts (the clock is stopped).
 */
export function tijdstipNaWerkdagen(van: Date, werkdagen: number, opgeschort: Interval[] = []): Date | undefined {
  if (opgeschort.some((o) => !o.tot)) return undefined;
  let remaining = werkdagen;
  let cursor = van.getTime();
  for (let i = 0; i < MAX_DAYS + 10; i++) {
    const day = dayOf(cursor);
    if (day.werkdag) {
      const length = day.end - day.start;
      for (const [s, e] of subtract(cursor, day.end, opgeschort)) {
        const units = (e - s) / length;
        if (remaining <= units) return new Date(Math.round(s + remaining * length));
        remaining -= units;
      }
    }
    cursor = day.end;
  }
  throw new RangeError(`een norm van ${werkdagen} werkdagen valt buiten ${MAX_DAYS} dagen`);
}

export const kalenderdagenTussen = (van: Date, tot: Date) => (tot.getTime() - van.getTime()) / DAY_MS;
