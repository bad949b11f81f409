import type { ErrorRequestHandler } from 'express';
import { z } from 'zod';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, isGrpcServiceError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { StepFailureType } from '../../workflows/messages';
import type { Logger } from '../../platform/logger';

export interface FieldProblem {
  field: string;
  problem: string;
}

/** An error with the HTTP status and JSON body the client gets. Messages never carry personal data. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }

  toBody() {
    return { error: this.code, message: this.message, ...this.extra };
  }
}

const locationText = {
  body: 'de invoer',
  query: 'de zoekvraag',
  path: 'het adres',
  header: 'een kopregel van het verzoek',
} as const;

export function validationError(
  error: z.ZodError,
  location: 'body' | 'query' | 'path' | 'header',
  prefix?: string,
): HttpError {
  const fields: FieldProblem[] = error.issues.map((i) => ({
    field: [prefix, ...i.path.map(String)].filter(Boolean).join('.') || location,
    problem: i.message,
  }));
  const message = fields.map((f) => `${f.field}: ${f.problem}`).join('; ');
  return new HttpError(400, 'invalid_request', `${locationText[location]} klopt niet: ${message}`, {
    in: location,
    fields,
  });
}

/** The parsed value, or a 400 naming every field and its problem. */
export function parseInput<T extends z.ZodType>(
  schema: T,
  value: unknown,
  where: 'body' | 'query' | 'path' | 'header',
  prefix?: string,
): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error, where, prefix);
  return result.data;
}

const notFoundText = {
  case: 'deze casus bestaat niet of is niet voor u',
  woning: 'deze woning bestaat niet of is niet van uw corporatie',
  organisatie: 'deze organisatie staat niet in het register',
  corporatie: 'deze corporatie staat niet in het register',
  norm: 'deze norm bestaat niet',
} as const;

/** 404 with a Dutch message; the same answer whether the thing does not exist or is not the caller's. */
export const notFound = (what: keyof typeof notFoundText) => new HttpError(404, 'not_found', notFoundText[what]);

const statusByFailure: Record<string, { status: number; code: string }> = {
  [StepFailureType.out_of_turn]: { status: 409, code: 'step_out_of_turn' },
  [StepFailureType.closed]: { status: 409, code: 'case_closed' },
  [StepFailureType.forbidden]: { status: 403, code: 'step_forbidden' },
  [StepFailureType.rule]: { status: 422, code: 'rule_violation' },
  [StepFailureType.invalid]: { status: 400, code: 'invalid_request' },
  [StepFailureType.unavailable]: { status: 409, code: 'woning_unavailable' },
  [StepFailureType.taken]: { status: 409, code: 'side_taken' },
  [StepFailureType.note]: { status: 422, code: 'note_refused' },
};

/** Translates a rejected update into the HTTP answer; anything else is rethrown. */
export function fromUpdateFailure(err: unknown): HttpError {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type) {
    const mapped = statusByFailure[err.cause.type];
    if (mapped) {
      const details = (err.cause.details?.[0] ?? {}) as { fase?: string };
      return new HttpError(
        mapped.status,
        mapped.code,
        err.cause.message,
        details.fase ? { currentStep: details.fase } : {},
      );
    }
  }
  throw err;
}

/** The error and what it wraps (`cause`, and a driver adapter error Prisma keeps in `meta`), a few levels deep. */
function errorChain(err: unknown): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const queue: unknown[] = [err];
  while (queue.length > 0 && out.length < 8) {
    const e = queue.shift();
    if (!e || typeof e !== 'object' || out.includes(e as Record<string, unknown>)) continue;
    const r = e as Record<string, unknown>;
    out.push(r);
    const meta = r.meta as Record<string, unknown> | undefined;
    queue.push(r.cause, meta?.driverAdapterError, meta);
  }
  return out;
}

/**
 * Temporal cannot be reached (UNAVAILABLE), did not answer in time (DEADLINE_EXCEEDED) or is overloaded
 * (RESOURCE_EXHAUSTED: "Workflow is busy", a rate limit), also when the SDK wrapped the gRPC error. Each
 * may succeed later, and Temporal's own clients retry them.
 */
export function isTemporalUnavailable(err: unknown): boolean {
  return errorChain(err).some(
    (e) =>
      isGrpcServiceError(e) && ([4, 8, 14].includes(e.code) || (e.code === 9 && WORKFLOW_NOT_READY.test(e.details))),
  );
}

