import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { attr, html, type Html, type Renderable } from './html';
import { label } from './labels';

/**
 * Forms described as data: one spec renders the fields (label, explanation,
 * error next to the field) and turns the posted form back into the JSON the
 * API's zod schema parses. Validation is the schema's own, so the page refuses
 * exactly what the API refuses.
 */

export type Option = readonly [value: string, text: string];

interface Base {
  /** Dotted path in the JSON body, e.g. `persoon.referentie`. */
  name: string;
  label: string;
  /** Plain-Dutch explanation shown under the label. */
  hint?: string;
  required?: boolean;
}
export type Field =
  | (Base & {
      kind: 'text' | 'textarea' | 'date';
      maxLength?: number;
      pattern?: string;
      placeholder?: string;
      autocomplete?: string;
    })
  | (Base & { kind: 'number'; min?: number; max?: number; step?: string })
  | (Base & { kind: 'select' | 'radio'; options: readonly Option[]; empty?: string })
  | (Base & { kind: 'checkbox' })
  | (Base & { kind: 'checkboxes'; options: readonly Option[] })
  | (Base & { kind: 'rows'; count: number; fields: readonly Field[]; legend: (i: number) => string });

export const options = (values: readonly string[]): Option[] => values.map((v) => [v, label(v)] as const);

export type FormValues = Record<string, unknown>;
export type FieldErrors = Record<string, string>;

const idOf = (name: string) => `f-${name.replace(/[^A-Za-z0-9]+/g, '-')}`;

function get(values: FormValues, name: string): unknown {
  return name
    .split('.')
    .reduce<unknown>(
      (acc, key) => (acc && typeof acc === 'object' ? (acc as Record<string, unknown>)[key] : undefined),
      values,
    );
}

function set(target: Record<string, unknown>, name: string, value: unknown) {
  const keys = name.split('.');
  let at: Record<string, unknown> = target;
  for (const key of keys.slice(0, -1)) {
    at[key] ??= {};
    at = at[key] as Record<string, unknown>;
  }
  at[keys[keys.length - 1]!] = value;
}

const rowHasValue = (v: unknown): boolean =>
  v !== null && typeof v === 'object'
    ? Object.values(v as Record<string, unknown>).some(rowHasValue)
    : v !== undefined && v !== '' && v !== false;

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));

/** Renders one field with its label, explanation and error. */
/**
 * `idScope` keeps ids unique where one page holds several forms with the same field names (the
 * case page's step forms): a label must point at its own form's field.
 */
