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
    set = new Set(
      holidaysNL
        .getHolidays(year)
        .filter((h) => h.type === 'public')
        .map((h) => h.date.slice(0, 10)),
    );
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
  return {
    y: Number(p.year),
    m: Number(p.month),
    d: Number(p.day),
    h: Number(p.hour),
    mi: Number(p.minute),
    s: Number(p.second),
  };
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

interface Day {
  start: number;
  end: number;
  werkdag: boolean;
  /** The next calendar day's y, m, d. */
  next: [number, number, number];
}

// Days are looked up by date: a norm of 80 werkdagen walks some 115 of them for every plan,
// and the time-zone arithmetic behind each is what costs.
const days = new Map<string, Day>();
const DAY_CACHE_LIMIT = 20_000;

function day(y: number, m: number, d: number): Day {
  const date = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  let found = days.get(date);
  if (!found) {
    const n = new Date(Date.UTC(y, m - 1, d + 1));
    const next: Day['next'] = [n.getUTCFullYear(), n.getUTCMonth() + 1, n.getUTCDate()];
    const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
    found = {
      start: localMidnight(y, m, d),
      end: localMidnight(...next),
      werkdag: weekday !== 0 && weekday !== 6 && !publicHolidays(y).has(date),
      next,
    };
    if (days.size >= DAY_CACHE_LIMIT) days.clear();
    days.set(date, found);
  }
  return found;
}

/** The Amsterdam calendar day containing `at`. */
function dayOf(at: number): Day {
  const { y, m, d } = localParts(at);
  return day(y, m, d);
}

export function isWerkdag(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return day(y, m, d).werkdag;
}

/** [from, to) minus the intervals, as sorted disjoint segments. */
function subtract(from: number, to: number, cuts: Interval[]): Array<[number, number]> {
  let segments: Array<[number, number]> = [[from, to]];
  for (const c of cuts) {
    const cs = c.van.getTime();
    const ce = c.tot ? c.tot.getTime() : Infinity;
    segments = segments.flatMap(([s, e]): Array<[number, number]> => {
      if (ce <= s || cs >= e) return [[s, e]];
      return [...(cs > s ? [[s, cs] as [number, number]] : []), ...(ce < e ? [[ce, e] as [number, number]] : [])];
    });
  }
  return segments;
}

/** Werkdagen between two instants, opgeschorte intervals excluded; fractional. */
export function werkdagenTussen(van: Date, tot: Date, opgeschort: Interval[] = []): number {
  let total = 0;
  let cursor = van.getTime();
  const end = tot.getTime();
  let today = dayOf(cursor);
  while (cursor < end) {
    if (today.werkdag) {
      for (const [s, e] of subtract(cursor, Math.min(today.end, end), opgeschort))
        total += (e - s) / (today.end - today.start);
    }
    cursor = today.end;
    today = day(...today.next);
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
  let today = dayOf(cursor);
  for (let i = 0; i < MAX_DAYS + 10; i++) {
    if (today.werkdag) {
      const length = today.end - today.start;
      for (const [s, e] of subtract(cursor, today.end, opgeschort)) {
        const units = (e - s) / length;
        if (remaining <= units) return new Date(Math.round(s + remaining * length));
        remaining -= units;
      }
    }
    cursor = today.end;
    today = day(...today.next);
  }
  throw new RangeError(`een norm van ${werkdagen} werkdagen valt buiten ${MAX_DAYS} dagen`);
}

export const kalenderdagenTussen = (van: Date, tot: Date) => (tot.getTime() - van.getTime()) / DAY_MS;
