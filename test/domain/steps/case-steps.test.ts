import { applyStep, rejectStart, rejectStep, startCase, turnOf } from '../../../domain/steps';
import type { CaseState, StepName, StepRequest } from '../../../domain/types';
import { actors } from '../../support/api-client';
import { aanbodInput as aanbod, buurt, overdracht, vraag, vvOudere, zorgOpAfspraak } from '../../support/fixtures';

const T0 = '2023-05-01T09:00:00.000Z';
const req = (step: StepName, input: unknown, actor: StepRequest['actor']): StepRequest => ({
  step,
  input: input as never,
  actor,
});

/** Drives a case through the given steps, failing loudly if any is refused. */
function run(
  steps: Array<[StepName, unknown, StepRequest['actor']]>,
  state = startCase({ caseId: 'c1', aanmelding: vvOudere(), actor: actors.consulent }, T0).state,
) {
  for (const [step, input, actor] of steps) {
    const r = req(step, input, actor);
    const rejection = rejectStep(state, r);
    if (rejection) throw new Error(`${step}: ${rejection.message}`);
    state = applyStep(state, r, T0).state;
  }
  return state;
}

const untilAanbod: Array<[StepName, unknown, StepRequest['actor']]> = [
  ['vraag', vraag, actors.consulent],
  ['zorg', zorgOpAfspraak, actors.zorg],
  ['woonvorm', { woonvorm: 'geschikt_wonen' }, actors.zorg],
  ['buurt', buurt, actors.verhuur],
];

describe('rejectStep', () => {
  const atVraag = run([]);
  const atAanbod = run(untilAanbod);
  const withOpenAanbod = run([['aanbod', aanbod(), actors.verhuur]], atAanbod);
  const closed = run([['intrekking', { reden: 'r' }, actors.consulent]], atVraag);

  test.each([
    ['vraag in turn', atVraag, req('vraag', vraag, actors.consulent), undefined],
    ['zorg before vraag', atVraag, req('zorg', zorgOpAfspraak, actors.zorg), 'out_of_turn'],
    ['vraag by a zorgmedewerker', atVraag, req('vraag', vraag, actors.zorg), 'forbidden'],
    [
      'vraag by another wijkteam',
      atVraag,
      req('vraag', vraag, { ...actors.consulent, organisatie: 'wijkteam-zuid' }),
      'forbidden',
    ],
    ['reactie without an open aanbod', atAanbod, req('reactie', { besluit: 'accepteert' }, actors.verhuur), 'rule'],
    ['a second aanbod while one is open', withOpenAanbod, req('aanbod', aanbod(), actors.verhuur), 'rule'],
    [
      'an aanbod of another woonvorm',
      atAanbod,
      req('aanbod', aanbod({ woonvorm: 'beschut_wonen' }), actors.verhuur),
      'rule',
    ],
    [
      'an aanbod in another buurt (a warning only)',
      atAanbod,
      req('aanbod', aanbod({ buurtcode: 'BU99999999' }), actors.verhuur),
      undefined,
    ],
    [
      'an aanbod of another corporatie',
      atAanbod,
      req('aanbod', aanbod({ corporatie: 'andere-corp' }), actors.verhuur),
      'rule',
    ],
    [
      'an aanbod above the aftoppingsgrens',
      atAanbod,
      req('aanbod', aanbod({ kaleHuur: 640, servicekosten: 10 }), actors.verhuur),
      'rule',
    ],
    ['an aanbod without noodoproep', atAanbod, req('aanbod', aanbod({ noodoproep: false }), actors.verhuur), 'rule'],
    [
      'doorgeleiding with an open aanbod',
      withOpenAanbod,
      req('doorgeleiding', { reden: 'r', contactpersoon: { naam: 'n', organisatie: 'woonstad' } }, actors.verhuur),
      'rule',
    ],
    [
      'doorgeleiding to another corporatie',
      atAanbod,
      req('doorgeleiding', { reden: 'r', contactpersoon: { naam: 'n', organisatie: 'andere-corp' } }, actors.verhuur),
      'rule',
    ],
    ['intrekking by the corporatie', atAanbod, req('intrekking', { reden: 'r' }, actors.verhuur), undefined],
    ['any step on a closed case', closed, req('intrekking', { reden: 'r' }, actors.consulent), 'closed'],
  ] as Array<[string, CaseState, StepRequest, string | undefined]>)('%s → %s', (_label, state, r, kind) => {
    expect(rejectStep(state, r)?.kind).toBe(kind);
  });

  test('only a consulent starts a case', () => {
    expect(rejectStart({ caseId: 'c', aanmelding: vvOudere(), actor: actors.consulent })).toBeUndefined();
    expect(rejectStart({ caseId: 'c', aanmelding: vvOudere(), actor: actors.verhuur })).toMatch(/consulent/);
  });
});

