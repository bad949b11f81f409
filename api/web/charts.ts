import { html, raw, type Html } from './html';

/**
 * Server-rendered inline SVG charts. Every chart is an <svg role="img"> named
 * by its caption, with the figures written on the bars (so nothing is told by
 * colour alone) and a data table beside it for screen readers and print.
 */

const fmt = (n: number | null | undefined) =>
  n === null || n === undefined ? '—' : new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 }).format(n);
const num = (n: number) => Number(n.toFixed(1));

export interface HBarRow {
  label: string;
  value: number | null;
  /** A reference value (e.g. the norm), drawn as a dashed line with its own text. */
  marker?: number | null | undefined;
  /** Second bar (e.g. promised vs realised). */
  second?: number | null | undefined;
}

/** Horizontal bars, one row per item; optional second (outlined) bar and a dashed marker. */
export function hbarChart(o: {
  id: string;
  rows: HBarRow[];
  unit: string;
  valueName: string;
  secondName?: string;
  markerName?: string;
}): Html {
  // Wide enough for the longest label (about 6.5 px a character at the chart's font size), so none is clipped.
  const labelW = Math.min(320, Math.max(170, 16 + Math.ceil(Math.max(0, ...o.rows.map((r) => r.label.length)) * 6.5)));
  const chartW = 340;
  const rowH = o.rows.some((r) => r.second !== undefined) ? 44 : 30;
  const height = o.rows.length * rowH + 30;
  const max = Math.max(1, ...o.rows.flatMap((r) => [r.value ?? 0, r.marker ?? 0, r.second ?? 0])) * 1.15;
  const x = (v: number) => labelW + (v / max) * chartW;
  const parts: string[] = [];
  o.rows.forEach((r, i) => {
    const y = 10 + i * rowH;
    parts.push(`<text x="${labelW - 8}" y="${y + 14}" text-anchor="end" class="as-label">${escapeSvg(r.label)}</text>`);
    if (r.second !== undefined && r.second !== null) {
      parts.push(`<rect x="${labelW}" y="${y}" width="${num(x(r.second) - labelW)}" height="16" class="bar-tweede"/>`);
      parts.push(
        `<text x="${num(x(r.second) + 4)}" y="${y + 13}" class="waarde">${escapeSvg(`${o.secondName ?? ''} ${fmt(r.second)}`)}</text>`,
      );
    }
    const vy = r.second !== undefined ? y + 20 : y;
    if (r.value !== null) {
      parts.push(
        `<rect x="${labelW}" y="${vy}" width="${num(Math.max(1, x(r.value) - labelW))}" height="16" class="bar"/>`,
      );
      parts.push(
        `<text x="${num(x(r.value) + 4)}" y="${vy + 13}" class="waarde">${escapeSvg(`${r.second !== undefined ? `${o.valueName} ` : ''}${fmt(r.value)}`)}</text>`,
      );
    } else {
      parts.push(`<text x="${labelW + 4}" y="${vy + 13}" class="waarde">geen gegevens</text>`);
    }
    if (r.marker !== undefined && r.marker !== null) {
      const mx = num(x(r.marker));
      parts.push(`<line x1="${mx}" x2="${mx}" y1="${y - 3}" y2="${y + rowH - 8}" class="markering"/>`);
    }
  });
  parts.push(`<line x1="${labelW}" x2="${labelW}" y1="5" y2="${height - 20}" class="as"/>`);
  parts.push(
    `<text x="${labelW}" y="${height - 4}" class="as-label">0</text><text x="${labelW + chartW}" y="${height - 4}" text-anchor="end" class="as-label">${escapeSvg(`${fmt(max)} ${o.unit}`)}</text>`,
  );
  return svg(o.id, labelW + chartW + 130, height, parts);
}

/** Vertical bars over categories (months, age buckets), the value written above each bar; optional dashed reference line. */
export function vbarChart(o: {
  id: string;
  bars: Array<{ label: string; value: number | null }>;
  unit: string;
  reference?: { value: number; name: string } | undefined;
}): Html {
  const left = 40;
  const plotH = 180;
  const top = 24;
  const slot = Math.max(34, Math.min(70, 560 / Math.max(1, o.bars.length)));
  const width = Math.max(520, left + slot * o.bars.length + 20);
  const max = Math.max(1, ...o.bars.map((b) => b.value ?? 0), o.reference?.value ?? 0) * 1.15;
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const parts: string[] = [];
  o.bars.forEach((b, i) => {
    const bx = left + i * slot + 4;
    const w = slot - 8;
    if (b.value !== null) {
      parts.push(
        `<rect x="${bx}" y="${num(y(b.value))}" width="${w}" height="${num(top + plotH - y(b.value))}" class="bar"/>`,
      );
      parts.push(
        `<text x="${bx + w / 2}" y="${num(y(b.value) - 4)}" text-anchor="middle" class="waarde">${escapeSvg(fmt(b.value))}</text>`,
      );
    }
    parts.push(
      `<text x="${bx + w / 2}" y="${top + plotH + 16}" text-anchor="middle" class="as-label">${escapeSvg(b.label)}</text>`,
    );
  });
  parts.push(`<line x1="${left}" x2="${width - 10}" y1="${top + plotH}" y2="${top + plotH}" class="as"/>`);
  if (o.reference) {
    const ry = num(y(o.reference.value));
    parts.push(`<line x1="${left}" x2="${width - 10}" y1="${ry}" y2="${ry}" class="markering"/>`);
    parts.push(
      `<text x="${left}" y="${ry - 4}" class="as-label">${escapeSvg(`${o.reference.name} ${fmt(o.reference.value)} ${o.unit}`)}</text>`,
    );
  }
  return svg(o.id, width, top + plotH + 26, parts);
}

function svg(id: string, w: number, h: number, parts: string[]): Html {
  return html`<svg viewBox="0 0 ${w} ${h}" role="img" aria-labelledby="${id}" focusable="false" xmlns="http://www.w3.org/2000/svg">${raw(parts.join(''))}</svg>`;
}

function escapeSvg(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export const fmtGetal = fmt;
