/**
 * Issue 14 in the step table: who records what, and in which order, as the
 * sources say. Cases cite the seed file and lines (shared seeds 000..004).
 */
import { applyStep, rejectStep, startCase, turnOf } from '../../../domain/steps';
import { verantwoordelijkeVan } from '../../../domain/rules/doorlooptijd';
import type { Aanmelding, CaseState, StepName, StepRequest } from '../../../domain/types';
import { actors } from '../../support/api-client';
import { aanbodInput as aanbod, buurt, overdracht, vraag, vvOudere, zorgOpAfspraak } from '../../support/fixtures';

const T0 = '2023-05-01T09:00:00.000Z';
const T_TOEWIJZING = '2023-06-10T14:00:00.000Z';
type Step = [StepName, unknown, StepRequest['actor']];
const req = (step: StepName, input: unknown, actor: StepRequest['actor']): StepRequest => ({
  step,
  input: input as never,
  actor,
});

function run(steps: Step[], state: CaseState, at = T0) {
  for (const [step, input, actor] of steps) {
    const r = req(step, input, actor);
    const rejection = rejectStep(state, r);
    if (rejection) throw new Error(`${step}: ${rejection.message}`);
    state = applyStep(state, r, at).state;
  }
  return state;
}
const start = (aanmelding: Aanmelding, regelset?: 1) => {
  const s = startCase({ caseId: 'c1', aanmelding, actor: actors.consulent }, T0).state;
  return regelset ? { ...s, regelset } : s;
};
const spoedZonderZorg = (): Aanmelding => ({
  ...vvOudere(),
  deelgroep: 'spoed',
  doelgroep: 'urgent',
  indicatie: { wet: 'geen' },
  zorginstelling: undefined,
});

describe('1. spoed without a zorginstelling: wijkteam and corporatie, no zorg step (003:636-653)', () => {
  test('vraag goes straight to woonvorm, which the consulent records; the zorgmedewerker is not asked', () => {
    const s = run([['vraag', vraag, actors.consulent]], start(spoedZonderZorg()));
    expect(s.fase).toBe('woonvorm');
    expect(turnOf(s).wachtOp).toEqual([{ rol: 'consulent', organisatie: 'wijkteam-noord' }]);
    expect(rejectStep(s, req('woonvorm', { woonvorm: 'tijdelijke_verhuur' }, actors.zorg))?.kind).toBe('forbidden');
    expect(rejectStep(s, req('woonvorm', { woonvorm: 'geschikt_wonen' }, actors.consulent))).toMatchObject({
      kind: 'rule',
      message: expect.stringMatching(/zonder zorginstelling/),
    });
    const next = run([['woonvorm', { woonvorm: 'tijdelijke_verhuur' }, actors.consulent]], s);
    expect(next).toMatchObject({
      fase: 'buurt',
      woonvorm: { woonvorm: 'tijdelijke_verhuur', advies: { regel: 'woonvorm-advies@2' } },
    });
    expect(next.partijen.zorginstelling).toBeUndefined();
    // The wijkteam answers for the norm of the fase it records.
    expect(verantwoordelijkeVan(s, 'woonvorm')).toEqual({ partij: 'wijkteam', organisatie: 'wijkteam-noord' });
  });

  test.each([
    // [aanmelding, regelset, fase after vraag]
    ['spoed with a zorginstelling', { ...spoedZonderZorg(), zorginstelling: 'zorg-de-brug' }, undefined, 'zorg'],
    ['verstoorde zelfregulering without one', { ...vvOudere(), zorginstelling: undefined }, undefined, 'zorg'],
    ['spoed without one, replayed under regelset 1', spoedZonderZorg(), 1, 'zorg'],
  ] as const)('%s → %s', (_label, aanmelding, regelset, fase) => {
    expect(run([['vraag', vraag, actors.consulent]], start(aanmelding, regelset)).fase).toBe(fase);
  });
});

const tillToewijzing = (aanmelding = vvOudere()): CaseState =>
  run(
    [
      ['vraag', vraag, actors.consulent],
      ['zorg', zorgOpAfspraak, actors.zorg],
      ['woonvorm', { woonvorm: 'geschikt_wonen' }, actors.zorg],
      ['buurt', buurt, actors.verhuur],
      ['aanbod', aanbod(), actors.verhuur],
      ['reactie', { besluit: 'accepteert' }, actors.verhuur],
    ],
    start(aanmelding),
  );