export function renderField(f: Field, values: FormValues, errors: FieldErrors, prefix = '', idScope = ''): Html {
  const name = prefix + f.name;
  const id = idOf(idScope ? `${idScope}-${name}` : name);
  const error = errors[name];
  const hintId = f.hint ? `${id}-hint` : '';
  const errorId = error ? `${id}-error` : '';
  const described = [hintId, errorId].filter(Boolean).join(' ');
  const v = get(values, name);
  const req = f.required
    ? html`<span class="verplicht"> (verplicht)</span>`
    : html`<span class="optioneel"> (niet verplicht)</span>`;
  // NL Design System form field: label, description, error message, then the control (utrecht-form-field & co).
  const hint = f.hint
    ? html`<div class="utrecht-form-field-description utrecht-form-field__description hint" id="${hintId}">${f.hint}</div>`
    : '';
  const err = error
    ? html`<div class="utrecht-form-field-error-message utrecht-form-field__error-message fout" id="${errorId}"><span class="fout-label">Fout:</span> ${error}</div>`
    : '';
  const aria = html`${described ? html` aria-describedby="${described}"` : ''}${error ? html` aria-invalid="true"` : ''}${f.required ? html` aria-required="true"` : ''}`;
  const invalid = error ? ' utrecht-form-field--invalid veld-fout' : '';
  const cls = `utrecht-form-field utrecht-form-field--text veld${invalid}`;
  const label = (text: string) =>
    html`<div class="utrecht-form-field__label"><label class="utrecht-form-label" for="${id}">${text}${req}</label></div>`;
  const input = (control: Html) => html`<div class="utrecht-form-field__input">${control}</div>`;
  const mod = (base: string) => `${base}${error ? ` ${base.split(' ')[0]}--invalid` : ''}`;
  // A fieldset takes aria-describedby only; aria-invalid and aria-required are for the controls.
  const groupAria = described ? html` aria-describedby="${described}"` : '';
  const fieldset = (extra: string, legend: string, content: Renderable) =>
    html`<fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset${error ? ' utrecht-form-fieldset--invalid' : ''} veld${error ? ' veld-fout' : ''}${extra}" id="${id}"${groupAria}><legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">${legend}${req}</legend>${hint}${err}
        ${content}</fieldset>`;
  const choice = (type: 'radio' | 'checkbox', i: number, value: string, text: string, on: boolean) => {
    const control =
      type === 'radio'
        ? 'utrecht-radio-button utrecht-radio-button--html-input'
        : 'utrecht-checkbox utrecht-checkbox--html-input';
    return html`<div class="utrecht-form-field utrecht-form-field--${type} keuze"><div class="utrecht-form-field__input"><input class="${control}" type="${type}" id="${id}-${i}" name="${name}" value="${value}"${attr('checked', on)}></div><div class="utrecht-form-field__label"><label class="utrecht-form-label utrecht-form-label--${type}" for="${id}-${i}">${text}</label></div></div>`;
  };

  switch (f.kind) {
    case 'text':
    case 'date':
      return html`<div class="${cls}">${label(f.label)}${hint}${err}
        ${input(html`<input class="${mod('utrecht-textbox utrecht-textbox--html-input')}" id="${id}" name="${name}" type="${f.kind === 'date' ? 'date' : 'text'}" value="${str(v)}"${f.maxLength ? html` maxlength="${f.maxLength}"` : ''}${f.pattern ? html` pattern="${f.pattern}"` : ''}${f.placeholder ? html` placeholder="${f.placeholder}"` : ''} autocomplete="${f.autocomplete ?? 'off'}"${aria}>`)}</div>`;
    case 'textarea':
      return html`<div class="${cls}">${label(f.label)}${hint}${err}
        ${input(html`<textarea class="${mod('utrecht-textarea utrecht-textarea--html-textarea')}" id="${id}" name="${name}" rows="3"${f.maxLength ? html` maxlength="${f.maxLength}"` : ''}${aria}>${str(v)}</textarea>`)}</div>`;
    case 'number':
      return html`<div class="${cls}">${label(f.label)}${hint}${err}
        ${input(html`<input class="${mod('utrecht-textbox utrecht-textbox--html-input')} utrecht-textbox--numeric" id="${id}" name="${name}" type="number" inputmode="numeric" value="${str(v)}"${f.min !== undefined ? html` min="${f.min}"` : ''}${f.max !== undefined ? html` max="${f.max}"` : ''} step="${f.step ?? '1'}"${aria}>`)}</div>`;
    case 'select':
      return html`<div class="${cls}">${label(f.label)}${hint}${err}
        ${input(
          html`<select class="${mod('utrecht-select utrecht-select--html-select')}" id="${id}" name="${name}"${aria}><option value="">${f.empty ?? '— kies —'}</option>${f.options.map(
            ([value, text]) => html`<option value="${value}"${attr('selected', str(v) === value)}>${text}</option>`,
          )}</select>`,
        )}</div>`;
    case 'radio':
      return fieldset(
        '',
        f.label,
        f.options.map(([value, text], i) => choice('radio', i, value, text, str(v) === value)),
      );
    case 'checkbox':
      return html`<div class="utrecht-form-field utrecht-form-field--checkbox${invalid} keuze"><div class="utrecht-form-field__input"><input class="${mod('utrecht-checkbox utrecht-checkbox--html-input')}" type="checkbox" id="${id}" name="${name}" value="ja"${attr('checked', v === true || v === 'ja')}${aria}></div><div class="utrecht-form-field__label"><label class="utrecht-form-label utrecht-form-label--checkbox" for="${id}">${f.label}</label></div>${hint}${err}</div>`;
    case 'checkboxes': {
      const chosen = Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)];
      return fieldset(
        '',
        f.label,
        f.options.map(([value, text], i) => choice('checkbox', i, value, text, chosen.includes(value))),
      );
    }
    case 'rows':
      return fieldset(
        ' rijen',
        f.label,
        Array.from({ length: f.count }, (_, i) => {
          const rij = html`<fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset rij"><legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">${f.legend(i)}</legend>${f.fields.map((sub) => renderField(sub, values, errors, `${name}.${i}.`, idScope))}</fieldset>`;
          if (i === 0) return rij;
          // Spare rows fold away (a form of every row open was 5,300 px long); one with a value or an error stays open.
          const gevuld =
            Object.keys(errors).some((k) => k.startsWith(`${name}.${i}.`)) || rowHasValue(get(values, `${name}.${i}`));
          return html`<details class="extra-rij"${attr('open', gevuld)}><summary>${f.legend(i)} invullen</summary>${rij}</details>`;
        }),
      );
  }
}

