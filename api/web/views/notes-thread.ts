import { NOTE_MAX } from '../../../domain/notes';
import type { NoteView } from '../../notes/note-view';
import { errorSummary, hiddenFields, renderField, type FieldErrors, type FormValues, type Field } from '../forms';
import { html, type Html } from '../html';
import { formatDateTime, rolLabel } from '../labels';
import { codeAsNaam, type Naam } from '../names';

export interface NotesShown {
  items: NoteView[];
  /** The reader may add a note (a party's professional, case open). */
  canWrite: boolean;
  errors?: FieldErrors;
  general?: string | undefined;
  values?: FormValues;
  /** The authors' organisations by name (api/web/names.ts). */
  naam?: Naam;
}

export const noteFields: readonly Field[] = [
  {
    kind: 'textarea',
    name: 'tekst',
    label: 'Tekst van de notitie',
    required: true,
    maxLength: NOTE_MAX,
    hint: `Ten hoogste ${NOTE_MAX} tekens. Geen naam, adres of BSN.`,
  },
  {
    kind: 'radio',
    name: 'voor',
    label: 'Voor wie',
    required: true,
    options: [
      ['eigen', 'Alleen mijn organisatie'],
      ['alle', 'Alle partijen van deze casus (schrijf dan geen zorggegevens: de corporatie leest mee)'],
    ],
  },
];

const voorTekst = (n: NoteView, org: string) =>
  n.voor === 'alle' ? 'voor alle partijen' : n.organisatie === org ? 'alleen voor uw organisatie' : 'intern';

/** The thread of notes on the case page, with the form to add one. */
export function notesThread(caseId: string, org: string, csrf: string, o: NotesShown): Html {
  // The thread's own lookup (case-render.ts) holds every writer's organisation, not only the parties.
  const naam = o.naam ?? codeAsNaam;
  return html`<section class="kaart" id="notities" aria-labelledby="h-notities"><h2 id="h-notities">Notities</h2>
    ${
      o.items.length
        ? html`<ol class="notities">${o.items.map(
            (
              n,
            ) => html`<li class="notitie"><p class="notitie-kop"><strong>${n.auteur.naam}</strong>, ${rolLabel[n.auteur.rol] ?? n.auteur.rol}, ${naam(n.organisatie)}
              · <time datetime="${n.at}">${formatDateTime(n.at)}</time> · <span class="label-status status-neutraal">${voorTekst(n, org)}</span></p>
              <p class="notitie-tekst">${n.tekst}</p></li>`,
          )}</ol>`
        : html`<p>Er zijn nog geen notities die u kunt lezen.</p>`
    }
    ${
      o.canWrite
        ? html`${errorSummary(o.errors ?? {}, o.general, { tekst: 'Tekst van de notitie', voor: 'Voor wie' })}
        <form class="formulier" method="post" action="/app/casussen/${caseId}/notities" novalidate>
          ${hiddenFields(csrf)}
          ${noteFields.map((f) => renderField(f, o.values ?? { voor: 'eigen' }, o.errors ?? {}))}
          <button type="submit">Notitie plaatsen</button>
        </form>`
        : ''
    }
  </section>`;
}
