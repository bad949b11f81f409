import type { Request } from 'express';
import type { Db } from '../../prisma/client';
import { findOrganisatie, organisatiesVoor } from '../../prisma/organisatie-repository';
import { collegasVan, findGebruiker, namenVan, upsertGebruiker } from '../../prisma/gebruiker-repository';
import { listInboxIds, listOpenSides } from '../../prisma/verdeling-repository';
import { rolVan, type BehandelaarActie, type Zijde } from '../../domain/steps';
import type { Actor, CaseState } from '../../domain/types';
import { acceptSideUpdate, assignSideUpdate, setBehandelaarUpdate } from '../../workflows/messages';
import { canAcceptSide, canAssignSide, canSetBehandelaar, partijProbleem, sidesFor } from '../auth/routing-policy';
import { caseRoles, type Principal } from '../auth/principal';
import { canFilterOnBehandelaar } from '../auth/access-policy';
import type { CaseService, Reply } from '../cases/case-service';
import { behandelaarOf, type CaseReader } from '../cases/case-reader';
import { HttpError } from '../http/errors';
import type { InboxQuery } from './routing-schemas';
import { verdelingItem } from './verdeling-view';

type Page = { limit: number; offset: number };
/** How long a remembered user is not written again, and how many this process keeps in mind. */
const REMEMBER_TTL_MS = 10_000;
const REMEMBER_MAX = 10_000;
type PartyKey = keyof typeof rolVan;

const forbidden = (message: string) => new HttpError(403, 'forbidden', message);
const unprocessable = (field: string, problem: string) =>
  new HttpError(422, 'rule_violation', `${field}: ${problem}`, { fields: [{ field, problem }] });

/** The party `p` acts for in the case, in that party's role; undefined when none. */
function partyOf(p: Principal, state: CaseState): PartyKey | undefined {
  return (Object.keys(rolVan) as PartyKey[]).find(
    (k) => state.partijen[k]?.organisatie === p.org && (p.roles as string[]).includes(rolVan[k]),
  );
}

/**
 * Routing and the behandelaar, for the JSON routes and the web pages alike. Eligibility comes
 * from the register (routing-policy), the rest from the workflow, which re-checks that the side
 * is still open; every refusal of a case the caller may not see is a 404 (CaseReader).
 */
