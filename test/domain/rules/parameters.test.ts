/**
 * Issue 14 item 11: current amounts, never silently old ones, and a rekenhuur of only the
 * subsidiabele servicekosten (regelset 3).
 */
import { toetsAanbod } from '../../../domain/rules/aanbod-toetsen';
import {
  aanbodDatumProbleem,
  jaarParameters,
  parameterWaarschuwingen,
  samengevoegd,
  setVoorJaar,
  type JaarParameters,
} from '../../../domain/rules/parameters';
import { passendheidstoets } from '../../../domain/rules/passendheid';
import { startCase } from '../../../domain/steps';
import type { CaseState } from '../../../domain/types';
import { actors } from '../../support/api-client';
import { vvOudere, woningSnapshot } from '../../support/fixtures';

const set2023 = jaarParameters[0]!;
const test2026: JaarParameters = { ...set2023, jaar: 2026, bron: 'TESTWAARDEN: geen officiële bedragen' };

describe('a year without its own set has none', () => {
  test('only the year itself counts; kept sets override the built-in ones', () => {
    expect(setVoorJaar(2026, [set2023])).toBeUndefined();
    expect(setVoorJaar(2023, [set2023])).toBe(set2023);
    const kept = { ...set2023, bron: 'door de beheerder gecorrigeerd' };
    expect(samengevoegd([test2026, kept]).map((s) => [s.jaar, s.bron])).toEqual([
      [2023, 'door de beheerder gecorrigeerd'],
      [2026, test2026.bron],
    ]);
  });

  test.each([
    ['2026-12-02', undefined],
    ['2026-11-01', undefined], // 31 days back
    ['2026-10-31', 'ligt 32 dagen terug; ten hoogste 31 dagen is toegestaan'],
    ['2026-12-03', 'ligt na vandaag (2026-12-02)'],
    ['2023-06-01', 'dagen terug'],
  ])('aanbod dated %s on 2026-12-02 (31 days allowed) → %s', (datum, probleem) => {
    const found = aanbodDatumProbleem(datum, '2026-12-02', 31);
    if (probleem === undefined) expect(found).toBeUndefined();
    else expect(found).toContain(probleem);
  });

  test.each([
    // [today, sets, expected codes]
    ['2026-06-01', [test2026], []],
    ['2026-11-01', [test2026], []], // 61 days before 1 January: not yet
    ['2026-11-02', [test2026], ['parameters_ontbreken_binnenkort']], // 60 days before
    ['2026-12-02', [test2026, { ...test2026, jaar: 2027 }], []],
    ['2026-06-01', [set2023], ['parameters_ontbreken']],
    ['2026-12-31', [set2023], ['parameters_ontbreken', 'parameters_ontbreken_binnenkort']],
  ] as const)('on %s the beheerder is warned: %j', (vandaag, sets, codes) => {
    const w = parameterWaarschuwingen(vandaag, sets);
    expect(w.map((x) => x.code)).toEqual(codes);
    for (const x of w) expect(x.bericht).toContain(String(x.jaar));
  });
});

describe('rekenhuur: kale huur plus only the subsidiabele servicekosten (regelset 3)', () => {
  const persoon = { huishoudgrootte: 1, inkomensgroep: 'passendheidsgroep' as const };
  const indicatie = { wet: 'wmo' as const, leveringsvorm: 'zin' as const };
  // kale huur 620 + servicekosten 60, of which 20 subsidiabel: 640 under, 680 over the 2023 lage aftoppingsgrens €647.19.
  const woning = woningSnapshot({ kaleHuur: 620, servicekosten: 60, subsidiabeleServicekosten: 20 });

  test('regelset 3 counts the subsidiabele part and says so', () => {
    const v = passendheidstoets(persoon, woning, '2023-06-01', undefined, indicatie, true);
    expect(v).toMatchObject({ regel: 'passendheidstoets@4', uitkomst: 'voldoet' });
    expect(v.redenen[1]).toBe(
      'huur €\u00a0640,00 ligt niet boven de lage aftoppingsgrens €\u00a0647,19 (2023) (kale huur €\u00a0620,00 + subsidiabele servicekosten €\u00a020,00)',
    );
  });

  test('without the subsidiabele part recorded, all servicekosten count, and the reason says so', () => {
    const { subsidiabeleServicekosten: _, ...zonder } = woning;
    const v = passendheidstoets(persoon, zonder, '2023-06-01', undefined, indicatie, true);
    expect(v.uitkomst).toBe('voldoet_niet');
    expect(v.redenen[1]).toContain('subsidiabele servicekosten niet vastgelegd: alle servicekosten geteld');
  });

  test('a case under regelset 2 keeps the rule it had (passendheidstoets@3, all servicekosten)', () => {
    const { state } = startCase(
      { caseId: 'c-p', aanmelding: vvOudere(), actor: actors.consulent },
      '2026-12-01T09:00:00Z',
    );
    const c: CaseState = { ...state, woonvorm: { woonvorm: 'geschikt_wonen' }, fase: 'aanbod' };
    const regel = (s: CaseState) =>
      toetsAanbod(s, woning, { aanbodDatum: '2023-06-01' }).find((t) => t.regel.startsWith('passendheidstoets'));
    expect(regel(c)).toMatchObject({ regel: 'passendheidstoets@4', uitkomst: 'voldoet' });
    expect(regel({ ...c, regelset: 2 })).toMatchObject({ regel: 'passendheidstoets@3', uitkomst: 'voldoet_niet' });
  });
});