/** Reads the posted (urlencoded) form into the JSON shape the schema expects. Empty fields are left out. */
export function readForm(
  fields: readonly Field[],
  body: Record<string, unknown>,
  prefix = '',
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const name = prefix + f.name;
    const rawValue = body[name];
    const text = Array.isArray(rawValue) ? String(rawValue[0] ?? '') : typeof rawValue === 'string' ? rawValue : '';
    switch (f.kind) {
      case 'checkbox':
        set(out, f.name, rawValue !== undefined);
        break;
      case 'checkboxes':
        set(
          out,
          f.name,
          Array.isArray(rawValue) ? rawValue.map(String) : rawValue === undefined ? [] : [String(rawValue)],
        );
        break;
      case 'number':
        if (text.trim() !== '') set(out, f.name, Number(text.trim().replace(',', '.')));
        break;
      case 'rows': {
        const rows: unknown[] = [];
        for (let i = 0; i < f.count; i++) {
          const row = readForm(f.fields, body, `${name}.${i}.`);
          if (Object.keys(row).length) rows.push(row);
        }
        set(out, f.name, rows);
        break;
      }
      default:
        if (text.trim() !== '') set(out, f.name, text);
    }
  }
  return out;
}

/** Flat form values (for re-rendering after an error) from the posted body. */
export function echo(body: Record<string, unknown>): FormValues {
  const out: FormValues = {};
  for (const [k, v] of Object.entries(body)) if (!k.startsWith('_')) set(out, k, v === undefined ? undefined : v);
  return out;
}

const bereik = (issue: z.core.$ZodIssue) => {
  const i = issue as unknown as { minimum?: number | bigint; maximum?: number | bigint; origin?: string };
  return i;
};

/** A message as a sentence: capital first, full stop last (zod's Dutch locale and our schemas write phrases). */
const zin = (message: string) => {
  const m = message.trim();
  return m ? `${m[0]!.toUpperCase()}${m.slice(1)}${/[.!?]$/.test(m) ? '' : '.'}` : 'Deze waarde is niet geldig.';
};

