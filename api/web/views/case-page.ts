import type { Principal } from '../../auth/principal';
import { actsIn, type CaseView } from '../../auth/access-policy';
import { doorgeleidingsAdvies } from '../../../domain/rules/woonvorm-advies';
import type { AanbodRecord, CaseState, StepName } from '../../../domain/types';
import { errorSummary, hiddenFields, labelsOf, renderField, type FieldErrors, type FormValues } from '../forms';
import { regelDetail, verdictList, zinnen } from './reasons';
import { html, type Html } from '../html';
import { euro, faseLabel, formatDate, formatDateTime, label, rolLabel, stepLabel } from '../labels';
import { page } from '../layout';
import { metPartijKeuze, stepForms, woonvormVelden } from '../step-forms';
import { toegestaneKeuzes, woonvormAdviesVoor } from './woonvorm-keuze';
import { klokLabel } from './components';
import { klokVan } from '../queries';
import type { TermijnView } from '../../cases/termijn-view';
import { notesThread, type NotesShown } from './notes-thread';
import { codeAsNaam, type Naam } from '../names';

type Party = { rol: string; organisatie?: string | undefined };

/** The case as the API's GET /cases/:id answers it, already shaped for the reader's view. */
export interface CaseDetail {
  id: string;
  status: string;
  fase: string;
  route: string;
  uitkomst: string | null;
  doelgroep?: string;
  deelgroep: string;
  gemeente: string;
  partijen: { wijkteam: string; zorginstelling: string | null; corporatie: string | null };
  wachtOp: Party[];
  mogelijkeStappen: Array<{ step: StepName; rollen: Party[] }>;
  state: Partial<CaseState> & Pick<CaseState, 'caseId' | 'fase' | 'status'>;
  history: Array<{
    seq: number;
    step: string;
    faseBefore: string;
    faseAfter: string;
    at: string;
    actor: { id: string; rol: string; organisatie: string };
  }>;
  startedAt: string;
  closedAt: string | null;
  /** Added by the workflow's doorlooptijd work: the current fase's norm and deadline. */
  termijn?: TermijnView | null | undefined;
}

/** Steps the principal may record now: the page asks the case (turnOf via the API), it keeps no state machine of its own. */
export function stepsFor(p: Principal, c: Pick<CaseDetail, 'mogelijkeStappen'>): StepName[] {
  return c.mogelijkeStappen.filter((s) => actsIn(p, s.rollen)).map((s) => s.step);
}

export interface StepFormState {
  step: StepName;
  values: FormValues;
  errors: FieldErrors;
  general?: string | undefined;
  /** The idempotency key of the refused submission, reused so a retry is the same request. */
  key?: string | undefined;
}

const ja = (b: boolean | undefined) => (b === undefined ? '—' : b ? 'ja' : 'nee');

const zin = (t: string) => `${t[0]!.toUpperCase()}${t.slice(1)}`;

/** Who confirmed the overdracht for one side, and when (the timeline holds the actor). */
function bevestiging(c: CaseDetail, kant: 'zorg' | 'verhuur', naam: Naam = codeAsNaam): string {
  const op = c.state.bevestigd?.[kant];
  if (!op) return 'nog niet bevestigd';
  const rollen = kant === 'zorg' ? ['zorgmedewerker', 'consulent'] : ['verhuurmedewerker'];
  const e = [...c.history].reverse().find((h) => h.step === 'overdracht_bevestiging' && rollen.includes(h.actor.rol));
  return `bevestigd op ${formatDateTime(op)}${e ? ` door ${e.actor.id} (${rolLabel[e.actor.rol] ?? e.actor.rol}, ${naam(e.actor.organisatie)})` : ''}`;
}

const journey = [
  'vraag',
  'zorg',
  'woonvorm',
  'buurt',
  'aanbod',
  'toewijzing',
  'warme_overdracht',
  'nazorg',
  'afgesloten',
];

