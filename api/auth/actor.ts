import type { Request } from 'express';
import type { Actor, Rol } from '../../domain/types';
import { principalOf } from './authenticate';
import { caseRoles } from './principal';
import { HttpError } from '../http/errors';

/**
 * The acting professional, from the verified token: user, organisation and
 * the case role they act in. With several case roles, the one the step asks
 * for (`prefer`) is taken. The workflow still enforces role and organisation per step.
 */
export function actorFrom(req: Request, prefer: readonly Rol[] = []): Actor {
  const p = principalOf(req);
  const own = p.roles.filter((r): r is Rol => (caseRoles as readonly string[]).includes(r));
  const rol = own.find((r) => prefer.includes(r)) ?? own[0];
  if (!rol)
    throw new HttpError(403, 'forbidden', 'hiervoor is de rol consulent, zorgmedewerker of verhuurmedewerker nodig');
  return { id: p.sub, organisatie: p.org, rol };
}
