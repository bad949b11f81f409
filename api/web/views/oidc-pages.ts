import type { ClaimProblem } from '../../auth/claim-mapping';
import { roles } from '../../auth/principal';
import { html } from '../html';
import { rolLabel } from '../labels';
import { page } from '../layout';

/** The sign-in page with an IdP: one button that goes to the organisation's login. */
export function oidcLoginPage(o: { sessionProblem?: string | undefined; startUrl: string }): string {
  return page(
    { title: 'Inloggen' },
    html`<h1>Inloggen</h1>
    ${o.sessionProblem ? html`<div class="waarschuwing" role="status">${o.sessionProblem}</div>` : ''}
    <p>U logt in met het account van uw eigen organisatie. Daarna komt u hier terug.</p>
    <p><a class="knop" href="${o.startUrl}">Inloggen via uw organisatie</a></p>`,
  ).value;
}

const problemText: Record<ClaimProblem, string> = {
  sub: 'uw account heeft geen bruikbare gebruikerscode',
  org: 'uw account vermeldt geen organisatie die deze toepassing kent',
  roles: `uw account heeft geen rol voor deze toepassing (${roles.map((r) => rolLabel[r] ?? r).join(', ')})`,
  gemeente: 'de gemeentecode van uw account is geen CBS-code (zoals GM0363)',
};

/** Signed in at the IdP, but not someone this application may let in. */
export function refusedPage(o: { problems: ClaimProblem[]; logoutUrl?: string | undefined }): string {
  return page(
    { title: 'Geen toegang' },
    html`<h1>Geen toegang</h1>
    <p>U bent bij uw organisatie ingelogd, maar u kunt deze toepassing niet gebruiken:</p>
    <ul>${o.problems.map((p) => html`<li>${problemText[p]}</li>`)}</ul>
    <p>Vraag de beheerder van de accounts in uw organisatie om dit in te stellen.</p>
    ${o.logoutUrl ? html`<p><a href="${o.logoutUrl}">Uitloggen bij uw organisatie</a></p>` : ''}`,
  ).value;
}

/** A problem with the sign-in itself (expired or foreign transaction, IdP unreachable, IdP said no). */
export function signInProblemPage(o: { title: string; message: string }): string {
  return page(
    { title: o.title },
    html`<h1>${o.title}</h1><p>${o.message}</p><p><a href="/app/inloggen">Opnieuw inloggen</a></p>`,
  ).value;
}

/**
 * After the IdP's redirect the browser is in a cross-site navigation, in which it
 * does not send a SameSite=Strict cookie; this page continues to the app as a
 * same-site navigation, so the new session cookie is sent.
 */
export function signedInPage(returnTo: string): string {
  return page(
    { title: 'Ingelogd' },
    html`<meta http-equiv="refresh" content="0;url=${returnTo}"><h1>U bent ingelogd</h1>
    <p><a href="${returnTo}">Verder naar de toepassing</a></p>`,
  ).value;
}

/**
 * Logged out here; on to the IdP's end_session_endpoint. A page rather than a
 * redirect: the CSP's form-action 'self' would stop a form post redirected to the IdP.
 */
export function loggedOutPage(idpLogoutUrl: string): string {
  return page(
    { title: 'Uitgelogd' },
    html`<meta http-equiv="refresh" content="0;url=${idpLogoutUrl}"><h1>U bent uitgelogd</h1>
    <p>U wordt nu ook bij uw organisatie uitgelogd.</p>
    <p><a href="${idpLogoutUrl}">Verder naar het uitloggen bij uw organisatie</a></p>`,
  ).value;
}
