import { parametersOp, type JaarParameters } from '../../../domain/rules/parameters';
import { inkomenstoets, passendheidstoets } from '../../../domain/rules/passendheid';

const huur = (kaleHuur: number, servicekosten = 0) => ({ kaleHuur, servicekosten });
const D = '2023-06-01';

describe('passendheidstoets (2023: aftoppingsgrens €647.19 / €693.60, passendheidsgrens €25,075 / €34,025)', () => {
  test.each([
    // household, band, income, kale huur, servicekosten → uitkomst
    [1, 'passendheidsgroep', undefined, 647.19, 0, 'voldoet'], // rent exactly at the lage aftoppingsgrens
    [1, 'passendheidsgroep', undefined, 647.2, 0, 'voldoet_niet'], // one cent above
    [2, 'passendheidsgroep', undefined, 600, 47.19, 'voldoet'], // servicekosten count towards the rent
    [2, 'passendheidsgroep', undefined, 600, 47.2, 'voldoet_niet'],
    [3, 'passendheidsgroep', undefined, 693.6, 0, 'voldoet'], // three or more: the hoge aftoppingsgrens
    [3, 'passendheidsgroep', undefined, 693.61, 0, 'voldoet_niet'],
    [1, 'midden', undefined, 800, 0, 'niet_van_toepassing'], // above the passendheidsgroep
    [1, 'midden', 25_075, 700, 0, 'voldoet_niet'], // income exactly at the passendheidsgrens: in the group
    [1, 'passendheidsgroep', 25_076, 700, 0, 'niet_van_toepassing'], // one euro above: the known income decides, not the band
    [2, 'midden', 34_025, 650, 0, 'voldoet_niet'], // meerpersoons limit, lage aftoppingsgrens for two
    [2, 'midden', 34_026, 650, 0, 'niet_van_toepassing'],
  ] as const)(
    'household %i, %s, income %s, rent %d + %d → %s',
    (huishoudgrootte, inkomensgroep, inkomen, kaleHuur, servicekosten, uitkomst) => {
      const verdict = passendheidstoets({ huishoudgrootte, inkomensgroep, inkomen }, huur(kaleHuur, servicekosten), D);
      expect(verdict).toMatchObject({
        regel: 'passendheidstoets@2',
        uitkomst,
        parameters: expect.objectContaining({ jaar: 2023 }),
      });
    },
  );

  test('a refusal names the income, the rent, the limit and the year', () => {
    const verdict = passendheidstoets(
      { huishoudgrootte: 1, inkomensgroep: 'midden', inkomen: 21_000 },
      huur(650, 10),
      D,
    );
    expect(verdict.redenen).toEqual([
      'inkomen €\u00a021.000 valt binnen de passendheidsgrens €\u00a025.075 (2023)',
      'huur €\u00a0660,00 ligt boven de lage aftoppingsgrens €\u00a0647,19 (2023)',
    ]);
  });
});

describe('inkomenstoets (2023: sociale huur up to €808.06, inkomensgrens €44,035 / €48,625)', () => {
  const wmo = { wet: 'wmo', leveringsvorm: 'zin' } as const;
  const wlz = { wet: 'wlz', leveringsvorm: 'vpt' } as const;
  test.each([
    [1, 'hoog', 44_035, wmo, 700, 'voldoet'], // income exactly at the limit
    [1, 'hoog', 44_036, wmo, 700, 'voldoet_niet'],
    [2, 'hoog', 48_625, wmo, 700, 'voldoet'],
    [2, 'hoog', 48_626, wmo, 700, 'voldoet_niet'],
    [1, 'hoog', 90_000, wlz, 700, 'niet_van_toepassing'], // a Wlz-indicatie with a high income may get social rent
    [1, 'hoog', undefined, wmo, 700, 'voldoet_niet'], // band only
    [1, 'hoog', 90_000, wmo, 808.07, 'niet_van_toepassing'], // not social rent
    [1, 'hoog', 90_000, wmo, 808.06, 'voldoet_niet'], // exactly at the sociale huurgrens is social rent
  ] as const)(
    'household %i, %s, income %s, %j, rent %d → %s',
    (huishoudgrootte, inkomensgroep, inkomen, indicatie, kaleHuur, uitkomst) => {
      expect(inkomenstoets({ huishoudgrootte, inkomensgroep, inkomen }, indicatie, huur(kaleHuur), D).uitkomst).toBe(
        uitkomst,
      );
    },
  );

  test('the Wlz exemption does not lift the passendheidstoets', () => {
    const persoon = { huishoudgrootte: 1, inkomensgroep: 'passendheidsgroep', inkomen: 20_000 } as const;
    expect(inkomenstoets(persoon, wlz, huur(700), D).uitkomst).toBe('niet_van_toepassing');
    expect(passendheidstoets(persoon, huur(700), D).uitkomst).toBe('voldoet_niet');
  });
});

describe('dated parameters', () => {
  const sets: JaarParameters[] = [
    { ...parametersOp('2023-01-01').set },
    {
      ...parametersOp('2023-01-01').set,
      jaar: 2024,
      aftoppingsgrensLaag: 697.07,
      aftoppingsgrensHoog: 747.21,
      huurtoeslaggrens: 879.66,
    },
  ];
  test('the set is chosen by the date of the aanbod', () => {
    expect(parametersOp('2023-12-31', sets)).toEqual({ set: sets[0] });
    expect(parametersOp('2024-01-01', sets)).toEqual({ set: sets[1] });
    expect(parametersOp('2026-05-01', sets)).toEqual({
      set: sets[1],
      waarschuwing: 'geen parameters voor 2026: die van 2024 zijn gebruikt',
    });
    expect(parametersOp('2022-05-01', sets).set.jaar).toBe(2023);
    const persoon = { huishoudgrootte: 1, inkomensgroep: 'passendheidsgroep' } as const;
    expect(passendheidstoets(persoon, huur(690), '2023-12-31', sets).uitkomst).toBe('voldoet_niet');
    expect(passendheidstoets(persoon, huur(690), '2024-01-01', sets)).toMatchObject({
      uitkomst: 'voldoet',
      parameters: { jaar: 2024, aftoppingsgrens: 697.07 },
    });
  });
});