/** Where the case is in its journey: done, current, to come (in words for screen readers, not by colour alone). */
function voortgang(c: CaseDetail): Html {
  // The regular route (after a doorgeleiding) has a persoonlijk contact before the aanbod.
  const regulier = c.fase === 'persoonlijk_contact' || c.state.route === 'regulier';
  const fasen = regulier ? journey.flatMap((f) => (f === 'aanbod' ? ['persoonlijk_contact', f] : [f])) : journey;
  const at = fasen.indexOf(c.status === 'afgesloten' ? 'afgesloten' : c.fase);
  return html`<nav aria-label="Voortgang van de casus"><ol class="voortgang">${fasen.map((f, i) => {
    const stand = at < 0 ? '' : i < at ? 'gedaan' : i === at ? 'nu' : '';
    const tekst = stand === 'gedaan' ? ' (gedaan)' : stand === 'nu' ? ' (huidige stap)' : '';
    return html`<li class="${stand}"${stand === 'nu' ? html` aria-current="step"` : ''}>${faseLabel[f] ?? f}<span class="sr-only">${tekst}</span></li>`;
  })}</ol></nav>`;
}

/** A closed case's total doorlooptijd: from the aanmelding to the last step, in calendar days. */
function totaleDoorlooptijd(c: CaseDetail): Html {
  if (c.status !== 'afgesloten' || c.history.length < 2) return html``;
  const van = c.history[0]!.at;
  const tot = c.history[c.history.length - 1]!.at;
  const dagen = Math.max(0, Math.round((Date.parse(tot) - Date.parse(van)) / 86_400_000));
  return html`<p class="utrecht-paragraph">Totale doorlooptijd: <strong>${dagen} ${dagen === 1 ? 'dag' : 'dagen'}</strong> (van ${formatDate(van)} tot en met ${formatDate(tot)}).</p>`;
}

function gegevens(rows: Array<[string, Html | string | number | undefined | null]>): Html {
  const shown = rows.filter(([, v]) => v !== undefined && v !== null && v !== '');
  return html`<dl class="gegevens">${shown.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>`;
}

function aanbodKaart(a: AanbodRecord): Html {
  return html`<div class="kaart"><h3 class="utrecht-heading-3">Aanbod ${a.nummer}: woning ${a.woning.referentie} — ${label(a.resultaat)}</h3>
    ${gegevens([
      ['Woonvorm', label(a.woning.woonvorm)],
      ['Buurt', a.woning.buurtcode],
      ['Kamers', a.woning.kamers],
      ['Huur (kaal + service)', `${euro(a.woning.kaleHuur)} + ${euro(a.woning.servicekosten)}`],
      ['Datum aanbod', formatDate(a.aanbodDatum)],
      ['Bezichtiging', a.bezichtigingOp ? formatDate(a.bezichtigingOp) : undefined],
      ['Reden', a.reden],
    ])}
    <details><summary>Toetsen bij het aanbod (${a.toetsen.length})</summary>${verdictList(a.toetsen)}</details></div>`;
}

