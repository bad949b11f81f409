import { applyStep, startCase } from '../../../domain/steps';
import type { CaseState } from '../../../domain/types';
import {
  actsIn,
  canClaim,
  canMaintainWoningaanbod,
  canRecordStep,
  canSeeMatches,
  stepRoles,
  type CaseParties,
} from '../../../api/auth/access-policy';
import type { Principal, Role } from '../../../api/auth/principal';
import { actors } from '../../support/api-client';
import { vraag, vvOudere } from '../../support/fixtures';

/**
 * The access rules the JSON routes and the web pages share (no services needed):
 * who may claim an open side, record a step, see the matches and keep the woningaanbod.
 */

const T0 = '2023-05-01T09:00:00.000Z';
const who = (org: string, ...roles: Role[]): Principal => ({ sub: `u-${org}`, org, roles });
const partiesOf = (s: CaseState): CaseParties => ({
  wijkteam: s.partijen.wijkteam.organisatie,
  zorginstelling: s.partijen.zorginstelling?.organisatie ?? null,
  corporatie: s.partijen.corporatie?.organisatie ?? null,
  gemeente: s.aanmelding.gemeente,
});

/** A case after the vraag, waiting on the zorg step; `zorginstelling` undefined leaves the zorg side open. */
function atZorg(zorginstelling: string | undefined): CaseState {
  const aanmelding = { ...vvOudere(), zorginstelling };
  const start = startCase({ caseId: 'c1', aanmelding, actor: actors.consulent }, T0).state;
  return applyStep(start, { step: 'vraag', input: vraag as never, actor: actors.consulent }, T0).state;
}

describe('steps', () => {
  const open = atZorg(undefined);
  const taken = atZorg('zorg-de-brug');

  test('the zorg step needs a zorgmedewerker; the vraag is done, so nobody records it again', () => {
    expect(stepRoles('zorg', open)).toEqual(['zorgmedewerker']);
    expect(stepRoles('vraag', open)).toEqual([]);
  });

  test('an open side is claimed by any professional in its role, a taken side by nobody', () => {
    expect(canClaim(who('zorg-elders', 'zorgmedewerker'), 'zorg', open)).toBe(true);
    expect(canClaim(who('woonstad', 'verhuurmedewerker'), 'zorg', open)).toBe(false);
    expect(canClaim(who('zorg-elders', 'zorgmedewerker'), 'zorg', taken)).toBe(false);
    // Claiming is by the step now in turn only.
    expect(canClaim(who('zorg-elders', 'zorgmedewerker'), 'woonvorm', open)).toBe(false);
  });

  test('recording a step: a party of the case, or a claimer of its open side; nobody else', () => {
    expect(canRecordStep(who('zorg-de-brug', 'zorgmedewerker'), partiesOf(taken), taken, 'zorg')).toBe(true);
    expect(canRecordStep(who('zorg-elders', 'zorgmedewerker'), partiesOf(taken), taken, 'zorg')).toBe(false);
    expect(canRecordStep(who('zorg-elders', 'zorgmedewerker'), partiesOf(open), open, 'zorg')).toBe(true);
    expect(canRecordStep(who('wijkteam-zuid', 'consulent'), partiesOf(open), open, 'zorg')).toBe(false);
  });

  test('actsIn: the role, for the side organisation or an open side', () => {
    const rollen = [{ rol: 'zorgmedewerker', organisatie: 'zorg-de-brug' }, { rol: 'verhuurmedewerker' }];
    expect(actsIn(who('zorg-de-brug', 'zorgmedewerker'), rollen)).toBe(true);
    expect(actsIn(who('zorg-elders', 'zorgmedewerker'), rollen)).toBe(false);
    expect(actsIn(who('wie-dan-ook', 'verhuurmedewerker'), rollen)).toBe(true);
    expect(actsIn(who('zorg-de-brug', 'manager'), rollen)).toBe(false);
  });
});

describe('woningen', () => {
  const parties: CaseParties = {
    wijkteam: 'wijkteam-noord',
    zorginstelling: 'zorg-de-brug',
    corporatie: 'woonstad',
    gemeente: 'GM0363',
  };

  test.each([
    ["the corporatie's verhuurmedewerker", who('woonstad', 'verhuurmedewerker'), true],
    ["another corporatie's verhuurmedewerker", who('woonpunt', 'verhuurmedewerker'), false],
    ["the wijkteam's consulent", who('wijkteam-noord', 'consulent'), false],
    ["the corporatie's manager", who('woonstad', 'manager'), false],
  ])('matches: %s', (_name, p, allowed) => {
    expect(canSeeMatches(p, parties)).toBe(allowed);
  });

  test('the woningaanbod is kept by verhuurmedewerkers only', () => {
    expect(canMaintainWoningaanbod(who('woonstad', 'verhuurmedewerker'))).toBe(true);
    expect(canMaintainWoningaanbod(who('woonstad', 'manager', 'beheerder'))).toBe(false);
    expect(canMaintainWoningaanbod(who('zorg-de-brug', 'zorgmedewerker'))).toBe(false);
  });
});
