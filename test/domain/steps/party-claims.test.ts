import { applyStep, rejectStep, startCase, turnOf } from '../../../domain/steps';
import { faseAllows, partyRolesFor, specs } from '../../../domain/steps/step-specs';
import type { Actor, CaseState, Rol, StepName, StepRequest } from '../../../domain/types';
import { actors } from '../../support/api-client';
import { buurt, vraag, vvOudere, zorgOpAfspraak } from '../../support/fixtures';

const T0 = '2023-05-01T09:00:00.000Z';
const req = (step: StepName, input: unknown, actor: Actor): StepRequest => ({ step, input: input as never, actor });
const stranger = (rol: Rol): Actor => ({ id: `u-${rol}-x`, organisatie: `vreemd-${rol}`, rol });

/** A case whose aanmelding names neither a zorginstelling nor a corporatie. */
function openCase(steps: Array<[StepName, unknown, Actor]> = []): CaseState {
  let state = startCase(
    {
      caseId: 'c1',
      aanmelding: { ...vvOudere(), zorginstelling: undefined, corporatie: undefined },
      actor: actors.consulent,
    },
    T0,
  ).state;
  for (const [step, input, actor] of steps) {
    const r = req(step, input, actor);
    const rejection = rejectStep(state, r);
    if (rejection) throw new Error(`${step}: ${rejection.message}`);
    state = applyStep(state, r, T0).state;
  }
  return state;
}

const atZorg = openCase([['vraag', vraag, actors.consulent]]);
const atBuurt = openCase([
  ['vraag', vraag, actors.consulent],
  ['zorg', zorgOpAfspraak, actors.zorg],
  ['woonvorm', { woonvorm: 'geschikt_wonen' }, actors.zorg],
]);

// Inputs good enough for the party check, which comes before any input rule.
const inputs: Partial<Record<StepName, unknown>> = {
  intrekking: { reden: 'r' },
  opschorting: { reden: 'opname_of_behandeling' },
  verlenging: { werkdagen: 10, reden: 'r' },
  zorg: zorgOpAfspraak,
  verwijzing: { reden: 'r' },
  buurt,
};

describe("an open side is taken only by that side's own first step", () => {
  // Every (state, step, role) in fase where the table names the role for a side the case has not named yet.
  const cases: Array<[string, StepName, Rol, boolean]> = [];
  for (const [label, state] of [
    ['at zorg', atZorg],
    ['at buurt', atBuurt],
  ] as const) {
    for (const step of (Object.keys(specs) as StepName[]).filter((s) => faseAllows(s, state))) {
      for (const [rol, party] of Object.entries(partyRolesFor(step, state))) {
        if (!state.partijen[party]) cases.push([label, step, rol as Rol, Boolean(specs[step].claims)]);
      }
    }
  }

  test('the table has such combinations, claiming and not claiming', () => {
    expect(cases.some(([, , , claims]) => claims)).toBe(true);
    expect(
      cases.filter(([, s]) => ['intrekking', 'opschorting', 'verlenging', 'hervatting'].includes(s)).length,
    ).toBeGreaterThanOrEqual(4);
  });

  test.each(cases)('%s: %s by a %s of an unrelated organisation (claims: %s)', (label, step, rol, claims) => {
    const state = label === 'at zorg' ? atZorg : atBuurt;
    const rejection = rejectStep(state, req(step, inputs[step] ?? {}, stranger(rol)));
    if (claims) {
      // Out of turn or a rule may still refuse it, but never the party check.
      expect(rejection?.kind).not.toBe('forbidden');
    } else {
      expect(rejection?.kind).toBe('forbidden');
      // Nor does the turn offer it to anyone without an organisation.
      const offered = turnOf(state).stappen.find((s) => s.step === step)?.rollen ?? [];
      expect(offered.filter((r) => r.rol === rol && r.organisatie === undefined)).toEqual([]);
    }
  });

  test('intrekking by a stranger on an open side is refused and names the reason', () => {
    const r = rejectStep(atZorg, req('intrekking', { reden: 'r' }, stranger('zorgmedewerker')));
    expect(r).toMatchObject({ kind: 'forbidden' });
    expect(r?.message).toMatch(/alleen voor partijen.*zorginstelling/);
    expect(rejectStep(atBuurt, req('intrekking', { reden: 'r' }, stranger('verhuurmedewerker')))?.kind).toBe(
      'forbidden',
    );
  });

  test('the first step of a side takes it, and then that organisation may withdraw', () => {
    const r = req('zorg', zorgOpAfspraak, stranger('zorgmedewerker'));
    expect(rejectStep(atZorg, r)).toBeUndefined();
    const claimed = applyStep(atZorg, r, T0).state;
    expect(claimed.partijen.zorginstelling?.organisatie).toBe('vreemd-zorgmedewerker');
    expect(rejectStep(claimed, req('intrekking', { reden: 'r' }, stranger('zorgmedewerker')))).toBeUndefined();
    expect(rejectStep(atBuurt, req('buurt', buurt, stranger('verhuurmedewerker')))).toBeUndefined();
  });

  test("the workflow handler's recheck keeps the older rule, for histories recorded under it", () => {
    expect(rejectStep(atZorg, req('intrekking', { reden: 'r' }, stranger('zorgmedewerker')), true)).toBeUndefined();
  });
});
