import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../../platform/logger';
import { requestIdOf, wasAudited, type Audit } from './audit-log';

/**
 * One place that logs every refusal (any 4xx: 400, 401, 403, 404, 413, 429, ...) in the audit
 * log, whoever answered it: mounted first, before body parsing, authentication, rate limits
 * and input checks, it sees the answer go out. A refusal a router already recorded (a case
 * answered 404, a refused step) is not logged twice. It also gives every request its id
 * (X-Request-Id, echoed in the answer) that the audit entries carry.
 */
export function auditRefusals(audit: Audit, log: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    res.set('X-Request-Id', requestIdOf(req));
    res.on('finish', () => {
      if (res.statusCode < 400 || res.statusCode >= 500 || wasAudited(req)) return;
      // The answer is out; an entry that cannot be written is an operator's alarm, not the client's.
      audit
        .refusal(req, res.statusCode)
        .catch((err: Error) =>
          log.error({ err: { name: err.name, message: err.message }, status: res.statusCode }, 'refusal not audited'),
        );
    });
    next();
  };
}
