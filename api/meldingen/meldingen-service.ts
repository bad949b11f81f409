import type { Db } from '../../prisma/client';
import { markRead, readKeys } from '../../prisma/melding-repository';
import { noteIdsFor } from '../../prisma/note-repository';
import type { Principal } from '../auth/principal';
import { meldingSources, noteMeldingKey, type Melding, type MeldingSource } from './melding-sources';

/** How far back meldingen go: older ones are in the case's history, not news. */
export const MELDING_DAGEN = 30;
const PER_SOURCE = 200;

export type MeldingView = Omit<Melding, 'at'> & { at: string; gelezen: boolean };

/**
 * Meldingen in the app: worked out from what the read model holds (signals, turns, notes),
 * with a read mark per user (organisation + user id, as the token names them).
 */
export function createMeldingen(db: Db, sources: readonly MeldingSource[] = meldingSources) {
  const reader = (p: Principal) => ({ organisatie: p.org, userId: p.sub });

  async function all(p: Principal, now = new Date()): Promise<MeldingView[]> {
    const since = new Date(now.getTime() - MELDING_DAGEN * 86_400_000);
    const found = (await Promise.all(sources.map((source) => source(db, p, since, PER_SOURCE)))).flat();
    const gelezen = await readKeys(
      db,
      reader(p),
      found.map((m) => m.key),
    );
    return found
      .sort((a, b) => b.at.getTime() - a.at.getTime() || a.key.localeCompare(b.key))
      .map((m) => ({ ...m, at: m.at.toISOString(), gelezen: gelezen.has(m.key) }));
  }

  return {
    /** The reader's meldingen, newest first, with how many are unread. */
    async list(p: Principal, o: { ongelezen?: boolean; limit: number }) {
      const items = await all(p);
      const ongelezen = items.filter((m) => !m.gelezen).length;
      return { ongelezen, items: (o.ongelezen ? items.filter((m) => !m.gelezen) : items).slice(0, o.limit) };
    },
    async unreadCount(p: Principal): Promise<number> {
      return (await all(p)).filter((m) => !m.gelezen).length;
    },
    /** Marks the reader's meldingen read: those keys, or all. Keys that are not the reader's are ignored. */
    async markRead(p: Principal, keys: readonly string[] | 'alle'): Promise<{ gemarkeerd: number; caseIds: string[] }> {
      const mine = await all(p);
      const chosen = keys === 'alle' ? mine : mine.filter((m) => keys.includes(m.key));
      const open = chosen.filter((m) => !m.gelezen);
      const gemarkeerd = await markRead(
        db,
        reader(p),
        open.map((m) => ({ key: m.key, caseId: m.caseId })),
      );
      return { gemarkeerd, caseIds: [...new Set(open.map((m) => m.caseId).filter((c): c is string => !!c))] };
    },
    /** Opening a case's notes marks them read for the reader. */
    async markNotesRead(p: Principal, caseId: string): Promise<void> {
      const ids = await noteIdsFor(db, caseId, p.org);
      await markRead(
        db,
        reader(p),
        ids.map((id) => ({ key: noteMeldingKey(id), caseId })),
      );
    },
  };
}
export type Meldingen = ReturnType<typeof createMeldingen>;
