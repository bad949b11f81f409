import type { Db } from '../../prisma/client';
import type { OrganisatieInput } from '../../prisma/organisatie-repository';

/**
 * The organisations the test support acts for. The API refuses a token whose organisation is
 * not registered, active and of the kind its role needs (api/auth/organisation-fit.ts), exactly
 * as in production: so every test registers the organisations its tokens name, with the kind
 * their roles need. The harness registers these; a test with organisations of its own calls
 * `registerOrganisations` (or `registerOrganisation`) before its first request.
 */
export type TestOrganisation = Pick<OrganisatieInput, 'id' | 'soort'> & Partial<OrganisatieInput>;

/** The test gemeenten: Amsterdam (most fixtures) and Utrecht. */
export const TEST_WERKGEBIED = ['GM0363', 'GM0344'];

export const testOrganisations: readonly TestOrganisation[] = [
  { id: 'wijkteam-noord', naam: 'Wijkteam Noord', soort: 'wijkteam' },
  { id: 'wijkteam-zuid', naam: 'Wijkteam Zuid', soort: 'wijkteam' },
  { id: 'wijkteam-dash', naam: 'Wijkteam Dashboard', soort: 'wijkteam' },
  { id: 'zorg-de-brug', naam: 'Zorg De Brug', soort: 'zorginstelling' },
  { id: 'woonstad', naam: 'Woonstad', soort: 'corporatie' },
  { id: 'woonbron', naam: 'Woonbron', soort: 'corporatie' },
  { id: 'andere-corporatie', naam: 'Andere corporatie', soort: 'corporatie' },
  {
    id: 'gemeente-amsterdam',
    naam: 'Gemeente Amsterdam',
    soort: 'gemeente',
    gemeente: 'GM0363',
    werkgebied: ['GM0363'],
  },
  { id: 'gemeente-utrecht', naam: 'Gemeente Utrecht', soort: 'gemeente', gemeente: 'GM0344', werkgebied: ['GM0344'] },
  { id: 'toewijzing-platform', naam: 'Platformbeheer', soort: 'operator', werkgebied: [] },
];

/**
 * Registers (or brings back to this kind, active) each organisation. Its mail settings are
 * left as they are: a test that set a mailbox or webhook keeps it.
 */
/** The display name a test organisation is registered with: what the pages and meldingen show. */
export const testNaam = (id: string): string => {
  const naam = testOrganisations.find((o) => o.id === id)?.naam;
  if (!naam) throw new Error(`${id} is not a test organisation with a name`);
  return naam;
};

export async function registerOrganisations(db: Db, orgs: readonly TestOrganisation[]): Promise<void> {
  for (const o of orgs) {
    const kept = {
      naam: o.naam ?? o.id,
      soort: o.soort,
      gemeente: o.gemeente ?? null,
      werkgebied: o.werkgebied ?? TEST_WERKGEBIED,
      actief: o.actief ?? true,
    };
    await db.organisatie.upsert({
      where: { id: o.id },
      create: {
        id: o.id,
        ...kept,
        email: o.email ?? null,
        managerEmail: o.managerEmail ?? null,
        webhookUrl: o.webhookUrl ?? null,
        updatedBy: 'test-support',
      },
      update: kept,
    });
  }
}

export const registerOrganisation = (
  db: Db,
  id: string,
  soort: TestOrganisation['soort'],
  over: Partial<OrganisatieInput> = {},
) => registerOrganisations(db, [{ ...over, id, soort }]);

/** The same, over a plain `pg` connection (the fault lab's processes have no Prisma client of ours). */
export async function registerOrganisationsSql(
  query: (sql: string, values: unknown[]) => Promise<unknown>,
  orgs: readonly TestOrganisation[] = testOrganisations,
): Promise<void> {
  for (const o of orgs)
    await query(
      `INSERT INTO organisaties (id, naam, soort, gemeente, werkgebied, actief, updated_at, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, now(), 'test-support')
       ON CONFLICT (id) DO UPDATE SET naam = $2, soort = $3, gemeente = $4, werkgebied = $5, actief = $6`,
      [o.id, o.naam ?? o.id, o.soort, o.gemeente ?? null, o.werkgebied ?? TEST_WERKGEBIED, o.actief ?? true],
    );
}
