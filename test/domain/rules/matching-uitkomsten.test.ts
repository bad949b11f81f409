/**
 * Matching ranks every woning on the rules' outcomes (aanbodUitkomsten) and explains only the shown ones:
 * the result must be exactly what running every woning through toetsAanbod gives (issue 16 item 4).
 */
import { aanbodUitkomsten, toetsAanbod, type AanbodCase } from '../../../domain/rules/aanbod-toetsen';
import { matchWoningen } from '../../../domain/rules/matching';
import type { Regelset } from '../../../domain/rules/regelset';
import type { Opgave, WoningSnapshot, WoningWoonvorm, Zorgvorm } from '../../../domain/types';
import { vvOudere } from '../../support/fixtures';

// A fixed generator, so a failure reproduces.
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const WOONVORMEN: WoningWoonvorm[] = [
  'in_de_wijk',
  'geschikt_wonen',
  'beschut_wonen',
  'beschermd_wonen',
  'tijdelijke_verhuur',
  'kamergewijze_verhuur',
  'flexwoning',
  'onzelfstandige_eenheid',
  'toegankelijke_woning',
];
const OPGAVEN: Opgave[] = ['opgave_1_nabij_steunpunt', 'opgave_2_gespikkeld'];
const BUURTEN = ['BU03630001', 'BU03630002', 'BU03630003', 'BU03630004'];

function woningen(r: () => number, n: number): WoningSnapshot[] {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  return Array.from({ length: n }, (_, i) => ({
    id: `w-${String(Math.floor(r() * 1e6)).padStart(6, '0')}-${i}`,
    corporatie: r() < 0.9 ? 'woonstad' : 'anders',
    referentie: `R-${i}`,
    gemeente: r() < 0.7 ? 'GM0363' : 'GM0599',
    wijk: null,
    buurtcode: pick(BUURTEN),
    woonvorm: pick(WOONVORMEN),
    kamers: 1 + Math.floor(r() * 4),
    // Few distinct amounts and dates, so scores tie and the order falls to beschikbaarVanaf and id.
    kaleHuur: pick([450, 600, 650.5, 700, 880, 950]),
    servicekosten: pick([0, 25, 60]),
    zelfstandig: r() < 0.85,
    drempelsOverbrugd: r() < 0.85,
    gangbreedteCm: pick([100, 119, 120, 140]),
    noodoproep: r() < 0.8,
    gemeenschappelijkeRuimte: r() < 0.7,
    opgave: pick(OPGAVEN),
    beschikbaarVanaf: pick(['2023-01-10', '2023-03-01', '2023-05-20', '2023-06-01', '2023-06-15']),
    version: 1,
    ...(r() < 0.5 ? { subsidiabeleServicekosten: pick([0, 10, 25]) } : {}),
    ...(r() < 0.6
      ? {
          brandveiligheidTypering: pick(['gewone_woonfunctie', 'zorgclusterwoning', 'groepszorgwoning'] as const),
          brandmeldinstallatie: pick(['geen', 'zonder_doormelding', 'met_doormelding'] as const),
        }
      : {}),
  }));
}

function caseFor(r: () => number, route: 'regulier' | 'zorgwoning', metBuurt: boolean): AanbodCase {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const aanmelding = vvOudere();
  aanmelding.persoon.huishoudgrootte = pick([1, 2, 3]);
  aanmelding.persoon.inkomensgroep = pick(['passendheidsgroep', 'midden', 'hoog'] as const);
  if (r() < 0.3) aanmelding.persoon.inkomen = pick([20_000, 30_000, 60_000]);
  aanmelding.indicatie = pick([
    { wet: 'wlz', leveringsvorm: 'vpt' },
    { wet: 'wlz', leveringsvorm: 'zzp' },
    { wet: 'wmo' },
  ] as AanbodCase['aanmelding']['indicatie'][]);
  return {
    aanmelding,
    route,
    woonvorm:
      route === 'zorgwoning' ? { woonvorm: pick(['geschikt_wonen', 'beschut_wonen', 'beschermd_wonen']) } : undefined,
    buurt: metBuurt
      ? { buurtcode: pick(BUURTEN), opgave: pick(OPGAVEN), draagkrachtBesproken: true, voorlichtingNodig: false }
      : undefined,
    zorg: {
      zorgvorm: pick(['op_afspraak', '24_uurs_toezicht', 'planbaar'] as Zorgvorm[]),
      steunpuntGewenst: r() < 0.5,
      clusteringNodig: false,
      richtingen: [],
    },
    partijen: r() < 0.8 ? { corporatie: { organisatie: 'woonstad' } } : {},
    regelset: pick([undefined, 1, 2, 3] as Array<Regelset | undefined>),
  } as unknown as AanbodCase;
}

const aanbodDatum = '2023-06-01';
const draagkracht = { maxPlaatsingen: 3, periodeDagen: 365 };

describe('matching ranks on outcomes and explains only what it shows', () => {
  test.each(Array.from({ length: 40 }, (_, i) => i))('case %i: the same as every woning through toetsAanbod', (i) => {
    const r = rng(1000 + i);
    const c = caseFor(r, i % 2 ? 'regulier' : 'zorgwoning', i % 4 < 2);
    const alle = woningen(r, 300);
    // Some buurten over the draagkracht, some not, and sometimes no placements known at all.
    const plaatsingen =
      i % 5 === 0
        ? undefined
        : new Map([
            [BUURTEN[0]!, 5],
            [BUURTEN[1]!, 1],
          ]);
    const o = { aanbodDatum, plaatsingenPerBuurt: plaatsingen, draagkracht: plaatsingen && draagkracht };
    const volledig = matchWoningen(c, alle, o);
    for (const toon of [1, 20, 1000]) {
      const getoond = matchWoningen(c, alle, { ...o, toon });
      expect(getoond.totaal).toBe(volledig.kandidaten.length);
      expect(getoond.kandidaten).toEqual(volledig.kandidaten.slice(0, toon));
      expect(getoond.uitgesloten).toEqual(volledig.uitgesloten.slice(0, toon));
    }
    // The full path is toetsAanbod on every woning, as before.
    for (const k of volledig.kandidaten)
      expect(k.toetsen).toEqual(
        toetsAanbod(c, k.woning, {
          ...o,
          plaatsingenInBuurt: plaatsingen && (plaatsingen.get(k.woning.buurtcode) ?? 0),
        }),
      );
  });

  test('the outcome path gives every rule the same uitkomst and parameters as toetsAanbod', () => {
    const r = rng(7);
    let draagkrachtWaarschuwingen = 0;
    for (let i = 0; i < 200; i++) {
      const c = caseFor(r, i % 2 ? 'regulier' : 'zorgwoning', i % 3 > 0);
      for (const w of woningen(r, 20)) {
        const o = { aanbodDatum, plaatsingenInBuurt: Math.floor(r() * 6), draagkracht };
        const strip = (vs: ReturnType<typeof toetsAanbod>) => vs.map(({ redenen: _r, ...v }) => v);
        const volledig = toetsAanbod(c, w, o);
        expect(strip(aanbodUitkomsten(c, w, o))).toEqual(strip(volledig));
        if (volledig.some((v) => v.regel === 'buurt-draagkracht@1' && v.uitkomst === 'waarschuwing'))
          draagkrachtWaarschuwingen++;
      }
    }
    expect(draagkrachtWaarschuwingen).toBeGreaterThan(0);
  });
});
