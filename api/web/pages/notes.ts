import type { Router } from 'express';
import { noteInputSchema } from '../../../domain/notes';
import { actorFrom } from '../../auth/actor';
import { principalOf } from '../../auth/authenticate';
import { HttpError } from '../../http/errors';
import { echo, fieldErrors } from '../forms';
import type { CaseRenderers } from './case-render';
import { formKey, type WebContext } from './context';
import { dutchRefusal } from './refusals';

/** Adding a note from the case page: the same service and rules as POST /cases/:id/notities. */
export function notePages(router: Router, { notes, audit }: WebContext, render: CaseRenderers) {
  router.post('/casussen/:id/notities', async (req, res) => {
    const p = principalOf(req);
    const id = req.params.id as string;
    const body = req.body as Record<string, unknown>;
    const values = echo(body);
    const parsed = noteInputSchema.safeParse({ tekst: body.tekst, voor: body.voor });
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error);
      return render.renderCase(req, res, id, { status: 400, noteForm: { errors, values } });
    }
    try {
      const reply = await notes.add(req, p, id, parsed.data, actorFrom(req), formKey(body));
      await audit.record(req, p, 'write', [id], reply.status);
      res.redirect(303, `/app/casussen/${id}?gedaan=notitie#notities`);
    } catch (err) {
      if (!(err instanceof HttpError) || err.status === 404) throw err;
      await audit.record(req, p, 'write', [id], err.status);
      return render.renderCase(req, res, id, { status: err.status, noteForm: { values, general: dutchRefusal(err) } });
    }
  });
}
