import type { Principal } from '../../auth/principal';
import type { MeldingView } from '../../meldingen/meldingen-service';
import { html } from '../html';
import { formatDateTime } from '../labels';
import { page } from '../layout';

/** The reader's meldingen, newest first; each can be marked read, or all at once. */
export function meldingenPage(o: {
  principal: Principal;
  csrf: string;
  items: MeldingView[];
  ongelezen: number;
  flash?: string | undefined;
}): string {
  const csrfField = html`<input type="hidden" name="_csrf" value="${o.csrf}">`;
  return page(
    { title: 'Meldingen', principal: o.principal, csrf: o.csrf, current: '/app/meldingen', flash: o.flash },
    html`<h1>Meldingen</h1>
    <p>Herinneringen en escalaties, casussen die nieuw in uw inbox staan en notities die u nog niet las, van de
      laatste 30 dagen. De e-mails gaan daarnaast gewoon uit.</p>
    <p id="meldingen-stand">${o.ongelezen === 0 ? 'U heeft geen ongelezen meldingen.' : `U heeft ${o.ongelezen} ongelezen melding${o.ongelezen === 1 ? '' : 'en'}.`}</p>
    ${
      o.ongelezen
        ? html`<form method="post" action="/app/meldingen/gelezen">${csrfField}<input type="hidden" name="alle" value="ja">
          <button type="submit" class="tweede">Alles als gelezen markeren</button></form>`
        : ''
    }
    ${
      o.items.length
        ? html`<ul class="meldingen">${o.items.map(
            (m) => html`<li class="${m.gelezen ? 'gelezen' : 'ongelezen'}">
              <a href="${m.href}">${m.tekst}</a>
              <span class="wanneer"><time datetime="${m.at}">${formatDateTime(m.at)}</time></span>
              ${
                m.gelezen
                  ? html`<span class="label-status status-neutraal">gelezen</span>`
                  : html`<span class="label-status status-bijna">ongelezen</span>
                    <form method="post" action="/app/meldingen/gelezen" class="inline">${csrfField}<input type="hidden" name="key" value="${m.key}">
                    <button type="submit" class="knop-link">Gelezen<span class="sr-only">: ${m.tekst}</span></button></form>`
              }</li>`,
          )}</ul>`
        : html`<p>Er zijn geen meldingen.</p>`
    }`,
  ).value;
}
