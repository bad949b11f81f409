import { applyStep, rejectStep, startCase, turnOf } from '../../../domain/steps';
import { specs } from '../../../domain/steps/step-specs';
import {
  applyBehandelaar,
  applySide,
  openZijdeProbleem,
  rejectBehandelaar,
  rejectSide,
  type SideRequest,
} from '../../../domain/steps/verdeling';
import { behandelaarRequestSchema, messageProblem, sideRequestSchema } from '../../../domain/verdeling-schemas';
import type { Actor, CaseState, StepName } from '../../../domain/types';
import { actors } from '../../support/api-client';
import { buurt, vraag, vvOudere, zorgOpAfspraak } from '../../support/fixtures';

/** Routing (issue 13 item 2) and the behandelaar (item 3) as pure rules, without Temporal. */

const T0 = '2023-05-01T09:00:00.000Z';
const corp = (organisatie: string, id = `u-${organisatie}`): Actor => ({ id, organisatie, rol: 'verhuurmedewerker' });

/** A case under routing (verdeling 'aanname', as the workflow sets it since routing-1) with both sides open. */
function routed(steps: Array<[StepName, unknown, Actor]> = [], verdeling = true): CaseState {
  const started = startCase(
    {
      caseId: 'c1',
      aanmelding: { ...vvOudere(), zorginstelling: undefined, corporatie: undefined },
      actor: actors.consulent,
    },
    T0,
  ).state;
  let state: CaseState = verdeling ? { ...started, verdeling: 'aanname' } : started;
  for (const [step, input, actor] of steps) {
    const r = { step, input: input as never, actor };
    const rejection = rejectStep(state, r);
    if (rejection) throw new Error(`${step}: ${rejection.message}`);
    state = applyStep(state, r, T0).state;
  }
  return state;
}

const accept = (organisatie: string, zijde: SideRequest['zijde'] = 'corporatie'): SideRequest => ({
  zijde,
  organisatie,
  wijze: 'aanname',
  actor: zijde === 'corporatie' ? corp(organisatie) : { id: `u-${organisatie}`, organisatie, rol: 'zorgmedewerker' },
});

describe('under routing no step takes an open side', () => {
  const claiming = (Object.keys(specs) as StepName[]).filter((s) => specs[s].claims);

  test('the steps that claimed a side before routing are refused to a stranger', () => {
    expect(claiming.sort()).toEqual(['buurt', 'verwijzing', 'zorg']);
    const atZorg = routed([['vraag', vraag, actors.consulent]]);
    expect(rejectStep(atZorg, { step: 'zorg', input: zorgOpAfspraak as never, actor: actors.zorg })?.kind).toBe(
      'forbidden',
    );
    // Also on the workflow handler's re-check, which for older cases keeps the rule before claims existed.
    expect(rejectStep(atZorg, { step: 'zorg', input: zorgOpAfspraak as never, actor: actors.zorg }, true)?.kind).toBe(
      'forbidden',
    );
    expect(turnOf(atZorg).stappen.find((s) => s.step === 'zorg')?.rollen).toEqual([]);
  });

  test('a case started before routing keeps the old rule: its first zorg step takes the side', () => {
    const old = routed([['vraag', vraag, actors.consulent]], false);
    expect(rejectStep(old, { step: 'zorg', input: zorgOpAfspraak as never, actor: actors.zorg })).toBeUndefined();
  });

  test('accepted, the side is a party and its steps are recorded', () => {
    const atZorg = routed([['vraag', vraag, actors.consulent]]);
    const joined = applySide(atZorg, accept(actors.zorg.organisatie, 'zorginstelling'));
    expect(joined.partijen.zorginstelling).toEqual({
      organisatie: actors.zorg.organisatie,
      behandelaar: `u-${actors.zorg.organisatie}`,
    });
    expect(joined.version).toBe(atZorg.version);
    expect(rejectStep(joined, { step: 'zorg', input: zorgOpAfspraak as never, actor: actors.zorg })).toBeUndefined();
  });
});

