import { z } from 'zod';
import { TASK_QUEUE_DEFAULT } from '../workflows/types';
import { parsePayloadKeys } from './payload-codec';

/** Settings every process shares; each process adds its own. */
export const sharedEnvSchema = z.object({
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'a postgresql:// connection URL' }),
  TEMPORAL_ADDRESS: z.string().regex(/^[^\s:]+:\d{1,5}$/, 'host:port').default('localhost:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default(TASK_QUEUE_DEFAULT),
  /** Temporal Cloud or a cluster with mTLS / API keys. */
  TEMPORAL_API_KEY: z.string().min(1).optional(),
  TEMPORAL_TLS_CERT: z.string().min(1).optional().describe('path to a client certificate (PEM)'),
  TEMPORAL_TLS_KEY: z.string().min(1).optional().describe('path to the client key (PEM)'),
  PAYLOAD_KEYS: z
    .string({ error: 'required: keyId:base64-32-byte-key[,keyId:key...]; the first key encrypts' })
    .min(1, 'required: keyId:base64-32-byte-key[,keyId:key...]; the first key encrypts')
    .superRefine((v, ctx) => {
      try {
        parsePayloadKeys(v);
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: (e as Error).message });
      }
    }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type SharedEnv = z.infer<typeof sharedEnvSchema>;

/** Parses the environment once at start-up; a bad value stops the process with a message naming it. */
export function parseEnv<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv = process.env): z.infer<T> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}
