import type { Principal } from '../../auth/principal';
import { hiddenFields, renderField, type Field } from '../forms';
import { html, type Html } from '../html';
import { faseLabel, formatDate, formatDateTime, label, rolLabel } from '../labels';
import { page } from '../layout';
import type { GemeenteNaam } from '../gemeenten';
import { pager } from './components';

/** The pages and panels of routing and the behandelaar: Te verdelen, the inbox, and the case page's panel. */

/** The behandelaar filter of a list: the reader, nobody yet, or a colleague; always the reader's own side. */
export function behandelaarFilterField(
  collegas: ReadonlyArray<{ id: string; naam: string | null }>,
  me: string,
): Field {
  return {
    kind: 'select',
    name: 'behandelaar',
    label: 'Behandelaar',
    hint: 'Van uw eigen organisatie.',
    empty: 'Iedereen',
    options: [
      ['mij', 'Ikzelf'],
      ['geen', 'Nog niemand'],
      ...collegas.filter((c) => c.id !== me).map((c) => [c.id, c.naam ?? c.id] as const),
    ],
  };
}

const zijdeLabel: Record<string, string> = { zorginstelling: 'Zorginstelling', corporatie: 'Corporatie' };

export interface TeVerdelenRow {
  caseId: string;
  zijde: string;
  fase: string;
  gemeente: string;
  urgent: boolean;
  deelgroep: string;
  route: string;
  woonvorm: string | null;
  doelgroep?: string | undefined;
  sinds: string;
}

export function teVerdelenPage(o: {
  principal: Principal;
  csrf: string;
  rows: TeVerdelenRow[];
  total: number;
  offset: number;
  limit: number;
  flash?: string | undefined;
  /** Gemeenten by name (api/web/gemeenten.ts). */
  gemeenteNaam?: GemeenteNaam;
}): string {
  const zorg = o.rows.some((r) => r.doelgroep !== undefined);
  const gemeente = o.gemeenteNaam ?? ((code: string | null | undefined) => code ?? '—');
  return page(
    {
      title: 'Te verdelen',
      principal: o.principal,
      csrf: o.csrf,
      current: '/app/te-verdelen',
      flash: o.flash,
      wide: true,
    },
    html`<h1>Te verdelen</h1>
    <p>Casussen in uw werkgebied waarvoor nog geen ${o.principal.roles.includes('zorgmedewerker') ? 'zorginstelling' : 'corporatie'} is gekozen.
      U ziet alleen wat u nodig hebt om te beslissen; na het aannemen bent u partij en ziet u de casus.</p>
    <p>${o.total} casus${o.total === 1 ? '' : 'sen'}.</p>
    ${
      o.rows.length
        ? html`<div class="tabel-wrap"><table>
      <caption>Te verdelen</caption>
      <thead><tr><th scope="col">Casus</th><th scope="col">Stap</th><th scope="col">Gemeente</th><th scope="col">Urgent</th><th scope="col">Deelgroep</th>${zorg ? html`<th scope="col">Doelgroep</th>` : ''}<th scope="col">Woonvorm</th><th scope="col">Sinds</th><th scope="col">Actie</th></tr></thead>
      <tbody>${o.rows.map(
        (r) => html`<tr>
        <td>Casus ${r.caseId.slice(0, 8)}</td>
        <td>${faseLabel[r.fase] ?? r.fase}</td>
        <td>${gemeente(r.gemeente)}</td>
        <td>${r.urgent ? 'ja' : 'nee'}</td>
        <td>${label(r.deelgroep)}</td>
        ${zorg ? html`<td>${label(r.doelgroep ?? '')}</td>` : ''}
        <td>${r.woonvorm ? label(r.woonvorm) : 'nog niet gekozen'}</td>
        <td>${formatDate(r.sinds)}</td>
        <td><form method="post" action="/app/casussen/${r.caseId}/aannemen">${hiddenFields(o.csrf)}
          <input type="hidden" name="zijde" value="${r.zijde}">
          <button type="submit" aria-label="Casus ${r.caseId.slice(0, 8)} aannemen">Casus aannemen</button></form></td>
      </tr>`,
      )}</tbody></table></div>`
        : html`<p>Er zijn nu geen casussen te verdelen.</p>`
    }
    ${pager('/app/te-verdelen', new URLSearchParams(), o.offset, o.limit, o.total)}`,
  ).value;
}

