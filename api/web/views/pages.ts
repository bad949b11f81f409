import type { Principal } from '../../auth/principal';
import { doelgroepen, fasen } from '../../../domain/types';
import type { Kandidaat, Uitgesloten } from '../../../domain/rules/matching';
import {
  errorSummary,
  hiddenFields,
  labelsOf,
  options,
  renderField,
  type FieldErrors,
  type FormValues,
} from '../forms';
import { html } from '../html';
import { euro, faseLabel, formatDate, label } from '../labels';
import { page } from '../layout';
import { aanmeldingFields } from '../step-forms';
import { caseTable, pager, type CaseRowView } from './components';
import type { Naam } from '../names';

export function loginPage(o: {
  error?: string | undefined;
  values?: FormValues;
  sessionProblem?: string | undefined;
  csrf: string;
  /** The active organisations of the register: [id, "naam (soort)"]. */
  organisaties: ReadonlyArray<readonly [string, string]>;
}): string {
  const v = o.values ?? {};
  const roles: Array<[string, string]> = [
    ['consulent', 'Consulent (wijkteam)'],
    ['zorgmedewerker', 'Zorgmedewerker (zorginstelling)'],
    ['verhuurmedewerker', 'Verhuurmedewerker (corporatie)'],
    ['manager', 'Manager'],
    ['beheerder', 'Beheerder (gemeente of platform)'],
    ['privacy_officer', 'Privacy officer'],
  ];
  return page(
    { title: 'Inloggen' },
    html`<h1>Inloggen (lokaal)</h1>
    ${o.sessionProblem ? html`<div class="waarschuwing" role="status">${o.sessionProblem}</div>` : ''}
    <p>Deze inlogpagina is er alleen in een lokale testomgeving (<code>AUTH_MODE=local</code>, zoals bij <code>npm start</code>). In productie logt u in via de identiteitsprovider van uw organisatie.</p>
    ${o.error ? errorSummary({}, o.error) : ''}
    <form class="formulier" method="post" action="/app/inloggen" novalidate>
      <input type="hidden" name="_csrf" value="${o.csrf}">
      ${renderField({ kind: 'text', name: 'sub', label: 'Gebruikerscode', required: true, hint: 'Een pseudonieme code, zoals u-cons-1.', maxLength: 64 }, v, {})}
      ${renderField({ kind: 'select', name: 'org', label: 'Organisatie', required: true, empty: 'Kies uw organisatie', hint: 'De actieve organisaties in het register van het samenwerkingsverband.', options: o.organisaties }, v, {})}
      ${renderField({ kind: 'radio', name: 'role', label: 'Rol', required: true, options: roles }, v, {})}
      ${renderField({ kind: 'text', name: 'gemeente', label: 'Gemeente (alleen voor een gemeentelijke manager)', hint: 'CBS-code, zoals GM0363.', maxLength: 6 }, v, {})}
      <button type="submit">Inloggen</button>
    </form>`,
  ).value;
}

export function noLoginPage(o: { sessionProblem?: string | undefined } = {}): string {
  return page(
    { title: 'Inloggen' },
    html`<h1>Inloggen</h1>${o.sessionProblem ? html`<div class="waarschuwing" role="status">${o.sessionProblem}</div>` : ''}<p>U bent niet ingelogd. Log in via de identiteitsprovider van uw organisatie; daarna komt u hier terug.</p>`,
  ).value;
}

export function caseListPage(o: {
  principal: Principal;
  csrf: string;
  title: string;
  intro: string;
  current: string;
  rows: CaseRowView[];
  /** Organisation names (api/web/names.ts). */
  naam?: Naam;
  total: number;
  offset: number;
  limit: number;
  query: URLSearchParams;
  filters: boolean;
  /** Filters the reader's view hides: not offered. */
  hiddenFilters?: readonly string[];
  flash?: string | undefined;
}): string {
  const q = o.query;
  return page(
    { title: o.title, principal: o.principal, csrf: o.csrf, current: o.current, flash: o.flash, wide: true },
    html`<h1>${o.title}</h1><p>${o.intro}</p>
    ${
      o.filters
        ? html`<form class="filters" method="get" action="${o.current}" role="search" aria-label="Casussen filteren">
          ${renderField({ kind: 'select', name: 'status', label: 'Status', options: options(['lopend', 'afgesloten']), empty: 'Alle' }, { status: q.get('status') ?? '' }, {})}
          ${renderField({ kind: 'select', name: 'fase', label: 'Stap', options: fasen.map((f) => [f, faseLabel[f] ?? f] as const), empty: 'Alle' }, { fase: q.get('fase') ?? '' }, {})}
          ${o.hiddenFilters?.includes('doelgroep') ? '' : renderField({ kind: 'select', name: 'doelgroep', label: 'Doelgroep', options: options(doelgroepen), empty: 'Alle' }, { doelgroep: q.get('doelgroep') ?? '' }, {})}
          <button type="submit" class="tweede">Filteren</button>
        </form>`
        : ''
    }
    <p>${o.total} casus${o.total === 1 ? '' : 'sen'}.</p>
    ${caseTable(o.rows, o.title, o.naam)}
    ${pager(o.current, q, o.offset, o.limit, o.total)}`,
  ).value;
}

