import type { Router } from 'express';
import type { SessionStore } from '../../auth/sessions';
import { claimsSchema } from '../../auth/principal';
import type { Db } from '../../../prisma/client';
import { listOrganisaties } from '../../../prisma/organisatie-repository';
import type { OrganisationRegister } from '../../auth/organisation-register';
import { refusalTekst } from '../../auth/organisation-fit';
import { HttpError } from '../../http/errors';
import { echo } from '../forms';
import {
  clearLoginCsrfCookie,
  clearSessionCookie,
  csrfProblem,
  endedReasonOf,
  loginCsrfProblem,
  loginCsrfToken,
  sessionEndedText,
  setSessionCookie,
  type WebLogin,
} from '../session';
import { loginPage, noLoginPage } from '../views/pages';
import { send } from './context';

const loginProblem = 'Vul een gebruikerscode (letters, cijfers, . _ : -) in, en kies een organisatie en een rol.';

const soortTekst: Record<string, string> = {
  wijkteam: 'wijkteam',
  zorginstelling: 'zorginstelling',
  corporatie: 'corporatie',
  gemeente: 'gemeente',
  operator: 'platform',
};

/** The active organisations of the register, to pick from: the local login signs only what the API will accept. */
async function organisatieOpties(db: Db): Promise<Array<readonly [string, string]>> {
  const rows = await listOrganisaties(db);
  return rows
    .filter((r) => r.actief)
    .sort((a, b) => a.naam.localeCompare(b.naam, 'nl'))
    .map((r) => [r.id, `${r.naam} (${soortTekst[r.soort] ?? r.soort})`] as const);
}

/** Login (with the local token issuer only) and logout: the pages a browser reaches without a session. */
export function loginPages(
  router: Router,
  login: WebLogin | undefined,
  sessions: SessionStore,
  register: OrganisationRegister,
  db: Db,
) {
  router.get('/inloggen', async (req, res) => {
    if (req.principal) return res.redirect(303, '/app');
    // Why the last session ended (idle, lifetime, logout) travels in the redirect: its cookie is gone by now.
    const ended = endedReasonOf(req.query.sessie);
    const sessionProblem = ended
      ? sessionEndedText(ended, sessions.policy)
      : (res.locals.sessionProblem as string | undefined);
    if (!login) return send(res, noLoginPage({ sessionProblem }), 401);
    send(res, loginPage({ sessionProblem, csrf: loginCsrfToken(req, res), organisaties: await organisatieOpties(db) }));
  });

  router.post('/inloggen', async (req, res) => {
    if (!login) return send(res, noLoginPage(), 404);
    const b = (req.body ?? {}) as Record<string, string>;
    const organisaties = await organisatieOpties(db);
    const again = (error: string, status: number) =>
      send(res, loginPage({ error, values: echo(b), csrf: loginCsrfToken(req, res), organisaties }), status);
    if (loginCsrfProblem(req)) return again('Het formulier kon niet worden gecontroleerd. Vul het opnieuw in.', 403);
    const text = (v: unknown) => (typeof v === 'string' ? v.trim() : undefined);
    const claims = claimsSchema.safeParse({
      sub: text(b.sub),
      org: text(b.org),
      roles: typeof b.role === 'string' && b.role ? [b.role] : [],
      gemeente: text(b.gemeente) || undefined,
    });
    if (!claims.success) return again(loginProblem, 400);
    // The same rule as every request after it: a role that does not fit the organisation signs nothing.
    const refusal = await register.refusal(claims.data);
    if (refusal) return again(refusalTekst(refusal, claims.data.org), 422);
    setSessionCookie(req, res, await login.sign(claims.data));
    clearLoginCsrfCookie(req, res);
    res.redirect(303, '/app');
  });

  router.post('/uitloggen', async (req, res) => {
    if (req.principal && csrfProblem(req)) throw new HttpError(403, 'csrf', 'csrf');
    // Ends the token server-side too: the same JWT is refused by every API process from now on.
    if (req.credential) await sessions.end(req.credential, 'logout');
    clearSessionCookie(req, res);
    res.redirect(303, req.credential ? '/app/inloggen?sessie=logout' : '/app/inloggen');
  });
}
