import type { Db } from '../../prisma/client';
import { findOrganisatie, type OrganisatieRow } from '../../prisma/organisatie-repository';
import { behandelaarEmail } from '../../prisma/gebruiker-repository';
import { withSignaal, type Kanaal, type KanaalStatus } from '../../prisma/signaal-repository';
import type { KanaalUitkomst, TermijnSignaal } from '../../domain/types';
import { mailBericht, signaalId, webhookBericht } from './bericht';
import { MeldingBezigError, MeldingMisluktError } from './errors';
import type { Notifier } from './notifier';

export type MeldingUitkomst = Record<Kanaal, KanaalUitkomst>;

/**
 * Sends a reminder (to the case's behandelaar at the organisation whose turn it is, else its team mailbox)
 * or an escalation (to its manager), plus the organisation's webhook if it has
 * one. Idempotent per `signaal.key`: each channel's outcome is recorded in
 * case_signalen as soon as it is known, so a retry only tries the channels
 * still open. A failing channel throws (retryable) after the others are recorded.
 */
export async function meldTermijn(
  db: Db,
  notifier: Notifier | undefined,
  signaal: TermijnSignaal,
): Promise<MeldingUitkomst> {
  // Read before taking the signal's connection: one pooled connection per attempt at a time.
  const org = signaal.organisatie ? await findOrganisatie(db, signaal.organisatie) : null;
  const behandelaar =
    signaal.soort === 'herinnering' && signaal.organisatie
      ? await behandelaarEmail(db, signaal.caseId, signaal.organisatie)
      : null;
  const result = await withSignaal(db, signaal, async (store) => {
    const state = await store.ensure(signaal);
    const failures: string[] = [];
    const settle = async (kanaal: Kanaal, send: () => Promise<KanaalUitkomst>): Promise<KanaalStatus> => {
      if (state[kanaal] !== 'open') return state[kanaal];
      try {
        const uitkomst = await send();
        await store.settle(signaal, kanaal, uitkomst);
        return uitkomst;
      } catch (err) {
        if (!(err instanceof MeldingMisluktError)) throw err;
        failures.push(err.message);
        return 'open';
      }
    };
    // Both channels finish before the lock is let go, also when one of them breaks.
    const [email, webhook] = await Promise.allSettled([
      settle('email', () => sendMail(notifier, signaal, org, behandelaar)),
      settle('webhook', () => sendWebhook(notifier, signaal, org)),
    ]);
    for (const r of [email, webhook]) if (r.status === 'rejected') throw r.reason;
    if (failures.length > 0)
      throw new MeldingMisluktError(
        `termijnsignaal ${signaal.key} van casus ${signaal.caseId}: ${failures.join('; ')}`,
      );
    const value = (r: PromiseSettledResult<KanaalStatus>) => (r as PromiseFulfilledResult<KanaalUitkomst>).value;
    return { email: value(email), webhook: value(webhook) };
  });
  if (result.busy)
    throw new MeldingBezigError(`termijnsignaal ${signaal.key} van casus ${signaal.caseId} wordt al verstuurd`);
  return result.value;
}

/** An inactive or unknown organisation has no address for signals. */
const bereikbaar = (org: OrganisatieRow | null): org is OrganisatieRow => org !== null && org.actief;

async function sendMail(
  notifier: Notifier | undefined,
  s: TermijnSignaal,
  org: OrganisatieRow | null,
  behandelaar: string | null,
): Promise<KanaalUitkomst> {
  // Only an escalation goes to the manager; reminders (also nazorg's) to the behandelaar, else the team.
  const to = bereikbaar(org) ? (s.soort === 'escalatie' ? org.managerEmail : (behandelaar ?? org.email)) : null;
  if (!to || !org) return 'geen_adres';
  if (!notifier?.mail) return 'niet_ingesteld';
  const bericht = mailBericht(s, org, notifier.appBaseUrl, notifier.mail.domain);
  // Auto-Submitted keeps out-of-office replies away (RFC 3834).
  await notifier.mail.send(to, bericht, { 'Auto-Submitted': 'auto-generated', 'X-Toewijzing-Signaal': signaalId(s) });
  return 'verstuurd';
}

async function sendWebhook(
  notifier: Notifier | undefined,
  s: TermijnSignaal,
  org: OrganisatieRow | null,
): Promise<KanaalUitkomst> {
  if (!bereikbaar(org) || !org.webhookUrl) return 'geen_adres';
  if (!notifier?.webhook) return 'niet_ingesteld';
  await notifier.webhook.post(org.webhookUrl, webhookBericht(s, notifier.appBaseUrl), signaalId(s));
  return 'verstuurd';
}
