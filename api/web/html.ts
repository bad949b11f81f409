/**
 * The one escaping helper of the web pages. `html` is a tagged template: every
 * interpolated value is HTML-escaped unless it is already `Html` (produced by
 * `html` itself or, deliberately, by `raw`). Arrays are joined; null,
 * undefined and false render as nothing. There is no other way to put text
 * into a page, so escaping cannot be forgotten.
 */
export class Html {
  constructor(readonly value: string) {}
  toString() {
    return this.value;
  }
}

export type Renderable = Html | string | number | boolean | null | undefined | readonly Renderable[];

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

export function escape(value: string): string {
  return value.replace(/[&<>"'`]/g, (c) => entities[c]!);
}

function render(value: Renderable): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escape(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Renderable[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new Html(out);
}

/** Trusted markup only (our own SVG numbers, constants). Never user or case data. */
export const raw = (value: string) => new Html(value);

/** An attribute that is present or absent: html`<input ${attr('checked', on)}>`. */
export const attr = (name: string, on: boolean) => (on ? raw(` ${name}`) : raw(''));
