/**
 * Issue 14: the rules as the source documents write them. Every case cites the
 * seed file and lines its expected value comes from (000..004 in the shared seeds).
 */
import { toetsAanbod } from '../../../domain/rules/aanbod-toetsen';
import { passendheidstoets } from '../../../domain/rules/passendheid';
import { adviseerWoonvorm } from '../../../domain/rules/woonvorm-advies';
import { woonvormBezwaren } from '../../../domain/rules/woonvorm';
import { zelfstandigGebrek } from '../../../domain/rules/zelfstandig';
import { zorgwoningCheck } from '../../../domain/rules/zorgwoning';
import { amsterdamDatum } from '../../../domain/rules/kalenderdatum';
import { woningCreateBody } from '../../../domain/woning-schemas';
import { startCase } from '../../../domain/steps';
import type { Aanmelding, Vraag, WoningWoonvorm, Woonvorm, Zorg } from '../../../domain/types';
import { actors } from '../../support/api-client';
import { vvOudere, woningSnapshot } from '../../support/fixtures';

const zorg = (over: Partial<Zorg> = {}): Zorg => ({
  zorgvorm: 'op_afspraak',
  steunpuntGewenst: false,
  clusteringNodig: false,
  richtingen: [],
  ...over,
});
const persoon = { huishoudgrootte: 1, inkomensgroep: 'passendheidsgroep' as const };
const vraag = (perspectief: Vraag['perspectief']): Vraag => ({
  perspectief,
  samenwonen: 'alleen',
  nabijLotgenoten: 'geen_voorkeur',
});

describe('3. passendheidstoets only with scheiden van wonen en zorg', () => {
  // 004:1747-1767: "Van toepassing" under geschikt and beschut; under beschermd wonen
  // "Van toepassing als er sprake is van scheiden van wonen en zorg". A zzp is zorg met verblijf.
  test.each([
    // [indicatie, rekenhuur, uitkomst]
    [{ wet: 'wlz', leveringsvorm: 'zzp' }, 700, 'niet_van_toepassing'], // 004:1763-1764: only "als er sprake is van scheiden van wonen en zorg"
    [{ wet: 'wlz', leveringsvorm: 'vpt' }, 700, 'voldoet_niet'], // 004:1753-1755: applies "ook al hebben ze een Wlz indicatie"
    [{ wet: 'wlz', leveringsvorm: 'mpt' }, 700, 'voldoet_niet'], // 004:503-505: mpt is scheiden van wonen en zorg
    [{ wet: 'wmo', leveringsvorm: 'zin' }, 700, 'voldoet_niet'],
    [{ wet: 'wlz', leveringsvorm: 'vpt' }, 640, 'voldoet'],
  ] as const)('%j at €%d → %s', (indicatie, huur, uitkomst) => {
    const v = passendheidstoets(persoon, { kaleHuur: huur, servicekosten: 0 }, '2023-06-01', undefined, indicatie);
    expect(v).toMatchObject({ regel: 'passendheidstoets@3', uitkomst });
  });

  test('a zzp client in beschermd wonen at €700 passes the aanbod; under regelset 1 it stays excluded', () => {
    const aanmelding: Aanmelding = { ...vvOudere(), indicatie: { wet: 'wlz', leveringsvorm: 'zzp' } };
    const c = {
      ...startCase({ caseId: 'c', aanmelding, actor: actors.consulent }, '2023-05-01T09:00:00Z').state,
      woonvorm: { woonvorm: 'beschermd_wonen' as const },
    };
    const w = woningSnapshot({ woonvorm: 'beschermd_wonen', kaleHuur: 660, servicekosten: 40 });
    const verdict = (s: typeof c) =>
      toetsAanbod(s, w, { aanbodDatum: '2023-06-01' }).find((t) => t.regel.startsWith('passendheidstoets'));
    expect(verdict(c)).toMatchObject({ regel: 'passendheidstoets@4', uitkomst: 'niet_van_toepassing' });
    expect(verdict({ ...c, regelset: 2 })).toMatchObject({
      regel: 'passendheidstoets@3',
      uitkomst: 'niet_van_toepassing',
    });
    expect(verdict({ ...c, regelset: 1 })).toMatchObject({ regel: 'passendheidstoets@2', uitkomst: 'voldoet_niet' });
  });
});

