/**
 * Nazorg as the sources write it (rule nazorg@1): the home stays and support scales up
 * and down (003:66-69 "een snelle en flexibele op- en afschaling van de hulp, niet om
 * verplaatsing van de persoon"; 003:831-833; 002:1232-1233), a follow-up after some
 * months closes the case, and with onderverhuur door de zorgorganisatie (004:1646-1651)
 * the contract goes over to the resident after an agreed period (001:248 "Beleid
 * intermediaire verhuur en omklapwoningen"). The months are configuration: the sources
 * name no number.
 */
import { applyStep, rejectStep, startCase, turnOf } from '../../../domain/steps';
import {
  minDagen,
  nazorgDue,
  nazorgSignalen,
  omklapProbleem,
  planNazorg,
  plusMaanden,
  standaardNazorgAfspraak,
  vroegeAfsluiting,
} from '../../../domain/rules/nazorg';
import { stepRequestProblem } from '../../../domain/schemas';
import type { CaseState, StepName, StepRequest, Toewijzing } from '../../../domain/types';
import { actors } from '../../support/api-client';
import {
  aanbodInput as aanbod,
  buurt,
  kennismaking,
  overdracht,
  vraag,
  vvOudere,
  zorgOpAfspraak,
} from '../../support/fixtures';

const T0 = '2026-05-01T09:00:00.000Z';
const req = (step: StepName, input: unknown, actor: StepRequest['actor']): StepRequest => ({
  step,
  input: input as never,
  actor,
});

function run(steps: Array<[StepName, unknown, StepRequest['actor']]>, state: CaseState, at = T0) {
  for (const [step, input, actor] of steps) {
    const r = req(step, input, actor);
    const problem = stepRequestProblem(r);
    if (problem) throw new Error(`${step}: ${problem}`);
    const rejection = rejectStep(state, r);
    if (rejection) throw new Error(`${step}: ${rejection.message}`);
    state = applyStep(state, r, at).state;
  }
  return state;
}

const afspraak = standaardNazorgAfspraak; // 3 and 6 months, omklap reminder 30 days before
const toewijzing = (over: Partial<Toewijzing> = {}): Toewijzing => ({
  contractvorm: 'onderverhuur_door_zorg',
  ingangsdatum: '2026-06-01',
  omklapdatum: '2027-06-01',
  nazorgAfspraak: afspraak,
  ...over,
});

/** A case taken to nazorg with the toewijzing given; the toewijzer follows the contractvorm (004:1773). */
function inNazorg(t: Toewijzing): CaseState {
  const s = startCase({ caseId: 'c1', aanmelding: vvOudere(), actor: actors.consulent }, T0).state;
  return run(
    [
      ['vraag', vraag, actors.consulent],
      ['zorg', zorgOpAfspraak, actors.zorg],
      ['woonvorm', { woonvorm: 'geschikt_wonen' }, actors.zorg],
      ['buurt', buurt, actors.verhuur],
      ['aanbod', aanbod(), actors.verhuur],
      ['reactie', { besluit: 'accepteert' }, actors.verhuur],
      ['toewijzing', t, t.contractvorm === 'onderverhuur_door_zorg' ? actors.zorg : actors.verhuur],
      ['overdracht', overdracht, actors.zorg],
      ['overdracht_bevestiging', {}, actors.zorg],
      ['overdracht_bevestiging', {}, actors.verhuur],
      ['kennismakingsgesprek', { ...kennismaking(), datum: '2026-05-20' }, actors.verhuur],
    ],
    s,
  );
}
/** The state after the workflow's timer for `key` fired (it records the signal). */
const fired = (s: CaseState, ...keys: string[]): CaseState => ({
  ...s,
  signalen: [
    ...(s.signalen ?? []),
    ...keys.map((key) => ({
      key: `${key}:wijkteam-noord`,
      soort: 'vervolg' as const,
      fase: 'nazorg' as const,
      dueAt: T0,
      at: T0,
    })),
  ],
});

describe('follow-up moments count from the contract, in calendar months', () => {
  test.each([
    ['2026-06-01', 3, '2026-09-01'],
    ['2026-06-01', 6, '2026-12-01'],
    ['2026-11-30', 3, '2027-02-28'], // clamped to the month's last day
    ['2027-08-31', 6, '2028-02-29'], // leap year
  ])('%s + %i months → %s', (datum, maanden, verwacht) => expect(plusMaanden(datum, maanden)).toBe(verwacht));

  test('the plan holds each moment (sorted, once) and, with onderverhuur, the omklap', () => {
    expect(
      planNazorg({ ...toewijzing(), nazorgAfspraak: { vervolgMaanden: [6, 3, 6], omklapHerinneringDagen: 14 } }),
    ).toEqual({
      regel: 'nazorg@1',
      vanaf: '2026-06-01',
      momenten: [
        { nr: 1, maanden: 3, op: '2026-09-01' },
        { nr: 2, maanden: 6, op: '2026-12-01' },
      ],
      omklap: { op: '2027-06-01', nr: 1, herinneringDagen: 14, verlengingen: [] },
    });
    expect(
      planNazorg({ ...toewijzing({ contractvorm: 'rechtstreeks', omklapdatum: undefined }), nazorgAfspraak: afspraak })
        .omklap,
    ).toBeUndefined();
  });
});

