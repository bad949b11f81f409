import type { Db } from '../../prisma/client';
import { findOrganisatie } from '../../prisma/organisatie-repository';
import type { Zijde } from '../../domain/steps';
import { caseLink } from './bericht';
import type { Notifier } from './notifier';

export interface AanameMelding {
  caseId: string;
  zijde: Zijde;
  /** The organisation that accepted the side. */
  organisatie: string;
  wijkteam: string;
}

/**
 * Tells the wijkteam's mailbox that an organisation accepted an open side of its case. Like the
 * reminders: the case id, the side, the organisation's name and a link, no person or care data.
 * Returns what happened; a failing mail server throws and the workflow retries in the background.
 */
export async function meldAanname(
  db: Db,
  notifier: Notifier | undefined,
  m: AanameMelding,
): Promise<'verstuurd' | 'geen_adres' | 'niet_ingesteld'> {
  const [wijkteam, door] = await Promise.all([findOrganisatie(db, m.wijkteam), findOrganisatie(db, m.organisatie)]);
  if (!wijkteam?.actief || !wijkteam.email) return 'geen_adres';
  if (!notifier?.mail) return 'niet_ingesteld';
  const kort = m.caseId.slice(0, 8);
  const naam = door?.naam ?? m.organisatie;
  const text = [
    `${naam} heeft als ${m.zijde} de casus ${kort} aangenomen.`,
    '',
    `Casus:        ${m.caseId}`,
    `Partij:       ${m.zijde}`,
    `Organisatie:  ${naam} (${m.organisatie})`,
    '',
    `Bekijk de casus: ${caseLink(notifier.appBaseUrl, m.caseId)}`,
    '',
    'Dit bericht bevat bewust geen persoons- of zorggegevens; die vindt u na inloggen in de applicatie.',
  ].join('\n');
  await notifier.mail.send(
    wijkteam.email,
    {
      subject: `Casus ${kort} aangenomen door ${naam}`,
      text: `${text}\n`,
      // Deterministic: a retried send has the same Message-ID, so mail clients drop the copy.
      messageId: `<aanname-${m.caseId}-${m.zijde}@${notifier.mail.domain}>`,
    },
    { 'Auto-Submitted': 'auto-generated' },
  );
  return 'verstuurd';
}