describe('4. zorgwoning features are asked of beschut and beschermd, not of geschikt wonen', () => {
  test.each([
    // [woonvorm, kenmerken, uitkomst, gebreken]
    // 004:433-434 and 1271-1275: geschikt wonen has no specific facilities, "geen algemene faciliteiten"
    ['geschikt_wonen', { gemeenschappelijkeRuimte: false }, 'voldoet', []],
    // 004:825: geschikt is "grondgebonden nultredenwoningen"; 004:690, 932: zorg op afspraak "en alarmering"
    [
      'geschikt_wonen',
      { noodoproep: false, gemeenschappelijkeRuimte: false },
      'voldoet_niet',
      ['geen noodoproepinstallatie'],
    ],
    [
      'geschikt_wonen',
      { drempelsOverbrugd: false },
      'voldoet_niet',
      ['drempels vanaf 0,02 m zijn niet overbrugd (hellingbaan nodig)'],
    ],
    // 004:915-920: the zorgwoning clause (ramps, 1.2 m, noodoproep, gemeenschappelijke ruimte) for clustered forms
    [
      'beschut_wonen',
      { gemeenschappelijkeRuimte: false },
      'voldoet_niet',
      ['geen gemeenschappelijke ruimte voor maaltijden en recreatie'],
    ],
    [
      'beschermd_wonen',
      { gemeenschappelijkeRuimte: false },
      'voldoet_niet',
      ['geen gemeenschappelijke ruimte voor maaltijden en recreatie'],
    ],
    ['beschermd_wonen', {}, 'voldoet', []],
  ] as const)('%s %j → %s', (woonvorm, over, uitkomst, gebreken) => {
    const v = zorgwoningCheck(woonvorm, woningSnapshot(over));
    expect(v).toMatchObject({ regel: 'zorgwoning@2', uitkomst });
    if (gebreken.length) expect(v.redenen).toEqual(gebreken);
  });

  test('version 1 (before issue 14) still asked the shared room of geschikt wonen', () => {
    expect(zorgwoningCheck('geschikt_wonen', woningSnapshot({ gemeenschappelijkeRuimte: false }), 1)).toMatchObject({
      regel: 'zorgwoning@1',
      uitkomst: 'voldoet_niet',
    });
  });
});