/**
 * FAILED_PRECONDITION is mostly for good, but the server's WorkflowNotReady ("Workflow state is not ready to handle
 * the request", "Workflow task is not scheduled yet") passes: a saturated worker's first workflow task timed out and
 * runs again. Seen under overload as a 500 on update-with-start (docs/performance.md).
 */
const WORKFLOW_NOT_READY = /not ready to handle|workflow task is not scheduled/i;

/** What an error wraps, by class and code only (a gRPC status, a SQLSTATE): enough to tell why, no message text. */
function causesOf(err: unknown): Array<{ name: unknown; code: unknown }> {
  return errorChain(err)
    .slice(1)
    .map((e) => ({ name: e.name ?? e.constructor?.name, code: e.code }));
}

export function isWorkflowGone(err: unknown): boolean {
  return err instanceof WorkflowNotFoundError || (isGrpcServiceError(err) && err.code === 5);
}

/** Prisma codes of an unreachable or overloaded database: can't reach, timeout, connection closed, pool timeout, transaction API error, too many connections. */
const PRISMA_UNAVAILABLE = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028', 'P2037']);
const SOCKET_UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
]);
const ADAPTER_UNAVAILABLE = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
]);
/** SQLSTATE: connection exceptions (08…), admin/crash shutdown, cannot connect now (starting up, shutting down), too many connections. */
const SQLSTATE_UNAVAILABLE = /^(08...|57P0[123]|53300)$/;
/** node-postgres errors that carry no code: a connection lost, or none to be had. */
const PG_CONNECTION_LOST =
  /Connection terminated|timeout exceeded when trying to connect|encountered a connection error and is not queryable|Client was closed and is not queryable/;

/**
 * The database is down, restarting or out of connections — as Prisma reports it, as the pg driver
 * adapter reports it (a PostgreSQL error code), or as node-postgres reports it (a socket error or
 * a bare message). The request may succeed later: 503, not 500.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  return errorChain(err).some((e) => {
    const code = typeof e.code === 'string' ? e.code : '';
    const originalCode = typeof e.originalCode === 'string' ? e.originalCode : '';
    return (
      e.name === 'PrismaClientInitializationError' ||
      PRISMA_UNAVAILABLE.has(code) ||
      SOCKET_UNAVAILABLE.has(code) ||
      (typeof e.kind === 'string' && ADAPTER_UNAVAILABLE.has(e.kind)) ||
      SQLSTATE_UNAVAILABLE.test(originalCode) ||
      (e.kind === 'postgres' && SQLSTATE_UNAVAILABLE.test(code)) ||
      (typeof e.severity === 'string' && SQLSTATE_UNAVAILABLE.test(code)) ||
      (typeof e.message === 'string' && PG_CONNECTION_LOST.test(e.message))
    );
  });
}

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (err instanceof HttpError) {
      res.status(err.status).json(err.toBody());
      return;
    }
    // Body-parser errors: malformed JSON, wrong content type, too large.
    const status = (err as { status?: number }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const type = (err as { type?: string }).type;
      const message =
        type === 'entity.parse.failed'
          ? 'de body is geen geldige JSON'
          : type === 'entity.too.large'
            ? 'de body is te groot'
            : 'dit verzoek klopt niet';
      res
        .status(status)
        .json({ error: 'invalid_request', message, in: 'body', fields: [{ field: 'body', problem: message }] });
      return;
    }
    if (isTemporalUnavailable(err) || isDatabaseUnavailable(err)) {
      log.warn(
        { path: req.route?.path, err: { name: (err as Error).name, causes: causesOf(err) } },
        'dependency unavailable',
      );
      res.status(503).set('Retry-After', '5').json({
        error: 'unavailable',
        message: 'een achterliggende dienst is even niet bereikbaar; probeer het opnieuw',
      });
      return;
    }
    // Class, code and stack frames only: an error's message may quote the data it failed on.
    const frames = (err as Error)?.stack
      ?.split('\n')
      .filter((l) => l.trimStart().startsWith('at '))
      .slice(0, 8);
    log.error(
      {
        path: req.route?.path,
        err: { name: (err as Error)?.name, code: (err as { code?: unknown })?.code, causes: causesOf(err), frames },
      },
      'unhandled error',
    );
    res.status(500).json({ error: 'internal', message: 'interne fout' });
  };
}
