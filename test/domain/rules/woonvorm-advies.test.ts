import { adviseerWoonvorm, doorgeleidingsAdvies } from '../../../domain/rules/woonvorm-advies';
import { woonvormBezwaren } from '../../../domain/rules/woonvorm';
import type { Aanmelding, Vraag, Zorg } from '../../../domain/types';
import { vvOudere } from '../../support/fixtures';

const zorg = (over: Partial<Zorg> = {}): Zorg => ({
  zorgvorm: 'op_afspraak',
  steunpuntGewenst: false,
  clusteringNodig: false,
  richtingen: [],
  ...over,
});
const indicatie = (wet: Aanmelding['indicatie']['wet'], leveringsvorm?: string) => ({
  deelgroep: 'verstoorde_zelfregulering' as const,
  indicatie: { wet, leveringsvorm },
});
const optie = (a: ReturnType<typeof adviseerWoonvorm>, w: string) => a.opties.find((o) => o.woonvorm === w)!;

test('zzp with in de wijk is a named conflict; zzp recommends beschermd wonen', () => {
  const advies = adviseerWoonvorm({
    aanmelding: indicatie('wlz', 'zzp'),
    zorg: zorg({ zorgvorm: '24_uurs_toezicht' }),
  });
  expect(optie(advies, 'in_de_wijk')).toMatchObject({
    uitkomst: 'uitgesloten',
    conflicten: expect.arrayContaining(['zzp (zorg met verblijf) past niet bij in de wijk']),
  });
  expect(advies.aanbevolen).toContain('beschermd_wonen');
});

test('24-uurs toezicht with geschikt wonen is a named conflict', () => {
  const advies = adviseerWoonvorm({
    aanmelding: indicatie('wlz', 'vpt'),
    zorg: zorg({ zorgvorm: '24_uurs_toezicht' }),
  });
  expect(optie(advies, 'geschikt_wonen').conflicten).toEqual(['24-uurs toezicht past niet bij geschikt wonen']);
  expect(advies.aanbevolen).toEqual(['beschermd_wonen']);
});

test('vpt with care by appointment recommends a clustered form and weighs in de wijk down', () => {
  const vraag: Vraag = { perspectief: 'lange_termijn', samenwonen: 'gedeelde_ruimte', nabijLotgenoten: 'ja' };
  const advies = adviseerWoonvorm({
    aanmelding: indicatie('wlz', 'vpt'),
    vraag,
    zorg: zorg({ steunpuntGewenst: true }),
  });
  expect(advies.aanbevolen).toEqual(['geschikt_wonen', 'beschut_wonen']);
  expect(optie(advies, 'in_de_wijk')).toMatchObject({
    uitkomst: 'mogelijk',
    bezwaren: ['vpt wordt doorgaans in een geclusterde woonvorm geleverd'],
  });
  expect(optie(advies, 'geschikt_wonen').voor).toEqual(
    expect.arrayContaining(['wil een gedeelde ruimte met anderen', 'dicht bij een zorgsteunpunt of buurtkamer']),
  );
});

test('clustering needed excludes in de wijk; temporary forms only for spoed', () => {
  expect(
    optie(
      adviseerWoonvorm({ aanmelding: indicatie('wmo', 'zin'), zorg: zorg({ clusteringNodig: true }) }),
      'in_de_wijk',
    ).uitkomst,
  ).toBe('uitgesloten');
  const spoed = adviseerWoonvorm({
    aanmelding: { deelgroep: 'spoed', indicatie: { wet: 'geen' } },
    vraag: { perspectief: 'eerst_stabiliseren', samenwonen: 'alleen', nabijLotgenoten: 'nee' },
    zorg: zorg({ richtingen: ['flexibel'] }),
  });
  expect(spoed.aanbevolen).toEqual(expect.arrayContaining(['tijdelijke_verhuur', 'flexwoning']));
  expect(adviseerWoonvorm({ aanmelding: indicatie('geen'), zorg: zorg() }).opties.map((o) => o.woonvorm)).not.toContain(
    'flexwoning',
  );
});

test.each([
  // an ordinary home fits best: doorgeleiding to the regular route
  [
    indicatie('wmo', 'pgb'),
    zorg({ richtingen: ['ambulant', 'sober'] }),
    { perspectief: 'lange_termijn', samenwonen: 'alleen', nabijLotgenoten: 'nee' },
    'doorgeleiden',
  ],
  [indicatie('wlz', 'vpt'), zorg({ steunpuntGewenst: true }), undefined, 'zorgwoning'],
  [indicatie('wlz', 'zzp'), zorg({ zorgvorm: '24_uurs_toezicht' }), undefined, 'zorgwoning'],
] as const)('doorgeleidingsadvies %#', (aanmelding, z, vraag, uitkomst) => {
  const advies = doorgeleidingsAdvies(adviseerWoonvorm({ aanmelding, zorg: z, vraag }));
  expect(advies).toMatchObject({ regel: 'doorgeleiding@1', uitkomst });
  expect(advies.redenen.length).toBeGreaterThan(0);
});

test('the woonvorm step refuses exactly what the advice excludes', () => {
  const aanmelding = { ...vvOudere(), indicatie: { wet: 'wlz' as const, leveringsvorm: 'zzp' } };
  expect(woonvormBezwaren(aanmelding, undefined, zorg({ zorgvorm: '24_uurs_toezicht' }), 'geschikt_wonen')).toEqual([
    'zzp (zorg met verblijf) past niet bij geschikt wonen',
    '24-uurs toezicht past niet bij geschikt wonen',
  ]);
  expect(woonvormBezwaren(aanmelding, undefined, zorg({ zorgvorm: '24_uurs_toezicht' }), 'beschermd_wonen')).toEqual(
    [],
  );
  expect(woonvormBezwaren(aanmelding, undefined, zorg(), 'specifiek_verpleeghuis')[0]).toMatch(
    /leg een verwijzing vast/,
  );
  expect(woonvormBezwaren(vvOudere(), undefined, zorg(), 'flexwoning')).toEqual([
    'flexwoning is voor spoed, of bij perspectief eerst stabiliseren met de richting flexibel',
  ]);
  // Regelset 1 (a replay of steps from before issue 14) keeps the old limit.
  expect(woonvormBezwaren(vvOudere(), undefined, zorg(), 'flexwoning', 1)).toEqual([
    'flexwoning is alleen voor de deelgroep spoed',
  ]);
});
