import type { Router } from 'express';
import { z } from 'zod';
import { orgId } from '../../../domain/primitives';
import { doelgroepen } from '../../../domain/types';
import { reportScope } from '../../auth/access-policy';
import { principalOf } from '../../auth/authenticate';
import { reports, vandaag } from '../../reports/report-service';
import { fmtGetal, hbarChart, vbarChart } from '../charts';
import { gemeenteNamen } from '../gemeenten';
import { errorSummary, fieldErrors, options, renderField, type Field, type FieldErrors, type Option } from '../forms';
import { organisatieNamen, partijOrganisaties } from '../../../prisma/organisatie-repository';
import { html, type Html } from '../html';
import { faseLabel, formatDate, label } from '../labels';
import { page } from '../layout';
import { csrfTokenFor as csrf } from '../session';
import { errorPage } from '../views/pages';
import { send, type WebContext } from './context';

/**
 * The manager dashboard (issue #4): doorlooptijd per fase against the norm,
 * the trend per month, open cases by age and the contingent realised versus
 * promised, filtered by period, organisation and doelgroep. Figures come from
 * the same report functions as GET /reports/*; no case ids, no personal data.
 */

const filterSchema = z
  .object({
    van: z.iso.date().optional(),
    tot: z.iso.date().optional(),
    organisatie: orgId.optional(),
    doelgroep: z.enum(doelgroepen).optional(),
  })
  .superRefine((q, ctx) => {
    if (q.van && q.tot && q.tot < q.van) ctx.addIssue({ code: 'custom', path: ['tot'], message: 'tot voor van' });
  });
type Filter = z.infer<typeof filterSchema>;

const filterMessages: Record<string, string> = {
  organisatie: 'Gebruik de organisatiecode: kleine letters, cijfers en streepjes, zoals woonstad.',
  tot: 'De einddatum ligt voor de begindatum.',
};

const legenda = (items: Array<[cls: string, text: string]>) =>
  html`<p class="utrecht-paragraph legenda">${items.map(([cls, text]) => html`<span class="${cls}"></span> ${text} &nbsp; `)}</p>`;

/** A table of figures: `headers` are [text, numeric?]; each row's first cell is its row header. */
function table(caption: string, headers: Array<[string, boolean?]>, rows: Html[]): Html {
  const th = headers.map(
    ([text, getal]) => html`<th scope="col" class="utrecht-table__header-cell${getal ? ' getal' : ''}">${text}</th>`,
  );
  return html`<table class="utrecht-table utrecht-table--html-table"><caption class="utrecht-table__caption sr-only">${caption}</caption><thead class="utrecht-table__header"><tr class="utrecht-table__row">${th}</tr></thead>
            <tbody class="utrecht-table__body">${rows}</tbody></table>`;
}

const getal = (value: string | number) => html`<td class="utrecht-table__cell getal">${value}</td>`;
const cel = (value: string) => html`<td class="utrecht-table__cell">${value}</td>`;
const rij = (header: string, cells: Html[]) =>
  html`<tr class="utrecht-table__row"><th class="utrecht-table__header-cell" scope="row">${header}</th>${cells}</tr>`;

const zonderPersoonsgegevens = 'Zonder persoonsgegevens. Doorlooptijden in werkdagen, opschorting niet meegeteld.';
const alsCsv =
  'De cijfers zijn ook als CSV op te halen via de API: ' +
  '/reports/doorlooptijd, /reports/doorlooptijd-totaal, /reports/open-casussen, /reports/contingent en /reports/vraag-en-aanbod';
const filterNames = ['van', 'tot', 'organisatie', 'doelgroep'] as const;

function figure(id: string, title: string, chart: Html, table: Html, note?: Html | string): Html {
  return html`<figure class="grafiek"><figcaption id="${id}">${title}</figcaption>${chart}${note ?? ''}
    <details><summary>Tabel met de cijfers</summary>${table}</details></figure>`;
}

type Loaded<K extends keyof typeof reports> = Awaited<ReturnType<(typeof reports)[K]['load']>>;

