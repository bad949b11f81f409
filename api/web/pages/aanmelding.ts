import type { Router } from 'express';
import { aanmeldingSchema } from '../../../domain/schemas';
import type { Zijde } from '../../../domain/steps';
import type { Db } from '../../../prisma/client';
import { findOrganisatie, organisatiesVoor } from '../../../prisma/organisatie-repository';
import { actorFrom } from '../../auth/actor';
import { principalOf } from '../../auth/authenticate';
import type { Principal } from '../../auth/principal';
import { HttpError } from '../../http/errors';
import { echo, fieldErrors, readForm, type FieldErrors, type Option } from '../forms';
import { gemeenteNamen, gemeenten } from '../gemeenten';
import { csrfTokenFor as csrf } from '../session';
import { aanmeldingFields, formatMessages, gemeenteField, LAAT_OPEN, partijFields } from '../step-forms';
import { gemeenteKiezenPage, newCasePage, type AanmeldingKeuze } from '../views/aanmelding-page';
import { formKey, send, type WebContext } from './context';
import { dutchRefusal } from './refusals';

const zijden: readonly Zijde[] = ['zorginstelling', 'corporatie'];
const byNaam = (a: Option, b: Option) => a[1].localeCompare(b[1], 'nl');

/**
 * The choices of `p`'s aanmelding: the gemeenten of its wijkteam's werkgebied (a wijkteam without one: the
 * known gemeenten), and for `gemeente` the organisations the register offers there (routing-policy's rule,
 * as organisatiesVoor queries it). Which of them is posted is checked again by the case service.
 */
async function keuzeFor(db: Db, p: Principal, gemeente: string | undefined): Promise<AanmeldingKeuze> {
  const wijkteam = await findOrganisatie(db, p.org);
  const codes = wijkteam?.werkgebied.length ? wijkteam.werkgebied : gemeenten.map(([code]) => code);
  const naam = await gemeenteNamen(db, [...codes, gemeente]);
  const keuze: AanmeldingKeuze = {
    gemeenten: codes.map((code): Option => [code, naam(code)]).sort(byNaam),
    zorginstellingen: [],
    corporaties: [],
  };
  if (gemeente === undefined) return keuze;
  const [zorg, corp] = await Promise.all(zijden.map((z) => organisatiesVoor(db, z, gemeente)));
  return {
    ...keuze,
    gemeente: { code: gemeente, naam: naam(gemeente) },
    zorginstellingen: zorg!.map((o): Option => [o.id, o.naam]),
    corporaties: corp!.map((o): Option => [o.id, o.naam]),
  };
}

/** The API's field problems (a party the register does not offer) as form errors: sentences on their fields. */
function apiFieldErrors(err: HttpError): FieldErrors | undefined {
  const fields = err.extra.fields;
  if (!Array.isArray(fields) || !fields.length) return undefined;
  const out: FieldErrors = {};
  for (const f of fields as Array<{ field: string; problem: string }>) out[f.field] ??= `${f.problem}.`;
  return out;
}

/**
 * A new aanmelding: first the gemeente (by name; skipped when the wijkteam works for one), then the form with
 * the zorginstelling and the corporatie picked from the register or explicitly left open. Validated by the API's
 * schema, started through the same case service (which checks the parties again), so the page refuses exactly
 * what the API refuses.
 */
export function aanmeldingPages(router: Router, { cases, audit, db }: WebContext) {
  router.get('/casussen/nieuw', async (req, res) => {
    const p = principalOf(req);
    const asked = req.query.gemeente;
    const all = await keuzeFor(db, p, undefined);
    const offered = all.gemeenten.map(([code]) => code);
    let gemeente = typeof asked === 'string' && offered.includes(asked) ? asked : undefined;
    if (asked === undefined && offered.length === 1) gemeente = offered[0];
    if (gemeente === undefined) {
      // Asked for one that is not offered (or none chosen): say so on the field.
      const error = asked === undefined ? undefined : asked === '' ? 'Kies de gemeente.' : formatMessages.gemeente!;
      const status = error ? 400 : 200;
      return send(
        res,
        gemeenteKiezenPage({ principal: p, csrf: csrf(req), keuze: all, ...(error ? { error } : {}) }),
        status,
      );
    }
    const keuze = await keuzeFor(db, p, gemeente);
    const values = { gemeente, persoon: { huishoudgrootte: 1 } };
    send(res, newCasePage({ principal: p, csrf: csrf(req), keuze: withGemeente(keuze), values, errors: {} }));
  });

  router.post('/casussen/nieuw', async (req, res) => {
    const p = principalOf(req);
    const body = req.body as Record<string, unknown>;
    const key = formKey(body);
    const values = echo(body);
    const posted = typeof body.gemeente === 'string' && body.gemeente ? body.gemeente : undefined;
    const keuze = await keuzeFor(db, p, posted);
    if (!keuze.gemeente) {
      return send(res, gemeenteKiezenPage({ principal: p, csrf: csrf(req), keuze, error: 'Kies de gemeente.' }), 400);
    }
    const form = readForm([...aanmeldingFields, gemeenteField(keuze.gemeenten), ...partijFields(keuze)], body);
    // Each party is chosen explicitly: an organisation, or "Laat open" (then the API gets none: Te verdelen).
    const keuzeFouten: FieldErrors = {};
    for (const zijde of zijden) {
      if (form[zijde] === LAAT_OPEN) delete form[zijde];
      else if (form[zijde] === undefined) keuzeFouten[zijde] = formatMessages[zijde]!;
    }
    const parsed = aanmeldingSchema.safeParse(form);
    const errors = { ...(parsed.success ? {} : fieldErrors(parsed.error, formatMessages)), ...keuzeFouten };
    const again = (status: number, errs: FieldErrors, general?: string) =>
      send(
        res,
        newCasePage({ principal: p, csrf: csrf(req), keuze: withGemeente(keuze), values, errors: errs, general, key }),
        status,
      );
    if (!parsed.success || Object.keys(errors).length) return again(400, errors);
    try {
      const reply = await cases.start(parsed.data, actorFrom(req, ['consulent']), key);
      const id = (reply.body as { caseId?: string }).caseId ?? null;
      await audit.record(req, p, 'write', [id], reply.status);
      res.redirect(303, id ? `/app/casussen/${id}?gedaan=aanmelding` : '/app/casussen');
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      await audit.record(req, p, 'write', [null], err.status);
      const onFields = apiFieldErrors(err);
      again(err.status, onFields ?? {}, onFields ? undefined : dutchRefusal(err));
    }
  });
}

const withGemeente = (k: AanmeldingKeuze) => k as AanmeldingKeuze & { gemeente: { code: string; naam: string } };