export function newCasePage(o: {
  principal: Principal;
  csrf: string;
  values: FormValues;
  errors: FieldErrors;
  general?: string | undefined;
  key?: string | undefined;
}): string {
  return page(
    { title: 'Nieuwe aanmelding', principal: o.principal, csrf: o.csrf, current: '/app/casussen/nieuw' },
    html`<h1>Nieuwe aanmelding</h1>
    <p>Meld een persoon aan die een woning én ondersteuning nodig heeft. Vul alleen in wat het proces nodig heeft: geen naam, adres, geboortedatum of BSN.</p>
    ${errorSummary(o.errors, o.general, labelsOf(aanmeldingFields))}
    <form class="formulier" method="post" action="/app/casussen/nieuw" novalidate>
      ${hiddenFields(o.csrf, o.key)}
      <fieldset class="veld"><legend><h2>De persoon</h2></legend>
        ${aanmeldingFields.slice(0, 5).map((f) => renderField(f, o.values, o.errors))}</fieldset>
      <fieldset class="veld"><legend><h2>Doelgroep en indicatie</h2></legend>
        ${aanmeldingFields.slice(5, 10).map((f) => renderField(f, o.values, o.errors))}</fieldset>
      <fieldset class="veld"><legend><h2>Gemeente en partijen</h2></legend>
        ${aanmeldingFields.slice(10).map((f) => renderField(f, o.values, o.errors))}</fieldset>
      <button type="submit">Aanmelding versturen</button>
    </form>`,
  ).value;
}

function woningRegel(w: Kandidaat['woning']): string {
  return `${label(w.woonvorm)}, ${w.kamers} kamer${w.kamers === 1 ? '' : 's'}, ${euro(w.kaleHuur + w.servicekosten)} per maand, buurt ${w.buurtcode}`;
}

