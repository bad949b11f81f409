import type { Router } from 'express';
import type { SessionStore } from '../../auth/sessions';
import { claimsSchema } from '../../auth/principal';
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

const loginProblem =
  'Vul een gebruikerscode (letters, cijfers, . _ : -), een organisatiecode (kleine letters, cijfers, streepjes) ' +
  'en een rol in.';

/** Login (with the local token issuer only) and logout: the pages a browser reaches without a session. */
export function loginPages(router: Router, login: WebLogin | undefined, sessions: SessionStore) {
  router.get('/inloggen', (req, res) => {
    if (req.principal) return res.redirect(303, '/app');
    // Why the last session ended (idle, lifetime, logout) travels in the redirect: its cookie is gone by now.
    const ended = endedReasonOf(req.query.sessie);
    const sessionProblem = ended
      ? sessionEndedText(ended, sessions.policy)
      : (res.locals.sessionProblem as string | undefined);
    if (!login) return send(res, noLoginPage({ sessionProblem }), 401);
    send(res, loginPage({ sessionProblem, csrf: loginCsrfToken(req, res) }));
  });

  router.post('/inloggen', async (req, res) => {
    if (!login) return send(res, noLoginPage(), 404);
    const b = (req.body ?? {}) as Record<string, string>;
    if (loginCsrfProblem(req)) {
      const error = 'Het formulier kon niet worden gecontroleerd. Vul het opnieuw in.';
      return send(res, loginPage({ error, values: echo(b), csrf: loginCsrfToken(req, res) }), 403);
    }
    const text = (v: unknown) => (typeof v === 'string' ? v.trim() : undefined);
    const claims = claimsSchema.safeParse({
      sub: text(b.sub),
      org: text(b.org),
      roles: typeof b.role === 'string' && b.role ? [b.role] : [],
      gemeente: text(b.gemeente) || undefined,
    });
    if (!claims.success) {
      return send(res, loginPage({ error: loginProblem, values: echo(b), csrf: loginCsrfToken(req, res) }), 400);
    }
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