function fasenFigure(fasen: Loaded<'doorlooptijd'>): Html {
  const rows = fasen.rijen.map((r) => ({
    label: faseLabel[r.fase] ?? r.fase,
    value: r.mediaanWerkdagen,
    marker: r.normWerkdagen,
  }));
  return figure(
    'g-fasen',
    'Doorlooptijd per stap tegen de norm (mediaan, werkdagen)',
    rows.length
      ? hbarChart({ id: 'g-fasen', rows, unit: 'werkdagen', valueName: 'mediaan', markerName: 'norm' })
      : html`<p class="utrecht-paragraph">Nog geen afgeronde stappen in deze periode.</p>`,
    table(
      'Doorlooptijd per stap',
      [['Stap'], ['Aantal', true], ['Mediaan', true], ['90e percentiel', true], ['Norm', true], ['Over de norm', true]],
      fasen.rijen.map((r) =>
        rij(faseLabel[r.fase] ?? r.fase, [
          getal(r.aantal),
          getal(fmtGetal(r.mediaanWerkdagen)),
          getal(fmtGetal(r.p90Werkdagen)),
          getal(fmtGetal(r.normWerkdagen)),
          getal(r.overNorm),
        ]),
      ),
    ),
    legenda([
      ['teken-bar', 'mediaan'],
      ['teken-norm', 'norm (streepjeslijn)'],
    ]),
  );
}

function trendFigure(trend: Loaded<'doorlooptijdTotaal'>): Html {
  const bars = trend.rijen.filter((r) => r.groep).map((r) => ({ label: r.groep!, value: r.mediaanWerkdagen }));
  const norm = trend.rijen.find((r) => r.normWerkdagen !== null)?.normWerkdagen ?? undefined;
  const reference = norm ? { value: norm, name: 'norm' } : undefined;
  return figure(
    'g-trend',
    'Trend per maand: doorlooptijd van aanmelding tot nazorg (mediaan, werkdagen)',
    bars.length
      ? vbarChart({ id: 'g-trend', bars, unit: 'werkdagen', reference })
      : html`<p class="utrecht-paragraph">Nog geen casussen die nazorg bereikten in deze periode.</p>`,
    table(
      'Trend per maand',
      [['Maand'], ['Casussen', true], ['Mediaan', true], ['Over de norm', true]],
      trend.rijen.map((r) =>
        rij(r.groep ?? '—', [getal(r.casussen), getal(fmtGetal(r.mediaanWerkdagen)), getal(r.overNorm)]),
      ),
    ),
  );
}

function openFigure(open: Loaded<'openCasussen'>): Html {
  const overDeadline = html`Over de deadline van hun stap: <strong>${open.totaal.overDeadline}</strong>`;
  const opgeschort = html`opgeschort: <strong>${open.totaal.opgeschort}</strong>`;
  return figure(
    'g-open',
    `Open casussen naar leeftijd (${open.totaal.aantal} open, kalenderdagen sinds aanmelding)`,
    vbarChart({
      id: 'g-open',
      bars: open.buckets.map((b, i) => ({ label: b, value: open.totaal.leeftijd[i] ?? 0 })),
      unit: 'casussen',
    }),
    table(
      'Open casussen per stap en leeftijd',
      [
        ['Stap'],
        ['Wacht op'],
        ['Aantal', true],
        ...open.buckets.map((b): [string, boolean] => [`${b} dagen`, true]),
        ['Over deadline', true],
      ],
      open.rijen.map((r) =>
        rij(faseLabel[r.fase] ?? r.fase, [
          cel(r.groep ?? '—'),
          getal(r.aantal),
          ...r.leeftijd.map(getal),
          getal(r.overDeadline),
        ]),
      ),
    ),
    html`<p class="utrecht-paragraph">${overDeadline}; ${opgeschort}.</p>`,
  );
}

const opgaveKort = (opgave: string) =>
  opgave.startsWith('opgave_1') ? 'opgave 1' : opgave.startsWith('opgave_2') ? 'opgave 2' : 'zonder opgave';

