import type { Principal } from '../../auth/principal';
import type { OrganisatieRow } from '../../../prisma/organisatie-repository';
import type { NormRow } from '../../../prisma/norm-repository';
import type { ContingentAfspraakRow } from '../../../prisma/contingent-repository';
import type { JaarParameters } from '../../../domain/rules/parameters';
import { doelgroepen, opgaven } from '../../../domain/types';
import { normFaseValues, organisatieSoorten } from '../../beheer/beheer-schemas';
import { errorSummary, options, renderField, type Field, type FieldErrors, type FormValues } from '../forms';
import { gemeenteNaam, gemeenten } from '../gemeenten';
import { html, type Html } from '../html';
import { euro, faseLabel, formatDateTime, label } from '../labels';
import { page } from '../layout';

/** The beheerder's screens: the same tables the /beheer and /parameters JSON routes keep. */

export interface FormState {
  values: FormValues;
  errors: FieldErrors;
  general?: string | undefined;
}
const empty: FormState = { values: {}, errors: {} };
/** 7,5 werkdagen, herinnering bij 0,8: Dutch decimals, as the forms take them. */
const getal = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2 });

const soortLabel: Record<string, string> = {
  wijkteam: 'Wijkteam',
  zorginstelling: 'Zorginstelling',
  corporatie: 'Woningcorporatie',
  gemeente: 'Gemeente',
  operator: 'Platformbeheer',
};

const sub = (current: string) => {
  const links: Array<[string, string]> = [
    ['/app/beheer/organisaties', 'Organisaties'],
    ['/app/beheer/normen', 'Normen'],
    ['/app/beheer/contingent', 'Contingent'],
    ['/app/beheer/parameters', 'Regelparameters'],
  ];
  return html`<nav aria-label="Beheer"><ul class="subnav">${links.map(
    ([href, text]) => html`<li><a href="${href}"${current === href ? html` aria-current="page"` : ''}>${text}</a></li>`,
  )}</ul></nav>`;
};

function beheerPage(p: Principal, csrf: string, title: string, current: string, body: Html, flash?: string): string {
  return page(
    { title, principal: p, csrf, current: '/app/beheer', flash },
    html`${sub(current)}<h1>${title}</h1>${body}`,
  ).value;
}

const form = (
  action: string,
  csrf: string,
  fields: readonly Field[],
  s: FormState,
  submit: string,
  labels: Record<string, string>,
) =>
  html`${errorSummary(s.errors, s.general, labels)}
  <form class="formulier" method="post" action="${action}" novalidate>
    <input type="hidden" name="_csrf" value="${csrf}">
    ${fields.map((f) => renderField(f, s.values, s.errors))}
    <button type="submit">${submit}</button>
  </form>`;
const labelsOf = (fields: readonly Field[]) => Object.fromEntries(fields.map((f) => [f.name, f.label]));

/** A year the rules have no amounts for (yet): an aanbod in it is refused until the beheerder keeps its set. */
export interface ParameterWaarschuwing {
  jaar: number;
  bericht: string;
}

export function beheerHome(p: Principal, csrf: string, waarschuwingen: readonly ParameterWaarschuwing[] = []): string {
  return beheerPage(
    p,
    csrf,
    'Beheer',
    '/app/beheer',
    html`${waarschuwingen.map((w) => html`<div class="utrecht-alert utrecht-alert--warning waarschuwing" role="status"><strong>Let op (${w.jaar}):</strong> ${w.bericht}. <a href="/app/beheer/parameters">Regelparameters vastleggen</a>.</div>`)}<p>Als beheerder houdt u de tabellen van het samenwerkingsverband bij. Casussen ziet u niet.</p>
    <ul>
      <li><a href="/app/beheer/organisaties">Organisaties</a>: wie meedoet, van welke soort, voor welke gemeenten, en waar herinneringen en escalaties heen gaan.</li>
      <li><a href="/app/beheer/normen">Normen</a>: de doorlooptijd per fase, standaard of per organisatie.</li>
      <li><a href="/app/beheer/contingent">Contingent</a>: de prestatieafspraken per corporatie en jaar.</li>
      <li><a href="/app/beheer/parameters">Regelparameters</a>: de bedragen per jaar voor de passendheidstoets.</li>
    </ul>`,
  );
}

