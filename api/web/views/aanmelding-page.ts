import type { Principal } from '../../auth/principal';
import {
  errorSummary,
  hiddenFields,
  labelsOf,
  renderField,
  type FieldErrors,
  type FormValues,
  type Option,
} from '../forms';
import { html } from '../html';
import { page } from '../layout';
import { aanmeldingFields, gemeenteField, partijFields } from '../step-forms';

/**
 * What the aanmelding offers to choose from the register: the gemeenten the wijkteam works for (by name) and,
 * once the gemeente is chosen, the active zorginstellingen and corporaties whose werkgebied holds it.
 */
export interface AanmeldingKeuze {
  gemeenten: Option[];
  gemeente?: { code: string; naam: string } | undefined;
  zorginstellingen: Option[];
  corporaties: Option[];
}

const intro = html`<p class="utrecht-paragraph">Meld een persoon aan die een woning én ondersteuning nodig heeft. Vul alleen in wat het proces nodig heeft: geen naam, adres, geboortedatum of BSN.</p>`;

/** The labels of the error summary, one per field of the whole aanmelding. */
export const aanmeldingLabels = (k: AanmeldingKeuze) =>
  labelsOf([...aanmeldingFields, gemeenteField(k.gemeenten), ...partijFields(k)]);

/**
 * Step 1 (only where the wijkteam works for more than one gemeente): the gemeente, by name. A plain GET form,
 * so the next page can offer exactly the organisations of that gemeente without any script.
 */
export function gemeenteKiezenPage(o: { principal: Principal; csrf: string; keuze: AanmeldingKeuze; error?: string }) {
  const errors: FieldErrors = o.error ? { gemeente: o.error } : {};
  return page(
    { title: 'Nieuwe aanmelding', principal: o.principal, csrf: o.csrf, current: '/app/casussen/nieuw' },
    html`<h1 class="utrecht-heading-1">Nieuwe aanmelding</h1>
    ${intro}
    ${errorSummary(errors, undefined, aanmeldingLabels(o.keuze))}
    <form class="formulier" method="get" action="/app/casussen/nieuw" novalidate>
      ${renderField(gemeenteField(o.keuze.gemeenten), {}, errors)}
      <button type="submit" class="utrecht-button utrecht-button--primary-action">Verder</button>
    </form>`,
  ).value;
}

/** Step 2: the aanmelding for the chosen gemeente, with its parties to pick from the register or leave open. */
export function newCasePage(o: {
  principal: Principal;
  csrf: string;
  keuze: AanmeldingKeuze & { gemeente: { code: string; naam: string } };
  values: FormValues;
  errors: FieldErrors;
  general?: string | undefined;
  key?: string | undefined;
}): string {
  const { gemeente } = o.keuze;
  const fout = o.errors.gemeente;
  const anders =
    o.keuze.gemeenten.length > 1
      ? html` <a class="utrecht-link utrecht-link--html-a" href="/app/casussen/nieuw">Andere gemeente kiezen</a> (het formulier begint dan opnieuw).`
      : '';
  return page(
    { title: 'Nieuwe aanmelding', principal: o.principal, csrf: o.csrf, current: '/app/casussen/nieuw' },
    html`<h1 class="utrecht-heading-1">Nieuwe aanmelding</h1>
    ${intro}
    ${errorSummary(o.errors, o.general, aanmeldingLabels(o.keuze))}
    <form class="formulier" method="post" action="/app/casussen/nieuw" novalidate>
      ${hiddenFields(o.csrf, o.key)}
      <input type="hidden" name="gemeente" value="${gemeente.code}">
      <div class="kaart${fout ? ' veld-fout' : ''}" id="f-gemeente" tabindex="-1"><p class="utrecht-paragraph">Gemeente: <strong>${gemeente.naam}</strong>.${anders}</p>
        ${fout ? html`<p class="utrecht-paragraph fout" id="f-gemeente-error"><span class="fout-label">Fout:</span> ${fout}</p>` : ''}</div>
      <fieldset class="veld"><legend><h2 class="utrecht-heading-2">De persoon</h2></legend>
        ${aanmeldingFields.slice(0, 5).map((f) => renderField(f, o.values, o.errors))}</fieldset>
      <fieldset class="veld"><legend><h2 class="utrecht-heading-2">Doelgroep en indicatie</h2></legend>
        ${aanmeldingFields.slice(5).map((f) => renderField(f, o.values, o.errors))}</fieldset>
      <fieldset class="veld"><legend><h2 class="utrecht-heading-2">Partijen in ${gemeente.naam}</h2></legend>
        <p class="utrecht-paragraph hint">Alleen de organisaties die actief zijn in het samenwerkingsverband en in ${gemeente.naam} werken.</p>
        ${partijFields(o.keuze).map((f) => renderField(f, o.values, o.errors))}</fieldset>
      <button type="submit" class="utrecht-button utrecht-button--primary-action">Aanmelding versturen</button>
    </form>`,
  ).value;
}
