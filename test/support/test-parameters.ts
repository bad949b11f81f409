import { jaarParameters } from '../../domain/rules/parameters';
import { bearer } from './tokens';

/** Today's year in the Netherlands, as the API dates an aanbod. */
export const ditJaar = () =>
  Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric' }).format(new Date()));

/** Marks a set as test values: the amounts of 2023 under this year's number, never official figures. */
export const TESTWAARDEN_BRON = 'TESTWAARDEN voor de tests: de bedragen van 2023, geen officiële bedragen van dit jaar';

/**
 * Keeps a set for the current year through the beheer route, as a beheerder would: the API refuses
 * an aanbod in a year without its own set (issue 14 item 11), and no official set for it is built in.
 */
export async function seedTestParameters(baseUrl: string, jaar = ditJaar()): Promise<void> {
  const { jaar: _jaar, ...bedragen } = jaarParameters.find((s) => s.jaar === 2023)!;
  const res = await fetch(`${baseUrl}/parameters/${jaar}`, {
    method: 'PUT',
    headers: {
      'content-type': 'application/json',
      ...bearer({ sub: 'u-test-beheer', org: 'gemeente-amsterdam', roles: ['beheerder'] }),
    },
    body: JSON.stringify({ ...bedragen, bron: TESTWAARDEN_BRON }),
  });
  if (res.status !== 200 && res.status !== 201) throw new Error(`seeding test parameters: ${res.status}`);
}