export function matchesPage(o: {
  principal: Principal;
  csrf: string;
  caseId: string;
  result: {
    regel: string;
    aanbodDatum: string;
    totaal: number;
    afgekapt: boolean;
    kandidaten: Kandidaat[];
    uitgesloten?: Uitgesloten[];
  };
  showExcluded: boolean;
  errors: FieldErrors;
  general?: string | undefined;
  values: FormValues;
}): string {
  const r = o.result;
  const back = `/app/casussen/${o.caseId}`;
  return page(
    { title: 'Passende woningen', principal: o.principal, csrf: o.csrf, wide: true },
    html`<p><a href="${back}">Terug naar de casus</a></p>
    <h1>Passende woningen voor casus ${o.caseId.slice(0, 8)}</h1>
    <p>${r.totaal} vrije woning${r.totaal === 1 ? '' : 'en'} voldoe${r.totaal === 1 ? 't' : 'n'} aan alle harde regels (peildatum ${formatDate(r.aanbodDatum)}, regel ${r.regel}). De beste staan bovenaan; bij elke woning staat waarom hij past.</p>
    ${r.afgekapt ? html`<p class="waarschuwing">Er zijn meer kandidaten dan getoond kunnen worden.</p>` : ''}
    ${errorSummary(o.errors, o.general)}
    ${
      r.kandidaten.length
        ? html`<form class="formulier breed" method="post" action="/app/casussen/${o.caseId}/stappen/aanbod" novalidate>
        ${hiddenFields(o.csrf)}
        <fieldset class="veld${o.errors.woningId ? ' veld-fout' : ''}" id="f-woningId"><legend>Kies de woning om aan te bieden <span class="verplicht">(verplicht)</span></legend>
          ${o.errors.woningId ? html`<p class="fout" id="f-woningId-error"><span class="fout-label">Fout:</span> ${o.errors.woningId}</p>` : ''}
          ${r.kandidaten.map(
            (
              k,
              i,
            ) => html`<div class="kaart keuze"><input type="radio" id="w-${i}" name="woningId" value="${k.woning.id}"${String(o.values.woningId ?? '') === k.woning.id ? html` checked` : ''}>
              <label for="w-${i}"><strong>Woning ${k.woning.referentie}</strong> — ${woningRegel(k.woning)} (score ${Math.round(k.score)})
              <span class="hint">Waarom deze woning past: ${k.redenen.join('; ')}</span></label></div>`,
          )}
        </fieldset>
        ${renderField({ kind: 'date', name: 'bezichtigingOp', label: 'Bezichtiging op', hint: 'Als er eerst een bezichtiging is.' }, o.values, o.errors)}
        <button type="submit">Woning aanbieden</button>
      </form>`
        : html`<p class="kaart">Er is nu geen vrije woning die aan alle regels voldoet. Bekijk hieronder waarom woningen niet passen, of overweeg een doorgeleiding.</p>`
    }
    <h2>Woningen die niet passen</h2>
    ${
      o.showExcluded
        ? r.uitgesloten?.length
          ? html`<div class="tabel-wrap"><table><caption>Uitgesloten woningen en de regels die ze uitsluiten</caption>
          <thead><tr><th scope="col">Woning</th><th scope="col">Kenmerken</th><th scope="col">Waarom niet</th></tr></thead>
          <tbody>${r.uitgesloten.map(
            (u) => html`<tr><td>${u.woning.referentie}</td><td>${woningRegel(u.woning)}</td>
              <td><ul>${u.weigeringen.map((w) => html`<li><strong>${w.regel}</strong>: ${w.redenen.join('; ')}</li>`)}</ul></td></tr>`,
          )}</tbody></table></div>`
          : html`<p>Geen uitgesloten woningen gevonden.</p>`
        : html`<p><a href="/app/casussen/${o.caseId}/woningen?uitgesloten=ja">Toon ook de woningen die niet passen, met de reden</a></p>`
    }`,
  ).value;
}

export interface WoningListRow {
  id: string;
  referentie: string;
  woonvorm: string;
  buurtcode: string;
  kamers: number;
  kaleHuur: number;
  servicekosten: number;
  status: string;
  beschikbaarVanaf: string;
  opgave: string;
}

