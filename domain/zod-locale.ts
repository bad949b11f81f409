import { z } from 'zod';

/**
 * Every validation message a person reads is Dutch: zod's own Dutch locale, set once wherever the domain's schemas
 * load (API, worker, workflow sandbox, tests), so no process can forget it. Only the texts change: the issue codes
 * (`invalid_type`, `too_small`, ...) and the API's error codes stay as they are.
 */
z.config(z.locales.nl());

export const ZOD_LOCALE = 'nl';