function samenvatting(c: CaseDetail, view: CaseView, gemeenteNaam?: string, naam: Naam = codeAsNaam): Html {
  const s = c.state;
  const a = s.aanmelding;
  const p = a?.persoon;
  const begeleidingGeregeld = (a as { begeleidingGeregeld?: boolean } | undefined)?.begeleidingGeregeld;
  return html`
  <section class="kaart" aria-labelledby="h-aanmelding"><h2 class="utrecht-heading-2" id="h-aanmelding">Aanmelding</h2>
    ${gegevens([
      ['Referentie', p?.referentie],
      ['Huishouden', p ? `${p.huishoudgrootte} ${p.huishoudgrootte === 1 ? 'persoon' : 'personen'}` : undefined],
      ['Inkomen', p ? label(p.inkomensgroep) : undefined],
      ['Woont nu', p ? label(p.huidigeSituatie) : undefined],
      ['Deelgroep', label(c.deelgroep)],
      ['Doelgroep', c.doelgroep === undefined ? undefined : label(c.doelgroep)],
      [
        'Indicatie',
        a?.indicatie
          ? `${label(a.indicatie.wet)}${a.indicatie.leveringsvorm ? `, ${label(a.indicatie.leveringsvorm)}` : ''}`
          : undefined,
      ],
      ['Begeleiding geregeld', begeleidingGeregeld === undefined ? undefined : ja(begeleidingGeregeld)],
      ['Urgent', a ? ja(a.urgent) : undefined],
      ['Gemeente', gemeenteNaam ?? c.gemeente],
      ['Route', label(c.route)],
    ])}
    ${view === 'management' ? html`<p class="utrecht-paragraph hint">U ziet als manager het verloop van de casus, niet de persoons- of zorggegevens.</p>` : ''}
  </section>
  ${
    s.vraag
      ? html`<section class="kaart" aria-labelledby="h-vraag"><h2 class="utrecht-heading-2" id="h-vraag">Vraag</h2>${gegevens(
          [
            ['Perspectief', label(s.vraag.perspectief)],
            ['Samen of alleen', label(s.vraag.samenwonen)],
            ['Bij lotgenoten', label(s.vraag.nabijLotgenoten)],
            [
              'Meting',
              s.vraag.meting
                ? `${label(s.vraag.meting.instrument)}: ${Object.entries(s.vraag.meting.scores)
                    .map(([k, v]) => `${label(k).toLowerCase()} ${v}`)
                    .join(', ')}`
                : undefined,
            ],
          ],
        )}</section>`
      : ''
  }
  ${
    s.zorg
      ? html`<section class="kaart" aria-labelledby="h-zorg"><h2 class="utrecht-heading-2" id="h-zorg">Zorg en begeleiding</h2>${gegevens(
          [
            ['Soort zorg', s.zorg.zorgvorm ? label(s.zorg.zorgvorm) : undefined],
            ['Zorgsteunpunt gewenst', ja(s.zorg.steunpuntGewenst)],
            ['Clustering nodig', ja(s.zorg.clusteringNodig)],
            ['Richtingen', s.zorg.richtingen ? s.zorg.richtingen.map((r) => label(r)).join(', ') || '—' : undefined],
          ],
        )}</section>`
      : ''
  }
  ${
    s.woonvorm
      ? html`<section class="kaart" aria-labelledby="h-woonvorm"><h2 class="utrecht-heading-2" id="h-woonvorm">Woonvorm</h2>${gegevens(
          [
            ['Gekozen', label(s.woonvorm.woonvorm)],
            [
              'Advies',
              s.woonvorm.advies
                ? `${s.woonvorm.advies.aanbevolen.map((w) => label(w)).join(', ') || 'geen aanbeveling'} (gekozen: ${s.woonvorm.advies.gekozen})`
                : undefined,
            ],
            ['Toelichting', s.woonvorm.toelichting],
          ],
        )}</section>`
      : ''
  }
  ${
    s.buurt
      ? html`<section class="kaart" aria-labelledby="h-buurt"><h2 class="utrecht-heading-2" id="h-buurt">Buurt en wijk</h2>${gegevens(
          [
            ['Buurt', s.buurt.buurtcode],
            ['Opgave', label(s.buurt.opgave)],
            ['Draagkracht besproken', ja(s.buurt.draagkrachtBesproken)],
            ['Voorlichting nodig', ja(s.buurt.voorlichtingNodig)],
          ],
        )}</section>`
      : ''
  }
  ${
    s.doorgeleiding
      ? html`<section class="kaart" aria-labelledby="h-door"><h2 class="utrecht-heading-2" id="h-door">Doorgeleiding</h2>${gegevens(
          [
            ['Reden', s.doorgeleiding.reden],
            [
              'Contactpersoon',
              `${s.doorgeleiding.contactpersoon.naam} (${naam(s.doorgeleiding.contactpersoon.organisatie)})`,
            ],
            ['In fase', faseLabel[s.doorgeleiding.fase] ?? s.doorgeleiding.fase],
          ],
        )}</section>`
      : ''
  }
  ${
    s.persoonlijkContact
      ? html`<section class="kaart"><h2 class="utrecht-heading-2">Persoonlijk contact</h2>${gegevens([
          ['Datum', formatDate(s.persoonlijkContact.datum)],
          ['Vervolg', s.persoonlijkContact.vervolg],
        ])}</section>`
      : ''
  }
  ${s.aanbiedingen?.length ? html`<section aria-labelledby="h-aanbod"><h2 class="utrecht-heading-2" id="h-aanbod">Aanbiedingen</h2>${s.aanbiedingen.map(aanbodKaart)}</section>` : ''}
  ${
    s.toewijzing
      ? html`<section class="kaart"><h2 class="utrecht-heading-2">Toewijzing</h2>${gegevens([
          ['Contractvorm', label(s.toewijzing.contractvorm)],
          ['Wie wijst toe', label(s.toewijzing.toewijzer)],
          ['Ingangsdatum', formatDate(s.toewijzing.ingangsdatum)],
        ])}</section>`
      : ''
  }
  ${
    s.overdracht || s.bevestigd?.zorg || s.bevestigd?.verhuur
      ? html`<section class="kaart"><h2 class="utrecht-heading-2">Warme overdracht</h2>${gegevens([
          ['Bevestigd door de zorgkant', bevestiging(c, 'zorg', naam)],
          ['Bevestigd door de verhuurkant', bevestiging(c, 'verhuur', naam)],
          ['Kennismakingsgesprek', s.kennismakingsgesprek ? formatDate(s.kennismakingsgesprek.datum) : 'nog niet'],
        ])}${s.overdracht ? html`<p class="utrecht-paragraph"><a class="utrecht-link utrecht-link--html-a" href="/app/casussen/${c.id}/overdracht">Overdrachtsdocument bekijken en printen</a></p>` : ''}</section>`
      : ''
  }
  ${s.nazorg?.length ? html`<section class="kaart"><h2 class="utrecht-heading-2">Nazorg</h2><ul>${s.nazorg.map((n) => html`<li>${label(n.uitkomst)}${n.toelichting ? html` — ${n.toelichting}` : ''}</li>`)}</ul></section>` : ''}
  ${nazorgPlanKaart(s)}`;
}