export function woningenPage(o: {
  principal: Principal;
  csrf: string;
  rows: WoningListRow[];
  total: number;
  offset: number;
  limit: number;
  query: URLSearchParams;
  importResult?:
    | {
        created: number;
        updated: number;
        rejected: number;
        errors: Array<{ row: number; field: string; problem: string }>;
      }
    | undefined;
  importError?: string | undefined;
}): string {
  const ir = o.importResult;
  return page(
    { title: 'Woningaanbod', principal: o.principal, csrf: o.csrf, current: '/app/woningen', wide: true },
    html`<h1>Woningaanbod van ${o.principal.org}</h1>
    <section class="kaart" aria-labelledby="h-import"><h2 id="h-import">Mutaties importeren (CSV)</h2>
      <p>Een CSV-bestand met een kopregel en per regel één woning. Kolommen: referentie, gemeente, wijk (niet verplicht), buurtcode, woonvorm, kamers, kaleHuur, servicekosten, zelfstandig, drempelsOverbrugd, gangbreedteCm, noodoproep, gemeenschappelijkeRuimte, opgave, beschikbaarVanaf. Ja/nee-kolommen: ja of nee. Een bestaande referentie wordt bijgewerkt.</p>
      ${o.importError ? html`<div class="foutmelding" role="alert" tabindex="-1" id="foutoverzicht"><h2>Het bestand is niet ingelezen</h2><p>${o.importError}</p></div>` : ''}
      ${
        ir
          ? html`<div class="melding" role="status">${ir.created} nieuw, ${ir.updated} bijgewerkt, ${ir.rejected} regel${ir.rejected === 1 ? '' : 's'} geweigerd.</div>
          ${
            ir.errors.length
              ? html`<div class="tabel-wrap"><table><caption>Geweigerde regels</caption><thead><tr><th scope="col" class="getal">Regel</th><th scope="col">Kolom</th><th scope="col">Probleem</th></tr></thead>
            <tbody>${ir.errors.map((e) => html`<tr><td class="getal">${e.row}</td><td>${e.field}</td><td>${e.problem}</td></tr>`)}</tbody></table></div>`
              : ''
          }`
          : ''
      }
      <form method="post" action="/app/woningen/import" enctype="multipart/form-data">
        <input type="hidden" name="_csrf" value="${o.csrf}">
        <div class="veld"><label for="f-bestand">CSV-bestand <span class="verplicht">(verplicht)</span></label>
          <p class="hint" id="f-bestand-hint">Hoogstens 5 MB.</p>
          <input type="file" id="f-bestand" name="bestand" accept=".csv,text/csv" aria-describedby="f-bestand-hint"></div>
        <button type="submit">Importeren</button>
      </form>
    </section>
    <h2>Woningen</h2>
    <form class="filters" method="get" action="/app/woningen" role="search" aria-label="Woningen filteren">
      ${renderField({ kind: 'select', name: 'status', label: 'Status', options: options(['vrij', 'gereserveerd', 'aangeboden', 'verhuurd']), empty: 'Alle' }, { status: o.query.get('status') ?? '' }, {})}
      <button type="submit" class="tweede">Filteren</button>
    </form>
    <p>${o.total} woning${o.total === 1 ? '' : 'en'}.</p>
    ${
      o.rows.length
        ? html`<div class="tabel-wrap"><table><caption>Woningaanbod</caption>
        <thead><tr><th scope="col">Referentie</th><th scope="col">Woonvorm</th><th scope="col">Buurt</th><th scope="col" class="getal">Kamers</th><th scope="col" class="getal">Huur per maand</th><th scope="col">Opgave</th><th scope="col">Beschikbaar vanaf</th><th scope="col">Status</th></tr></thead>
        <tbody>${o.rows.map(
          (
            w,
          ) => html`<tr><td>${w.referentie}</td><td>${label(w.woonvorm)}</td><td>${w.buurtcode}</td><td class="getal">${w.kamers}</td>
            <td class="getal">${euro(w.kaleHuur + w.servicekosten)}</td><td>${label(w.opgave)}</td><td>${formatDate(w.beschikbaarVanaf)}</td><td>${label(w.status)}</td></tr>`,
        )}</tbody></table></div>`
        : html`<p>Nog geen woningen.</p>`
    }
    ${pager('/app/woningen', o.query, o.offset, o.limit, o.total)}`,
  ).value;
}

export function errorPage(o: {
  principal?: Principal | undefined;
  csrf?: string;
  status: number;
  title: string;
  message: string;
  /** The start page would refuse too (the organisation check): no link back to it, and no menu. */
  withoutHome?: boolean;
}): string {
  return page(
    { title: o.title, principal: o.principal, csrf: o.csrf, nav: !o.withoutHome },
    html`<h1>${o.title}</h1><p>${o.message}</p>${o.withoutHome ? '' : html`<p><a href="/app">Naar de startpagina</a></p>`}`,
  ).value;
}

/** What each role may do here, for a start page that has nothing else to show. */
const rolUitleg: Record<string, string> = {
  consulent: 'Aanmelden en de casussen van uw wijkteam volgen.',
  zorgmedewerker: 'De zorgkant van de casussen van uw zorginstelling vastleggen.',
  verhuurmedewerker: 'De verhuurkant en het woningaanbod van uw corporatie bijhouden.',
  manager: 'Het dashboard en de rapportages over de casussen van uw organisatie of gemeente.',
  beheerder: 'Organisaties, normen, het contingent en de regelparameters bijhouden. Casussen ziet u niet.',
  privacy_officer: 'Het auditlog lezen van de casussen waarin uw organisatie partij is.',
};

export function rolePage(o: { principal: Principal; csrf: string }): string {
  return page(
    { title: 'Wat u hier kunt doen', principal: o.principal, csrf: o.csrf },
    html`<h1>Wat u hier kunt doen</h1><ul>${o.principal.roles.map((r) => html`<li>${rolUitleg[r] ?? 'Met deze rol is er in de webapp nog niets te doen.'}</li>`)}</ul>`,
  ).value;
}
