import { parametersFor, passendheidstoets, type PassendheidParameters } from '../../../workflows/rules/passendheid';

const aanbod = (kaleHuur: number, servicekosten = 0, aanbodDatum = '2023-06-01') => ({ kaleHuur, servicekosten, aanbodDatum });

describe('passendheidstoets', () => {
  test.each([
    // [huishoudgrootte, inkomensgroep, kale huur, servicekosten, passend]
    [1, 'passendheidsgroep', 647.19, 0, true], // exactly at the lage aftoppingsgrens
    [1, 'passendheidsgroep', 647.2, 0, false], // one cent above
    [2, 'passendheidsgroep', 600, 47.19, true], // servicekosten count towards the rent
    [2, 'passendheidsgroep', 600, 47.2, false],
    [3, 'passendheidsgroep', 693.6, 0, true], // three or more: the hoge aftoppingsgrens
    [3, 'passendheidsgroep', 693.61, 0, false],
    [1, 'midden', 800, 0, true], // above the passendheidsgroep: no aftoppingsgrens
    [4, 'hoog', 900, 0, true],
  ] as const)('household of %i, %s, rent %d + %d → passend %s', (huishoudgrootte, inkomensgroep, kaleHuur, servicekosten, passend) => {
    const verdict = passendheidstoets({ huishoudgrootte, inkomensgroep }, aanbod(kaleHuur, servicekosten));
    expect(verdict.passend).toBe(passend);
    expect(verdict).toMatchObject({ regel: 'passendheidstoets@1', parameterJaar: 2023 });
    expect(verdict.redenen).toHaveLength(1);
  });

  test('the refusal names the rent, the limit and the year', () => {
    const verdict = passendheidstoets({ huishoudgrootte: 1, inkomensgroep: 'passendheidsgroep' }, aanbod(650, 10));
    expect(verdict.redenen).toEqual(['huur €660.00 ligt boven de lage aftoppingsgrens €647.19 (2023) voor de passendheidsgroep']);
  });

  test('the parameter set is chosen by the date of the aanbod', () => {
    const sets: PassendheidParameters[] = [
      { jaar: 2023, aftoppingsgrensLaag: 647.19, aftoppingsgrensHoog: 693.6, huurtoeslaggrens: 808.66 },
      { jaar: 2024, aftoppingsgrensLaag: 697.07, aftoppingsgrensHoog: 747.21, huurtoeslaggrens: 879.66 },
    ];
    expect(parametersFor('2022-12-31', sets).jaar).toBe(2023);
    expect(parametersFor('2023-12-31', sets).jaar).toBe(2023);
    expect(parametersFor('2024-01-01', sets).jaar).toBe(2024);
    expect(parametersFor('2026-05-01', sets).jaar).toBe(2024);
    const persoon = { huishoudgrootte: 1, inkomensgroep: 'passendheidsgroep' } as const;
    expect(passendheidstoets(persoon, aanbod(690, 0, '2023-12-31'), sets).passend).toBe(false);
    expect(passendheidstoets(persoon, aanbod(690, 0, '2024-01-01'), sets)).toMatchObject({ passend: true, parameterJaar: 2024 });
  });
});
