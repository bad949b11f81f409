import type { Db } from './client';

/** An organisation as the beheerder keeps it: where its reminders and escalations go. No case content. */
export interface OrganisatieInput {
  id: string;
  naam: string;
  soort: 'wijkteam' | 'zorginstelling' | 'corporatie' | 'gemeente' | 'operator';
  gemeente: string | null;
  /** CBS codes of the gemeenten it serves. */
  werkgebied: string[];
  email: string | null;
  managerEmail: string | null;
  webhookUrl: string | null;
  actief: boolean;
}

export interface OrganisatieRow extends OrganisatieInput {
  updatedAt: Date;
  updatedBy: string;
}

export async function listOrganisaties(db: Db): Promise<OrganisatieRow[]> {
  return (await db.organisatie.findMany({ orderBy: { id: 'asc' } })) as OrganisatieRow[];
}

export async function findOrganisatie(db: Db, id: string): Promise<OrganisatieRow | null> {
  return (await db.organisatie.findUnique({ where: { id } })) as OrganisatieRow | null;
}

/** Creates or replaces the organisation whole: a field left out of the input is cleared. */
export async function putOrganisatie(
  db: Db,
  input: OrganisatieInput,
  updatedBy: string,
): Promise<{ outcome: 'created' | 'updated'; row: OrganisatieRow }> {
  const { id, ...fields } = input;
  const existing = await db.organisatie.findUnique({ where: { id }, select: { id: true } });
  const row = await db.organisatie.upsert({
    where: { id },
    create: { id, ...fields, updatedBy },
    update: { ...fields, updatedBy },
  });
  return { outcome: existing ? 'updated' : 'created', row: row as OrganisatieRow };
}

/** The active organisations of one kind that serve `gemeente`: who may pick up an open side of its cases. */
export async function organisatiesVoor(
  db: Db,
  soort: OrganisatieInput['soort'],
  gemeente: string,
): Promise<OrganisatieRow[]> {
  return (await db.organisatie.findMany({
    where: { soort, actief: true, werkgebied: { has: gemeente } },
    orderBy: { naam: 'asc' },
  })) as OrganisatieRow[];
}

/** The active wijkteams, zorginstellingen and corporaties, those serving `gemeente` when given: a filter's choices. */
export async function partijOrganisaties(db: Db, gemeente?: string): Promise<Array<{ id: string; naam: string }>> {
  return db.organisatie.findMany({
    where: {
      soort: { in: ['wijkteam', 'zorginstelling', 'corporatie'] },
      actief: true,
      ...(gemeente ? { werkgebied: { has: gemeente } } : {}),
    },
    select: { id: true, naam: true },
    orderBy: { naam: 'asc' },
  });
}

/** The gemeente organisations of `codes` (CBS), for their names. */
export async function gemeenteOrganisaties(
  db: Db,
  codes: readonly string[],
): Promise<Array<{ gemeente: string; naam: string }>> {
  if (!codes.length) return [];
  const rows = await db.organisatie.findMany({
    where: { soort: 'gemeente', gemeente: { in: [...codes] } },
    select: { gemeente: true, naam: true },
    orderBy: { id: 'asc' },
  });
  return rows.flatMap((r) => (r.gemeente ? [{ gemeente: r.gemeente, naam: r.naam }] : []));
}

/** Display names of `ids` that the register knows. */
export async function organisatieNamen(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)];
  if (!wanted.length) return new Map();
  const rows = await db.organisatie.findMany({ where: { id: { in: wanted } }, select: { id: true, naam: true } });
  return new Map(rows.map((r) => [r.id, r.naam]));
}