/** A plain-Dutch message for a schema problem; field-specific explanations come from the hint. */
export function dutchProblem(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? 'Vul dit veld in.'
        : issue.expected === 'number'
          ? 'Vul een getal in.'
          : 'Deze waarde is niet geldig.';
    case 'invalid_value':
      return 'Kies een van de mogelijkheden.';
    case 'too_small': {
      const { minimum, origin } = bereik(issue);
      if (origin === 'string') return Number(minimum) <= 1 ? 'Vul dit veld in.' : `Gebruik minstens ${minimum} tekens.`;
      if (origin === 'array') return `Vul minstens ${minimum} regel${Number(minimum) === 1 ? '' : 's'} in.`;
      return `Vul minstens ${minimum} in.`;
    }
    case 'too_big': {
      const { maximum, origin } = bereik(issue);
      if (origin === 'string') return `Gebruik hoogstens ${maximum} tekens.`;
      if (origin === 'array') return `Hoogstens ${maximum} regels.`;
      return `Vul hoogstens ${maximum} in.`;
    }
    case 'invalid_format':
      return issue.format === 'date'
        ? 'Vul een datum in (dag, maand, jaar).'
        : 'De vorm klopt niet; zie de uitleg bij het veld.';
    case 'not_multiple_of':
      return 'Hoogstens twee cijfers achter de komma.';
    case 'unrecognized_keys':
      return 'Het formulier bevat een onbekend veld.';
    case 'custom':
      // The schemas' own messages are Dutch; the leveringsvorm one lists codes, so the page says it in words.
      if (/hoort een van deze leveringsvormen/.test(issue.message))
        return 'Kies de leveringsvorm die bij deze wet hoort.';
      return zin(issue.message);
    default:
      return zin(issue.message);
  }
}

/** Schema problems as form errors keyed by field name; the first problem of a field wins. */
export function fieldErrors(error: z.ZodError, messages: Record<string, string> = {}): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const name = issue.path.map(String).join('.') || '_form';
    if (out[name]) continue;
    let problem = dutchProblem(issue);
    if (issue.code === 'invalid_format' || (issue.code === 'custom' && problem === 'Deze waarde is niet geldig.'))
      problem = messages[name] ?? problem;
    if (name === 'persoon.referentie' && issue.code === 'invalid_format') problem = messages[name] ?? problem;
    out[name] = problem;
  }
  return out;
}

/** An error summary at the top of a form, linking to each field (WCAG 3.3.1). */
export function errorSummary(
  errors: FieldErrors,
  general?: string,
  labels: Record<string, string> = {},
  idScope = '',
): Html | '' {
  const entries = Object.entries(errors);
  if (!entries.length && !general) return '';
  return html`<div class="utrecht-alert utrecht-alert--error foutmelding" role="alert" tabindex="-1" id="foutoverzicht"><div class="utrecht-alert__content">
    <h2 class="utrecht-heading-2">Er is iets niet goed ingevuld</h2>
    ${general ? html`<p class="utrecht-paragraph">${general}</p>` : ''}
    ${entries.length ? html`<ul class="utrecht-unordered-list">${entries.map(([name, problem]) => html`<li><a class="utrecht-link utrecht-link--html-a" href="#${idOf(idScope ? `${idScope}-${name}` : name)}">${labels[name] ?? name.replace(/\./g, ' › ')}: ${problem}</a></li>`)}</ul>` : ''}
  </div></div>`;
}

/** Hidden fields every form carries: the CSRF token and an idempotency key for this rendering of the form. */
export function hiddenFields(csrf: string, key: string = `web-${randomUUID()}`): Html {
  return html`<input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="_key" value="${key}">`;
}

/** Field labels by name (rows get "label, regel n"), for the error summary. */
export function labelsOf(
  fields: readonly Field[],
  prefix = '',
  out: Record<string, string> = {},
): Record<string, string> {
  for (const f of fields) {
    out[prefix + f.name] = f.label;
    if (f.kind === 'rows') {
      for (let i = 0; i < f.count; i++) {
        labelsOf(f.fields, `${prefix}${f.name}.${i}.`, out);
        for (const sub of f.fields)
          out[`${prefix}${f.name}.${i}.${sub.name}`] = `${f.label}, regel ${i + 1}: ${sub.label}`;
      }
    }
  }
  return out;
}