describe('5. 24-uurs toezicht and beschut wonen: a bezwaar to weigh', () => {
  const input = (wet: Aanmelding['indicatie']['wet'], leveringsvorm: string | undefined, z: Zorg) => ({
    aanmelding: { deelgroep: 'verstoorde_zelfregulering' as const, indicatie: { wet, leveringsvorm } },
    zorg: z,
  });
  const optie = (i: ReturnType<typeof input>, w: Woonvorm, regelset?: 1) =>
    adviseerWoonvorm({ ...i, regelset }).opties.find((o) => o.woonvorm === w)!;

  test.each([
    // [indicatie, woonvorm, uitkomst not 'uitgesloten'?, bezwaar matches]
    // 004:692, 942-943: beschut "vaak 24 uurs aanwezigheid in het gebouw", "soms ook 24 uurs zorg in het gebouw"
    [
      ['wlz', 'vpt'],
      'beschut_wonen',
      true,
      /24-uurs toezicht: beschut wonen heeft vaak, niet altijd, 24 uur zorg in het gebouw/,
    ],
    // 004:690: geschikt wonen is zorg op afspraak (en alarmering): still a conflict
    [['wlz', 'vpt'], 'geschikt_wonen', false, undefined],
    // 004:693: beschermd has 24 uurs aanwezigheid of zorg and toezicht
    [['wlz', 'vpt'], 'beschermd_wonen', true, undefined],
  ] as const)('%j with %s', ([wet, lv], w, mogelijk, bezwaar) => {
    const o = optie(input(wet, lv, zorg({ zorgvorm: '24_uurs_toezicht' })), w);
    expect(o.uitkomst !== 'uitgesloten').toBe(mogelijk);
    if (bezwaar) expect(o.bezwaren.join('; ')).toMatch(bezwaar);
  });

  test('the mpt/pgb bezwaar against beschermd wonen is dropped (004:503-505: scheiden fits geschikt, beschut and beschermd)', () => {
    for (const [wet, lv] of [
      ['wlz', 'mpt'],
      ['wlz', 'pgb'],
      ['wmo', 'zin'],
    ] as const) {
      expect(optie(input(wet, lv, zorg({ zorgvorm: '24_uurs_toezicht' })), 'beschermd_wonen').bezwaren).toEqual([]);
      // Regelset 1 replays what was recorded then.
      expect(optie(input(wet, lv, zorg({ zorgvorm: '24_uurs_toezicht' })), 'beschermd_wonen', 1).bezwaren).toHaveLength(
        1,
      );
    }
    expect(optie(input('wlz', 'vpt', zorg({ zorgvorm: '24_uurs_toezicht' })), 'beschut_wonen', 1).uitkomst).toBe(
      'uitgesloten',
    );
  });

  test('at the aanbod, 24-uurs toezicht in a beschut woning asks to check the building (a warning)', () => {
    const c = {
      ...startCase({ caseId: 'c', aanmelding: vvOudere(), actor: actors.consulent }, '2023-05-01T09:00:00Z').state,
      zorg: zorg({ zorgvorm: '24_uurs_toezicht' }),
      woonvorm: { woonvorm: 'beschut_wonen' as const },
    };
    const toetsen = toetsAanbod(c, woningSnapshot({ woonvorm: 'beschut_wonen' }), { aanbodDatum: '2023-06-01' });
    expect(toetsen.find((t) => t.regel === 'toezicht-in-gebouw@1')).toMatchObject({ uitkomst: 'waarschuwing' });
  });
});

describe('2. flexibel: temporary forms also for verstoorde zelfregulering where vraag and richting ask', () => {
  // 003:828-829: "Flexibel: rechtvaardigt het persoonlijk perspectief een tijdelijke oplossing" is one of the five richtingen.
  const aanmelding = (deelgroep: Aanmelding['deelgroep']): Aanmelding => ({
    ...vvOudere(),
    deelgroep,
    indicatie: { wet: 'wmo', leveringsvorm: 'zin' },
  });
  test.each([
    // [deelgroep, perspectief, richtingen, allowed]
    ['verstoorde_zelfregulering', 'eerst_stabiliseren', ['flexibel'], true], // 003:828-829
    ['verstoorde_zelfregulering', 'lange_termijn', ['flexibel'], false], // the perspective does not justify temporary
    ['verstoorde_zelfregulering', 'eerst_stabiliseren', ['ambulant'], false], // the zorg did not choose flexibel
    ['spoed', 'lange_termijn', [], true], // 003:656-660: anders verhuren for spoed
  ] as const)('%s, %s, %j → tijdelijke_verhuur allowed: %s', (deelgroep, perspectief, richtingen, allowed) => {
    const bezwaren = woonvormBezwaren(
      aanmelding(deelgroep),
      vraag(perspectief),
      zorg({ richtingen: [...richtingen] }),
      'tijdelijke_verhuur',
    );
    expect(bezwaren.length === 0).toBe(allowed);
    const advies = adviseerWoonvorm({
      aanmelding: aanmelding(deelgroep),
      vraag: vraag(perspectief),
      zorg: zorg({ richtingen: [...richtingen] }),
    });
    // The advice (and so the form) offers the temporary forms only where they are allowed.
    expect(advies.opties.some((o) => o.woonvorm === 'tijdelijke_verhuur' && o.uitkomst !== 'uitgesloten')).toBe(
      allowed,
    );
  });

  test('regelset 1 keeps them for spoed only', () => {
    expect(
      woonvormBezwaren(
        aanmelding('verstoorde_zelfregulering'),
        vraag('eerst_stabiliseren'),
        zorg({ richtingen: ['flexibel'] }),
        'tijdelijke_verhuur',
        1,
      ),
    ).toEqual(['tijdelijke verhuur is alleen voor de deelgroep spoed']);
  });
});