describe('6. who records the toewijzing follows the contractvorm (004:1646-1651, 1769-1775)', () => {
  const s = tillToewijzing();
  test.each([
    ['onderverhuur_door_zorg', actors.zorg, undefined], // "Zorgorganisatie zorgt voor toewijzing" (004:1773)
    ['onderverhuur_door_zorg', actors.verhuur, 'forbidden'],
    ['rechtstreeks', actors.verhuur, undefined], // "Door en voor huisvester" (004:1769)
    ['rechtstreeks', actors.zorg, 'forbidden'],
    ['rechtstreeks_met_afspraken', actors.verhuur, undefined], // "Huisvester zorgt veelal voor toewijzing, in afstemming" (004:1769-1770)
  ] as const)('%s by %j → %s', (contractvorm, actor, kind) => {
    expect(rejectStep(s, req('toewijzing', { contractvorm, ingangsdatum: '2023-07-01' }, actor))?.kind).toBe(kind);
  });

  test("the zorgmedewerker's toewijzing names the zorgorganisatie as toewijzer; regelset 1 kept it to the verhuurmedewerker", () => {
    const after = run(
      [['toewijzing', { contractvorm: 'onderverhuur_door_zorg', ingangsdatum: '2023-07-01' }, actors.zorg]],
      s,
      T_TOEWIJZING,
    );
    expect(after.toewijzing).toEqual({
      contractvorm: 'onderverhuur_door_zorg',
      ingangsdatum: '2023-07-01',
      toewijzer: 'zorgorganisatie',
      vastgelegdOp: T_TOEWIJZING,
    });
    const old = { ...s, regelset: 1 as const };
    expect(
      rejectStep(
        old,
        req('toewijzing', { contractvorm: 'onderverhuur_door_zorg', ingangsdatum: '2023-07-01' }, actors.verhuur),
      ),
    ).toBeUndefined();
    expect(
      rejectStep(
        old,
        req('toewijzing', { contractvorm: 'onderverhuur_door_zorg', ingangsdatum: '2023-07-01' }, actors.zorg),
      )?.kind,
    ).toBe('forbidden');
  });
});

describe('7. the kennismakingsgesprek follows the toewijzing and comes before the move (002:933-938; 004:493-501)', () => {
  const s = run(
    [
      ['toewijzing', { contractvorm: 'rechtstreeks', ingangsdatum: '2023-07-01' }, actors.verhuur],
      ['overdracht', overdracht, actors.zorg],
    ],
    tillToewijzing(),
    T_TOEWIJZING,
  );
  const alle = ['bewoner', 'zorg', 'verhuurder'];
  test.each([
    // [datum, deelnemers, problem]
    ['2023-06-10', alle, undefined], // the day of the formal toewijzing (002:933-934: "na formele toewijzing")
    ['2023-07-01', alle, undefined], // on the ingangsdatum, before the move
    ['2023-06-09', alle, /datum: het gesprek volgt op de toewijzing \(vastgelegd op 2023-06-10\)/],
    ['2020-01-01', alle, /datum: het gesprek volgt op de toewijzing/],
    [
      '2023-07-02',
      alle,
      /datum: het gesprek is vóór de verhuizing, uiterlijk op de ingangsdatum van het huurcontract \(2023-07-01\)/,
    ],
    // 004:499: "het goede gesprek tussen de bewoner, de zorgorganisatie en de huisvester"
    ['2023-06-20', ['bewoner', 'verhuurder'], /deelnemers: zorg ontbreekt/],
    ['2023-06-20', undefined, /deelnemers: bewoner, verhuurder, zorg ontbreken/],
  ] as const)('%s with %j', (datum, deelnemers, problem) => {
    const r = rejectStep(
      s,
      req('kennismakingsgesprek', { datum, verwachtingenBesproken: true, deelnemers }, actors.verhuur),
    );
    if (problem) expect(r).toMatchObject({ kind: 'rule', message: expect.stringMatching(problem) });
    else expect(r).toBeUndefined();
  });

  test('without a zorginstelling the bewoner and the verhuurder suffice; regelset 1 checked nothing', () => {
    const zonder = { ...s, partijen: { ...s.partijen, zorginstelling: undefined } };
    expect(
      rejectStep(
        zonder,
        req(
          'kennismakingsgesprek',
          { datum: '2023-06-20', verwachtingenBesproken: true, deelnemers: ['bewoner', 'verhuurder'] },
          actors.verhuur,
        ),
      ),
    ).toBeUndefined();
    expect(
      rejectStep(
        { ...s, regelset: 1 },
        req('kennismakingsgesprek', { datum: '2020-01-01', verwachtingenBesproken: true }, actors.verhuur),
      ),
    ).toBeUndefined();
  });
});

describe('14. after doorgeleiding the buurt is weighed before the aanbod (003 ch.6, fixed order)', () => {
  const doorgeleid = (regelset?: 1) =>
    run(
      [
        ['vraag', vraag, actors.consulent],
        ['zorg', zorgOpAfspraak, actors.zorg],
        [
          'doorgeleiding',
          { reden: 'een gewone woning volstaat', contactpersoon: { naam: 'A. Jansen', organisatie: 'woonstad' } },
          actors.zorg,
        ],
        ['persoonlijk_contact', { datum: '2023-05-10', vervolg: 'zoekt mee in de reguliere route' }, actors.verhuur],
      ],
      start(vvOudere(), regelset),
    );
  test.each([
    [undefined, 'buurt'],
    [1, 'aanbod'],
  ] as const)('regelset %s → %s', (regelset, fase) => {
    expect(doorgeleid(regelset).fase).toBe(fase);
  });
  test('the buurt is recorded by the corporatie, then the aanbod weighs it', () => {
    const s = run([['buurt', buurt, actors.verhuur]], doorgeleid());
    expect(s.fase).toBe('aanbod');
    expect(s.route).toBe('regulier');
  });
});
