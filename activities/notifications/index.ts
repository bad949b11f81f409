export { meldTermijn, type MeldingUitkomst } from './meld-termijn';
export { meldAanname, type AanameMelding } from './meld-aanname';
export {
  createNotifier,
  signature,
  SIGNATURE_HEADER,
  WEBHOOK_TIMEOUT_MS,
  type Notifier,
  type NotifierConfig,
} from './notifier';
export { MeldingBezigError, MeldingMisluktError } from './errors';
export { mailBericht, webhookBericht, caseLink, signaalId } from './bericht';