export function createRoutingService(db: Db, cases: CaseService, reader: CaseReader) {
  /** The IdP's user as far as a behandelaar needs one, kept whenever they act. */
  // Every step remembers its author. The write only changes the row when the claims changed, so a user
  // this process wrote with these very claims moments ago needs none: one statement less per step. Safe
  // with several API processes: each writes what its own tokens say, and nothing else writes the row.
  const written = new Map<string, { claims: string; at: number }>();
  const remember = async (p: Principal) => {
    const g = { id: p.sub, organisatie: p.org, naam: p.name ?? null, email: p.email ?? null };
    const claims = JSON.stringify([g.organisatie, g.naam, g.email]);
    const seen = written.get(g.id);
    if (seen && seen.claims === claims && Date.now() - seen.at < REMEMBER_TTL_MS) return;
    await upsertGebruiker(db, g);
    if (written.size >= REMEMBER_MAX) written.clear();
    written.set(g.id, { claims, at: Date.now() });
  };

  /** "Te verdelen": the open sides `p`'s organisation may accept, as verdeling-view shows them. */
  async function teVerdelen(p: Principal, only: Zijde | undefined, page: Page) {
    const org = await findOrganisatie(db, p.org);
    const sides = sidesFor(p, org).filter((z) => !only || z === only);
    if (!org || sides.length === 0) return { items: [], total: 0, ...page };
    // A professional is of one kind of organisation: at most one side here.
    const zijde = sides[0]!;
    const { items, total } = await listOpenSides(db, zijde, org.werkgebied, page);
    return { items: items.map((row) => verdelingItem(row, zijde)), total, ...page };
  }

  async function accept(req: Request, p: Principal, caseId: string, zijde: Zijde, key?: string): Promise<Reply> {
    const org = await findOrganisatie(db, p.org);
    await reader.visibleCase(req, p, caseId, (pr, c) => canAcceptSide(pr, org, zijde, c));
    await remember(p);
    const actor: Actor = { id: p.sub, organisatie: p.org, rol: rolVan[zijde] };
    return cases.sendUpdate(caseId, acceptSideUpdate, { zijde, organisatie: p.org, actor }, p.org, key);
  }

  async function assign(
    req: Request,
    p: Principal,
    caseId: string,
    body: { zijde: Zijde; organisatie: string },
    key?: string,
  ): Promise<Reply> {
    const { parties } = await reader.visibleCase(req, p, caseId);
    if (!canAssignSide(p, parties))
      throw forbidden('alleen de consulent van het wijkteam van de casus wijst een partij toe');
    const problem = partijProbleem(
      body.organisatie,
      await findOrganisatie(db, body.organisatie),
      body.zijde,
      parties.gemeente,
    );
    if (problem) throw unprocessable('organisatie', problem);
    await remember(p);
    const actor: Actor = { id: p.sub, organisatie: p.org, rol: 'consulent' };
    return cases.sendUpdate(caseId, assignSideUpdate, { ...body, actor }, p.org, key);
  }

  async function behandelaar(
    req: Request,
    p: Principal,
    caseId: string,
    body: { actie: BehandelaarActie; aan?: string | undefined },
    key?: string,
  ): Promise<Reply> {
    const { state, parties } = await reader.visibleCase(req, p, caseId);
    const party = partyOf(p, state);
    if (!party || !canSetBehandelaar(p, parties, state)) {
      throw forbidden('alleen een professional van een partij van de casus is er behandelaar');
    }
    await remember(p);
    if (body.aan !== undefined) {
      const collega = await findGebruiker(db, body.aan);
      if (!collega || collega.organisatie !== p.org) {
        throw unprocessable('aan', 'geen collega van uw organisatie die al in de applicatie heeft gewerkt');
      }
    }
    const actor: Actor = { id: p.sub, organisatie: p.org, rol: rolVan[party] };
    return cases.sendUpdate(caseId, setBehandelaarUpdate, { ...body, actor }, p.org, key);
  }

  /** The behandelaar of the reader's own party, per case. */
  async function behandelaarsVan(p: Principal, ids: string[]): Promise<Map<string, string>> {
    const rows = ids.length
      ? await db.case.findMany({
          where: { id: { in: ids } },
          select: {
            id: true,
            wijkteam: true,
            zorginstelling: true,
            corporatie: true,
            behandelaarWijkteam: true,
            behandelaarZorginstelling: true,
            behandelaarCorporatie: true,
          },
        })
      : [];
    const out = new Map<string, string>();
    for (const r of rows) {
      const id =
        r.wijkteam === p.org
          ? r.behandelaarWijkteam
          : r.zorginstelling === p.org
            ? r.behandelaarZorginstelling
            : r.corporatie === p.org
              ? r.behandelaarCorporatie
              : null;
      if (id) out.set(r.id, id);
    }
    return out;
  }

  /** The colleagues `p` may hand a case to: the known users of its own organisation. */
  async function collegas(p: Principal) {
    if (!caseRoles.some((r) => p.roles.includes(r))) {
      throw forbidden('collega’s zijn er voor consulenten, zorgmedewerkers en verhuurmedewerkers');
    }
    await remember(p);
    const rows = await collegasVan(db, p.org);
    return { items: rows.map((r) => ({ id: r.id, naam: r.naam })) };
  }

  /**
   * The behandelaar filter's choices for `p`'s lists: the known users of its organisation; null where the
   * filter is not for the reader (list-filters), so a page leaves it out.
   */
  async function behandelaarKeuze(p: Principal): Promise<Array<{ id: string; naam: string | null }> | null> {
    if (!canFilterOnBehandelaar(p)) return null;
    return (await collegasVan(db, p.org)).map((r) => ({ id: r.id, naam: r.naam }));
  }

  /**
   * An inbox: "Mijn werk" (the cases `p` is behandelaar of) or "Team" (the organisation's cases
   * waiting on `rol`), sorted by the deadline of the open fase or by waiting time, shaped to the
   * reader's view, with who is behandelaar of the reader's party. Team may be filtered on that behandelaar.
   */
  async function inbox(p: Principal, q: InboxQuery) {
    const { limit, offset } = q;
    await remember(p);
    const own = caseRoles.filter((r) => p.roles.includes(r));
    const rol = q.rol ?? own[0];
    if (!rol || !own.includes(rol)) {
      throw forbidden('een inbox is er voor consulenten, zorgmedewerkers en verhuurmedewerkers, in hun eigen rol');
    }
    const { ids, total } = await listInboxIds(
      db,
      {
        organisatie: p.org,
        behandelaar: q.lijst === 'mijn' ? p.sub : behandelaarOf(p, q.behandelaar)?.id,
        rol: q.lijst === 'team' ? rol : undefined,
        sorteer: q.sorteer,
        richting: q.richting,
      },
      { limit, offset },
    );
    const rows = reader.shapedRows(p, await cases.summaries(ids));
    const mine = await behandelaarsVan(p, ids);
    const namen = await namenVan(db, [...mine.values()]);
    const items = rows.map((r) => {
      const id = mine.get(r.id);
      return { ...r, behandelaar: id ? { id, naam: namen.get(id) ?? null } : null };
    });
    return { items, total, limit, offset, lijst: q.lijst, rol };
  }

  /**
   * What the case page shows of routing to `p`: the behandelaar of its party with the colleagues to
   * hand over to, and for the wijkteam's consulent the open sides with the organisations to assign.
   */
  async function panels(p: Principal, state: CaseState) {
    const party = partyOf(p, state);
    // A professional working on a case can be picked by colleagues from then on.
    if (party) await remember(p);
    let behandelaarPanel;
    if (party && state.status === 'lopend') {
      const id = state.partijen[party]?.behandelaar;
      const [namen, team] = await Promise.all([namenVan(db, id ? [id] : []), collegasVan(db, p.org)]);
      behandelaarPanel = {
        behandelaar: id ? { id, naam: namen.get(id) ?? null } : null,
        collegas: team.map((c) => ({ id: c.id, naam: c.naam })),
      };
    }
    const open =
      party === 'wijkteam' && state.status === 'lopend'
        ? await Promise.all(
            (['zorginstelling', 'corporatie'] as const)
              .filter((z) => !state.partijen[z] && (z === 'corporatie' || ['vraag', 'zorg'].includes(state.fase)))
              .map(async (zijde) => ({
                zijde,
                kandidaten: (await organisatiesVoor(db, zijde, state.aanmelding.gemeente)).map((o) => ({
                  id: o.id,
                  naam: o.naam,
                })),
              })),
          )
        : [];
    return { behandelaar: behandelaarPanel, open };
  }

  return { teVerdelen, accept, assign, behandelaar, behandelaarKeuze, collegas, inbox, remember, panels };
}
export type RoutingService = ReturnType<typeof createRoutingService>;
