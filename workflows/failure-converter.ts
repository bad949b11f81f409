import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Loaded inside the workflow sandbox (by path) and by the client: failure
 * messages and stacks are encoded as payloads, so the payload codec encrypts
 * them like any other data. Refusals name rules, not people; this is the
 * second line of defence.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
