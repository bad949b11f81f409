import type { Principal } from '../auth/principal';
import { html, type Html, type Renderable } from './html';
import { rolLabel } from './labels';

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
  if (!p.roles.includes('consulent') && p.roles.some((r) => r !== 'beheerder' && r !== 'privacy_officer'))
    links.push(['/app/casussen', 'Alle casussen']);
  if (p.roles.includes('manager')) links.push(['/app/dashboard', 'Dashboard']);
  if (p.roles.includes('beheerder')) links.push(['/app/beheer', 'Beheer']);
  if (p.roles.includes('privacy_officer')) links.push(['/app/privacy', 'Auditlog']);
  const seen = new Set<string>();
  const unique = links.filter(([href]) => (seen.has(href) ? false : (seen.add(href), true)));
  return html`<nav aria-label="Hoofdmenu"><ul>${unique.map(
    ([href, text]) => html`<li><a href="${href}"${current === href ? html` aria-current="page"` : ''}>${text}</a></li>`,
  )}</ul></nav>`;
}

export function page(o: PageOptions, body: Renderable): Html {
  const p = o.principal;
  return html`<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} – Toewijzing en warme overdracht</title>
<link rel="stylesheet" href="/app/static/app.css">
<script src="/app/static/app.js" defer></script>
</head>
<body>
<a class="skiplink" href="#inhoud">Naar de inhoud</a>
<header class="kop">
  <div class="kop-binnen">
    <a class="merk" href="/app">Toewijzing en warme overdracht</a>
    ${
      p
        ? html`<div class="gebruiker"><span>${p.sub} · ${p.orgNaam ?? p.org} · ${p.roles.map((r) => rolLabel[r] ?? r).join(', ')}</span>
        <form method="post" action="/app/uitloggen"><input type="hidden" name="_csrf" value="${o.csrf ?? ''}"><button type="submit" class="knop-link">Uitloggen</button></form></div>`
        : ''
    }
  </div>
  ${p && o.nav !== false ? nav(p, o.current) : ''}
</header>
<main id="inhoud" tabindex="-1" class="${o.wide ? 'breed' : ''}">
${o.flash ? html`<div class="melding" role="status">${o.flash}</div>` : ''}
${body}
</main>
<footer class="voet"><p>Persoonsgegevens in deze casus zijn pseudoniem. Elke inzage wordt gelogd.</p></footer>
</body>
</html>`;
}
