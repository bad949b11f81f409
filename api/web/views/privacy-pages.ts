import type { Principal } from '../../auth/principal';
import { auditActions, type AuditEntryOut } from '../../audit/audit-search';
import { errorSummary, renderField, type Field, type FieldErrors, type FormValues } from '../forms';
import { html } from '../html';
import { formatDateTime } from '../labels';
import { page } from '../layout';
import { pager } from './components';

const actieLabel: Record<string, string> = {
  read: 'Ingezien',
  list: 'In een lijst',
  write: 'Vastgelegd',
  audit: 'Auditlog gelezen',
  refused: 'Geweigerd',
  decode: 'Ontsleuteld',
};
const weergaveLabel: Record<string, string> = {
  zorg: 'Zorg (volledig)',
  verhuur: 'Verhuur',
  management: 'Management',
  audit: 'Auditlog',
};

export const auditFilterFields: Field[] = [
  {
    kind: 'text',
    name: 'caseId',
    label: 'Casus (id)',
    maxLength: 36,
    hint: 'Het id van de casus, zoals in de adresbalk van de casuspagina.',
  },
  {
    kind: 'text',
    name: 'actorId',
    label: 'Gebruiker',
    maxLength: 64,
    hint: 'De pseudonieme gebruikerscode, zoals u-cons-1.',
  },
  {
    kind: 'select',
    name: 'action',
    label: 'Actie',
    empty: 'Alle acties',
    options: auditActions.map((a) => [a, actieLabel[a] ?? a] as const),
  },
  { kind: 'date', name: 'van', label: 'Vanaf' },
  { kind: 'date', name: 'tot', label: 'Tot en met' },
];

/** The privacy officer's audit log: who did what with which case, filtered, with a CSV export. */
export function auditPage(o: {
  principal: Principal;
  csrf: string;
  values: FormValues;
  errors: FieldErrors;
  query: URLSearchParams;
  items: readonly AuditEntryOut[];
  names: Map<string, string>;
  total: number;
  offset: number;
  limit: number;
}): string {
  const labels = Object.fromEntries(auditFilterFields.map((f) => [f.name, f.label]));
  const csv = new URLSearchParams(o.query);
  csv.delete('offset');
  return page(
    { title: 'Auditlog', principal: o.principal, csrf: o.csrf, current: '/app/privacy', wide: true },
    html`<h1>Auditlog</h1>
    <p>Wie wat heeft gedaan met de casussen waarin uw organisatie partij is, en wat uw eigen gebruikers buiten een casus deden. Ook uw eigen inzage hier wordt gelogd.</p>
    ${errorSummary(o.errors, undefined, labels)}
    <form class="formulier filters" method="get" action="/app/privacy" novalidate>
      ${auditFilterFields.map((f) => renderField(f, o.values, o.errors))}
      <button type="submit">Zoeken</button>
    </form>
    <p><a href="/app/privacy/export?${csv.toString()}" download>Exporteren als CSV</a> (${String(o.total)} regels)</p>
    ${
      o.items.length
        ? html`<div class="tabel-houder"><table><caption>Toegang tot casusgegevens, nieuwste eerst</caption>
      <thead><tr><th scope="col">Tijdstip</th><th scope="col">Gebruiker</th><th scope="col">Organisatie</th><th scope="col">Actie</th><th scope="col">Casus</th><th scope="col">Weergave</th><th scope="col" class="getal">Antwoord</th></tr></thead>
      <tbody>${o.items.map(
        (
          e,
        ) => html`<tr><td>${formatDateTime(e.at)}</td><td><code>${e.actorId}</code>${e.onBehalfOf ? html` namens <code>${e.onBehalfOf}</code>` : ''}</td>
          <td>${o.names.get(e.organisatie) ?? e.organisatie}</td><td>${actieLabel[e.action] ?? e.action}</td>
          <td>${e.caseId ? html`<code>${e.caseId.slice(0, 8)}</code>` : '—'}</td><td>${e.view ? (weergaveLabel[e.view] ?? e.view) : '—'}</td><td class="getal">${String(e.status)}</td></tr>`,
      )}</tbody></table></div>
    ${pager('/app/privacy', o.query, o.offset, o.limit, o.total)}`
        : html`<p>Geen regels bij dit filter.</p>`
    }`,
  ).value;
}