/** The agreed follow-up, the omklap and support scaled up or down (nazorg@1). */
function nazorgPlanKaart(s: CaseDetail['state']): Html | string {
  const plan = s.nazorgPlan;
  if (!plan && !s.ondersteuning?.length) return '';
  const bereikt = (nr: number) => (s.signalen ?? []).some((g) => g.key.startsWith(`vervolg:${nr}:`));
  return html`<section class="kaart"><h2 class="utrecht-heading-2">Vervolg na de verhuizing</h2>${gegevens([
    ...(plan
      ? plan.momenten.map((m): [string, string] => [
          `Vervolgmoment ${m.nr} (${m.maanden} maanden)`,
          `${formatDate(m.op)}${bereikt(m.nr) ? ' — bereikt' : ''}`,
        ])
      : []),
    ...(plan?.omklap
      ? [
          [
            'Omklap naar de bewoner',
            plan.omklap.omgeklaptOp
              ? `omgeklapt op ${formatDate(plan.omklap.omgeklaptOp)}`
              : `afgesproken op ${formatDate(plan.omklap.op)}${plan.omklap.verlengingen.length ? ` (${plan.omklap.verlengingen.length}× verlengd)` : ''}`,
          ] as [string, string],
        ]
      : []),
  ])}${
    s.ondersteuning?.length
      ? html`<ul class="utrecht-unordered-list">${s.ondersteuning.map((o) => html`<li>${formatDate(o.at)}: ${label(o.richting)} — ${o.reden}</li>`)}</ul>`
      : ''
  }</section>`;
}

