import { parameterOverzicht } from '../../beheer/parameters-service';
import type { NextFunction, Request, Response, Router } from 'express';
import type { z } from 'zod';
import { parameterValuesSchema } from '../../../domain/schemas';
import { listContingentAfspraken } from '../../../prisma/contingent-repository';
import { listNormen } from '../../../prisma/norm-repository';
import { listOrganisaties } from '../../../prisma/organisatie-repository';
import { parameterSets } from '../../../prisma/parameter-repository';
import { principalOf } from '../../auth/authenticate';
import type { BeheerService } from '../../beheer/beheer-service';
import {
  contingentInputBody,
  contingentParams,
  normInputBody,
  normParams,
  organisatieIdParams,
  organisatieInputBody,
} from '../../beheer/beheer-schemas';
import { HttpError } from '../../http/errors';
import { dutchProblem, echo, fieldErrors, readForm, type FieldErrors } from '../forms';
import { csrfTokenFor as csrf } from '../session';
import {
  beheerHome,
  contingentFields,
  contingentPage,
  normenPage,
  normFields,
  organisatieFields,
  organisatiesPage,
  parameterFields,
  parametersPage,
  type FormState,
} from '../views/beheer-pages';
import { send, type WebContext } from './context';

function beheerderOnly(req: Request, _res: Response, next: NextFunction) {
  if (!principalOf(req).roles.includes('beheerder'))
    return next(
      new HttpError(403, 'forbidden', 'organisaties, normen en het contingent worden bijgehouden door de beheerder'),
    );
  next();
}

/** Parses a part of the form with the API's schema; the problems in Dutch, keyed by form field. */
function parsed<T extends z.ZodType>(schema: T, value: unknown, errors: FieldErrors): z.infer<T> | undefined {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  Object.assign(errors, { ...fieldErrors(r.error), ...errors });
  return undefined;
}

const saved = (what: string) => `Gelukt: ${what} is opgeslagen.`;

/**
 * The beheerder's screens over the same service and schemas as /beheer and /parameters:
 * a refused form changes nothing and says per field what is wrong.
 */
