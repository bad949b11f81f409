/**
 * Amounts and dates in Dutch notation, written once for the rules' reasons, the pages and the messages:
 * € 647,19 and € 25.075; 1 december 2026. Without Intl, which is slow in hot loops (matching formats a reason per
 * woning) and not in every sandbox. The space after € is a no-break space, so an amount never wraps.
 */

const duizendtallen = (n: number) => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/** € 647,19 (cents always shown) or, with `heleEuros`, € 25.075 (rounded, for yearly incomes and limits). */
export function formatEuro(n: number, o: { heleEuros?: boolean } = {}): string {
  const teken = n < 0 ? '-' : '';
  const a = Math.abs(n);
  if (o.heleEuros) return `€\u00a0${teken}${duizendtallen(Math.round(a))}`;
  const centen = Math.round(a * 100);
  const euros = Math.floor(centen / 100);
  return `€\u00a0${teken}${duizendtallen(euros)},${String(centen % 100).padStart(2, '0')}`;
}

export const maanden = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
] as const;

/** 2026-12-01 → 1 december 2026. A calendar date has no time zone; anything else is returned as it is. */
export function formatDatum(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const maand = maanden[Number(m[2]) - 1];
  return maand ? `${Number(m[3])} ${maand} ${m[1]}` : iso;
}
