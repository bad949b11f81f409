import { z } from 'zod';
import { sharedEnvSchema } from '../platform/env';

export const apiEnvSchema = sharedEnvSchema.extend({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** How long a step request waits for the workflow before answering 503 (the step may still land; retry with the same Idempotency-Key). */
  STEP_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
});
export type ApiEnv = z.infer<typeof apiEnvSchema>;
