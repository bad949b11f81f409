import { z } from 'zod';
import { parsePayloadKeys } from './payload-codec';

/** Settings every process shares; each process adds its own. */
export const sharedEnvSchema = z.object({
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'a postgresql:// connection URL' }),
  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^[^\s:]+:\d{1,5}$/, 'host:port')
    .default('localhost:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('toewijzing-cases'),
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
  /** Key of the referentie hash the wijkteam searches on (platform/referentie-hash.ts); unset: derived from PAYLOAD_KEYS. */
  REFERENTIE_HASH_KEY: z.string().min(32, 'at least 32 characters').optional(),
  /** host:port of this process's Prometheus endpoint (GET /metrics); unset: none. */
  METRICS_ADDRESS: z
    .string()
    .regex(/^[^\s:]+:\d{1,5}$/, 'host:port, e.g. 0.0.0.0:9464')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type SharedEnv = z.infer<typeof sharedEnvSchema>;

/**
 * Reminders and escalations (worker): e-mail over SMTP and signed webhooks.
 * A channel stays off ('niet_ingesteld') while its variable is unset.
 */
export const notificationEnvShape = {
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'an smtp:// or smtps:// URL' }).optional(),
  MAIL_FROM: z
    .string()
    .trim()
    .min(3)
    .max(200)
    .optional()
    .describe('From address, e.g. "Toewijzing <noreply@example.nl>"'),
  /** Base of the link to the case page in a mail (`<APP_BASE_URL>/app/casussen/<caseId>`). */
  APP_BASE_URL: z.url({ protocol: /^https?$/, error: 'an http(s):// URL' }).default('http://localhost:3000'),
  WEBHOOK_SECRET: z
    .string()
    .min(32, 'at least 32 characters')
    .optional()
    .describe('HMAC-SHA256 key of X-Toewijzing-Signature'),
  /** true: webhooks may go to loopback, private and link-local addresses (tests, local trials). Off by default. */
  WEBHOOK_ALLOW_PRIVATE_TARGETS: z.enum(['true', 'false']).optional(),
};

/** Use with `.superRefine` on a schema that has the notification variables. */
export function checkNotificationEnv(
  env: { SMTP_URL?: string | undefined; MAIL_FROM?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  if (env.SMTP_URL && !env.MAIL_FROM)
    ctx.addIssue({ code: 'custom', path: ['MAIL_FROM'], message: 'required when SMTP_URL is set' });
}

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