export const organisatieFields = (): Field[] => [
  {
    kind: 'text',
    name: 'id',
    label: 'Organisatiecode',
    required: true,
    maxLength: 64,
    hint: 'Kleine letters, cijfers en streepjes, zoals wijkteam-noord. Een bestaande code vervangt die organisatie.',
  },
  { kind: 'text', name: 'naam', label: 'Naam', required: true, maxLength: 200 },
  {
    kind: 'select',
    name: 'soort',
    label: 'Soort',
    required: true,
    empty: 'Kies een soort',
    options: organisatieSoorten.map((s) => [s, soortLabel[s] ?? s] as const),
  },
  {
    kind: 'select',
    name: 'gemeente',
    label: 'Gemeente (voor een gemeente of een lokale partij)',
    empty: 'Geen',
    options: gemeenten,
  },
  {
    kind: 'checkboxes',
    name: 'werkgebied',
    label: 'Werkgebied',
    hint: 'De gemeenten die de organisatie bedient: zij ziet en kan open casussen daar oppakken.',
    options: gemeenten,
  },
  { kind: 'text', name: 'email', label: 'E-mail van het team (herinneringen)', maxLength: 254, autocomplete: 'off' },
  {
    kind: 'text',
    name: 'managerEmail',
    label: 'E-mail van de manager (escalaties)',
    maxLength: 254,
    autocomplete: 'off',
  },
  { kind: 'checkbox', name: 'actief', label: 'Actief' },
];

export function organisatiesPage(o: {
  principal: Principal;
  csrf: string;
  rows: readonly OrganisatieRow[];
  form?: FormState;
  flash?: string;
}): string {
  const fields = organisatieFields();
  const state = o.form ?? { ...empty, values: { actief: true } };
  return beheerPage(
    o.principal,
    o.csrf,
    'Organisaties',
    '/app/beheer/organisaties',
    html`<div class="tabel-houder"><table><caption>Het register van het samenwerkingsverband</caption>
      <thead><tr><th scope="col">Naam</th><th scope="col">Code</th><th scope="col">Soort</th><th scope="col">Werkgebied</th><th scope="col">Actief</th><th scope="col">Bijgewerkt</th></tr></thead>
      <tbody>${o.rows.map(
        (r) => html`<tr><td>${r.naam}</td><td><code>${r.id}</code></td><td>${soortLabel[r.soort] ?? r.soort}</td>
          <td>${r.werkgebied.length ? r.werkgebied.map(gemeenteNaam).join(', ') : '—'}</td><td>${r.actief ? 'ja' : 'nee'}</td><td>${formatDateTime(r.updatedAt)}</td></tr>`,
      )}</tbody></table></div>
    <h2>Organisatie toevoegen of vervangen</h2>
    ${form('/app/beheer/organisaties', o.csrf, fields, state, 'Organisatie opslaan', labelsOf(fields))}`,
    o.flash,
  );
}

export const normFields = (orgs: readonly OrganisatieRow[]): Field[] => [
  {
    kind: 'select',
    name: 'fase',
    label: 'Fase',
    required: true,
    empty: 'Kies een fase',
    options: normFaseValues.map((f) => [f, f === 'totaal' ? 'Hele casus' : (faseLabel[f] ?? f)] as const),
  },
  {
    kind: 'select',
    name: 'organisatie',
    label: 'Voor',
    required: true,
    options: [['*', 'Standaardnorm (alle organisaties)'], ...orgs.map((r) => [r.id, r.naam] as const)],
  },
  { kind: 'number', name: 'werkdagen', label: 'Norm in werkdagen', required: true, min: 0.5, max: 250, step: '0.5' },
  {
    kind: 'number',
    name: 'herinneringBij',
    label: 'Herinnering bij (deel van de norm, bijvoorbeeld 0,8)',
    min: 0.01,
    max: 0.99,
    step: '0.01',
    hint: 'Leeg: geen herinnering.',
  },
];

export function normenPage(o: {
  principal: Principal;
  csrf: string;
  rows: readonly NormRow[];
  orgs: readonly OrganisatieRow[];
  names: Map<string, string>;
  form?: FormState;
  flash?: string;
}): string {
  const fields = normFields(o.orgs);
  return beheerPage(
    o.principal,
    o.csrf,
    'Normen',
    '/app/beheer/normen',
    html`<div class="tabel-houder"><table><caption>Normen per fase en organisatie</caption>
      <thead><tr><th scope="col">Fase</th><th scope="col">Voor</th><th scope="col" class="getal">Werkdagen</th><th scope="col" class="getal">Herinnering bij</th><th scope="col">Bijgewerkt</th></tr></thead>
      <tbody>${o.rows.map(
        (
          r,
        ) => html`<tr><td>${r.fase === 'totaal' ? 'Hele casus' : (faseLabel[r.fase] ?? r.fase)}</td><td>${r.organisatie === '*' ? 'Standaard' : (o.names.get(r.organisatie) ?? r.organisatie)}</td>
          <td class="getal">${getal.format(r.werkdagen)}</td><td class="getal">${r.herinneringBij === null ? '—' : getal.format(r.herinneringBij)}</td><td>${formatDateTime(r.updatedAt)}</td></tr>`,
      )}</tbody></table></div>
    <h2>Norm vastleggen</h2>
    ${form('/app/beheer/normen', o.csrf, fields, o.form ?? { ...empty, values: { organisatie: '*' } }, 'Norm opslaan', labelsOf(fields))}`,
    o.flash,
  );
}

