import { createHash } from 'node:crypto';
import type { TermijnSignaal } from '../../domain/types';

/**
 * What a reminder or escalation says. Deliberately narrow: case id, fase,
 * organisation, norm, due moment and a link to the case page — never the
 * person's reference, doelgroep, indicatie or care data (AVG special category;
 * a mailbox is not the place for them). The reader follows the link and signs in.
 */
export interface BerichtOrganisatie {
  id: string;
  naam: string;
}

export interface MailBericht {
  subject: string;
  text: string;
  /** Deterministic: a resent signal has the same Message-ID, so mail clients can drop the copy. */
  messageId: string;
}

const datumTijd = new Intl.DateTimeFormat('nl-NL', {
  timeZone: 'Europe/Amsterdam',
  dateStyle: 'long',
  timeStyle: 'short',
});
const getal = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });

const faseNaam = (fase: TermijnSignaal['fase']) =>
  fase === 'totaal' ? 'hele casus (totale doorlooptijd)' : fase.replace(/_/g, ' ');

export function caseLink(appBaseUrl: string, caseId: string): string {
  return `${appBaseUrl.replace(/\/+$/, '')}/app/casussen/${encodeURIComponent(caseId)}`;
}

/** A stable id per signal; hashed so the header carries no readable case data. */
export function signaalId(s: Pick<TermijnSignaal, 'caseId' | 'key'>): string {
  return createHash('sha256').update(`${s.caseId}\n${s.key}`).digest('hex').slice(0, 40);
}

export function mailBericht(
  s: TermijnSignaal,
  org: BerichtOrganisatie,
  appBaseUrl: string,
  mailDomain: string,
): MailBericht {
  if (s.soort === 'vervolg' || s.soort === 'omklap') return nazorgBericht(s, org, appBaseUrl, mailDomain);
  const herinnering = s.soort === 'herinnering';
  const kort = s.caseId.slice(0, 8);
  const subject = herinnering
    ? `Herinnering: casus ${kort} nadert de norm (${faseNaam(s.fase)})`
    : `Escalatie: casus ${kort} over de norm (${faseNaam(s.fase)})`;
  const intro = herinnering
    ? `Een casus waarin ${org.naam} aan zet is, nadert de norm voor de doorlooptijd.`
    : `Een casus bij ${org.naam} heeft de norm voor de doorlooptijd overschreden.`;
  const lines = [
    intro,
    '',
    `Casus:        ${s.caseId}`,
    `Fase:         ${faseNaam(s.fase)}`,
    `Organisatie:  ${org.naam} (${org.id})`,
    ...(s.rollen.length > 0 ? [`Aan zet:      ${s.rollen.join(', ')}`] : []),
    `Norm:         ${getal.format(s.normWerkdagen)} werkdagen`,
    `${herinnering ? 'Herinnering:  ' : 'Norm bereikt: '}${datumTijd.format(new Date(s.dueAt))}`,
    '',
    `Bekijk de casus: ${caseLink(appBaseUrl, s.caseId)}`,
    '',
    'Dit bericht bevat bewust geen persoons- of zorggegevens; die vindt u na inloggen in de applicatie.',
  ];
  return { subject, text: `${lines.join('\n')}\n`, messageId: `<signaal-${signaalId(s)}@${mailDomain}>` };
}

/** A nazorg follow-up moment or the approaching omklap (rules/nazorg.ts): the same narrow facts. */
function nazorgBericht(
  s: TermijnSignaal,
  org: BerichtOrganisatie,
  appBaseUrl: string,
  mailDomain: string,
): MailBericht {
  const vervolg = s.soort === 'vervolg';
  const kort = s.caseId.slice(0, 8);
  const lines = [
    vervolg
      ? `Een vervolgmoment van de nazorg is bereikt in een casus waarin ${org.naam} partij is: bespreek of de woonsituatie stabiel is en of de ondersteuning omhoog of omlaag moet.`
      : `Bij een casus waarin ${org.naam} partij is, nadert de afgesproken omklap: het huurcontract gaat van de zorgorganisatie naar de bewoner, of de onderverhuur wordt verlengd met een reden.`,
    '',
    `Casus:        ${s.caseId}`,
    `Organisatie:  ${org.naam} (${org.id})`,
    ...(s.rollen.length > 0 ? [`Aan zet:      ${s.rollen.join(', ')}`] : []),
    `${vervolg ? 'Vervolgmoment:' : 'Herinnering:  '} ${datumTijd.format(new Date(s.dueAt))}`,
    '',
    `Bekijk de casus: ${caseLink(appBaseUrl, s.caseId)}`,
    '',
    'Dit bericht bevat bewust geen persoons- of zorggegevens; die vindt u na inloggen in de applicatie.',
  ];
  return {
    subject: vervolg ? `Nazorg: vervolgmoment casus ${kort}` : `Omklap: casus ${kort} nadert de omklapdatum`,
    text: `${lines.join('\n')}\n`,
    messageId: `<signaal-${signaalId(s)}@${mailDomain}>`,
  };
}

/** The webhook's JSON: the same facts as the mail, machine-readable. */
export function webhookBericht(s: TermijnSignaal, appBaseUrl: string): string {
  return JSON.stringify({
    type: s.soort === 'vervolg' || s.soort === 'omklap' ? `nazorg.${s.soort}` : `termijn.${s.soort}`,
    id: signaalId(s),
    caseId: s.caseId,
    key: s.key,
    soort: s.soort,
    fase: s.fase,
    organisatie: s.organisatie ?? null,
    rollen: s.rollen,
    normWerkdagen: s.normWerkdagen,
    dueAt: s.dueAt,
    at: s.at,
    url: caseLink(appBaseUrl, s.caseId),
  });
}