function woonvormAdvies(c: CaseDetail): Html {
  const advies = woonvormAdviesVoor(c.state);
  if (!advies) return html``;
  const door = doorgeleidingsAdvies(advies);
  return html`<section class="kaart advies" aria-labelledby="h-advies"><h3 class="utrecht-heading-3" id="h-advies">Woonvormadvies</h3>
    <p class="utrecht-paragraph utrecht-paragraph">${
      advies.aanbevolen.length
        ? html`Aanbevolen: <strong>${advies.aanbevolen.map((w) => label(w)).join(', ')}</strong>. De aanbevolen woonvorm staat bovenaan, met waarom.`
        : 'Geen woonvorm springt eruit: weeg de mogelijke woonvormen hieronder af.'
    }</p>
    ${
      door.uitkomst !== 'zorgwoning'
        ? html`<div class="utrecht-alert utrecht-alert--warning" role="note"><div class="utrecht-alert__content"><p class="utrecht-paragraph utrecht-paragraph"><strong>Let op: ${door.uitkomst === 'verwijzen' ? 'verwijzen naar het zorgkantoor ligt voor de hand' : 'doorgeleiden naar de reguliere route ligt voor de hand'}.</strong> ${zinnen(door.redenen)}</p></div></div>`
        : ''
    }
    <ul class="utrecht-unordered-list redenen">${advies.opties.map(
      (o) => html`<li><strong>${label(o.woonvorm)}: ${label(o.uitkomst).toLowerCase()}.</strong>
        ${o.voor.length ? html`<br>Wat ervoor pleit: ${zinnen(o.voor)}` : ''}
        ${o.bezwaren.length ? html`<br>Wat ertegen pleit: ${zinnen(o.bezwaren)}` : ''}
        ${o.conflicten.length ? html`<br>Waarom het niet kan: ${zinnen(o.conflicten)}` : ''}</li>`,
    )}</ul>${regelDetail(advies.regel, `en ${door.regel}`)}</section>`;
}

function stepForm(c: CaseDetail, step: StepName, csrf: string, f: StepFormState | undefined, naam: Naam): Html {
  const open = f?.step === step;
  if (step === 'aanbod') {
    return html`<div class="kaart"><h3 class="utrecht-heading-3">${stepLabel.aanbod}</h3><p class="utrecht-paragraph">Kies een woning uit het woningaanbod dat bij deze casus past.</p>
      <p class="utrecht-paragraph"><a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href="/app/casussen/${c.id}/woningen">Passende woningen bekijken</a></p></div>`;
  }
  const spec = stepForms[step];
  // Only the woonvormen the step accepts are offered.
  const partijen = [c.partijen.wijkteam, c.partijen.zorginstelling, c.partijen.corporatie]
    .filter((id): id is string => !!id)
    .map((id) => [id, naam(id)] as const);
  const fields =
    step === 'woonvorm' ? woonvormVelden(toegestaneKeuzes(c.state)) : metPartijKeuze(spec.fields, partijen);
  const values = open ? f.values : defaults(c, step);
  const errors = open ? f.errors : {};
  const action = `/app/casussen/${c.id}/stappen/${step}`;
  return html`<details class="stap" id="stap-${step}"${open || ['vraag', 'zorg', 'woonvorm', 'buurt', 'reactie', 'toewijzing', 'overdracht', 'overdracht_bevestiging', 'kennismakingsgesprek', 'nazorg', 'omklap', 'nazorg_afsluiting', 'persoonlijk_contact'].includes(step) ? html` open` : ''}>
    <summary>${stepLabel[step] ?? step}</summary>
    ${open ? errorSummary(errors, f.general, labelsOf(spec.fields), step) : ''}
    ${step === 'woonvorm' ? woonvormAdvies(c) : ''}
    ${spec.intro ? html`<p class="utrecht-paragraph">${spec.intro}</p>` : ''}
    <form class="formulier" method="post" action="${action}" novalidate>
      ${hiddenFields(csrf, open ? f.key : undefined)}
      ${fields.map((field) => renderField(field, values, errors, '', step))}
      <button type="submit"${['intrekking', 'aanbod_afgekeurd', 'verwijzing'].includes(step) ? html` class="utrecht-button utrecht-button--primary-action utrecht-button--danger"` : html` class="utrecht-button utrecht-button--primary-action"`}>${spec.submit}</button>
    </form></details>`;
}

