import type { Principal } from '../../auth/principal';
import { doelgroepen, fasen } from '../../../domain/types';
import type { Kandidaat, Uitgesloten } from '../../../domain/rules/matching';
import { errorSummary, hiddenFields, options, renderField, type FieldErrors, type FormValues } from '../forms';
import { regelDetail, verdictList, zinnen } from './reasons';
import { html, type Html } from '../html';
import { euro, faseLabel, formatDate, label } from '../labels';
import { page } from '../layout';
import { caseTable, emptyState, pager, type CaseRowView } from './components';
import { kolommenUitleg, woningFormSection } from './woning-form';
import type { Naam } from '../names';
import { behandelaarFilterField } from './routing-views';

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
    html`<h1 class="utrecht-heading-1">Inloggen (lokaal)</h1>
    ${o.sessionProblem ? html`<div class="waarschuwing" role="status">${o.sessionProblem}</div>` : ''}
    <p class="utrecht-paragraph">Deze inlogpagina is er alleen in een lokale testomgeving (<code>AUTH_MODE=local</code>, zoals bij <code>npm start</code>). In productie logt u in via de identiteitsprovider van uw organisatie.</p>
    ${o.error ? errorSummary({}, o.error) : ''}
    <form class="formulier" method="post" action="/app/inloggen" novalidate>
      <input type="hidden" name="_csrf" value="${o.csrf}">
      ${renderField({ kind: 'text', name: 'sub', label: 'Gebruikerscode', required: true, hint: 'Een pseudonieme code, zoals u-cons-1.', maxLength: 64 }, v, {})}
      ${renderField({ kind: 'select', name: 'org', label: 'Organisatie', required: true, empty: 'Kies uw organisatie', hint: 'De actieve organisaties in het register van het samenwerkingsverband.', options: o.organisaties }, v, {})}
      ${renderField({ kind: 'radio', name: 'role', label: 'Rol', required: true, options: roles }, v, {})}
      ${renderField({ kind: 'text', name: 'gemeente', label: 'Gemeente (alleen voor een gemeentelijke manager)', hint: 'CBS-code, zoals GM0363.', maxLength: 6 }, v, {})}
      <button type="submit" class="utrecht-button utrecht-button--primary-action">Inloggen</button>
    </form>`,
  ).value;
}

export function noLoginPage(o: { sessionProblem?: string | undefined } = {}): string {
  return page(
    { title: 'Inloggen' },
    html`<h1 class="utrecht-heading-1">Inloggen</h1>${o.sessionProblem ? html`<div class="waarschuwing" role="status">${o.sessionProblem}</div>` : ''}<p class="utrecht-paragraph">U bent niet ingelogd. Log in via de identiteitsprovider van uw organisatie; daarna komt u hier terug.</p>`,
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
  /** Filters the reader's view hides or its rules refuse (list-filters): not offered. */
  hiddenFilters?: readonly string[];
  /** The behandelaar filter's colleagues; null or absent: not offered. */
  behandelaars?: ReadonlyArray<{ id: string; naam: string | null }> | null;
  /** The search box: what was searched, why it searched nothing, whether a referentie is searched too. */
  search?: { term: string; problem?: string | undefined; referentie: boolean };
  flash?: string | undefined;
}): string {
  const q = o.query;
  const s = o.search;
  return page(
    { title: o.title, principal: o.principal, csrf: o.csrf, current: o.current, flash: o.flash, wide: true },
    html`<h1 class="utrecht-heading-1">${o.title}</h1><p class="utrecht-paragraph">${o.intro}</p>
    ${
      o.filters
        ? html`<form class="filters" method="get" action="${o.current}" role="search" aria-label="Casussen filteren">
          ${renderField({ kind: 'select', name: 'status', label: 'Status', options: options(['lopend', 'afgesloten']), empty: 'Alle' }, { status: q.get('status') ?? '' }, {})}
          ${renderField({ kind: 'select', name: 'fase', label: 'Stap', options: fasen.map((f) => [f, faseLabel[f] ?? f] as const), empty: 'Alle' }, { fase: q.get('fase') ?? '' }, {})}
          ${o.hiddenFilters?.includes('doelgroep') ? '' : renderField({ kind: 'select', name: 'doelgroep', label: 'Doelgroep', options: options(doelgroepen), empty: 'Alle' }, { doelgroep: q.get('doelgroep') ?? '' }, {})}
          ${renderField(
            {
              kind: 'select',
              name: 'overTermijn',
              label: 'Termijn',
              options: [
                ['ja', 'Over de termijn'],
                ['nee', 'Binnen de termijn'],
              ],
              empty: 'Alle',
            },
            { overTermijn: q.get('overTermijn') ?? '' },
            {},
          )}
          ${o.behandelaars && !o.hiddenFilters?.includes('behandelaar') ? renderField(behandelaarFilterField(o.behandelaars, o.principal.sub), { behandelaar: q.get('behandelaar') ?? '' }, {}) : ''}
          ${s ? renderField({ kind: 'text', name: 'zoek', label: s.referentie ? 'Zoek op casuscode of referentie' : 'Zoek op casuscode', hint: s.referentie ? 'Bijvoorbeeld 65b200f6 of WT-2023-0042.' : 'De 8 tekens na "Casus", zoals 65b200f6.', maxLength: 60 }, { zoek: s.term }, s.problem ? { zoek: s.problem } : {}) : ''}
          <button type="submit" class="utrecht-button utrecht-button--secondary-action">Filteren</button>
        </form>`
        : ''
    }
    <p class="utrecht-paragraph">${o.total} casus${o.total === 1 ? '' : 'sen'}.</p>
    ${caseTable(
      o.rows,
      o.title,
      leegeLijst(o.principal, q),
      o.rows.some((r) => r.referentie !== undefined),
      o.naam,
    )}
    ${pager(o.current, q, o.offset, o.limit, o.total)}`,
  ).value;
}