describe('the omklap belongs to onderverhuur door de zorgorganisatie (004:1646-1651; 001:248)', () => {
  test.each([
    ['onderverhuur with a later omklapdatum', toewijzing(), undefined],
    ['onderverhuur without one', toewijzing({ omklapdatum: undefined }), /omklapdatum: bij onderverhuur/],
    ['onderverhuur with one on the ingangsdatum', toewijzing({ omklapdatum: '2026-06-01' }), /na de ingangsdatum/],
    ['rechtstreeks with one', toewijzing({ contractvorm: 'rechtstreeks' }), /alleen bij onderverhuur/],
    ['rechtstreeks without', toewijzing({ contractvorm: 'rechtstreeks', omklapdatum: undefined }), undefined],
    // A toewijzing recorded before nazorg@1 carries no afspraak and is judged as it was.
    ['onderverhuur before nazorg@1', toewijzing({ omklapdatum: undefined, nazorgAfspraak: undefined }), undefined],
  ] as const)('%s', (_l, t, verwacht) => {
    const problem = omklapProbleem(t);
    if (verwacht) expect(problem).toMatch(verwacht);
    else expect(problem).toBeUndefined();
  });

  test('a client cannot choose the follow-up: the step schema accepts it only in its configured shape', () => {
    expect(
      stepRequestProblem(req('toewijzing', { ...toewijzing(), nazorgAfspraak: { vervolgMaanden: [] } }, actors.zorg)),
    ).toMatch(/nazorgAfspraak/);
  });
});

describe('Housing First: support scales up and down, the person stays (003:66-69, 003:831-833, 002:1232-1233)', () => {
  test('ondersteuning records direction and reason and leaves the case, its fase and the woning as they are', () => {
    const s = inNazorg(toewijzing({ contractvorm: 'rechtstreeks', omklapdatum: undefined }));
    expect(s.fase).toBe('nazorg');
    const op = run([['ondersteuning', { richting: 'opschalen', reden: 'terugval na verhuizing' }, actors.zorg]], s);
    const af = run([['ondersteuning', { richting: 'afschalen', reden: 'gaat goed' }, actors.consulent]], op);
    expect(af).toMatchObject({ status: 'lopend', fase: 'nazorg', aanbiedingen: s.aanbiedingen });
    expect(af.ondersteuning).toEqual([
      { richting: 'opschalen', reden: 'terugval na verhuizing', rol: 'zorgmedewerker', at: T0 },
      { richting: 'afschalen', reden: 'gaat goed', rol: 'consulent', at: T0 },
    ]);
    expect(rejectStep(s, req('ondersteuning', { richting: 'opschalen', reden: 'x' }, actors.verhuur))?.kind).toBe(
      'forbidden',
    );
    expect(stepRequestProblem(req('ondersteuning', { richting: 'omhoog', reden: 'x' }, actors.zorg))).toMatch(
      /richting/,
    );
  });
});

describe('the case closes as gehuisvest after the agreed follow-up, or earlier with a reason', () => {
  const s = inNazorg(toewijzing({ contractvorm: 'rechtstreeks', omklapdatum: undefined }));

  test('stabiel before the follow-up is a moment of nazorg, not its end', () => {
    const na = run([['nazorg', { uitkomst: 'stabiel' }, actors.consulent]], s);
    expect(na).toMatchObject({ status: 'lopend', fase: 'nazorg' });
    expect(turnOf(na).stappen.map((t) => t.step)).toEqual(
      expect.arrayContaining(['nazorg', 'ondersteuning', 'nazorg_afsluiting']),
    );
  });

  test.each([
    // [moments reached, reden, refused with]
    [
      [],
      undefined,
      /reden: eerder afsluiten vraagt een reden, want het afgesproken vervolg \(3 maanden, 2026-09-01; 6 maanden, 2026-12-01\)/,
    ],
    [['vervolg:1'], undefined, /6 maanden, 2026-12-01/],
    [[], 'verhuisd naar familie, ondersteuning elders', undefined],
    [['vervolg:1', 'vervolg:2'], undefined, undefined],
  ] as const)('reached %j, reden %j → %s', (reached, reden, refused) => {
    const state = fired(s, ...reached);
    const r = req('nazorg_afsluiting', reden ? { reden } : {}, actors.consulent);
    const rejection = rejectStep(state, r);
    if (refused) return expect(rejection).toMatchObject({ kind: 'rule', message: expect.stringMatching(refused) });
    expect(rejection).toBeUndefined();
    expect(applyStep(state, r, T0).state).toMatchObject({
      status: 'afgesloten',
      uitkomst: 'gehuisvest',
      uitkomstReden: reden,
    });
  });

  test('a case allocated before nazorg@1 (no plan) closes on stabiel as before and has no nazorg_afsluiting', () => {
    const oud = inNazorg(
      toewijzing({ contractvorm: 'rechtstreeks', omklapdatum: undefined, nazorgAfspraak: undefined }),
    );
    expect(oud.nazorgPlan).toBeUndefined();
    expect(rejectStep(oud, req('nazorg_afsluiting', {}, actors.consulent))?.kind).toBe('rule');
    expect(run([['nazorg', { uitkomst: 'stabiel' }, actors.consulent]], oud)).toMatchObject({ uitkomst: 'gehuisvest' });
  });
});