describe('1. spoed without a zorginstelling: the ordinary and temporary forms, no care weighed', () => {
  // 003:645-653: "Zorgorganisaties hebben hier niet direct een rol"; arrangements in other woonvormen and temporary solutions.
  const spoed: Aanmelding = {
    ...vvOudere(),
    deelgroep: 'spoed',
    indicatie: { wet: 'geen' },
    zorginstelling: undefined,
  };
  test.each([
    ['in_de_wijk', true],
    ['tijdelijke_verhuur', true],
    ['kamergewijze_verhuur', true],
    ['flexwoning', true],
    ['onzelfstandige_eenheid', true],
    ['geschikt_wonen', false],
    ['beschermd_wonen', false],
  ] as const)('%s → allowed: %s', (w, allowed) => {
    expect(woonvormBezwaren(spoed, vraag('eerst_stabiliseren'), undefined, w).length === 0).toBe(allowed);
  });

  test("the advice without zorg recommends from the person's own answers", () => {
    const advies = adviseerWoonvorm({ aanmelding: spoed, vraag: vraag('eerst_stabiliseren') });
    expect(advies.regel).toBe('woonvorm-advies@2');
    expect(advies.opties.map((o) => o.woonvorm).sort()).toEqual([
      'flexwoning',
      'in_de_wijk',
      'kamergewijze_verhuur',
      'onzelfstandige_eenheid',
      'tijdelijke_verhuur',
    ]);
    expect(advies.aanbevolen).toEqual(expect.arrayContaining(['tijdelijke_verhuur']));
  });
});

describe("14. a woning's zelfstandig flag fits its woonvorm", () => {
  test.each([
    // 004:1304-1306: beschermd wonen is "zelfstandige woningen ... met 24 uurs aanwezigheid van zorg"
    ['beschermd_wonen', true, undefined],
    ['beschermd_wonen', false, /zelfstandig moet waar zijn/],
    // 004:910-913, 1425-1427: an onzelfstandige woning shares voorzieningen
    ['onzelfstandige_eenheid', false, undefined],
    ['onzelfstandige_eenheid', true, /zelfstandig moet onwaar zijn/],
    // 003:660: kamergewijs verhuren aan meerdere personen
    ['kamergewijze_verhuur', true, /zelfstandig moet onwaar zijn/],
    ['geschikt_wonen', false, undefined],
    ['in_de_wijk', true, undefined],
  ] as const)('%s zelfstandig=%s', (woonvorm, zelfstandig, fout) => {
    const gebrek = zelfstandigGebrek(woonvorm as WoningWoonvorm, zelfstandig);
    if (fout) expect(gebrek).toMatch(fout);
    else expect(gebrek).toBeUndefined();
  });

  test('the woning body refuses a misfit, naming the field', () => {
    const {
      id: _id,
      corporatie: _c,
      version: _v,
      ...fields
    } = woningSnapshot({ woonvorm: 'onzelfstandige_eenheid', zelfstandig: true });
    const { wijk: _w, ...body } = fields;
    const parsed = woningCreateBody.safeParse(body);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['zelfstandig']);
    expect(woningCreateBody.safeParse({ ...body, zelfstandig: false }).success).toBe(true);
  });
});

test.each([
  ['2026-03-28T23:30:00Z', '2026-03-29'], // CET: +1
  ['2026-03-29T00:59:00Z', '2026-03-29'],
  ['2026-06-30T22:30:00Z', '2026-07-01'], // CEST: +2
  ['2026-10-24T21:59:00Z', '2026-10-24'],
  ['2026-10-24T22:30:00Z', '2026-10-25'],
  ['2026-12-01T23:30:00Z', '2026-12-02'],
])('amsterdamDatum(%s) = %s, as Intl says', (iso, datum) => {
  expect(amsterdamDatum(iso)).toBe(datum);
  expect(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date(iso))).toBe(datum);
});
