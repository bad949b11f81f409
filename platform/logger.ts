import pino from 'pino';

/**
 * Application log. Structured and deliberately narrow: case ids, steps,
 * statuses and error types only. Request bodies, step inputs and Temporal
 * payloads are never logged: they hold health data.
 */
export function createLogger(name: string, level = process.env.LOG_LEVEL ?? 'info') {
  return pino({
    name,
    level,
    redact: { paths: ['req.headers.authorization', 'body', 'input', 'aanmelding'], remove: true },
  });
}
export type Logger = ReturnType<typeof createLogger>;
