/**
 * Errors of the termijn notifications. Both are retryable: Temporal retries
 * the activity, and the channels that already went out are not sent again.
 * Messages name the signal key, the channel and an error code, never an
 * address or anything of the person.
 */

/** A channel could not deliver (SMTP refused or unreachable, webhook not 2xx or timed out). */
export class MeldingMisluktError extends Error {
  override name = 'MeldingMisluktError';
}

/** Another attempt of the same signal is sending right now; retry after it. */
export class MeldingBezigError extends Error {
  override name = 'MeldingBezigError';
}
