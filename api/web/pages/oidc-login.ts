import { randomBytes } from 'node:crypto';
import type { Request, Response, Router } from 'express';
import type { Db } from '../../../prisma/client';
import type { IdpTokens, LoginTransaction } from '../../auth/oidc-client';
import { IdpRefusedError } from '../../auth/oidc-client';
import { createOidcSession, loadOidcSession } from '../../auth/oidc-sessions';
import { tokenHash, type SessionStore } from '../../auth/sessions';
import { cookieFor, readCookie } from '../../http/cookies';
import { HttpError } from '../../http/errors';
import type { OidcWeb } from '../oidc-session';
import { clearSessionCookie, csrfProblem, endedReasonOf, sessionEndedText, setSessionCookie } from '../session';
import { loggedOutPage, oidcLoginPage, refusedPage, signedInPage, signInProblemPage } from '../views/oidc-pages';
import { send } from './context';

/** The login transaction (state, nonce, PKCE verifier, where to return), sealed; ten minutes to finish at the IdP. */
const TRANSACTION_COOKIE = 'toewijzing_oidc';
const TRANSACTION_SECONDS = 600;

/** Only a page of the app itself: no open redirect via `terug`. */
const returnPath = (v: unknown) =>
  typeof v === 'string' && v.length <= 500 && /^\/app(\/[A-Za-z0-9\-._~/?=&%]*)?$/.test(v) && !v.includes('//')
    ? v
    : '/app';

function setTransactionCookie(req: Request, res: Response, value: string, maxAge: number) {
  const c = cookieFor(req, TRANSACTION_COOKIE, '/app/inloggen');
  // Lax, not Strict: the IdP's redirect back is a cross-site top-level GET, which Lax lets through.
  res.append('Set-Cookie', `${c.name}=${value}; ${c.attrs}; HttpOnly; SameSite=Lax; Max-Age=${maxAge}`);
}

const unreachable = {
  title: 'Inloggen lukt nu niet',
  message: 'De inlogdienst van uw organisatie is nu niet bereikbaar. Probeer het over enkele minuten opnieuw.',
};

/** Sign-in through the organisation's IdP (authorization code with PKCE), and logout there too. */
export function oidcLoginPages(router: Router, o: OidcWeb, sessions: SessionStore, db: Db) {
  router.get('/inloggen', (req, res) => {
    if (req.principal) return res.redirect(303, '/app');
    const ended = endedReasonOf(req.query.sessie);
    const sessionProblem = ended
      ? sessionEndedText(ended, sessions.policy)
      : (res.locals.sessionProblem as string | undefined);
    const start = `/app/inloggen/start?${new URLSearchParams({ terug: returnPath(req.query.terug) })}`;
    send(res, oidcLoginPage({ sessionProblem, startUrl: start }));
  });

  router.get('/inloggen/start', async (req, res) => {
    let login;
    try {
      login = await o.client.startLogin(returnPath(req.query.terug));
    } catch (err) {
      o.log.warn({ err: (err as Error).name }, 'oidc discovery failed');
      return send(res, signInProblemPage(unreachable), 503);
    }
    setTransactionCookie(req, res, o.sealer.seal(login.transaction), TRANSACTION_SECONDS);
    res.redirect(303, login.url);
  });

  router.get('/inloggen/terug', async (req, res) => {
    const cookie = readCookie(req, cookieFor(req, TRANSACTION_COOKIE, '/app/inloggen').name);
    const transaction = cookie ? o.sealer.open<LoginTransaction>(cookie, TRANSACTION_SECONDS) : undefined;
    setTransactionCookie(req, res, '', 0);
    if (!transaction) {
      return send(
        res,
        signInProblemPage({
          title: 'Inloggen is verlopen',
          message: 'Het inloggen duurde te lang of is in een ander venster begonnen. Probeer het opnieuw.',
        }),
        400,
      );
    }
    // The IdP answers at the configured redirect URL: read its parameters against that, whatever proxy is in between.
    const callback = new URL(o.client.config.redirectUrl);
    callback.search = new URLSearchParams(req.query as Record<string, string>).toString();
    let signedIn;
    try {
      signedIn = await o.client.finishLogin(callback, transaction);
    } catch (err) {
      if (err instanceof IdpRefusedError)
        return send(
          res,
          signInProblemPage({
            title: 'Inloggen is niet gelukt',
            message: 'Uw organisatie heeft het inloggen niet bevestigd. Probeer het opnieuw.',
          }),
          403,
        );
      o.log.warn({ err: (err as Error).name }, 'oidc sign-in failed');
      return send(res, signInProblemPage(unreachable), 503);
    }
    if (!signedIn.user.ok) {
      const logoutUrl = await o.client.endSessionUrl(signedIn.tokens).catch(() => undefined);
      return send(res, refusedPage({ problems: signedIn.user.problems, logoutUrl }), 403);
    }
    // A new random id for every sign-in: no session id chosen before it can be carried over.
    const id = randomBytes(32).toString('base64url');
    const { principal, name, email } = signedIn.user;
    await createOidcSession(db, {
      hash: tokenHash(id),
      principal: { ...principal, name, email },
      idpTokens: o.sealer.seal(signedIn.tokens),
      accessExpiresIn: signedIn.accessExpiresIn,
      maxSeconds: sessions.policy.maxSeconds,
    });
    setSessionCookie(req, res, id, sessions.policy.maxSeconds);
    send(res, signedInPage(transaction.returnTo));
  });

  router.post('/uitloggen', async (req, res) => {
    if (req.principal && csrfProblem(req)) throw new HttpError(403, 'csrf', 'csrf');
    let tokens: IdpTokens | undefined;
    if (req.credential) {
      const row = await loadOidcSession(db, req.credential.hash);
      tokens = row?.idpTokens ? o.sealer.open<IdpTokens>(row.idpTokens) : undefined;
      // Ended here first: whatever the IdP does, this session id is refused from now on.
      await sessions.end(req.credential, 'logout');
    }
    clearSessionCookie(req, res);
    const idpLogout = req.credential ? await o.client.endSessionUrl(tokens).catch(() => undefined) : undefined;
    if (idpLogout) return send(res, loggedOutPage(idpLogout));
    res.redirect(303, req.credential ? '/app/inloggen?sessie=logout' : '/app/inloggen');
  });
}