describe('applyStep', () => {
  test('never mutates the state it is given and numbers events in order', () => {
    const before = run([]);
    const frozen = JSON.stringify(before);
    const { state, event } = applyStep(before, req('vraag', vraag, actors.consulent), '2023-05-02T00:00:00.000Z');
    expect(JSON.stringify(before)).toBe(frozen);
    expect(event).toMatchObject({
      seq: 2,
      step: 'vraag',
      faseBefore: 'vraag',
      faseAfter: 'zorg',
      at: '2023-05-02T00:00:00.000Z',
    });
    expect(state).toMatchObject({ version: 2, fase: 'zorg', updatedAt: '2023-05-02T00:00:00.000Z' });
  });

  test('the first professional of an organisation becomes its vaste contactpersoon', () => {
    const state = run([
      ...untilAanbod,
      ['aanbod', aanbod(), actors.verhuur],
      ['reactie', { besluit: 'weigert', reden: 'r' }, { ...actors.verhuur, id: 'u-verh-2' }],
    ]);
    expect(state.partijen.corporatie).toEqual({ organisatie: 'woonstad', contactpersoon: 'u-verh-1' });
  });

  test('changing the overdracht asks both sides to confirm again', () => {
    const atOverdracht = run([
      ...untilAanbod,
      ['aanbod', aanbod(), actors.verhuur],
      ['reactie', { besluit: 'accepteert' }, actors.verhuur],
      ['toewijzing', { contractvorm: 'rechtstreeks_met_afspraken', ingangsdatum: '2023-07-01' }, actors.verhuur],
      ['overdracht', overdracht, actors.zorg],
      ['overdracht_bevestiging', {}, actors.zorg],
    ]);
    expect(atOverdracht.bevestigd.zorg).toBeDefined();
    const changed = run(
      [['overdracht', { ...overdracht, woonplek: 'tweede verdieping' }, actors.verhuur]],
      atOverdracht,
    );
    expect(changed.bevestigd).toEqual({});
    expect(changed.toewijzing?.toewijzer).toBe('in_afstemming');
  });

  test('summaries in events carry no free text or health data', () => {
    const state = run([...untilAanbod]);
    const { event } = applyStep(
      state,
      req('intrekking', { reden: 'persoon verhuist naar Utrecht' }, actors.consulent),
      T0,
    );
    expect(JSON.stringify(event.summary)).not.toContain('Utrecht');
    const start = startCase({ caseId: 'c2', aanmelding: vvOudere(), actor: actors.consulent }, T0);
    expect(JSON.stringify(start.event.summary)).not.toContain('REF-');
  });
});

describe('turnOf', () => {
  test('says who the case waits on and what is possible, from the same rules', () => {
    const atVraag = run([]);
    expect(turnOf(atVraag)).toEqual({
      fase: 'vraag',
      stappen: [
        { step: 'vraag', rollen: [{ rol: 'consulent', organisatie: 'wijkteam-noord' }] },
        {
          step: 'intrekking',
          rollen: [
            { rol: 'consulent', organisatie: 'wijkteam-noord' },
            { rol: 'zorgmedewerker', organisatie: 'zorg-de-brug' },
            { rol: 'verhuurmedewerker', organisatie: 'woonstad' },
          ],
        },
        {
          step: 'opschorting',
          rollen: [
            { rol: 'consulent', organisatie: 'wijkteam-noord' },
            { rol: 'zorgmedewerker', organisatie: 'zorg-de-brug' },
            { rol: 'verhuurmedewerker', organisatie: 'woonstad' },
          ],
        },
        {
          step: 'verlenging',
          rollen: [
            { rol: 'consulent', organisatie: 'wijkteam-noord' },
            { rol: 'zorgmedewerker', organisatie: 'zorg-de-brug' },
            { rol: 'verhuurmedewerker', organisatie: 'woonstad' },
          ],
        },
      ],
      wachtOp: [{ rol: 'consulent', organisatie: 'wijkteam-noord' }],
    });
    const withOpen = run([...untilAanbod, ['aanbod', aanbod(), actors.verhuur]]);
    expect(turnOf(withOpen).stappen.map((s) => s.step)).toEqual([
      'reactie',
      'aanbod_afgekeurd',
      'intrekking',
      'opschorting',
      'verlenging',
    ]);
    const closed = run([['intrekking', { reden: 'r' }, actors.consulent]]);
    expect(turnOf(closed)).toEqual({ fase: 'afgesloten', stappen: [], wachtOp: [] });
  });

  test('every step turnOf offers is accepted by rejectStep for the role it names', () => {
    const states = [
      run([]),
      run(untilAanbod),
      run([...untilAanbod, ['aanbod', aanbod(), actors.verhuur]]),
      run([
        ['opschorting', { reden: 'wacht_op_indicatie' }, actors.consulent],
        ['verlenging', { werkdagen: 5, reden: 'r' }, actors.consulent],
      ]),
    ];
    const actorFor = { consulent: actors.consulent, zorgmedewerker: actors.zorg, verhuurmedewerker: actors.verhuur };
    const inputs: Partial<Record<StepName, unknown>> = {
      vraag,
      intrekking: { reden: 'r' },
      aanbod: aanbod(),
      reactie: { besluit: 'accepteert' },
      aanbod_afgekeurd: { reden: 'r' },
      doorgeleiding: { reden: 'r', contactpersoon: { naam: 'n', organisatie: 'woonstad' } },
      opschorting: { reden: 'overig' },
      hervatting: {},
      verlenging: { werkdagen: 3, reden: 'r' },
    };
    for (const state of states) {
      for (const { step, rollen } of turnOf(state).stappen) {
        for (const { rol } of rollen) {
          expect([step, rol, rejectStep(state, req(step, inputs[step], actorFor[rol]))]).toEqual([
            step,
            rol,
            undefined,
          ]);
        }
      }
    }
  });
});
