import { woonvormBezwaren } from '../../../workflows/rules/woonvorm';
import type { Aanmelding, Woonvorm, Zorg } from '../../../workflows/types';
import { vvOudere } from '../../support/fixtures';

const zorg = (zorgvorm: Zorg['zorgvorm']): Zorg => ({ zorgvorm, steunpuntGewenst: false, clusteringNodig: false, richtingen: [] });
const spoed: Aanmelding = { ...vvOudere(), deelgroep: 'spoed', doelgroep: 'statushouder' };

test.each([
  ['geschikt_wonen', vvOudere(), zorg('op_afspraak'), []],
  ['beschermd_wonen', vvOudere(), zorg('24_uurs_toezicht'), []],
  ['beschut_wonen', vvOudere(), zorg('24_uurs_toezicht'), ['24-uurs toezicht vraagt beschermd wonen']],
  ['flexwoning', spoed, zorg('op_afspraak'), []],
  ['flexwoning', vvOudere(), zorg('op_afspraak'), ['tijdelijke woonvorm flexwoning is alleen bedoeld voor de deelgroep spoed']],
  ['specifiek_verpleeghuis', vvOudere(), zorg('24_uurs_toezicht'), [expect.stringMatching(/leg een verwijzing vast/)]],
] as Array<[Woonvorm, Aanmelding, Zorg, unknown[]]>)('%s → %j', (woonvorm, aanmelding, z, expected) => {
  expect(woonvormBezwaren(aanmelding, z, woonvorm)).toEqual(expected);
});
