import {
  organisationRefusal,
  refusalTekst,
  soortenFor,
  type RegisteredOrganisation,
  type Soort,
} from '../../../api/auth/organisation-fit';
import { roles, type Principal, type Role } from '../../../api/auth/principal';

const org = (soort: Soort, over: Partial<RegisteredOrganisation> = {}): RegisteredOrganisation => ({
  id: 'org-1',
  naam: 'Organisatie',
  soort,
  gemeente: null,
  actief: true,
  ...over,
});
const who = (roles: Role[], gemeente?: string): Principal => ({ sub: 'u-1', org: 'org-1', roles, gemeente });

describe('which kind of organisation each role acts for', () => {
  // The whole rule as a table: role (with or without a gemeente claim) → the kinds it fits.
  const table: Array<[Role, string | undefined, Soort[]]> = [
    ['consulent', undefined, ['wijkteam']],
    ['zorgmedewerker', undefined, ['zorginstelling']],
    ['verhuurmedewerker', undefined, ['corporatie']],
    ['manager', undefined, ['wijkteam', 'zorginstelling', 'corporatie']],
    ['manager', 'GM0363', ['gemeente']],
    ['beheerder', undefined, ['gemeente', 'operator']],
    ['privacy_officer', undefined, ['wijkteam', 'zorginstelling', 'corporatie', 'operator']],
  ];
  const all: Soort[] = ['wijkteam', 'zorginstelling', 'corporatie', 'gemeente', 'operator'];

  test.each(table)('a %s (gemeente %s) fits exactly %j', (role, gemeente, fits) => {
    expect([...soortenFor(role, { gemeente })].sort()).toEqual([...fits].sort());
    for (const soort of all) {
      const refusal = organisationRefusal(who([role], gemeente), org(soort, { gemeente: gemeente ?? null }));
      expect(refusal).toEqual(fits.includes(soort) ? undefined : { reason: 'soort', role, soort });
    }
  });

  test('every role is in the table', () => {
    expect(new Set(table.map(([r]) => r))).toEqual(new Set(roles));
  });

  test('an unknown or inactive organisation fits no role', () => {
    expect(organisationRefusal(who(['consulent']), null)).toEqual({ reason: 'unknown' });
    expect(organisationRefusal(who(['consulent']), org('wijkteam', { actief: false }))).toEqual({ reason: 'inactive' });
  });

  test('with several roles, each must fit', () => {
    expect(organisationRefusal(who(['zorgmedewerker', 'privacy_officer']), org('zorginstelling'))).toBeUndefined();
    expect(organisationRefusal(who(['consulent', 'verhuurmedewerker']), org('wijkteam'))).toEqual({
      reason: 'soort',
      role: 'verhuurmedewerker',
      soort: 'wijkteam',
    });
  });

  test("a gemeente manager's claim must be the organisation's own gemeente", () => {
    expect(organisationRefusal(who(['manager'], 'GM0363'), org('gemeente', { gemeente: 'GM0363' }))).toBeUndefined();
    expect(organisationRefusal(who(['manager'], 'GM0344'), org('gemeente', { gemeente: 'GM0363' }))).toEqual({
      reason: 'gemeente',
    });
  });

  test('the refusal is said in Dutch for the web app', () => {
    const tekst = refusalTekst({ reason: 'soort', role: 'consulent', soort: 'corporatie' }, 'woonstad');
    expect(tekst).toBe(
      'Als consulent kunt u niet werken voor woonstad: dat is een corporatie. Vraag uw beheerder om de juiste rol.',
    );
  });
});
