import type { Router } from 'express';
import { principalOf } from '../../auth/authenticate';
import { HttpError } from '../../http/errors';
import { acceptBody, assignBody, behandelaarBody } from '../../routing/routing-schemas';
import { csrfTokenFor as csrf } from '../session';
import { gemeenteNamen } from '../gemeenten';
import { teVerdelenPage, type TeVerdelenRow } from '../views/routing-views';
import type { CaseRenderers } from './case-render';
import { formKey, offsetOf, send, type WebContext } from './context';
import { dutchRefusal } from './refusals';

const LIMIT = 25;

/** Dutch for a refusal of routing; the API's message names the rule (no personal data). */
function refusal(err: HttpError): string {
  if (err.code === 'side_taken') return `Dat kan niet (meer): ${err.message}.`;
  if (err.status === 422 || err.status === 403) return `Dat kan niet: ${err.message}.`;
  return dutchRefusal(err);
}

/**
 * "Te verdelen" with "Casus aannemen", assigning a side, and Oppakken / Overdragen / Vrijgeven:
 * through the same routing service, access rules and schemas as the JSON routes.
 */
export function routingPages(router: Router, { routing, audit, db }: WebContext, render: CaseRenderers) {
  async function listPage(req: Parameters<Parameters<Router['get']>[1]>[0], flash?: string) {
    const p = principalOf(req);
    const offset = offsetOf(req);
    const found = await routing.teVerdelen(p, undefined, { limit: LIMIT, offset });
    const rows = found.items as unknown as TeVerdelenRow[];
    await audit.record(req, p, 'list', rows.length ? rows.map((r) => r.caseId) : [null], 200);
    const gemeenteNaam = await gemeenteNamen(
      db,
      rows.map((r) => r.gemeente),
    );
    return teVerdelenPage({
      principal: p,
      csrf: csrf(req),
      rows,
      total: found.total,
      offset,
      limit: LIMIT,
      flash,
      gemeenteNaam,
    });
  }

  router.get('/te-verdelen', async (req, res) => send(res, await listPage(req)));

  router.post('/casussen/:id/aannemen', async (req, res) => {
    const p = principalOf(req);
    const id = req.params.id as string;
    const body = req.body as Record<string, unknown>;
    const parsed = acceptBody.safeParse({ zijde: body.zijde });
    if (!parsed.success) return send(res, await listPage(req, 'Kies een casus om aan te nemen.'), 400);
    try {
      const reply = await routing.accept(req, p, id, parsed.data.zijde, formKey(body));
      await audit.record(req, p, 'write', [id], reply.status);
      res.redirect(303, `/app/casussen/${id}?gedaan=aanname`);
    } catch (err) {
      if (!(err instanceof HttpError) || err.status === 404) throw err;
      await audit.record(req, p, 'write', [id], err.status);
      send(res, await listPage(req, refusal(err)), err.status);
    }
  });

  /** A write from the case page: done, back to it with a flash; refused, the same page with the refusal. */
  const onCase = (
    path: string,
    run: (req: Parameters<Parameters<Router['post']>[1]>[0], id: string) => Promise<{ status: number }>,
    done: string,
  ) =>
    router.post(path, async (req, res) => {
      const p = principalOf(req);
      const id = req.params.id as string;
      try {
        const reply = await run(req, id);
        await audit.record(req, p, 'write', [id], reply.status);
        res.redirect(303, `/app/casussen/${id}?gedaan=${done}`);
      } catch (err) {
        if (!(err instanceof HttpError) || err.status === 404) throw err;
        await audit.record(req, p, 'write', [id], err.status);
        await render.renderCase(req, res, id, { flash: refusal(err), status: err.status });
      }
    });

  onCase(
    '/casussen/:id/behandelaar',
    async (req, id) => {
      const body = req.body as Record<string, unknown>;
      const parsed = behandelaarBody.safeParse({
        actie: body.actie,
        aan: body.actie === 'overdragen' && body.aan ? body.aan : undefined,
      });
      if (!parsed.success) throw new HttpError(400, 'invalid_request', 'kies oppakken, overdragen of vrijgeven');
      return routing.behandelaar(req, principalOf(req), id, parsed.data, formKey(body));
    },
    'behandelaar',
  );

  onCase(
    '/casussen/:id/partij',
    async (req, id) => {
      const body = req.body as Record<string, unknown>;
      const parsed = assignBody.safeParse({ zijde: body.zijde, organisatie: body.organisatie });
      if (!parsed.success) throw new HttpError(400, 'invalid_request', 'kies een organisatie');
      return routing.assign(req, principalOf(req), id, parsed.data, formKey(body));
    },
    'toewijzing_partij',
  );
}