/** Sensible starting values for a form, from the case (never from another case). */
function defaults(c: CaseDetail, step: StepName): FormValues {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
  switch (step) {
    case 'doorgeleiding':
      return { contactpersoon: { organisatie: c.partijen.corporatie ?? '' } };
    case 'persoonlijk_contact':
    case 'kennismakingsgesprek':
      return { datum: today };
    case 'toewijzing':
      return { ingangsdatum: today };
    case 'woonvorm': {
      // Preselect only a single recommendation the advice raises no concern about.
      const advies = woonvormAdviesVoor(c.state);
      const beste = advies?.opties[0];
      return advies?.aanbevolen.length === 1 && beste?.uitkomst === 'aanbevolen' && !beste.bezwaren.length
        ? { woonvorm: beste.woonvorm }
        : {};
    }
    case 'overdracht':
      return c.state.overdracht ? (c.state.overdracht as unknown as FormValues) : {};
    default:
      return {};
  }
}

const wachtOpTekst = (w: Party[], naam: Naam) =>
  w.length
    ? w.map((x) => `${rolLabel[x.rol] ?? x.rol}${x.organisatie ? ` van ${naam(x.organisatie)}` : ''}`).join(' en ')
    : 'niemand';

export function casePage(o: {
  principal: Principal;
  csrf: string;
  c: CaseDetail;
  /** Organisation names for the codes the case holds (api/web/names.ts). */
  naam?: Naam;
  /** The case's gemeente by name (api/web/gemeenten.ts). */
  gemeenteNaam?: string | undefined;
  view: CaseView;
  form?: StepFormState | undefined;
  flash?: string | undefined;
  /** Routing and the behandelaar (views/routing-views), shown above the parties. */
  extra?: Html | undefined;
  /** The notes between the parties, for a reader who may read them. */
  notes?: NotesShown | undefined;
}): string {
  const { c, principal: p } = o;
  const naam = o.naam ?? codeAsNaam;
  const mine = stepsFor(p, c);
  const progress = mine.filter(
    (s) =>
      ![
        'intrekking',
        'opschorting',
        'hervatting',
        'verlenging',
        'verwijzing',
        'aanbod_afgekeurd',
        'doorgeleiding',
      ].includes(s),
  );
  const other = mine.filter((s) => !progress.includes(s));
  // The short code (first 8 hex of the id); the wijkteam also sees its own referentie.
  const referentie = p.org === c.partijen.wijkteam ? c.state.aanmelding?.persoon?.referentie : undefined;
  const titel = `Casus ${c.id.slice(0, 8)}${referentie ? ` · ${referentie}` : ''}`;
  const t = c.termijn;
  return page(
    { title: titel, principal: p, csrf: o.csrf, flash: o.flash, wide: true },
    html`<h1 class="utrecht-heading-1">${titel}</h1>
    <p class="utrecht-paragraph">Stap: <strong>${faseLabel[c.fase] ?? c.fase}</strong>${c.uitkomst ? html` — uitkomst <strong>${label(c.uitkomst)}</strong>` : ''}.
      Aan zet: <strong>${c.status === 'afgesloten' ? 'niemand (afgesloten)' : wachtOpTekst(c.wachtOp, naam)}</strong>.
      ${c.status === 'afgesloten' ? '' : html`In deze stap: ${klokLabel(klokVan(c))}${t?.deadlineAt ? html`, uiterlijk ${formatDateTime(t.deadlineAt)}` : ''}.`}</p>
    ${totaleDoorlooptijd(c)}
    ${voortgang(c)}
    <div class="kolommen">
      <div>
        ${samenvatting(c, o.view, o.gemeenteNaam, naam)}
        ${
          progress.length
            ? html`<section aria-labelledby="h-acties"><h2 class="utrecht-heading-2" id="h-acties">Wat u nu kunt doen</h2>
              ${progress.map((s) => stepForm(c, s, o.csrf, o.form, naam))}</section>`
            : html`<p class="utrecht-paragraph kaart">${c.status === 'afgesloten' ? 'Deze casus is afgesloten.' : `U hoeft nu niets te doen: de casus wacht op ${wachtOpTekst(c.wachtOp, naam)}.`}</p>`
        }
        ${other.length ? html`<section aria-labelledby="h-andere"><h2 class="utrecht-heading-2" id="h-andere">Andere mogelijkheden</h2>${other.map((s) => stepForm(c, s, o.csrf, o.form, naam))}</section>` : ''}
        ${o.form && !mine.includes(o.form.step) ? errorSummary({}, o.form.general) : ''}
      </div>
      <div>
        ${o.extra ?? ''}
        ${o.notes ? notesThread(c.id, p.org, o.csrf, o.notes) : ''}
        <section class="kaart" aria-labelledby="h-partijen"><h2 class="utrecht-heading-2" id="h-partijen">Partijen</h2>
          ${gegevens([
            ['Wijkteam', partij(c.state.partijen?.wijkteam, c.partijen.wijkteam, naam)],
            ['Zorginstelling', partij(c.state.partijen?.zorginstelling, c.partijen.zorginstelling, naam)],
            ['Corporatie', partij(c.state.partijen?.corporatie, c.partijen.corporatie, naam)],
          ])}</section>
        <section class="kaart" aria-labelledby="h-tijdlijn"><h2 class="utrecht-heading-2" id="h-tijdlijn">Tijdlijn</h2>
          <ol class="tijdlijn">${c.history.map(
            (e) => html`<li><span class="wanneer"><time datetime="${e.at}">${formatDateTime(e.at)}</time></span>
              <strong>${stepLabel[e.step] ?? e.step}</strong><br>
              door ${e.actor.id}, ${rolLabel[e.actor.rol] ?? e.actor.rol}, ${naam(e.actor.organisatie)}
              ${e.faseBefore !== e.faseAfter ? html`<br>${faseLabel[e.faseBefore] ?? e.faseBefore} → ${faseLabel[e.faseAfter] ?? e.faseAfter}` : ''}</li>`,
          )}</ol></section>
      </div>
    </div>`,
  ).value;
}