export const contingentFields = (corporaties: readonly OrganisatieRow[]): Field[] => [
  {
    kind: 'select',
    name: 'corporatie',
    label: 'Corporatie',
    required: true,
    empty: 'Kies een corporatie',
    options: corporaties.map((r) => [r.id, r.naam] as const),
  },
  { kind: 'number', name: 'jaar', label: 'Jaar', required: true, min: 2000, max: 2100 },
  {
    kind: 'select',
    name: 'opgave',
    label: 'Opgave',
    required: true,
    empty: 'Kies een opgave',
    options: options(opgaven),
  },
  {
    kind: 'select',
    name: 'doelgroep',
    label: 'Doelgroep',
    required: true,
    options: [['*', 'Alle doelgroepen samen'], ...options(doelgroepen)],
  },
  { kind: 'number', name: 'aantal', label: 'Aantal woningen', required: true, min: 0, max: 100000 },
];

export function contingentPage(o: {
  principal: Principal;
  csrf: string;
  rows: readonly ContingentAfspraakRow[];
  corporaties: readonly OrganisatieRow[];
  names: Map<string, string>;
  form?: FormState;
  flash?: string;
}): string {
  const fields = contingentFields(o.corporaties);
  return beheerPage(
    o.principal,
    o.csrf,
    'Contingent',
    '/app/beheer/contingent',
    html`<div class="tabel-houder"><table><caption>Prestatieafspraken</caption>
      <thead><tr><th scope="col">Corporatie</th><th scope="col" class="getal">Jaar</th><th scope="col">Opgave</th><th scope="col">Doelgroep</th><th scope="col" class="getal">Aantal</th></tr></thead>
      <tbody>${o.rows.map(
        (r) =>
          html`<tr><td>${o.names.get(r.corporatie) ?? r.corporatie}</td><td class="getal">${String(r.jaar)}</td><td>${label(r.opgave)}</td><td>${r.doelgroep === '*' ? 'Alle' : label(r.doelgroep)}</td><td class="getal">${String(r.aantal)}</td></tr>`,
      )}</tbody></table></div>
    <h2>Afspraak vastleggen</h2>
    <p>Een afspraak voor dezelfde corporatie, hetzelfde jaar, dezelfde opgave en doelgroep vervangt de vorige; een aantal van 0 blijft staan als afspraak van nul.</p>
    ${form('/app/beheer/contingent', o.csrf, fields, o.form ?? empty, 'Afspraak opslaan', labelsOf(fields))}`,
    o.flash,
  );
}

const bedragen = [
  ['aftoppingsgrensLaag', 'Lage aftoppingsgrens (per maand)'],
  ['aftoppingsgrensHoog', 'Hoge aftoppingsgrens (per maand)'],
  ['huurtoeslaggrens', 'Huurtoeslaggrens (per maand)'],
  ['passendheidsgrensEenpersoons', 'Passendheidsgrens eenpersoons (per jaar)'],
  ['passendheidsgrensMeerpersoons', 'Passendheidsgrens meerpersoons (per jaar)'],
  ['inkomensgrensEenpersoons', 'Inkomensgrens eenpersoons (per jaar)'],
  ['inkomensgrensMeerpersoons', 'Inkomensgrens meerpersoons (per jaar)'],
] as const;

export const parameterFields = (): Field[] => [
  { kind: 'number', name: 'jaar', label: 'Jaar', required: true, min: 2000, max: 2100 },
  ...bedragen.map(
    ([name, text]) =>
      ({ kind: 'number', name, label: `${text} in euro`, required: true, min: 0, step: '0.01' }) as const,
  ),
  {
    kind: 'text',
    name: 'bron',
    label: 'Bron',
    required: true,
    maxLength: 300,
    hint: 'Waar de bedragen vandaan komen, zoals de circulaire van het ministerie.',
  },
];

export function parametersPage(o: {
  principal: Principal;
  csrf: string;
  sets: readonly JaarParameters[];
  form?: FormState;
  flash?: string;
}): string {
  const fields = parameterFields();
  return beheerPage(
    o.principal,
    o.csrf,
    'Regelparameters',
    '/app/beheer/parameters',
    html`<div class="tabel-houder"><table><caption>Bedragen per jaar</caption>
      <thead><tr><th scope="col" class="getal">Jaar</th>${bedragen.map(([, t]) => html`<th scope="col" class="getal">${t}</th>`)}<th scope="col">Bron</th></tr></thead>
      <tbody>${o.sets.map(
        (s) =>
          html`<tr><td class="getal">${String(s.jaar)}</td>${bedragen.map(([k]) => html`<td class="getal">${euro(s[k])}</td>`)}<td>${s.bron}</td></tr>`,
      )}</tbody></table></div>
    <h2>Bedragen van een jaar vastleggen</h2>
    <p>Een aanbod dat al is gedaan houdt de bedragen die het gebruikte; een nieuwe set geldt voor aanbiedingen vanaf dan.</p>
    ${form('/app/beheer/parameters', o.csrf, fields, o.form ?? empty, 'Bedragen opslaan', labelsOf(fields))}`,
    o.flash,
  );
}
