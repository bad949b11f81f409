import type { Db } from './client';

/** A user of the IdP as far as a behandelaar needs one: id (`sub`), organisation, name and e-mail. */
export interface GebruikerInput {
  id: string;
  organisatie: string;
  naam: string | null;
  email: string | null;
}

/** Upserted whenever the person acts, so what the IdP says now wins and colleagues can be picked. Through `pg`: every step does it. */
export async function upsertGebruiker(db: Db, g: GebruikerInput): Promise<void> {
  await db.pool.query(
    `INSERT INTO gebruikers (id, organisatie, naam, email, updated_at)
     VALUES ($1, $2, $3, $4, now())
     ON CONFLICT (id) DO UPDATE SET organisatie = EXCLUDED.organisatie, naam = EXCLUDED.naam,
       email = EXCLUDED.email, updated_at = now()
     WHERE (gebruikers.organisatie, gebruikers.naam, gebruikers.email)
       IS DISTINCT FROM (EXCLUDED.organisatie, EXCLUDED.naam, EXCLUDED.email)`,
    [g.id, g.organisatie, g.naam, g.email],
  );
}

export async function findGebruiker(db: Db, id: string): Promise<GebruikerInput | null> {
  return db.gebruiker.findUnique({ where: { id }, select: { id: true, organisatie: true, naam: true, email: true } });
}

/** The people of one organisation, by name. */
export async function collegasVan(db: Db, organisatie: string): Promise<GebruikerInput[]> {
  return db.gebruiker.findMany({
    where: { organisatie },
    select: { id: true, organisatie: true, naam: true, email: true },
    orderBy: [{ naam: 'asc' }, { id: 'asc' }],
  });
}

/** Names of the given users, for lists that show who is behandelaar. */
export async function namenVan(db: Db, ids: string[]): Promise<Map<string, string | null>> {
  if (ids.length === 0) return new Map();
  const rows = await db.gebruiker.findMany({
    where: { id: { in: [...new Set(ids)] } },
    select: { id: true, naam: true },
  });
  return new Map(rows.map((r) => [r.id, r.naam]));
}

/**
 * The e-mail of the case's behandelaar at `organisatie`, if it has one and they are still of that
 * organisation: a reminder goes to the person in charge rather than the team mailbox.
 */
export async function behandelaarEmail(db: Db, caseId: string, organisatie: string): Promise<string | null> {
  const rows = await db.$queryRaw<Array<{ email: string | null }>>`
    SELECT g.email FROM cases c
    JOIN gebruikers g ON g.organisatie = ${organisatie} AND g.id = CASE ${organisatie}
      WHEN c.wijkteam THEN c.behandelaar_wijkteam
      WHEN c.zorginstelling THEN c.behandelaar_zorginstelling
      WHEN c.corporatie THEN c.behandelaar_corporatie END
    WHERE c.id = ${caseId}`;
  return rows[0]?.email ?? null;
}