function contingentFigure(contingent: Loaded<'contingent'>, jaar: number): Html {
  const rows = contingent.rijen
    .filter((r) => r.doelgroep === '*' && r.opgave !== 'totaal')
    .map((r) => ({ label: `${r.corporatie} ${opgaveKort(r.opgave)}`, value: r.gerealiseerd, second: r.beloofd ?? 0 }));
  return figure(
    'g-contingent',
    `Contingent ${jaar}: gerealiseerd tegen beloofd (peildatum ${formatDate(contingent.peildatum)})`,
    rows.length
      ? hbarChart({ id: 'g-contingent', rows, unit: 'woningen', valueName: 'gerealiseerd', secondName: 'beloofd' })
      : html`<p class="utrecht-paragraph">Geen prestatieafspraken of toewijzingen in ${jaar}.</p>`,
    table(
      'Contingent',
      [
        ['Corporatie'],
        ['Opgave'],
        ['Doelgroep'],
        ['Beloofd', true],
        ['Gerealiseerd', true],
        ['Prognose', true],
        ['Op koers'],
      ],
      contingent.rijen.map((r) =>
        rij(r.corporatie, [
          cel(label(r.opgave)),
          cel(r.doelgroep === '*' ? 'alle' : label(r.doelgroep)),
          getal(r.beloofd ?? '—'),
          getal(r.gerealiseerd),
          getal(fmtGetal(r.prognose)),
          cel(r.opKoers === null ? '—' : r.opKoers ? 'ja' : 'nee'),
        ]),
      ),
    ),
    legenda([
      ['teken-tweede', 'beloofd (open balk)'],
      ['teken-bar', 'gerealiseerd (dichte balk)'],
    ]),
  );
}

/** Vraag en aanbod for the woonzorgvisie: open demand per woonvorm against the vrije woningen, and the flows. */
function vraagAanbodFigure(va: Loaded<'vraagEnAanbod'>): Html {
  const vraag = new Map<string, number>();
  for (const r of va.openVraag.perWoonvorm) vraag.set(r.woonvorm, (vraag.get(r.woonvorm) ?? 0) + r.aantal);
  const vrij = new Map<string, number>();
  for (const r of va.aanbod) vrij.set(r.woonvorm, (vrij.get(r.woonvorm) ?? 0) + r.vrij);
  const woonvormen = [...new Set([...vraag.keys(), ...vrij.keys()])].sort();
  const rows = woonvormen.map((w) => ({ label: label(w), value: vraag.get(w) ?? 0, second: vrij.get(w) ?? 0 }));
  const som = (xs: Array<{ aantal: number }>) => xs.reduce((n, x) => n + x.aantal, 0);
  const resterend = va.contingent.reduce((n, r) => n + (r.resterend ?? 0), 0);
  return figure(
    'g-vraag-aanbod',
    `Vraag en aanbod: open vraag per woonvorm tegen vrije woningen (${formatDate(va.periode.van)} tot en met ${formatDate(va.periode.tot)})`,
    rows.length
      ? hbarChart({
          id: 'g-vraag-aanbod',
          rows,
          unit: 'casussen of woningen',
          valueName: 'open vraag',
          secondName: 'vrij',
        })
      : html`<p>Geen open vraag en geen vrije woningen.</p>`,
    table(
      'Vraag en aanbod per doelgroep',
      [['Doelgroep'], ['Instroom', true], ['Open vraag', true], ['Geplaatst', true]],
      [...new Set([...va.instroom, ...va.openVraag.perWoonvorm, ...va.plaatsingen].map((r) => r.doelgroep))]
        .sort()
        .map((d) =>
          rij(label(d), [
            getal(som(va.instroom.filter((r) => r.doelgroep === d))),
            getal(som(va.openVraag.perWoonvorm.filter((r) => r.doelgroep === d))),
            getal(som(va.plaatsingen.filter((r) => r.doelgroep === d))),
          ]),
        ),
    ),
    html`${legenda([
      ['teken-tweede', 'vrije woningen (open balk)'],
      ['teken-bar', 'open vraag (dichte balk)'],
    ])}<p>Instroom: <strong>${som(va.instroom)}</strong>; geplaatst: <strong>${som(va.plaatsingen)}</strong>; contingent nog te realiseren: <strong>${resterend}</strong>.</p>`,
  );
}