export interface InboxRow {
  id: string;
  fase: string;
  aanZet: string[];
  termijn: { deadlineAt: string | null; overNorm: boolean } | null;
  behandelaar: { id: string; naam: string | null } | null;
}

export function inboxPage(o: {
  principal: Principal;
  csrf: string;
  title: string;
  lijst: 'mijn' | 'team';
  rol: string;
  sorteer: 'deadline' | 'wachttijd';
  richting: 'op' | 'af';
  rows: InboxRow[];
  total: number;
  offset: number;
  limit: number;
  /** Team only: the behandelaar filter (a user id, mij or geen) and its choices. */
  behandelaar?: string | undefined;
  behandelaars?: ReadonlyArray<{ id: string; naam: string | null }> | null;
}): string {
  const base = { lijst: o.lijst, rol: o.rol, sorteer: o.sorteer, richting: o.richting };
  const filtered = o.lijst === 'team' && o.behandelaar ? { ...base, behandelaar: o.behandelaar } : base;
  const link = (over: Record<string, string>) =>
    `/app/inbox?${new URLSearchParams({ ...(over.lijst === 'mijn' ? base : filtered), ...over })}`;
  const tab = (lijst: 'mijn' | 'team', text: string) =>
    html`<li><a href="${link({ lijst, offset: '0' })}"${o.lijst === lijst ? html` aria-current="page"` : ''}>${text}</a></li>`;
  const sortLink = (sorteer: 'deadline' | 'wachttijd', text: string) => {
    const active = o.sorteer === sorteer;
    const richting = active && o.richting === 'op' ? 'af' : 'op';
    const state = active ? (o.richting === 'op' ? 'ascending' : 'descending') : 'none';
    return html`<th scope="col" aria-sort="${state}"><a href="${link({ sorteer, richting, offset: '0' })}">${text}</a></th>`;
  };
  const query = new URLSearchParams(filtered);
  const filter =
    o.lijst === 'team' && o.behandelaars
      ? html`<form class="filters" method="get" action="/app/inbox" role="search" aria-label="Team filteren">
        ${Object.entries({ lijst: o.lijst, rol: o.rol, sorteer: o.sorteer, richting: o.richting }).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`)}
        ${renderField(behandelaarFilterField(o.behandelaars, o.principal.sub), { behandelaar: o.behandelaar ?? '' }, {})}
        <button type="submit" class="utrecht-button utrecht-button--secondary-action">Filteren</button></form>`
      : '';
  return page(
    { title: o.title, principal: o.principal, csrf: o.csrf, current: '/app/inbox', wide: true },
    html`<h1>${o.title}</h1>
    <nav aria-label="Inbox"><ul class="tabs">${tab('mijn', 'Mijn werk')}${tab('team', 'Team')}</ul></nav>
    ${filter}
    <p>${o.lijst === 'mijn' ? 'Casussen waarvan u behandelaar bent.' : `Casussen van uw organisatie die wachten op de ${rolLabel[o.rol] ?? o.rol}.`}
      ${o.total} casus${o.total === 1 ? '' : 'sen'}.</p>
    ${
      o.rows.length
        ? html`<div class="tabel-wrap"><table>
      <caption>${o.lijst === 'mijn' ? 'Mijn werk' : 'Team'}</caption>
      <thead><tr><th scope="col">Casus</th><th scope="col">Huidige stap</th><th scope="col">Aan zet</th>${sortLink('deadline', 'Deadline')}${sortLink('wachttijd', 'Wacht sinds')}<th scope="col">Behandelaar</th></tr></thead>
      <tbody>${o.rows.map(
        (r) => html`<tr>
        <td><a href="/app/casussen/${r.id}">Casus ${r.id.slice(0, 8)}</a></td>
        <td>${faseLabel[r.fase] ?? r.fase}</td>
        <td>${r.aanZet.length ? r.aanZet.map((a) => rolLabel[a] ?? a).join(', ') : '—'}</td>
        <td>${r.termijn?.deadlineAt ? formatDateTime(r.termijn.deadlineAt) : 'geen norm'}${r.termijn?.overNorm ? html` <span class="label-status status-over">over de norm</span>` : ''}</td>
        <td>${formatDate((r as unknown as { updatedAt: string }).updatedAt)}</td>
        <td>${r.behandelaar ? (r.behandelaar.naam ?? r.behandelaar.id) : 'niemand'}</td>
      </tr>`,
      )}</tbody></table></div>`
        : html`<p>Er zijn geen casussen om te tonen.</p>`
    }
    ${pager('/app/inbox', query, o.offset, o.limit, o.total)}`,
  ).value;
}

/** The case page's panel: who is behandelaar of the reader's party, with Oppakken / Overdragen aan / Vrijgeven. */
export function behandelaarPanel(o: {
  caseId: string;
  csrf: string;
  me: string;
  behandelaar: { id: string; naam: string | null } | null;
  collegas: Array<{ id: string; naam: string | null }>;
}): Html {
  const action = `/app/casussen/${o.caseId}/behandelaar`;
  const button = (actie: string, text: string) =>
    html`<form method="post" action="${action}" class="inline">${hiddenFields(o.csrf)}<input type="hidden" name="actie" value="${actie}"><button type="submit" class="tweede">${text}</button></form>`;
  const anderen = o.collegas.filter((c) => c.id !== o.behandelaar?.id);
  return html`<section class="kaart" aria-labelledby="h-behandelaar"><h2 id="h-behandelaar">Behandelaar</h2>
    <p>${o.behandelaar ? html`<strong>${o.behandelaar.naam ?? o.behandelaar.id}</strong>${o.behandelaar.id === o.me ? ' (u)' : ''}` : 'Nog niemand van uw organisatie.'}</p>
    ${o.behandelaar ? '' : button('oppakken', 'Oppakken')}
    ${
      anderen.length
        ? html`<form method="post" action="${action}">${hiddenFields(o.csrf)}<input type="hidden" name="actie" value="overdragen">
        <label for="aan">Overdragen aan</label>
        <select id="aan" name="aan">${anderen.map((c) => html`<option value="${c.id}">${c.naam ?? c.id}</option>`)}</select>
        <button type="submit" class="tweede">Overdragen</button></form>`
        : ''
    }
    ${o.behandelaar ? button('vrijgeven', 'Vrijgeven') : ''}</section>`;
}

/** For the wijkteam's consulent: give an open side to an organisation of the werkgebied. */
export function toewijzenPanel(o: {
  caseId: string;
  csrf: string;
  open: Array<{ zijde: string; kandidaten: Array<{ id: string; naam: string }> }>;
}): Html {
  if (!o.open.length) return html``;
  return html`<section class="kaart" aria-labelledby="h-verdelen"><h2 id="h-verdelen">Te verdelen</h2>
    ${o.open.map(
      (
        s,
      ) => html`<p>De ${s.zijde} is nog niet bekend: de casus staat bij de ${s.zijde === 'corporatie' ? 'corporaties' : 'zorginstellingen'} van de gemeente in <em>Te verdelen</em>.</p>
      ${
        s.kandidaten.length
          ? html`<form method="post" action="/app/casussen/${o.caseId}/partij">${hiddenFields(o.csrf)}<input type="hidden" name="zijde" value="${s.zijde}">
        <label for="org-${s.zijde}">${zijdeLabel[s.zijde]} toewijzen</label>
        <select id="org-${s.zijde}" name="organisatie">${s.kandidaten.map((k) => html`<option value="${k.id}">${k.naam}</option>`)}</select>
        <button type="submit" class="tweede">Toewijzen</button></form>`
          : ''
      }`,
    )}</section>`;
}
