import type { z } from 'zod';
import type { Db } from '../../prisma/client';
import {
  contingent,
  doorlooptijd,
  doorlooptijdTotaal,
  leeftijdBuckets,
  openCasussen,
  wachttijdPerPartij,
  type ContingentRij,
  type DoorlooptijdRij,
  type OpenRij,
  type ReportScope,
  type TotaalRij,
  type WachttijdRij,
  vraagEnAanbod,
  type VraagAanbodRapport,
} from '../../prisma/reports';
import { toCsv, type CsvColumn } from '../http/csv';
import {
  contingentQuery,
  doorlooptijdQuery,
  openQuery,
  totaalQuery,
  vraagAanbodQuery,
  wachttijdQuery,
} from './report-schemas';

/**
 * The management reports as the API and the manager dashboard (api/web) use
 * them: `load(db, scope, query)` gives the JSON answer, `csv(answer)` its CSV.
 * Figures only, no case ids or personal data.
 */

/** Today in Europe/Amsterdam, yyyy-mm-dd. */
export const vandaag = (now = new Date()) => now.toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });

const filtersOf = ({ format: _f, per: _p, ...rest }: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));

const werkdagenKolommen = <
  T extends { mediaanWerkdagen: number | null; p90Werkdagen: number | null; gemiddeldWerkdagen: number | null },
>(): CsvColumn<T>[] => [
  { header: 'mediaan_werkdagen', value: (r) => r.mediaanWerkdagen },
  { header: 'p90_werkdagen', value: (r) => r.p90Werkdagen },
  { header: 'gemiddeld_werkdagen', value: (r) => r.gemiddeldWerkdagen },
];
const groepKolom = <T extends { groep: string | null }>(per: string): CsvColumn<T>[] => [
  { header: per, value: (r) => r.groep },
];

interface Report<Q extends z.ZodType, A> {
  /** File name for the CSV download, without extension. */
  naam: string;
  query: Q;
  load(db: Db, scope: ReportScope, q: z.infer<Q>): Promise<A>;
  csv(answer: A): string;
}
const report = <Q extends z.ZodType, A>(r: Report<Q, A>) => r;

export const reports = {
  doorlooptijd: report({
    naam: 'doorlooptijd-per-fase',
    query: doorlooptijdQuery,
    async load(db, scope, q) {
      return { per: q.per, filters: filtersOf(q), rijen: await doorlooptijd(db, scope, q) };
    },
    csv: (a) =>
      toCsv<DoorlooptijdRij>(
        [
          ...(a.per === 'fase' ? [] : groepKolom<DoorlooptijdRij>(a.per)),
          { header: 'fase', value: (r) => r.fase },
          { header: 'aantal', value: (r) => r.aantal },
          ...werkdagenKolommen<DoorlooptijdRij>(),
          { header: 'over_norm', value: (r) => r.overNorm },
          { header: 'norm_werkdagen', value: (r) => r.normWerkdagen },
        ],
        a.rijen,
      ),
  }),

  wachttijdPerPartij: report({
    naam: 'wachttijd-per-partij',
    query: wachttijdQuery,
    async load(db, scope, q) {
      return { per: q.per, filters: filtersOf(q), rijen: await wachttijdPerPartij(db, scope, q) };
    },
    csv: (a) =>
      toCsv<WachttijdRij>(
        [
          { header: 'rol', value: (r) => r.rol },
          ...groepKolom<WachttijdRij>(a.per),
          { header: 'beurten', value: (r) => r.beurten },
          { header: 'casussen', value: (r) => r.casussen },
          { header: 'totaal_werkdagen', value: (r) => r.totaalWerkdagen },
          ...werkdagenKolommen<WachttijdRij>(),
        ],
        a.rijen,
      ),
  }),

  doorlooptijdTotaal: report({
    naam: 'doorlooptijd-totaal',
    query: totaalQuery,
    async load(db, scope, q) {
      return { per: q.per, filters: filtersOf(q), rijen: await doorlooptijdTotaal(db, scope, q) };
    },
    csv: (a) =>
      toCsv<TotaalRij>(
        [
          ...groepKolom<TotaalRij>(a.per),
          { header: 'casussen', value: (r) => r.casussen },
          ...werkdagenKolommen<TotaalRij>(),
          { header: 'over_norm', value: (r) => r.overNorm },
          { header: 'norm_werkdagen', value: (r) => r.normWerkdagen },
        ],
        a.rijen,
      ),
  }),

  openCasussen: report({
    naam: 'open-casussen',
    query: openQuery,
    async load(db, scope, q) {
      const nu = new Date();
      const rijen = await openCasussen(db, scope, { ...q, nu });
      const som = (f: (r: OpenRij) => number) => rijen.reduce((n, r) => n + f(r), 0);
      return {
        per: q.per,
        filters: filtersOf(q),
        leeftijd: q.leeftijd,
        peilmoment: nu.toISOString(),
        buckets: leeftijdBuckets.map((b) => b.label),
        totaal: {
          aantal: som((r) => r.aantal),
          leeftijd: leeftijdBuckets.map((_, i) => som((r) => r.leeftijd[i] ?? 0)),
          overDeadline: som((r) => r.overDeadline),
          opgeschort: som((r) => r.opgeschort),
        },
        rijen,
      };
    },
    csv: (a) => {
      // The totals as a last row, fase 'totaal', so a spreadsheet needs no formula.
      const totaal: OpenRij = { fase: 'totaal', groep: null, mediaanDagen: null, ...a.totaal };
      return toCsv<OpenRij>(
        [
          { header: 'fase', value: (r) => r.fase },
          ...groepKolom<OpenRij>(a.per === 'fase' ? 'wacht_op' : a.per),
          { header: 'aantal', value: (r) => r.aantal },
          ...a.buckets.map((label, i): CsvColumn<OpenRij> => ({
            header: `dagen_${label.replace('>', 'meer_dan_')}`,
            value: (r) => r.leeftijd[i] ?? 0,
          })),
          { header: 'mediaan_dagen', value: (r) => r.mediaanDagen },
          { header: 'over_deadline', value: (r) => r.overDeadline },
          { header: 'opgeschort', value: (r) => r.opgeschort },
        ],
        [...a.rijen, totaal],
      );
    },
  }),

  contingent: report({
    naam: 'contingent',
    query: contingentQuery,
    load: (db, scope, q) =>
      contingent(db, scope, { jaar: q.jaar, corporatie: q.corporatie, peildatum: q.peildatum ?? vandaag() }),
    csv: (a) =>
      toCsv<ContingentRij>(
        [
          { header: 'jaar', value: () => a.jaar },
          { header: 'peildatum', value: () => a.peildatum },
          { header: 'corporatie', value: (r) => r.corporatie },
          { header: 'opgave', value: (r) => r.opgave },
          { header: 'doelgroep', value: (r) => r.doelgroep },
          { header: 'beloofd', value: (r) => r.beloofd },
          { header: 'gerealiseerd', value: (r) => r.gerealiseerd },
          { header: 'prognose', value: (r) => r.prognose },
          { header: 'op_koers', value: (r) => r.opKoers },
        ],
        a.rijen,
      ),
  }),

  vraagEnAanbod: report({
    naam: 'vraag-en-aanbod',
    query: vraagAanbodQuery,
    async load(db, scope, q) {
      const tot = q.tot ?? vandaag();
      const van = q.van ?? `${tot.slice(0, 4)}-01-01`;
      const filters = filtersOf({ doelgroep: q.doelgroep });
      return { ...(await vraagEnAanbod(db, scope, { van, tot, doelgroep: q.doelgroep })), filters };
    },
    csv: (a) => toCsv(vraagAanbodKolommen, vraagAanbodRijen(a)),
  }),
};

