import type { HttpError } from '../../http/errors';
import { stepForms } from '../step-forms';
import { stepLabel } from '../labels';

/** Dutch for the API's refusals; the API's own message (rules and steps, no personal data) follows where useful. */
export function dutchRefusal(err: HttpError): string {
  switch (err.code) {
    case 'step_out_of_turn':
      return 'Deze stap kan nu niet: de casus is intussen verder gegaan. Hieronder staat de actuele stand.';
    case 'case_closed':
      return 'De casus is afgesloten; er kan niets meer worden vastgelegd.';
    case 'step_forbidden':
    case 'forbidden':
      return 'U mag deze stap niet vastleggen voor deze casus.';
    case 'rule_violation':
      return `Een regel staat dit niet toe: ${err.message}.`;
    case 'idempotency_key_reused':
      return (
        'Dit formulier is al eens met andere gegevens verstuurd. ' + 'Laad de pagina opnieuw en vul het opnieuw in.'
      );
    case 'filter_not_allowed':
      return 'U kunt niet filteren op een gegeven dat u niet te zien krijgt. Kies een ander filter.';
    case 'woning_unavailable':
      return 'Deze woning is niet meer vrij. Kies een andere woning.';
    case 'unknown_woning':
      return 'Deze woning bestaat niet (meer). Kies een andere woning.';
    case 'step_pending':
      return (
        'Het vastleggen duurt langer dan verwacht. ' +
        'Verstuur het formulier nog een keer: het wordt maar één keer vastgelegd.'
      );
    case 'too_many_requests': {
      const seconds = Number(err.extra.retryAfterSeconds) || 0;
      const wacht =
        seconds > 90 ? `ongeveer ${Math.ceil(seconds / 60)} minuten` : seconds > 0 ? `${seconds} seconden` : 'even';
      return `Dit is te vaak achter elkaar geprobeerd. Wacht ${wacht} en probeer het dan opnieuw.`;
    }
    case 'unavailable':
      return (
        'Het systeem is even niet bereikbaar. ' +
        'Probeer het zo nog eens; het formulier wordt maar één keer vastgelegd.'
      );
    default:
      return 'Dit kon niet worden vastgelegd.';
  }
}

/** The flash after a step was recorded (?gedaan=<step>). */
export function doneText(step: string): string {
  const routing: Record<string, string> = {
    aanname: 'Gelukt: u hebt de casus aangenomen en bent behandelaar.',
    behandelaar: 'Gelukt: de behandelaar is bijgewerkt.',
    toewijzing_partij: 'Gelukt: de partij is toegewezen.',
  };
  if (routing[step]) return routing[step];
  const spec = (stepForms as Record<string, { submit: string }>)[step];
  const naam = stepLabel[step];
  if (!spec || !naam) return 'Gelukt: de stap is vastgelegd.';
  return `Gelukt: de stap ‘${naam}’ is vastgelegd.`;
}
