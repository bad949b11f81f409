import type { Request } from 'express';
import { z } from 'zod';
import { actorSchema } from '../workflows/schemas';
import type { Actor } from '../workflows/types';
import { validationError } from './errors';

/**
 * Who is acting. Until bearer tokens arrive (issue "Only the right people
 * see and change a case"), the caller names the user, organisation and role
 * in headers; the workflow still enforces role and organisation per step.
 */
export const actorHeadersSchema = z.object({
  'x-user-id': actorSchema.shape.id,
  'x-organisation': actorSchema.shape.organisatie,
  'x-role': actorSchema.shape.rol,
});

export function actorFrom(req: Request): Actor {
  const parsed = actorHeadersSchema.safeParse(req.headers);
  if (!parsed.success) throw validationError(parsed.error, 'header');
  return { id: parsed.data['x-user-id'], organisatie: parsed.data['x-organisation'], rol: parsed.data['x-role'] };
}
