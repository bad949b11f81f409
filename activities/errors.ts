/**
 * Errors activities throw by name. Temporal matches `nonRetryableErrorTypes`
 * against the class name, so renaming one changes retry behaviour.
 */

/** The woning is held by another case, was let, or changed since the rules saw it. Retrying cannot help. */
export class WoningNotAvailableError extends Error {
  override name = 'WoningNotAvailableError';
}

export const nonRetryableErrorTypes = [WoningNotAvailableError.name] as const;
