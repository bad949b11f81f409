import { canReadNotes, showsReferentie } from '../../api/auth/access-policy';
import { shapeCase } from '../../api/auth/case-view';
import type { Principal } from '../../api/auth/principal';
import { refusedFilters } from '../../api/cases/list-filters';

const who = (roles: Principal['roles'], org: string, gemeente?: string): Principal => ({
  sub: 'u',
  org,
  roles,
  gemeente,
});
const parties = {
  wijkteam: 'wijkteam-noord',
  zorginstelling: 'zorg-de-brug',
  corporatie: 'woonstad',
  gemeente: 'GM0363',
};

describe('list filters and what a list shows', () => {
  test('the referentie filter is for the wijkteam only; doelgroep stays where the view shows it; behandelaar needs a side', () => {
    const names = ['referentie', 'doelgroep', 'fase', 'code', 'overTermijn', 'behandelaar'];
    const fields = (p: Principal) => refusedFilters(p, names).map((f) => f.field);
    expect(fields(who(['consulent'], 'wijkteam-noord'))).toEqual([]);
    expect(fields(who(['zorgmedewerker'], 'zorg-de-brug'))).toEqual(['referentie']);
    expect(fields(who(['verhuurmedewerker'], 'woonstad'))).toEqual(['referentie', 'doelgroep']);
    expect(fields(who(['manager'], 'woonstad'))).toEqual(['referentie', 'doelgroep']);
    expect(fields(who(['manager'], 'gemeente-a', 'GM0363'))).toEqual(['referentie', 'doelgroep', 'behandelaar']);
    expect(fields(who(['beheerder'], 'platform'))).toEqual(['referentie', 'behandelaar']);
    expect(refusedFilters(who(['verhuurmedewerker'], 'woonstad'), ['referentie'])[0]!.problem).toMatch(/wijkteam/);
  });

  test('the referentie in a list row: the wijkteam sees it, the other views leave it out', () => {
    const row = { id: 'c', referentie: 'WT-1', doelgroep: 'ouderen' };
    expect(shapeCase(row, 'zorg')).toHaveProperty('referentie', 'WT-1');
    expect(shapeCase(row, 'verhuur')).not.toHaveProperty('referentie');
    expect(shapeCase(row, 'management')).not.toHaveProperty('referentie');
    expect(showsReferentie(who(['consulent'], 'wijkteam-noord'), parties)).toBe(true);
    // The zorginstelling reads the case in the zorg view, but the referentie is the wijkteam's.
    expect(showsReferentie(who(['zorgmedewerker'], 'zorg-de-brug'), parties)).toBe(false);
    expect(showsReferentie(who(['manager'], 'wijkteam-noord'), parties)).toBe(false);
  });

  test("notes are for the parties' professionals, not their managers or a gemeente manager", () => {
    expect(canReadNotes(who(['consulent'], 'wijkteam-noord'), parties)).toBe(true);
    expect(canReadNotes(who(['verhuurmedewerker'], 'woonstad'), parties)).toBe(true);
    expect(canReadNotes(who(['verhuurmedewerker'], 'andere'), parties)).toBe(false);
    expect(canReadNotes(who(['manager'], 'woonstad'), parties)).toBe(false);
    expect(canReadNotes(who(['manager'], 'gemeente-a', 'GM0363'), parties)).toBe(false);
    expect(canReadNotes(who(['privacy_officer'], 'woonstad'), parties)).toBe(false);
  });
});
