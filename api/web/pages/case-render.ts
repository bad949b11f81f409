import type { Request, Response } from 'express';
import { canReadNotes, canSeeMatches, canWriteNotes } from '../../auth/access-policy';
import type { NotesShown } from '../views/notes-thread';
import { principalOf } from '../../auth/authenticate';
import { HttpError } from '../../http/errors';
import type { FieldErrors } from '../forms';
import { csrfTokenFor as csrf } from '../session';
import { casePage, handoverPage, type CaseDetail, type StepFormState } from '../views/case-page';
import { matchesPage } from '../views/pages';
import { send, type WebContext } from './context';
import { html } from '../html';
import { behandelaarPanel, toewijzenPanel } from '../views/routing-views';
import type { CaseState } from '../../../domain/types';
import { namesFor } from '../names';
import { gemeenteNamen } from '../gemeenten';

interface Shown {
  form?: StepFormState | undefined;
  /** The note form as sent, when it was refused. */
  noteForm?: Pick<NotesShown, 'errors' | 'general' | 'values'> | undefined;
  flash?: string | undefined;
  status?: number | undefined;
}

interface MatchesShown {
  errors?: FieldErrors;
  general?: string | undefined;
  values?: Record<string, unknown>;
  status?: number;
}

/**
 * The pages of one case, as shown after a GET and again with a refused form:
 * each loads the case as the JSON route does (a case the reader may not see is a 404) and audits the read.
 */
export function caseRenderers({ cases, reader, audit, routing, notes, register, db }: WebContext) {
  async function detail(req: Request, id: string) {
    const p = principalOf(req);
    const { parties } = await reader.visibleCase(req, p, id);
    const { body, view } = await reader.shapedCase(p, id, parties);
    const c = body as unknown as CaseDetail;
    const naam = await namesFor(register, [
      c.partijen.wijkteam,
      c.partijen.zorginstelling,
      c.partijen.corporatie,
      ...c.history.map((e) => e.actor.organisatie),
      ...c.wachtOp.map((w) => w.organisatie),
      ...(c.state.overdracht?.contactpersonen ?? []).map((k) => k.organisatie),
    ]);
    const gemeenteNaam = (await gemeenteNamen(db, [c.gemeente]))(c.gemeente);
    return { p, c, view, parties, naam, gemeenteNaam };
  }

  async function renderCase(req: Request, res: Response, id: string, o: Shown = {}) {
    const { p, c, view, parties, naam, gemeenteNaam } = await detail(req, id);
    // The thread for the parties' professionals (the same service as GET /cases/:id/notities).
    const items = canReadNotes(p, parties) ? (await notes.thread(req, p, id)).items : undefined;
    const thread: NotesShown | undefined = items
      ? {
          items,
          canWrite: canWriteNotes(p, parties) && c.status !== 'afgesloten',
          // The authors' organisations by name; the register lookup is cached (organisation-register.ts).
          naam: await namesFor(
            register,
            items.map((n) => n.organisatie),
          ),
          ...o.noteForm,
        }
      : undefined;
    await audit.record(req, p, 'read', [id], o.status ?? 200);
    const panels = await routing.panels(p, c.state as unknown as CaseState);
    const token = csrf(req);
    const extra = html`${panels.behandelaar ? behandelaarPanel({ caseId: id, csrf: token, me: p.sub, ...panels.behandelaar }) : ''}${toewijzenPanel({ caseId: id, csrf: token, open: panels.open })}`;
    send(
      res,
      casePage({
        principal: p,
        csrf: token,
        c,
        view,
        naam,
        gemeenteNaam,
        form: o.form,
        flash: o.flash,
        extra,
        notes: thread,
      }),
      o.status ?? 200,
    );
  }

  /** The printable document of the warme overdracht, where both sides confirm it. */
  async function renderHandover(req: Request, res: Response, id: string, o: Shown = {}) {
    const { p, c, naam } = await detail(req, id);
    await audit.record(req, p, 'read', [id], o.status ?? 200);
    send(res, handoverPage({ principal: p, csrf: csrf(req), c, naam, form: o.form, flash: o.flash }), o.status ?? 200);
  }

  /** The woningen that match the case, for the corporatie's verhuurmedewerker to make an aanbod from. */
  async function renderMatches(req: Request, res: Response, id: string, o: MatchesShown = {}) {
    const p = principalOf(req);
    const { state } = await reader.visibleCase(req, p, id, canSeeMatches);
    const showExcluded = req.query.uitgesloten === 'ja';
    let result;
    try {
      result = await cases.matches(state, { limit: 20, uitgesloten: showExcluded });
    } catch (err) {
      // Not (or no longer) in the aanbod fase: the case page shows where it is.
      if (err instanceof HttpError && err.status === 409) {
        await audit.record(req, p, 'read', [id], 409);
        return res.redirect(303, `/app/casussen/${id}`);
      }
      throw err;
    }
    await audit.record(req, p, 'read', [id], o.status ?? 200);
    const page = matchesPage({
      principal: p,
      csrf: csrf(req),
      caseId: id,
      result,
      showExcluded,
      errors: o.errors ?? {},
      general: o.general,
      values: o.values ?? {},
    });
    send(res, page, o.status ?? 200);
  }

  return { renderCase, renderHandover, renderMatches };
}
export type CaseRenderers = ReturnType<typeof caseRenderers>;