function partij(
  party: { organisatie: string; contactpersoon?: string | undefined } | undefined,
  org: string | null,
  naam: Naam,
): string {
  if (!org) return 'nog niet bekend';
  return party?.contactpersoon ? `${naam(org)} (vaste contactpersoon ${party.contactpersoon})` : naam(org);
}

/** The warme overdracht as a document both sides confirm; printable. */
export function handoverPage(o: {
  principal: Principal;
  csrf: string;
  c: CaseDetail;
  /** Organisation names for the codes the case holds (api/web/names.ts). */
  naam?: Naam;
  form?: StepFormState | undefined;
  flash?: string | undefined;
}): string {
  const { c, principal: p } = o;
  const naam = o.naam ?? codeAsNaam;
  const s = c.state;
  const ov = s.overdracht;
  const woning = s.aanbiedingen?.find((a) => a.resultaat === 'geaccepteerd')?.woning;
  const kanBevestigen = stepsFor(p, c).includes('overdracht_bevestiging');
  const titel = `Warme overdracht casus ${c.id.slice(0, 8)}`;
  return page(
    { title: titel, principal: p, csrf: o.csrf, flash: o.flash },
    html`<p class="utrecht-paragraph niet-printen"><a class="utrecht-link utrecht-link--html-a" href="/app/casussen/${c.id}">Terug naar de casus</a></p>
    <h1 class="utrecht-heading-1">${titel}</h1>
    ${
      !ov
        ? html`<p class="utrecht-paragraph">Er is nog geen overdracht opgesteld.</p>`
        : html`
    <section class="kaart"><h2 class="utrecht-heading-2">Woonplek en woning</h2>${gegevens([
      ['Referentie persoon', s.aanmelding?.persoon?.referentie],
      ['Woonvorm', s.woonvorm ? label(s.woonvorm.woonvorm) : undefined],
      ['Woonplek', ov.woonplek],
      ['Woning', woning ? `${woning.referentie}, buurt ${woning.buurtcode}` : undefined],
      ['Contractvorm', s.toewijzing ? label(s.toewijzing.contractvorm) : undefined],
      ['Ingangsdatum', s.toewijzing ? formatDate(s.toewijzing.ingangsdatum) : undefined],
    ])}</section>
    <section class="kaart"><h2 class="utrecht-heading-2">Begeleidingsafspraken</h2><table class="utrecht-table utrecht-table--html-table"><thead class="utrecht-table__header"><tr class="utrecht-table__row"><th class="utrecht-table__header-cell" scope="col">Wie</th><th class="utrecht-table__header-cell" scope="col">Wat</th></tr></thead>
      <tbody class="utrecht-table__body">${ov.begeleidingsafspraken.map((b) => html`<tr class="utrecht-table__row"><td class="utrecht-table__cell">${b.wie}</td><td class="utrecht-table__cell">${b.wat}</td></tr>`)}</tbody></table></section>
    <section class="kaart"><h2 class="utrecht-heading-2">Contactpersonen</h2><table class="utrecht-table utrecht-table--html-table"><thead class="utrecht-table__header"><tr class="utrecht-table__row"><th class="utrecht-table__header-cell" scope="col">Rol</th><th class="utrecht-table__header-cell" scope="col">Organisatie</th><th class="utrecht-table__header-cell" scope="col">Naam</th></tr></thead>
      <tbody class="utrecht-table__body">${ov.contactpersonen.map((k) => html`<tr class="utrecht-table__row"><td class="utrecht-table__cell">${k.rol}</td><td class="utrecht-table__cell">${naam(k.organisatie)}</td><td class="utrecht-table__cell">${k.naam}</td></tr>`)}</tbody></table></section>
    <section class="kaart"><h2 class="utrecht-heading-2">Afspraken bij signalen</h2><table class="utrecht-table utrecht-table--html-table"><thead class="utrecht-table__header"><tr class="utrecht-table__row"><th class="utrecht-table__header-cell" scope="col">Signaal</th><th class="utrecht-table__header-cell" scope="col">Afspraak</th></tr></thead>
      <tbody class="utrecht-table__body">${ov.signaleringsafspraken.map((x) => html`<tr class="utrecht-table__row"><td class="utrecht-table__cell">${label(x.signaal)}</td><td class="utrecht-table__cell">${x.afspraak}</td></tr>`)}</tbody></table></section>
    <section class="kaart"><h2 class="utrecht-heading-2">Bevestiging</h2>
      <p class="utrecht-paragraph">Van bewoners wordt inzet verwacht en er is niet zomaar 24 uur zorg. Dat is in het kennismakingsgesprek besproken${s.kennismakingsgesprek ? html` op ${formatDate(s.kennismakingsgesprek.datum)}` : html` (nog niet gehouden)`}.</p>
      <div class="handtekening">
        <div><strong>Zorgkant</strong> (${naam(c.partijen.zorginstelling ?? c.partijen.wijkteam)})<br>${zin(bevestiging(c, 'zorg', naam))}</div>
        <div><strong>Verhuurkant</strong> (${naam(c.partijen.corporatie)})<br>${zin(bevestiging(c, 'verhuur', naam))}</div>
      </div>
      ${
        kanBevestigen
          ? html`<form method="post" action="/app/casussen/${c.id}/stappen/overdracht_bevestiging?terug=overdracht" class="niet-printen">${hiddenFields(o.csrf)}
            ${o.form?.general ? html`<p class="utrecht-paragraph fout" role="alert">${o.form.general}</p>` : ''}
            <button type="submit" class="utrecht-button utrecht-button--primary-action">Overdracht bevestigen namens ${p.orgNaam ?? p.org}</button></form>`
          : ''
      }
      <p class="utrecht-paragraph niet-printen"><button type="button" class="utrecht-button utrecht-button--secondary-action" data-print hidden>Printen</button></p>
    </section>`
    }`,
  ).value;
}