const doelgroepField: Field = {
  kind: 'select',
  name: 'doelgroep',
  label: 'Doelgroep',
  options: options(doelgroepen),
  empty: 'Alle',
};

/** The organisations a manager filters on, by name: those serving the manager's gemeente, else every party's. */
const organisatieField = (keuze: readonly Option[]): Field => ({
  kind: 'select',
  name: 'organisatie',
  label: 'Organisatie',
  options: keuze,
  empty: 'Alle',
});

function filterForm(raw: Record<string, unknown>, errors: FieldErrors, organisaties: readonly Option[]): Html {
  return html`<form class="filters" method="get" action="/app/dashboard" role="search" aria-label="Dashboard filteren"
        novalidate>
        ${renderField({ kind: 'date', name: 'van', label: 'Periode van' }, raw, errors)}
        ${renderField({ kind: 'date', name: 'tot', label: 'Periode tot en met' }, raw, errors)}
        ${renderField(organisatieField(organisaties), raw, errors)}
        ${renderField(doelgroepField, raw, errors)}
        <button type="submit" class="utrecht-button utrecht-button--primary-action">Toon</button>
      </form>`;
}

/** The dashboard's four figures as CSV files: the same report functions, scope and audit as GET /reports/*. */
const csvExports = {
  'doorlooptijd-per-fase': { report: 'doorlooptijd', text: 'Doorlooptijd per fase' },
  'doorlooptijd-totaal': { report: 'doorlooptijdTotaal', text: 'Doorlooptijd per maand' },
  'open-casussen': { report: 'openCasussen', text: 'Open casussen' },
  contingent: { report: 'contingent', text: 'Contingent' },
} as const satisfies Record<string, { report: keyof typeof reports; text: string }>;
type ExportName = keyof typeof csvExports;

function exportQuery(name: ExportName, f: Filter, jaar: number, peildatum: string): Record<string, string> {
  const within = { organisatie: f.organisatie, doelgroep: f.doelgroep };
  const q: Record<string, string | undefined> =
    name === 'contingent'
      ? { jaar: String(jaar), corporatie: f.organisatie, peildatum }
      : name === 'open-casussen'
        ? { per: 'fase', leeftijd: 'start', ...within }
        : { per: name === 'doorlooptijd-totaal' ? 'maand' : 'fase', van: f.van, tot: f.tot, ...within };
  return Object.fromEntries(Object.entries(q).filter((e): e is [string, string] => e[1] !== undefined));
}

function exportKnoppen(f: Filter, jaar: number, peildatum: string): Html {
  return html`<div class="utrecht-button-group niet-printen exports" role="group" aria-label="Downloaden als CSV">${(
    Object.keys(csvExports) as ExportName[]
  ).map(
    (name) =>
      html`<a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href="/app/dashboard/${name}.csv?${new URLSearchParams(exportQuery(name, f, jaar, peildatum)).toString()}" download>${csvExports[name].text} (CSV)</a>`,
  )}</div>`;
}

