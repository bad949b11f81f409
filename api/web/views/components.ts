import { html, type Html } from '../html';
import { faseLabel, formatDate, label, rolLabel } from '../labels';
import { klokVan, type Klok } from '../queries';
import type { TermijnView } from '../../cases/termijn-view';
import { codeAsNaam, type Naam } from '../names';

const werkdagenFormat = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });

/** Age against the norm, in words (colour only repeats what the text says). */
export function klokLabel(k: Klok | undefined): Html {
  if (!k) return html`<span class="label-status status-neutraal">onbekend</span>`;
  const getal = werkdagenFormat.format(k.werkdagen);
  const dagen = `${getal} werkdag${getal === '1' ? '' : 'en'}`;
  switch (k.status) {
    case 'afgesloten':
      return html`<span class="label-status status-neutraal">afgesloten</span>`;
    case 'opgeschort':
      return html`${dagen} <span class="label-status status-neutraal">opgeschort</span>`;
    case 'geen_norm':
      return html`${dagen} <span class="label-status status-neutraal">geen norm ingesteld</span>`;
    case 'over':
      return html`${dagen} van ${k.normWerkdagen} <span class="label-status status-over">over de norm</span>`;
    case 'bijna':
      return html`${dagen} van ${k.normWerkdagen} <span class="label-status status-bijna">bijna op de norm</span>`;
    default:
      return html`${dagen} van ${k.normWerkdagen} <span class="label-status status-binnen">binnen de norm</span>`;
  }
}

export interface CaseRowView {
  id: string;
  status: string;
  fase: string;
  doelgroep?: string | undefined;
  deelgroep?: string;
  gemeente: string;
  partijen: { wijkteam: string; zorginstelling: string | null; corporatie: string | null };
  aanZet: string[];
  startedAt: string;
  uitkomst: string | null;
  termijn: TermijnView | null;
}

export function caseTable(rows: readonly CaseRowView[], caption: string, naam: Naam = codeAsNaam): Html {
  if (!rows.length) return html`<p>Er zijn geen casussen om te tonen.</p>`;
  return html`<div class="tabel-wrap"><table>
    <caption>${caption}</caption>
    <thead><tr><th scope="col">Casus</th><th scope="col">Huidige stap</th><th scope="col">Aan zet</th><th scope="col">In deze stap</th><th scope="col">Doelgroep</th><th scope="col">Partijen</th><th scope="col">Gestart</th></tr></thead>
    <tbody>${rows.map(
      (r) => html`<tr>
        <td><a href="/app/casussen/${r.id}">Casus ${r.id.slice(0, 8)}</a></td>
        <td>${faseLabel[r.fase] ?? r.fase}${r.uitkomst ? html` (${label(r.uitkomst)})` : ''}</td>
        <td>${r.aanZet.length ? r.aanZet.map((a) => rolLabel[a] ?? a).join(', ') : '—'}</td>
        <td>${klokLabel(klokVan(r))}</td>
        <td>${r.doelgroep === undefined ? 'niet zichtbaar' : label(r.doelgroep)}</td>
        <td>${[r.partijen.wijkteam, r.partijen.zorginstelling, r.partijen.corporatie].filter(Boolean).map(naam).join(', ')}</td>
        <td>${formatDate(r.startedAt)}</td>
      </tr>`,
    )}</tbody></table></div>`;
}

export function pager(base: string, params: URLSearchParams, offset: number, limit: number, total: number): Html {
  if (total <= limit) return html``;
  const link = (o: number) => {
    const q = new URLSearchParams(params);
    q.set('offset', String(o));
    return `${base}?${q.toString()}`;
  };
  return html`<nav class="paginering" aria-label="Paginering">
    ${offset > 0 ? html`<a href="${link(Math.max(0, offset - limit))}">Vorige ${limit}</a>` : ''}
    <span>${offset + 1}–${Math.min(offset + limit, total)} van ${total}</span>
    ${offset + limit < total ? html`<a href="${link(offset + limit)}">Volgende ${limit}</a>` : ''}
  </nav>`;
}
