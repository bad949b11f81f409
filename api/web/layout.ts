import type { Principal } from '../auth/principal';
import { html, type Html, type Renderable } from './html';
import { rolLabel } from './labels';
import { themeClass } from './theme';

export interface PageOptions {
  title: string;
  principal?: Principal | undefined;
  /** Hidden fields for the logout form. */
  csrf?: string | undefined;
  /** Path of the current page, to mark the navigation. */
  current?: string;
  flash?: string | undefined;
  /** Extra class on <main>. */
  wide?: boolean;
  /** The main menu (default shown when signed in). */
  nav?: boolean;
}

function nav(p: Principal, current: string | undefined): Html {
  const links: Array<[string, string]> = [];
  if (p.roles.includes('consulent'))
    links.push(['/app/casussen', 'Mijn casussen'], ['/app/casussen/nieuw', 'Nieuwe aanmelding']);
  if (p.roles.includes('zorgmedewerker')) links.push(['/app/inbox', 'Inbox zorg']);
  if (p.roles.includes('verhuurmedewerker'))
    links.push(['/app/inbox', 'Inbox verhuur'], ['/app/woningen', 'Woningaanbod']);
  if (p.roles.includes('zorgmedewerker') || p.roles.includes('verhuurmedewerker'))
    links.push(['/app/te-verdelen', 'Te verdelen']);
  if (!p.roles.includes('consulent') && p.roles.some((r) => r !== 'beheerder' && r !== 'privacy_officer'))
    links.push(['/app/casussen', 'Alle casussen']);
  if (p.roles.includes('manager')) links.push(['/app/dashboard', 'Dashboard']);
  if (p.roles.includes('beheerder')) links.push(['/app/beheer', 'Beheer']);
  if (p.roles.includes('privacy_officer')) links.push(['/app/privacy', 'Auditlog']);
  const seen = new Set<string>();
  const unique = links.filter(([href]) => (seen.has(href) ? false : (seen.add(href), true)));
  return html`<nav class="hoofdmenu" aria-label="Hoofdmenu"><div><ul class="utrecht-link-list utrecht-link-list--html-ul">${unique.map(
    ([href, text]) =>
      html`<li class="utrecht-link-list__item"><a class="utrecht-link utrecht-link--html-a utrecht-link-list__link${current === href ? ' utrecht-link--current' : ''}" href="${href}"${current === href ? html` aria-current="page"` : ''}>${text}</a></li>`,
  )}</ul></div></nav>`;
}

/**
 * Every page's frame, from NL Design System components (utrecht-page-header, -page-content, -page-footer, skip link,
 * nav bar, alert) under the deployment's token theme (api/web/theme.ts). app.css adds only the app's own layout.
 */
export function page(o: PageOptions, body: Renderable): Html {
  const p = o.principal;
  return html`<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} – Toewijzing en warme overdracht</title>
<link rel="stylesheet" href="/app/static/nlds/tokens.css">
<link rel="stylesheet" href="/app/static/nlds/components.css">
<link rel="stylesheet" href="/app/static/app.css">
<script src="/app/static/app.js" defer></script>
</head>
<body class="${themeClass()} utrecht-document utrecht-document--surface">
<a class="utrecht-skip-link utrecht-skip-link--visible-on-focus skiplink" href="#inhoud">Naar de inhoud</a>
<header class="utrecht-page-header kop">
  <div class="utrecht-page-header__content kop-binnen">
    <a class="utrecht-link utrecht-link--html-a merk" href="/app">Toewijzing en warme overdracht</a>
    ${
      p
        ? html`<div class="gebruiker"><span>${p.name ?? p.sub} · ${p.orgNaam ?? p.org} · ${p.roles.map((r) => rolLabel[r] ?? r).join(', ')}</span>
        <form method="post" action="/app/uitloggen"><input type="hidden" name="_csrf" value="${o.csrf ?? ''}"><button type="submit" class="utrecht-button utrecht-button--subtle knop-link">Uitloggen</button></form></div>`
        : ''
    }
  </div>
  ${p && o.nav !== false ? nav(p, o.current) : ''}
</header>
<main id="inhoud" tabindex="-1" class="utrecht-page-content${o.wide ? ' breed' : ''}">
${o.flash ? alert('ok', o.flash, 'status') : ''}
${body}
</main>
<footer class="utrecht-page-footer voet"><div class="utrecht-page-footer__content"><p class="utrecht-paragraph">Persoonsgegevens in deze casus zijn pseudoniem. Elke inzage wordt gelogd.</p></div></footer>
</body>
</html>`;
}

export type AlertType = 'ok' | 'info' | 'warning' | 'error';

/** An NL Design System alert; the text says what it is, the colour only repeats it. */
export function alert(
  type: AlertType,
  content: Renderable,
  role: 'status' | 'alert' | 'note' = 'note',
  extra = '',
): Html {
  return html`<div class="utrecht-alert utrecht-alert--${type}${extra ? ` ${extra}` : ''}" role="${role}"><div class="utrecht-alert__content"><div class="utrecht-alert__message">${content}</div></div></div>`;
}

/** Button classes: the one place pages get them (primary, secondary, subtle, danger). */
export const knop = {
  primair: 'utrecht-button utrecht-button--primary-action',
  tweede: 'utrecht-button utrecht-button--secondary-action',
  subtiel: 'utrecht-button utrecht-button--subtle',
  gevaar: 'utrecht-button utrecht-button--primary-action utrecht-button--danger',
  link: 'utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action',
  linkTweede: 'utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action',
} as const;
