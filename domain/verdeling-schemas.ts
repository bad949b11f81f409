import { z } from 'zod';
import { orgId } from './primitives';
import { actorSchema, describeIssues } from './schemas';
import { zijden } from './steps/verdeling';

/**
 * The messages of routing and the behandelaar, as they reach the workflow. The API parses its
 * own request bodies (api/routing) and the workflow's validators check these again, so a client
 * that talks to Temporal directly cannot slip a malformed request into a case.
 */

const userId = actorSchema.shape.id;

export const zijdeSchema = z.enum(zijden);

export const sideRequestSchema = z.strictObject({
  zijde: zijdeSchema,
  organisatie: orgId,
  wijze: z.enum(['aanname', 'toewijzing']),
  actor: actorSchema,
});

export const behandelaarActieSchema = z.enum(['oppakken', 'overdragen', 'vrijgeven']);

export const behandelaarRequestSchema = z.strictObject({
  actie: behandelaarActieSchema,
  aan: userId.optional(),
  actor: actorSchema,
});

/** A message naming the field and its problem, or undefined when `req` is well-formed. */
export function messageProblem(schema: z.ZodType, req: unknown): string | undefined {
  const parsed = schema.safeParse(req);
  return parsed.success ? undefined : describeIssues(parsed.error);
}
