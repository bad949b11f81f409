import { isWerkdag, tijdstipNaWerkdagen, werkdagenTussen } from '../../../domain/rules/werkdagen';

// Expected instants are worked out by hand from the 2026/2027 calendars; Amsterdam is
// UTC+1 in winter (CET) and UTC+2 in summer (CEST).
const at = (iso: string) => new Date(iso);

describe('werkdagen', () => {
  test.each([
    ['2027-05-06', false, 'Hemelvaartsdag'],
    ['2027-04-27', false, 'Koningsdag'],
    ['2026-12-25', false, 'Eerste Kerstdag'],
    ['2027-03-29', false, 'Tweede Paasdag'],
    ['2027-05-17', false, 'Tweede Pinksterdag'],
    ['2027-05-08', false, 'a Saturday'],
    ['2027-05-05', true, 'Bevrijdingsdag: not a general day off'],
    ['2027-03-26', true, 'Goede Vrijdag: not a general day off'],
    ['2027-05-07', true, 'an ordinary Friday'],
  ])('%s werkdag=%s (%s)', (date, expected) => {
    expect(isWerkdag(date)).toBe(expected);
  });

  test('one werkdag from Wednesday 10:00 is Thursday 10:00, or Friday when Thursday is Hemelvaartsdag', () => {
    expect(tijdstipNaWerkdagen(at('2027-05-12T08:00:00Z'), 1)).toEqual(at('2027-05-13T08:00:00Z'));
    expect(tijdstipNaWerkdagen(at('2027-05-05T08:00:00Z'), 1)).toEqual(at('2027-05-07T08:00:00Z'));
  });

  test('weekends and Koningsdag do not count', () => {
    // Friday 23 April 15:00 + 1 → Monday 26 April 15:00.
    expect(tijdstipNaWerkdagen(at('2027-04-23T13:00:00Z'), 1)).toEqual(at('2027-04-26T13:00:00Z'));
    // Monday 26 April 12:00 + 1 → Wednesday 28 April 12:00 (Tuesday is Koningsdag).
    expect(tijdstipNaWerkdagen(at('2027-04-26T10:00:00Z'), 1)).toEqual(at('2027-04-28T10:00:00Z'));
  });

  test('Easter weekend across the switch to summer time', () => {
    // Friday 26 March 12:00 CET + 1 → Sat, Easter Sunday (DST starts), Easter Monday skipped → Tuesday 30 March 12:00 CEST.
    expect(tijdstipNaWerkdagen(at('2027-03-26T11:00:00Z'), 1)).toEqual(at('2027-03-30T10:00:00Z'));
  });

  test('fractions of a werkdag and counting back', () => {
    // Thursday 24 Dec 2026 09:00 → Monday 28 Dec 09:00: 15/24 on Thursday, Christmas and the weekend, 9/24 on Monday.
    expect(werkdagenTussen(at('2026-12-24T08:00:00Z'), at('2026-12-28T08:00:00Z'))).toBeCloseTo(1, 10);
    // Half a werkdag from Monday 06:00 is Monday 18:00.
    expect(tijdstipNaWerkdagen(at('2027-06-07T04:00:00Z'), 0.5)).toEqual(at('2027-06-07T16:00:00Z'));
    expect(werkdagenTussen(at('2027-06-07T04:00:00Z'), at('2027-06-05T04:00:00Z'))).toBe(0);
  });

  test('an opschorting stops the clock, and an open one leaves no deadline', () => {
    const monday9 = at('2027-06-07T07:00:00Z');
    const opgeschort = [{ van: at('2027-06-07T10:00:00Z'), tot: at('2027-06-08T10:00:00Z') }];
    // Two werkdagen from Monday 09:00 with Monday 12:00 to Tuesday 12:00 suspended → Thursday 09:00.
    expect(tijdstipNaWerkdagen(monday9, 2, opgeschort)).toEqual(at('2027-06-10T07:00:00Z'));
    expect(werkdagenTussen(monday9, at('2027-06-09T07:00:00Z'), opgeschort)).toBeCloseTo(1, 10);
    expect(tijdstipNaWerkdagen(monday9, 2, [{ van: at('2027-06-07T10:00:00Z') }])).toBeUndefined();
    // Time already suspended still counts as suspended while measuring with an open opschorting.
    expect(werkdagenTussen(monday9, at('2027-06-09T07:00:00Z'), [{ van: at('2027-06-08T07:00:00Z') }])).toBeCloseTo(
      1,
      10,
    );
  });
});