function woningRegel(w: Kandidaat['woning']): string {
  return `${label(w.woonvorm)}, ${w.kamers} kamer${w.kamers === 1 ? '' : 's'}, ${euro(w.kaleHuur + w.servicekosten)} per maand, buurt ${w.buurtcode}`;
}

/** What an empty case list offers: a filter to loosen, a new aanmelding for a consulent, else where work arrives. */
function leegeLijst(p: Principal, q: URLSearchParams): Html {
  if (['status', 'fase', 'doelgroep'].some((k) => q.get(k)))
    return emptyState('Geen casussen met deze filters.', { href: '?', text: 'Filters wissen' });
  if (p.roles.includes('consulent'))
    return emptyState('U heeft nog geen casussen.', { href: '/app/casussen/nieuw', text: 'Nieuwe aanmelding doen' });
  return emptyState('Er zijn nu geen casussen. Een casus verschijnt hier zodra uw organisatie er partij in is.');
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
    html`<p class="utrecht-paragraph"><a class="utrecht-link utrecht-link--html-a" href="${back}">Terug naar de casus</a></p>
    <h1 class="utrecht-heading-1">Passende woningen voor casus ${o.caseId.slice(0, 8)}</h1>
    <p class="utrecht-paragraph">${r.totaal} vrije woning${r.totaal === 1 ? '' : 'en'} voldoe${r.totaal === 1 ? 't' : 'n'} aan alle harde regels op ${formatDate(r.aanbodDatum)}. De beste staan bovenaan; bij elke woning staat waarom hij past.</p>
    ${regelDetail(r.regel)}
    ${r.afgekapt ? html`<p class="utrecht-paragraph waarschuwing">Er zijn meer kandidaten dan getoond kunnen worden.</p>` : ''}
    ${errorSummary(o.errors, o.general)}
    ${
      r.kandidaten.length
        ? html`<form class="formulier breed" method="post" action="/app/casussen/${o.caseId}/stappen/aanbod" novalidate>
        ${hiddenFields(o.csrf)}
        <fieldset class="veld${o.errors.woningId ? ' veld-fout' : ''}" id="f-woningId"><legend>Kies de woning om aan te bieden <span class="verplicht">(verplicht)</span></legend>
          ${o.errors.woningId ? html`<p class="utrecht-paragraph fout" id="f-woningId-error"><span class="fout-label">Fout:</span> ${o.errors.woningId}</p>` : ''}
          ${r.kandidaten.map(
            (
              k,
              i,
            ) => html`<div class="kaart keuze"><input class="utrecht-radio-button utrecht-radio-button--html-input" type="radio" id="w-${i}" name="woningId" value="${k.woning.id}"${String(o.values.woningId ?? '') === k.woning.id ? html` checked` : ''}>
              <label for="w-${i}"><strong>Woning ${k.woning.referentie}</strong> — ${woningRegel(k.woning)} (score ${Math.round(k.score)})
              <span class="hint waarom">Waarom deze woning past: ${zinnen(k.redenen)}</span></label></div>`,
          )}
        </fieldset>
        ${renderField({ kind: 'date', name: 'bezichtigingOp', label: 'Bezichtiging op', hint: 'Als er eerst een bezichtiging is.' }, o.values, o.errors)}
        <button type="submit" class="utrecht-button utrecht-button--primary-action">Woning aanbieden</button>
      </form>`
        : html`<p class="utrecht-paragraph kaart">Er is nu geen vrije woning die aan alle regels voldoet. Bekijk hieronder waarom woningen niet passen, of overweeg een doorgeleiding.</p>`
    }
    <h2 class="utrecht-heading-2">Woningen die niet passen</h2>
    ${
      o.showExcluded
        ? r.uitgesloten?.length
          ? html`<div class="tabel-wrap"><table class="utrecht-table utrecht-table--html-table"><caption class="utrecht-table__caption">Uitgesloten woningen en de regels die ze uitsluiten</caption>
          <thead class="utrecht-table__header"><tr class="utrecht-table__row"><th class="utrecht-table__header-cell" scope="col">Woning</th><th class="utrecht-table__header-cell" scope="col">Kenmerken</th><th class="utrecht-table__header-cell" scope="col">Waarom niet</th></tr></thead>
          <tbody class="utrecht-table__body">${r.uitgesloten.map(
            (
              u,
            ) => html`<tr class="utrecht-table__row"><td class="utrecht-table__cell">${u.woning.referentie}</td><td class="utrecht-table__cell">${woningRegel(u.woning)}</td>
              <td class="utrecht-table__cell">${verdictList(u.weigeringen)}</td></tr>`,
          )}</tbody></table></div>`
          : html`<p class="utrecht-paragraph">Geen uitgesloten woningen gevonden.</p>`
        : html`<p class="utrecht-paragraph"><a class="utrecht-link utrecht-link--html-a" href="/app/casussen/${o.caseId}/woningen?uitgesloten=ja">Toon ook de woningen die niet passen, met de reden</a></p>`
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
  form?: { values: FormValues; errors: FieldErrors; general?: string | undefined; gelukt?: string | undefined };
}): string {
  const ir = o.importResult;
  // Red when nothing could be written: every row was refused.
  const allesGeweigerd = ir !== undefined && ir.rejected > 0 && ir.created + ir.updated === 0;
  return page(
    { title: 'Woningaanbod', principal: o.principal, csrf: o.csrf, current: '/app/woningen', wide: true },
    html`<h1 class="utrecht-heading-1">Woningaanbod van ${o.principal.orgNaam ?? o.principal.org}</h1>
    <section class="kaart" aria-labelledby="h-import"><h2 class="utrecht-heading-2" id="h-import">Mutaties importeren (CSV)</h2>
      <p class="utrecht-paragraph">Een CSV-bestand met een kopregel en per regel één woning; kolommen gescheiden door ; of , en bedragen met een komma of punt. Ja/nee-kolommen: ja of nee. Een bestaande referentie wordt bijgewerkt. <a class="utrecht-link utrecht-link--html-a" href="/app/woningen/sjabloon.csv" download>Download het sjabloon (CSV)</a> met alle kolommen en een voorbeeldregel.</p>
      ${kolommenUitleg()}
      ${o.importError ? html`<div class="utrecht-alert utrecht-alert--error foutmelding" role="alert" tabindex="-1" id="foutoverzicht"><h2 class="utrecht-heading-2">Het bestand is niet ingelezen</h2><p class="utrecht-paragraph">${o.importError}</p></div>` : ''}
      ${
        ir
          ? html`<div class="${allesGeweigerd ? 'foutmelding' : 'melding'}" role="status">${allesGeweigerd ? 'Geen enkele regel is ingelezen: ' : ''}${ir.created} nieuw, ${ir.updated} bijgewerkt, ${ir.rejected} regel${ir.rejected === 1 ? '' : 's'} geweigerd.</div>
          ${
            ir.errors.length
              ? html`<div class="tabel-wrap"><table class="utrecht-table utrecht-table--html-table"><caption class="utrecht-table__caption">Geweigerde regels</caption><thead class="utrecht-table__header"><tr class="utrecht-table__row"><th scope="col" class="utrecht-table__header-cell getal">Regel</th><th class="utrecht-table__header-cell" scope="col">Kolom</th><th class="utrecht-table__header-cell" scope="col">Probleem</th></tr></thead>
            <tbody class="utrecht-table__body">${ir.errors.map((e) => html`<tr class="utrecht-table__row"><td class="utrecht-table__cell getal">${e.row}</td><td class="utrecht-table__cell">${e.field}</td><td class="utrecht-table__cell bericht">${e.problem}</td></tr>`)}</tbody></table></div>`
              : ''
          }`
          : ''
      }
      <form method="post" action="/app/woningen/import" enctype="multipart/form-data">
        <input type="hidden" name="_csrf" value="${o.csrf}">
        <div class="veld"><label for="f-bestand">CSV-bestand <span class="verplicht">(verplicht)</span></label>
          <p class="utrecht-paragraph hint" id="f-bestand-hint">Hoogstens 5 MB.</p>
          <input type="file" id="f-bestand" name="bestand" accept=".csv,text/csv" aria-describedby="f-bestand-hint"></div>
        <button type="submit" class="utrecht-button utrecht-button--primary-action">Importeren</button>
      </form>
    </section>
    ${woningFormSection({ csrf: o.csrf, values: {}, errors: {}, ...o.form })}
    <h2 class="utrecht-heading-2">Woningen</h2>
    <form class="filters" method="get" action="/app/woningen" role="search" aria-label="Woningen filteren">
      ${renderField({ kind: 'select', name: 'status', label: 'Status', options: options(['vrij', 'gereserveerd', 'aangeboden', 'verhuurd']), empty: 'Alle' }, { status: o.query.get('status') ?? '' }, {})}
      <button type="submit" class="utrecht-button utrecht-button--secondary-action">Filteren</button>
    </form>
    <p class="utrecht-paragraph">${o.total} woning${o.total === 1 ? '' : 'en'}.</p>
    ${
      o.rows.length
        ? html`<div class="tabel-wrap"><table class="utrecht-table utrecht-table--html-table"><caption class="utrecht-table__caption">Woningaanbod</caption>
        <thead class="utrecht-table__header"><tr class="utrecht-table__row"><th class="utrecht-table__header-cell" scope="col">Referentie</th><th class="utrecht-table__header-cell" scope="col">Woonvorm</th><th class="utrecht-table__header-cell" scope="col">Buurt</th><th scope="col" class="utrecht-table__header-cell getal">Kamers</th><th scope="col" class="utrecht-table__header-cell getal">Huur per maand</th><th class="utrecht-table__header-cell" scope="col">Opgave</th><th class="utrecht-table__header-cell" scope="col">Beschikbaar vanaf</th><th class="utrecht-table__header-cell" scope="col">Status</th></tr></thead>
        <tbody class="utrecht-table__body">${o.rows.map(
          (
            w,
          ) => html`<tr class="utrecht-table__row"><td class="utrecht-table__cell">${w.referentie}</td><td class="utrecht-table__cell">${label(w.woonvorm)}</td><td class="utrecht-table__cell">${w.buurtcode}</td><td class="utrecht-table__cell getal">${w.kamers}</td>
            <td class="utrecht-table__cell getal">${euro(w.kaleHuur + w.servicekosten)}</td><td class="utrecht-table__cell">${label(w.opgave)}</td><td class="utrecht-table__cell">${formatDate(w.beschikbaarVanaf)}</td><td class="utrecht-table__cell">${label(w.status)}</td></tr>`,
        )}</tbody></table></div>`
        : emptyState('Er staan nog geen woningen in het woningaanbod van uw corporatie.', {
            href: '#h-import',
            text: 'Woningen importeren uit een CSV-bestand',
          })
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
    html`<h1 class="utrecht-heading-1">${o.title}</h1><p class="utrecht-paragraph">${o.message}</p>${o.withoutHome ? '' : html`${o.status === 403 && o.principal ? html`<p class="utrecht-paragraph"><a class="utrecht-link utrecht-link--html-a" href="/app/wat-u-kunt-doen">Wat u hier kunt doen</a> met uw rol.</p>` : ''}<p class="utrecht-paragraph"><a class="utrecht-link utrecht-link--html-a" href="/app">Naar de startpagina</a></p>`}`,
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

/** What the reader's roles may do, each with its start page where it has one; for a role without one, and after a 403. */
export function rolePage(o: {
  principal: Principal;
  csrf: string;
  startPages: Partial<Record<string, string>>;
}): string {
  return page(
    { title: 'Wat u hier kunt doen', principal: o.principal, csrf: o.csrf, current: '/app/wat-u-kunt-doen' },
    html`<h1 class="utrecht-heading-1">Wat u hier kunt doen</h1><ul class="utrecht-unordered-list">${o.principal.roles.map((r) => html`<li>${rolUitleg[r] ?? 'Met deze rol is er in de webapp nog niets te doen.'}${o.startPages[r] ? html` <a class="utrecht-link utrecht-link--html-a" href="${o.startPages[r]}">Ga naar ${startLabel[o.startPages[r]] ?? 'de pagina'}</a>` : ''}</li>`)}</ul>`,
  ).value;
}
const startLabel: Record<string, string> = {
  '/app/casussen': 'uw casussen',
  '/app/inbox': 'uw inbox',
  '/app/dashboard': 'het dashboard',
  '/app/beheer': 'beheer',
  '/app/privacy': 'het auditlog',
};
