/**
 * The Amsterdam calendar date (yyyy-mm-dd) of an instant, by the EU summer-time
 * rule (CEST from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
 * Sunday of October). Plain arithmetic: it runs in the workflow sandbox, where
 * the rules must not depend on the time-zone data of the host.
 */
function lastSundayUtc(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month + 1, 0, 1));
  return last.getTime() - last.getUTCDay() * 86_400_000;
}

export function amsterdamDatum(iso: string): string {
  const at = Date.parse(iso);
  const year = new Date(at).getUTCFullYear();
  const zomer = at >= lastSundayUtc(year, 2) && at < lastSundayUtc(year, 9);
  return new Date(at + (zomer ? 2 : 1) * 3_600_000).toISOString().slice(0, 10);
}
