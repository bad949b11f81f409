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
      return html`${dagen} <span class="label-status status-neutraal">(voor deze stap geldt geen norm)</span>`;
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
  /** The wijkteam's referentie of the person: in the wijkteam's lists only. */
  referentie?: string | undefined;
}

/** An empty list says what to do next (the page passes the action that fits the reader's role). */
export function emptyState(text: string, next?: { href: string; text: string }): Html {
  return html`<div class="kaart leeg"><p class="utrecht-paragraph">${text}</p>${next ? html`<p class="utrecht-paragraph"><a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href="${next.href}">${next.text}</a></p>` : ''}</div>`;
}

export function caseTable(
  rows: readonly CaseRowView[],
  caption: string,
  leeg: Html = emptyState('Er zijn geen casussen om te tonen.'),
  /** The wijkteam's own referentie column (rows carry it only for the case's wijkteam). */
  referentie = false,
  naam: Naam = codeAsNaam,
): Html {
  if (!rows.length) return leeg;
  return html`<div class="tabel-wrap"><table class="utrecht-table utrecht-table--html-table">
    <caption class="utrecht-table__caption">${caption}</caption>
    <thead class="utrecht-table__header"><tr class="utrecht-table__row"><th class="utrecht-table__header-cell" scope="col">Casus</th>${referentie ? html`<th class="utrecht-table__header-cell" scope="col">Referentie</th>` : ''}<th class="utrecht-table__header-cell" scope="col">Huidige stap</th><th class="utrecht-table__header-cell" scope="col">Aan zet</th><th class="utrecht-table__header-cell" scope="col">In deze stap</th><th class="utrecht-table__header-cell" scope="col">Doelgroep</th><th class="utrecht-table__header-cell" scope="col">Partijen</th><th class="utrecht-table__header-cell" scope="col">Gestart</th></tr></thead>
    <tbody class="utrecht-table__body">${rows.map(
      (r) => html`<tr class="utrecht-table__row">
        <td class="utrecht-table__cell"><a class="utrecht-link utrecht-link--html-a" href="/app/casussen/${r.id}">Casus ${r.id.slice(0, 8)}</a></td>
        ${referentie ? html`<td class="utrecht-table__cell">${r.referentie ?? '—'}</td>` : ''}
        <td class="utrecht-table__cell">${faseLabel[r.fase] ?? r.fase}${r.uitkomst ? html` (${label(r.uitkomst)})` : ''}</td>
        <td class="utrecht-table__cell">${r.aanZet.length ? r.aanZet.map((a) => rolLabel[a] ?? a).join(', ') : '—'}</td>
        <td class="utrecht-table__cell">${klokLabel(klokVan(r))}</td>
        <td class="utrecht-table__cell">${r.doelgroep === undefined ? 'niet zichtbaar' : label(r.doelgroep)}</td>
        <td class="utrecht-table__cell">${[r.partijen.wijkteam, r.partijen.zorginstelling, r.partijen.corporatie].filter(Boolean).map(naam).join(', ')}</td>
        <td class="utrecht-table__cell">${formatDate(r.startedAt)}</td>
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
    ${offset > 0 ? html`<a class="utrecht-link utrecht-link--html-a" href="${link(Math.max(0, offset - limit))}">Vorige ${limit}</a>` : ''}
    <span>${offset + 1}–${Math.min(offset + limit, total)} van ${total}</span>
    ${offset + limit < total ? html`<a class="utrecht-link utrecht-link--html-a" href="${link(offset + limit)}">Volgende ${limit}</a>` : ''}
  </nav>`;
}