describe('accepting and assigning a side', () => {
  const atBuurt = applySide(
    routed([['vraag', vraag, actors.consulent]]),
    accept(actors.zorg.organisatie, 'zorginstelling'),
  );
  const ready = [
    ['zorg', zorgOpAfspraak, actors.zorg],
    ['woonvorm', { woonvorm: 'geschikt_wonen' }, actors.zorg],
  ] as const;
  let state = atBuurt;
  for (const [step, input, actor] of ready) state = applyStep(state, { step, input: input as never, actor }, T0).state;

  test('an open side is accepted once: the second is "taken" (409)', () => {
    expect(rejectSide(state, accept('woonkracht-a'))).toBeUndefined();
    const taken = applySide(state, accept('woonkracht-a'));
    expect(rejectSide(taken, accept('woonkracht-b'))).toMatchObject({ kind: 'taken' });
    expect(rejectStep(taken, { step: 'buurt', input: buurt as never, actor: corp('woonkracht-a') })).toBeUndefined();
  });

  test('one accepts for its own organisation in the side’s role, never for another', () => {
    expect(rejectSide(state, { ...accept('woonkracht-a'), actor: corp('woonkracht-b') })?.kind).toBe('forbidden');
    expect(
      rejectSide(state, { ...accept('woonkracht-a'), actor: { ...corp('woonkracht-a'), rol: 'zorgmedewerker' } })?.kind,
    ).toBe('forbidden');
  });

  test('the wijkteam’s consulent assigns; nobody else does; no organisation is two parties', () => {
    const assign = (actor: Actor, organisatie = 'woonkracht-a'): SideRequest => ({
      zijde: 'corporatie',
      organisatie,
      wijze: 'toewijzing',
      actor,
    });
    expect(rejectSide(state, assign(actors.consulent))).toBeUndefined();
    expect(applySide(state, assign(actors.consulent)).partijen.corporatie).toEqual({ organisatie: 'woonkracht-a' });
    expect(rejectSide(state, assign({ ...actors.consulent, organisatie: 'wijkteam-zuid' }))?.kind).toBe('forbidden');
    expect(rejectSide(state, assign(corp('woonkracht-a')))?.kind).toBe('forbidden');
    expect(rejectSide(state, assign(actors.consulent, actors.zorg.organisatie))?.kind).toBe('rule');
  });

  test('a zorginstelling joins before the zorg is recorded only; a closed case takes nobody', () => {
    expect(openZijdeProbleem(routed([['vraag', vraag, actors.consulent]]), 'zorginstelling')).toBeUndefined();
    const atWoonvorm = { ...state, partijen: { ...state.partijen, zorginstelling: undefined } };
    expect(openZijdeProbleem(atWoonvorm, 'zorginstelling')?.kind).toBe('rule');
    expect(openZijdeProbleem({ ...state, status: 'afgesloten' }, 'corporatie')?.kind).toBe('closed');
  });

  test('the workflow’s validators refuse a malformed message naming the field', () => {
    expect(messageProblem(sideRequestSchema, { ...accept('woonkracht-a'), organisatie: 'X\u0000' })).toMatch(
      /^organisatie:/,
    );
    expect(messageProblem(behandelaarRequestSchema, { actie: 'stelen', actor: actors.zorg })).toMatch(/^actie:/);
  });
});

describe('one behandelaar per party', () => {
  const base = applySide(routed([['vraag', vraag, actors.consulent]]), accept('woonkracht-a'));
  const anna = corp('woonkracht-a', 'u-anna');
  const bram = corp('woonkracht-a', 'u-bram');

  test('the accepting professional is behandelaar; a colleague cannot take it over by oppakken', () => {
    expect(base.partijen.corporatie?.behandelaar).toBe('u-woonkracht-a');
    expect(rejectBehandelaar(base, { actie: 'oppakken', actor: anna })?.kind).toBe('taken');
  });

  test('overdragen, vrijgeven, oppakken', () => {
    const handed = applyBehandelaar(base, { actie: 'overdragen', aan: 'u-bram', actor: anna });
    expect(handed.partijen.corporatie?.behandelaar).toBe('u-bram');
    expect(rejectBehandelaar(handed, { actie: 'overdragen', aan: 'u-bram', actor: anna })?.kind).toBe('rule');
    const free = applyBehandelaar(handed, { actie: 'vrijgeven', actor: bram });
    expect(free.partijen.corporatie?.behandelaar).toBeUndefined();
    expect(rejectBehandelaar(free, { actie: 'vrijgeven', actor: bram })?.kind).toBe('rule');
    expect(rejectBehandelaar(free, { actie: 'oppakken', actor: anna })).toBeUndefined();
    expect(applyBehandelaar(free, { actie: 'oppakken', actor: anna }).partijen.corporatie?.behandelaar).toBe('u-anna');
    // The version and the waiting time are the steps': a behandelaar changes neither.
    expect([free.version, free.updatedAt]).toEqual([base.version, base.updatedAt]);
  });

  test('only a professional of a party, in that party’s role', () => {
    expect(rejectBehandelaar(base, { actie: 'oppakken', actor: corp('woonkracht-b') })?.kind).toBe('forbidden');
    expect(rejectBehandelaar(base, { actie: 'oppakken', actor: { ...anna, rol: 'zorgmedewerker' } })?.kind).toBe(
      'forbidden',
    );
    expect(rejectBehandelaar(base, { actie: 'oppakken', actor: actors.consulent })).toBeUndefined();
  });
});