export function dashboardPages(router: Router, { db, audit }: WebContext) {
  router.get('/dashboard/:naam.csv', async (req, res) => {
    const p = principalOf(req);
    const scope = reportScope(p);
    const naam = req.params.naam as string;
    if (!scope || !(naam in csvExports)) {
      const message = scope ? 'Dit overzicht bestaat niet.' : 'Het dashboard is er voor managers.';
      const status = scope ? 404 : 403;
      return send(
        res,
        errorPage({ principal: p, csrf: csrf(req), status, title: 'Niet beschikbaar', message }),
        status,
      );
    }
    const r = reports[csvExports[naam as ExportName].report] as unknown as {
      naam: string;
      query: z.ZodType<Record<string, unknown>>;
      load(db: unknown, scope: unknown, q: Record<string, unknown>): Promise<unknown>;
      csv(answer: unknown): string;
    };
    const parsed = r.query.safeParse({ ...req.query, format: 'csv' });
    if (!parsed.success) {
      const message = 'De filters van dit overzicht kloppen niet; kies ze opnieuw op het dashboard.';
      return send(
        res,
        errorPage({ principal: p, csrf: csrf(req), status: 400, title: 'Filter klopt niet', message }),
        400,
      );
    }
    const answer = await r.load(db, scope, parsed.data);
    await audit.record(req, p, 'list', [null], 200);
    res.attachment(`${r.naam}.csv`).type('text/csv; charset=utf-8').send(r.csv(answer));
  });

  router.get('/dashboard', async (req, res) => {
    const p = principalOf(req);
    const scope = reportScope(p);
    if (!scope) {
      const message = 'Het dashboard is er voor managers.';
      return send(res, errorPage({ principal: p, csrf: csrf(req), status: 403, title: 'Geen toegang', message }), 403);
    }
    const given = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
    const raw = Object.fromEntries(filterNames.map((k) => [k, given(req.query[k])]));
    const parsed = filterSchema.safeParse(raw);
    const errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error, filterMessages);
    const f: Filter = parsed.success ? parsed.data : {};
    const jaar = Number((f.tot ?? vandaag()).slice(0, 4));
    const peildatum = f.tot && f.tot < vandaag() ? f.tot : vandaag();
    const within = { organisatie: f.organisatie, doelgroep: f.doelgroep };
    const [fasen, trend, open, contingent, vraagAanbod] = await Promise.all([
      reports.doorlooptijd.load(db, scope, { per: 'fase', van: f.van, tot: f.tot, ...within }),
      reports.doorlooptijdTotaal.load(db, scope, { per: 'maand', van: f.van, tot: f.tot, ...within }),
      reports.openCasussen.load(db, scope, { per: 'fase', leeftijd: 'start', ...within }),
      reports.contingent.load(db, scope, { jaar, corporatie: f.organisatie, peildatum }),
      reports.vraagEnAanbod.load(db, scope, { van: f.van, tot: peildatum, doelgroep: f.doelgroep }),
    ]);
    await audit.record(req, p, 'list', [null], 200);

    const gemeente = p.gemeente
      ? html` en de casussen van gemeente ${(await gemeenteNamen(db, [p.gemeente]))(p.gemeente)}`
      : '';
    const periode = [
      `${f.van ? formatDate(f.van) : 'begin'} tot en met ${f.tot ? formatDate(f.tot) : 'vandaag'}`,
      f.organisatie
        ? `, organisatie ${(await organisatieNamen(db, [f.organisatie])).get(f.organisatie) ?? f.organisatie}`
        : '',
      f.doelgroep ? `, doelgroep ${label(f.doelgroep)}` : '',
    ].join('');
    const body = html`<h1 class="utrecht-heading-1">Dashboard doorlooptijd en contingent</h1>
      <p class="utrecht-paragraph">Cijfers over de casussen waarin ${p.orgNaam ?? p.org} partij is${gemeente}. ${zonderPersoonsgegevens}</p>
      ${errorSummary(errors)}
      ${filterForm(
        raw,
        errors,
        (await partijOrganisaties(db, p.gemeente)).map((o) => [o.id, o.naam] as const),
      )}
      <p class="utrecht-paragraph">Periode: ${periode}.</p>
      <div class="grafieken">
        ${fasenFigure(fasen)}
        ${trendFigure(trend)}
        ${openFigure(open)}
        ${contingentFigure(contingent, jaar)}
        ${vraagAanbodFigure(vraagAanbod)}
      </div>
      ${exportKnoppen(f, jaar, peildatum)}
      <p class="utrecht-paragraph niet-printen">${alsCsv} (met <code>?format=csv</code>).</p>`;
    const layout = { title: 'Dashboard', principal: p, csrf: csrf(req), current: '/app/dashboard', wide: true };
    send(res, page(layout, body).value, parsed.success ? 200 : 400);
  });
}