export function beheerPages(router: Router, { db, register }: WebContext, beheer: BeheerService) {
  router.use('/beheer', beheerderOnly);
  // The start page warns of a year without its own amounts, before it starts (issue 14 item 11).
  router.get('/beheer', async (req, res) =>
    send(res, beheerHome(principalOf(req), csrf(req), (await parameterOverzicht(db)).waarschuwingen)),
  );

  const organisaties = async (req: Request, res: Response, form?: FormState, flash?: string) =>
    send(
      res,
      organisatiesPage({ principal: principalOf(req), csrf: csrf(req), rows: await listOrganisaties(db), form, flash }),
      form ? 400 : 200,
    );
  router.get('/beheer/organisaties', (req, res) => organisaties(req, res));
  router.post('/beheer/organisaties', async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const { id, ...rest } = readForm(organisatieFields(), body);
    const errors: FieldErrors = {};
    const key = parsed(organisatieIdParams, { id }, errors);
    const input = parsed(organisatieInputBody, rest, errors);
    if (!key || !input) return organisaties(req, res, { values: echo(body), errors });
    const { outcome } = await beheer.keepOrganisatie(key.id, input, principalOf(req).sub);
    await organisaties(req, res, undefined, saved(`${input.naam} (${outcome === 'created' ? 'nieuw' : 'vervangen'})`));
  });

  const normen = async (req: Request, res: Response, form?: FormState, flash?: string) => {
    const [rows, orgs] = await Promise.all([listNormen(db), listOrganisaties(db)]);
    const names = await register.names(rows.map((r) => r.organisatie));
    const page = normenPage({ principal: principalOf(req), csrf: csrf(req), rows, orgs, names, form, flash });
    send(res, page, form ? (form.general ? 404 : 400) : 200);
  };
  router.get('/beheer/normen', (req, res) => normen(req, res));
  router.post('/beheer/normen', async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const { fase, ...rest } = readForm(normFields([]), body);
    const errors: FieldErrors = {};
    const params = parsed(normParams, { fase }, errors);
    const input = parsed(normInputBody, rest, errors);
    if (!params || !input) return normen(req, res, { values: echo(body), errors });
    try {
      await beheer.keepNorm(params.fase, input, principalOf(req).sub);
    } catch (err) {
      if (!(err instanceof HttpError) || err.status !== 404) throw err;
      return normen(req, res, {
        values: echo(body),
        errors: {},
        general: 'Deze organisatie staat niet in het register.',
      });
    }
    await normen(req, res, undefined, saved('de norm'));
  });

  const contingent = async (req: Request, res: Response, form?: FormState, flash?: string) => {
    const [rows, orgs] = await Promise.all([listContingentAfspraken(db), listOrganisaties(db)]);
    const corporaties = orgs.filter((o) => o.soort === 'corporatie');
    const names = await register.names(rows.map((r) => r.corporatie));
    const page = contingentPage({
      principal: principalOf(req),
      csrf: csrf(req),
      rows,
      corporaties,
      names,
      form,
      flash,
    });
    send(res, page, form ? (form.general ? 404 : 400) : 200);
  };
  router.get('/beheer/contingent', (req, res) => contingent(req, res));
  router.post('/beheer/contingent', async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const { corporatie, jaar, ...afspraak } = readForm(contingentFields([]), body);
    const errors: FieldErrors = {};
    const params = parsed(contingentParams, { corporatie, jaar }, errors);
    // One afspraak from the form, checked as the API checks the whole set it replaces.
    const one = parsed(contingentInputBody, { afspraken: [afspraak] }, {});
    if (!one) {
      const r = contingentInputBody.safeParse({ afspraken: [afspraak] });
      for (const issue of r.error?.issues ?? []) {
        const field = String(issue.path.at(-1) ?? '_form');
        errors[field] ??= dutchProblem(issue);
      }
    }
    if (!params || !one) return contingent(req, res, { values: echo(body), errors });
    const kept = (await listContingentAfspraken(db, params))
      .filter((a) => !(a.opgave === one.afspraken[0]!.opgave && a.doelgroep === one.afspraken[0]!.doelgroep))
      .map((a) => ({ opgave: a.opgave, doelgroep: a.doelgroep, aantal: a.aantal }));
    const all = parsed(contingentInputBody, { afspraken: [...kept, ...one.afspraken] }, errors);
    if (!all) return contingent(req, res, { values: echo(body), errors });
    try {
      await beheer.keepContingent(params.corporatie, params.jaar, all.afspraken, principalOf(req).sub);
    } catch (err) {
      if (!(err instanceof HttpError) || err.status !== 404) throw err;
      return contingent(req, res, {
        values: echo(body),
        errors: {},
        general: 'Deze corporatie staat niet in het register.',
      });
    }
    await contingent(req, res, undefined, saved('de afspraak'));
  });

  const parameters = async (req: Request, res: Response, form?: FormState, flash?: string) =>
    send(
      res,
      parametersPage({ principal: principalOf(req), csrf: csrf(req), sets: await parameterSets(db), form, flash }),
      form ? 400 : 200,
    );
  router.get('/beheer/parameters', (req, res) => parameters(req, res));
  router.post('/beheer/parameters', async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const { jaar, ...values } = readForm(parameterFields(), body);
    const errors: FieldErrors = {};
    const year = parsed(contingentParams.pick({ jaar: true }), { jaar }, errors);
    const input = parsed(parameterValuesSchema, values, errors);
    if (!year || !input) return parameters(req, res, { values: echo(body), errors });
    await beheer.keepParameters(year.jaar, input, principalOf(req).sub);
    await parameters(req, res, undefined, saved(`de set van ${year.jaar}`));
  });
}
