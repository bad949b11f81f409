import { brandmeldinstallaties, brandveiligheidTyperingen, opgaven, woningWoonvormen } from '../../../domain/types';
import { importColumns } from '../../woningen/woning-schemas';
import { isVerplicht, kolomUitleg } from '../../woningen/woning-kolommen';
import {
  errorSummary,
  hiddenFields,
  labelsOf,
  options,
  renderField,
  type Field,
  type FieldErrors,
  type FormValues,
} from '../forms';
import { html, type Html } from '../html';
import { label } from '../labels';

/** The values a CSV column takes are codes to type as written: shown as code, the rest of the text as text. */
const metCodes = (tekst: string): Html[] =>
  tekst.split(/(\b[a-z0-9]+(?:_[a-z0-9]+)+\b)/).map((deel, i) => (i % 2 ? html`<code>${deel}</code>` : html`${deel}`));

/**
 * One woning by hand, beside the CSV import: the same fields, explained as in the template,
 * parsed by the same schema (woningCreateBody) and written by the same service as POST /woningen.
 */
/** A column's explanation as a form hint: the form offers the choices by name, so the codes read as their labels. */
const uitleg = (k: keyof typeof kolomUitleg) =>
  kolomUitleg[k].replace(/\b[a-z0-9]+(?:_[a-z0-9]+)+\b/g, (code) => label(code).toLowerCase());
const ja = (name: keyof typeof kolomUitleg, label: string): Field => ({
  kind: 'checkbox',
  name,
  label,
  hint: uitleg(name),
});

export const woningFormFields: readonly Field[] = [
  { kind: 'text', name: 'referentie', label: 'Referentie', required: true, hint: uitleg('referentie'), maxLength: 40 },
  { kind: 'text', name: 'gemeente', label: 'Gemeentecode', required: true, hint: uitleg('gemeente'), maxLength: 6 },
  { kind: 'text', name: 'wijk', label: 'Wijkcode', hint: uitleg('wijk'), maxLength: 8 },
  { kind: 'text', name: 'buurtcode', label: 'Buurtcode', required: true, hint: uitleg('buurtcode'), maxLength: 10 },
  {
    kind: 'select',
    name: 'woonvorm',
    label: 'Woonvorm',
    required: true,
    options: options(woningWoonvormen),
    empty: 'Kies',
  },
  { kind: 'number', name: 'kamers', label: 'Kamers', required: true, min: 1, max: 12, hint: uitleg('kamers') },
  {
    kind: 'number',
    name: 'kaleHuur',
    label: 'Kale huur per maand (€)',
    required: true,
    step: '0.01',
    hint: uitleg('kaleHuur'),
  },
  {
    kind: 'number',
    name: 'servicekosten',
    label: 'Servicekosten per maand (€)',
    required: true,
    step: '0.01',
    hint: uitleg('servicekosten'),
  },
  {
    kind: 'number',
    name: 'subsidiabeleServicekosten',
    label: 'Waarvan subsidiabel (€)',
    step: '0.01',
    hint: uitleg('subsidiabeleServicekosten'),
  },
  ja('zelfstandig', 'Zelfstandige woning'),
  ja('drempelsOverbrugd', 'Drempels overbrugd'),
  {
    kind: 'number',
    name: 'gangbreedteCm',
    label: 'Smalste gang (cm)',
    required: true,
    min: 50,
    max: 400,
    hint: uitleg('gangbreedteCm'),
  },
  ja('noodoproep', 'Noodoproepinstallatie'),
  ja('gemeenschappelijkeRuimte', 'Gemeenschappelijke ruimte'),
  { kind: 'select', name: 'opgave', label: 'Opgave', required: true, options: options(opgaven), empty: 'Kies' },
  {
    kind: 'date',
    name: 'beschikbaarVanaf',
    label: 'Beschikbaar vanaf',
    required: true,
    hint: uitleg('beschikbaarVanaf'),
  },
  {
    kind: 'select',
    name: 'brandveiligheidTypering',
    label: 'Typering brandveiligheid',
    options: options(brandveiligheidTyperingen),
    empty: 'Niet vastgelegd',
    hint: uitleg('brandveiligheidTypering'),
  },
  {
    kind: 'select',
    name: 'brandmeldinstallatie',
    label: 'Brandmeldinstallatie',
    // Own wording: label('geen') is the indicatie's "Nog geen indicatie".
    options: brandmeldinstallaties.map((b) => [b, b === 'geen' ? 'Geen brandmeldinstallatie' : label(b)] as const),
    empty: 'Niet vastgelegd',
  },
  {
    kind: 'number',
    name: 'gebouwOppervlakM2',
    label: 'Oppervlakte gebouw (m²)',
    min: 1,
    hint: uitleg('gebouwOppervlakM2'),
  },
];

export function woningFormSection(o: {
  csrf: string;
  values: FormValues;
  errors: FieldErrors;
  general?: string | undefined;
  gelukt?: string | undefined;
}): Html {
  return html`<section class="kaart" aria-labelledby="h-nieuw"><h2 id="h-nieuw">Eén woning toevoegen</h2>
    ${o.gelukt ? html`<div class="melding" role="status">${o.gelukt}</div>` : ''}
    ${errorSummary(o.errors, o.general, labelsOf(woningFormFields))}
    <form class="formulier" method="post" action="/app/woningen/nieuw" novalidate>
      ${hiddenFields(o.csrf)}
      ${woningFormFields.map((f) => renderField(f, o.values, o.errors))}
      <button type="submit">Woning toevoegen</button>
    </form></section>`;
}

/** The columns of the import explained, beside the link to the template. */
export function kolommenUitleg(): Html {
  return html`<details><summary>Welke kolommen heeft het bestand?</summary>
    <div class="tabel-wrap"><table class="uitleg"><caption>Kolommen van het CSV-bestand</caption>
    <thead><tr><th scope="col">Kolom</th><th scope="col">Verplicht</th><th scope="col">Wat u invult</th></tr></thead>
    <tbody>${importColumns.map((c) => html`<tr><td><code>${c}</code></td><td>${isVerplicht(c) ? 'ja' : 'nee'}</td><td>${metCodes(kolomUitleg[c])}</td></tr>`)}</tbody>
    </table></div></details>`;
}