export type ReportName = keyof typeof reports;

/** The report as one long table: a row per figure, `onderdeel` saying which part it belongs to. */
interface VraagAanbodCsvRij {
  onderdeel: 'instroom' | 'open_vraag_woonvorm' | 'open_vraag_stap' | 'vrije_woningen' | 'contingent' | 'plaatsingen';
  doelgroep?: string;
  woonvorm?: string;
  fase?: string;
  wachtOp?: string | null;
  typering?: string | null;
  corporatie?: string;
  aantal: number | null;
  beloofd?: number | null;
  gerealiseerd?: number;
}
const vraagAanbodKolommen: CsvColumn<VraagAanbodCsvRij & { van: string; tot: string }>[] = [
  { header: 'van', value: (r) => r.van },
  { header: 'tot', value: (r) => r.tot },
  { header: 'onderdeel', value: (r) => r.onderdeel },
  { header: 'doelgroep', value: (r) => r.doelgroep ?? null },
  { header: 'woonvorm', value: (r) => r.woonvorm ?? null },
  { header: 'fase', value: (r) => r.fase ?? null },
  { header: 'wacht_op', value: (r) => r.wachtOp ?? null },
  { header: 'typering', value: (r) => r.typering ?? null },
  { header: 'corporatie', value: (r) => r.corporatie ?? null },
  { header: 'aantal', value: (r) => r.aantal },
  { header: 'beloofd', value: (r) => r.beloofd ?? null },
  { header: 'gerealiseerd', value: (r) => r.gerealiseerd ?? null },
];
function vraagAanbodRijen(a: VraagAanbodRapport) {
  const rijen: VraagAanbodCsvRij[] = [
    ...a.instroom.map((r) => ({ onderdeel: 'instroom' as const, ...r })),
    ...a.openVraag.perWoonvorm.map((r) => ({ onderdeel: 'open_vraag_woonvorm' as const, ...r })),
    ...a.openVraag.perStap.map((r) => ({ onderdeel: 'open_vraag_stap' as const, ...r })),
    ...a.aanbod.map((r) => ({
      onderdeel: 'vrije_woningen' as const,
      woonvorm: r.woonvorm,
      typering: r.typering,
      aantal: r.vrij,
    })),
    ...a.contingent.map((r) => ({
      onderdeel: 'contingent' as const,
      corporatie: r.corporatie,
      aantal: r.resterend,
      beloofd: r.beloofd,
      gerealiseerd: r.gerealiseerd,
    })),
    ...a.plaatsingen.map((r) => ({ onderdeel: 'plaatsingen' as const, ...r })),
  ];
  return rijen.map((r) => ({ ...r, ...a.periode }));
}
