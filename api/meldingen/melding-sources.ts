import type { Db } from '../../prisma/client';
import { notesForReader } from '../../prisma/note-repository';
import { shortCodeOf } from '../../domain/referentie';
import { caseRoles, type Principal } from '../auth/principal';
import { findOrganisatie, organisatieNamen } from '../../prisma/organisatie-repository';
import { listOpenSides } from '../../prisma/verdeling-repository';
import { sidesFor } from '../auth/routing-policy';

export type MeldingSoort = 'herinnering' | 'escalatie' | 'nieuw_in_inbox' | 'notitie' | 'te_verdelen';

/** One melding: what happened on which case and where to look. Codes and case numbers only, never personal data. */
export interface Melding {
  /** Stable per melding and reader: the read mark is kept under it. */
  key: string;
  soort: MeldingSoort;
  caseId: string | null;
  at: Date;
  /** Dutch, for the page: "Herinnering: casus 65b200f6 staat lang in fase zorg". */
  tekst: string;
  /** Where the melding leads in the web app. */
  href: string;
}

/** A source of meldingen for a reader, since a moment, at most `limit`, newest first. */
export type MeldingSource = (db: Db, p: Principal, since: Date, limit: number) => Promise<Melding[]>;

const has = (p: Principal, roles: readonly string[]) => p.roles.some((r) => roles.includes(r));
const casus = (caseId: string) => `casus ${shortCodeOf(caseId)}`;
const href = (caseId: string) => `/app/casussen/${caseId}`;

/** Reminders go to the team of the organisation whose turn it is, escalations to its manager (as the e-mails do). */
export const signaalMeldingen: MeldingSource = async (db, p, since, limit) => {
  const soorten = [...(has(p, caseRoles) ? ['herinnering'] : []), ...(has(p, ['manager']) ? ['escalatie'] : [])];
  if (!soorten.length) return [];
  const rows = await db.caseSignaal.findMany({
    where: { organisatie: p.org, soort: { in: soorten }, at: { gte: since } },
    orderBy: [{ at: 'desc' }, { key: 'asc' }],
    take: limit,
  });
  return rows.map((s) => ({
    key: `signaal:${s.caseId}:${s.key}`,
    soort: s.soort === 'escalatie' ? ('escalatie' as const) : ('herinnering' as const),
    caseId: s.caseId,
    at: s.at,
    tekst: `${s.soort === 'escalatie' ? 'Escalatie' : 'Herinnering'}: ${casus(s.caseId)} staat over de termijn in fase ${s.fase}`,
    href: href(s.caseId),
  }));
};

/** A case became my organisation's turn in one of my roles, by someone else's step. */
export const inboxMeldingen: MeldingSource = async (db, p, since, limit) => {
  const rollen = p.roles.filter((r) => (caseRoles as readonly string[]).includes(r));
  if (!rollen.length) return [];
  const rows = await db.$queryRaw<Array<{ caseId: string; nr: number; rol: string; fase: string; at: Date }>>`
    SELECT w.case_id AS "caseId", w.nr, w.rol, w.fase, w.started_at AS at
    FROM wachtbeurten w JOIN case_events e ON e.case_id = w.case_id AND e.seq = w.nr
    WHERE w.ended_at IS NULL AND w.organisatie = ${p.org} AND w.rol = ANY(${rollen}::text[])
      AND w.started_at >= ${since} AND NOT (e.organisatie = ${p.org} AND e.actor_id = ${p.sub})
    ORDER BY w.started_at DESC, w.case_id
    LIMIT ${limit}`;
  return rows.map((w) => ({
    key: `inbox:${w.caseId}:${w.nr}:${w.rol}`,
    soort: 'nieuw_in_inbox',
    caseId: w.caseId,
    at: w.at,
    tekst: `Nieuw in uw inbox: ${casus(w.caseId)}, fase ${w.fase}`,
    href: href(w.caseId),
  }));
};

/** A note I may read on a case of my organisation, written by someone else. */
export const notitieMeldingen: MeldingSource = async (db, p, since, limit) => {
  if (!has(p, caseRoles)) return [];
  const rows = await notesForReader(db, { organisatie: p.org, userId: p.sub }, since, limit);
  // The writer's organisation by its name in the register, as every page shows organisations.
  const naam = await organisatieNamen(
    db,
    rows.map((n) => n.organisatie),
  );
  return rows.map((n) => ({
    key: noteMeldingKey(n.id),
    soort: 'notitie',
    caseId: n.caseId,
    at: n.at,
    tekst: `Nieuwe notitie van ${naam.get(n.organisatie) ?? n.organisatie} bij ${casus(n.caseId)}`,
    href: `${href(n.caseId)}#notities`,
  }));
};

export const noteMeldingKey = (noteId: string) => `notitie:${noteId}`;

/** An open side of a case in my organisation's werkgebied that it may accept: the same list as _Te verdelen_. */
export const teVerdelenMeldingen: MeldingSource = async (db, p, since, limit) => {
  const org = await findOrganisatie(db, p.org);
  const zijde = sidesFor(p, org)[0];
  if (!org || !zijde) return [];
  const { items } = await listOpenSides(db, zijde, org.werkgebied, { limit, offset: 0 }, since);
  return items.map((c) => ({
    key: `te_verdelen:${c.id}:${zijde}`,
    soort: 'te_verdelen',
    caseId: c.id,
    at: c.startedAt,
    tekst: `Te verdelen: ${casus(c.id)} zoekt een ${zijde === 'corporatie' ? 'corporatie' : 'zorginstelling'} in uw werkgebied`,
    href: '/app/te-verdelen',
  }));
};

/** Every source, in the order they are merged; add one function here for a new kind of melding. */
export const meldingSources: MeldingSource[] = [
  signaalMeldingen,
  inboxMeldingen,
  notitieMeldingen,
  teVerdelenMeldingen,
];
