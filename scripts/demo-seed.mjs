// The fictitious samenwerkingsverband `npm start` seeds in local mode (AUTH_MODE=local), so a
// newcomer can sign in as every role at once: one gemeente, two wijkteams, two zorginstellingen,
// two corporaties and the platform operator. Idempotent: an organisation that exists is left as
// the beheerder keeps it. Never run against a real register: start.mjs calls it in local mode only.
import pg from 'pg';

export const DEMO_GEMEENTE = 'GM9901'; // Voorbeeldstad (fictief): see api/web/gemeenten.ts

/** @type {ReadonlyArray<{ id: string, naam: string, soort: string, gemeente: string | null, werkgebied: string[] }>} */
export const demoOrganisaties = [
  {
    id: 'gemeente-voorbeeldstad',
    naam: 'Gemeente Voorbeeldstad (fictief)',
    soort: 'gemeente',
    gemeente: DEMO_GEMEENTE,
    werkgebied: [DEMO_GEMEENTE],
  },
  {
    id: 'wijkteam-voorbeeld-noord',
    naam: 'Wijkteam Voorbeeldstad-Noord (fictief)',
    soort: 'wijkteam',
    gemeente: DEMO_GEMEENTE,
    werkgebied: [DEMO_GEMEENTE],
  },
  {
    id: 'wijkteam-voorbeeld-zuid',
    naam: 'Wijkteam Voorbeeldstad-Zuid (fictief)',
    soort: 'wijkteam',
    gemeente: DEMO_GEMEENTE,
    werkgebied: [DEMO_GEMEENTE],
  },
  {
    id: 'zorg-voorbeeld-anker',
    naam: 'Zorggroep Het Anker (fictief)',
    soort: 'zorginstelling',
    gemeente: null,
    werkgebied: [DEMO_GEMEENTE],
  },
  {
    id: 'zorg-voorbeeld-baken',
    naam: 'Begeleiding Het Baken (fictief)',
    soort: 'zorginstelling',
    gemeente: null,
    werkgebied: [DEMO_GEMEENTE],
  },
  {
    id: 'woon-voorbeeld-haven',
    naam: 'Woonstichting De Haven (fictief)',
    soort: 'corporatie',
    gemeente: null,
    werkgebied: [DEMO_GEMEENTE],
  },
  {
    id: 'woon-voorbeeld-toren',
    naam: 'Wooncorporatie De Toren (fictief)',
    soort: 'corporatie',
    gemeente: null,
    werkgebied: [DEMO_GEMEENTE],
  },
  { id: 'platform-voorbeeld', naam: 'Platformbeheer (fictief)', soort: 'operator', gemeente: null, werkgebied: [] },
];

/** Inserts the organisations that are not there yet; returns how many it added. */
export async function seedDemo(/** @type {string} */ databaseUrl) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    let added = 0;
    for (const o of demoOrganisaties) {
      const r = await client.query(
        `INSERT INTO organisaties (id, naam, soort, gemeente, werkgebied, actief, updated_at, updated_by)
         VALUES ($1, $2, $3, $4, $5, true, now(), 'npm-start-demo')
         ON CONFLICT (id) DO NOTHING`,
        [o.id, o.naam, o.soort, o.gemeente, o.werkgebied],
      );
      added += r.rowCount ?? 0;
    }
    return added;
  } finally {
    await client.end();
  }
}
