import { buurtDraagkracht } from '../../../domain/rules/draagkracht';
import { toegankelijkheidCheck, zorgwoningCheck } from '../../../domain/rules/zorgwoning';
import { woningSnapshot } from '../../support/fixtures';

describe('zorgwoning check', () => {
  test.each([
    [{}, 'voldoet', []],
    [{ gangbreedteCm: 119 }, 'voldoet_niet', ['gangbreedte 119 cm is minder dan 120 cm']],
    [{ drempelsOverbrugd: false }, 'voldoet_niet', ['drempels vanaf 0,02 m zijn niet overbrugd (hellingbaan nodig)']],
    [
      { noodoproep: false, gemeenschappelijkeRuimte: false },
      'voldoet_niet',
      ['geen noodoproepinstallatie', 'geen gemeenschappelijke ruimte voor maaltijden en recreatie'],
    ],
  ] as const)('%j → %s', (over, uitkomst, redenen) => {
    const verdict = zorgwoningCheck('beschut_wonen', woningSnapshot(over));
    expect(verdict.uitkomst).toBe(uitkomst);
    if (redenen.length) expect(verdict.redenen).toEqual(redenen);
  });

  test('in de wijk needs no zorgwoning; after doorgeleiding only toegankelijkheid counts', () => {
    const plain = woningSnapshot({ noodoproep: false, gemeenschappelijkeRuimte: false });
    expect(zorgwoningCheck('in_de_wijk', plain).uitkomst).toBe('niet_van_toepassing');
    expect(toegankelijkheidCheck(plain).uitkomst).toBe('voldoet');
    expect(toegankelijkheidCheck({ ...plain, gangbreedteCm: 90 }).uitkomst).toBe('voldoet_niet');
  });
});

test.each([
  [3, 'voldoet'],
  [4, 'waarschuwing'],
])('buurt draagkracht with %i placements (max 3 in 365 days) → %s', (plaatsingen, uitkomst) => {
  const verdict = buurtDraagkracht('BU03630101', plaatsingen, { maxPlaatsingen: 3, periodeDagen: 365 });
  expect(verdict).toMatchObject({
    regel: 'buurt-draagkracht@1',
    uitkomst,
    parameters: { maxPlaatsingen: 3, periodeDagen: 365, plaatsingen },
  });
});