describe('omklap: the contract goes over to the resident, or is extended with a reason', () => {
  const s = inNazorg(toewijzing());

  test.each([
    [{ besluit: 'omgeklapt', datum: '2027-06-01' }, undefined],
    [{ besluit: 'omgeklapt', datum: '2026-05-31' }, /niet vóór de ingangsdatum/],
    [{ besluit: 'verlengd', datum: '2027-12-01', reden: 'bewoner nog niet zover' }, undefined],
    [{ besluit: 'verlengd', datum: '2027-05-01', reden: 'eerder' }, /na de afgesproken datum \(2027-06-01\)/],
  ] as const)('%j → %s', (input, refused) => {
    const rejection = rejectStep(s, req('omklap', input, actors.zorg));
    if (refused) expect(rejection?.message).toMatch(refused);
    else expect(rejection).toBeUndefined();
  });

  test('a verlenging without a reason is refused by the schema (400), naming the field', () => {
    expect(stepRequestProblem(req('omklap', { besluit: 'verlengd', datum: '2027-12-01' }, actors.zorg))).toBe(
      'input.reden: een verlenging vraagt een reden',
    );
  });

  test('closing waits for the omklap; a verlenging moves the reminder; omgeklapt settles it', () => {
    const bereikt = fired(s, 'vervolg:1', 'vervolg:2');
    expect(vroegeAfsluiting(bereikt)).toMatch(/nog niet omgeklapt naar de bewoner \(afgesproken op 2027-06-01\)/);
    expect(nazorgDue(bereikt)).toEqual([
      { key: 'omklap:1', soort: 'omklap', dueAt: `${minDagen('2027-06-01', 30)}T08:00:00.000Z` },
    ]);

    const verlengd = run(
      [['omklap', { besluit: 'verlengd', datum: '2027-12-01', reden: 'bewoner nog niet zover' }, actors.verhuur]],
      bereikt,
    );
    expect(verlengd.nazorgPlan?.omklap).toMatchObject({
      op: '2027-12-01',
      nr: 2,
      verlengingen: [{ van: '2027-06-01', naar: '2027-12-01' }],
    });
    expect(nazorgDue(verlengd)).toEqual([{ key: 'omklap:2', soort: 'omklap', dueAt: '2027-11-01T08:00:00.000Z' }]);

    const om = run([['omklap', { besluit: 'omgeklapt', datum: '2027-12-01' }, actors.zorg]], verlengd);
    expect(nazorgDue(om)).toEqual([]);
    expect(vroegeAfsluiting(om)).toBeUndefined();
    expect(rejectStep(om, req('omklap', { besluit: 'omgeklapt', datum: '2027-12-02' }, actors.zorg))?.message).toBe(
      'het contract is al omgeklapt naar de bewoner',
    );
  });

  test('no omklap without onderverhuur', () => {
    const r = inNazorg(toewijzing({ contractvorm: 'rechtstreeks', omklapdatum: undefined }));
    expect(
      rejectStep(r, req('omklap', { besluit: 'omgeklapt', datum: '2027-01-01' }, actors.verhuur))?.message,
    ).toMatch(/geen omklap afgesproken/);
  });
});

describe('who hears of a timer', () => {
  const s = inNazorg(toewijzing());
  test('timers wait for nazorg: in warme overdracht nothing is due yet', () => {
    expect(nazorgDue({ ...s, fase: 'warme_overdracht' })).toEqual([]);
    expect(nazorgDue(s).map((d) => d.key)).toEqual(['vervolg:1', 'vervolg:2', 'omklap:1']);
  });
  test.each([
    [
      'vervolg',
      [
        ['wijkteam-noord', 'consulent'],
        ['zorg-de-brug', 'zorgmedewerker'],
      ],
    ],
    [
      'omklap',
      [
        ['zorg-de-brug', 'zorgmedewerker'],
        ['woonstad', 'verhuurmedewerker'],
      ],
    ],
  ] as const)('%s → %j', (soort, ontvangers) => {
    const signalen = nazorgSignalen(s, { key: `${soort}:1`, soort, dueAt: T0 }, T0);
    expect(signalen.map((g) => [g.organisatie, g.rollen[0]])).toEqual(ontvangers);
    expect(signalen.every((g) => g.fase === 'nazorg' && g.key.startsWith(`${soort}:1:`))).toBe(true);
  });
});
