import type { Router } from 'express';
import { claimsSchema } from '../../auth/principal';
import { HttpError } from '../../http/errors';
import { echo } from '../forms';
import { clearSessionCookie, csrfProblem, setSessionCookie, type WebLogin } from '../session';
import { loginPage, noLoginPage } from '../views/pages';
import { send } from './context';

const loginProblem =
  'Vul een gebruikerscode (letters, cijfers, . _ : -), een organisatiecode (kleine letters, cijfers, streepjes) '
  + 'en een rol in.';

/** Login (with the local token issuer only) and logout: the pages a browser reaches without a session. */
export function loginPages(router: Router, login: WebLogin | undefined) {
  router.get('/inloggen', (req, res) => {
    if (req.principal) return res.redirect(303, '/app');
    if (!login) return send(res, noLoginPage(), 401);
    send(res, loginPage({ sessionProblem: res.locals.sessionProblem as string | undefined }));
  });

  router.post('/inloggen', async (req, res) => {
    if (!login) return send(res, noLoginPage(), 404);
    const origin = req.get('origin');
    if (origin && origin !== 'null' && new URL(origin).host !== req.get('host')) {
      throw new HttpError(403, 'forbidden', 'cross-origin login');
    }
    const b = req.body as Record<string, string>;
    const claims = claimsSchema.safeParse({
      sub: b.sub?.trim(),
      org: b.org?.trim(),
      roles: b.role ? [b.role] : [],
      gemeente: b.gemeente?.trim() || undefined,
    });
    if (!claims.success) return send(res, loginPage({ error: loginProblem, values: echo(b) }), 400);
    setSessionCookie(req, res, await login.sign(claims.data));
    res.redirect(303, '/app');
  });

  router.post('/uitloggen', (req, res) => {
    if (req.principal && csrfProblem(req)) throw new HttpError(403, 'csrf', 'csrf');
    clearSessionCookie(req, res);
    res.redirect(303, '/app/inloggen');
  });
}
