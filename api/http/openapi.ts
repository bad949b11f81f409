import { OpenAPIRegistry, OpenApiGeneratorV3 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { aanmeldingSchema, jaarParametersSchema, parameterValuesSchema } from '../../domain/schemas';
import { stepNames } from '../../domain/types';
import {
  apiStepSchemas,
  caseDetailBody,
  caseIdParams,
  caseListBody,
  errorBody,
  healthBody,
  listCasesQuery,
  matchesQuery,
  stepResultBody,
  woonvormAdviesBody,
} from '../cases/case-schemas';
import {
  listWoningenQuery,
  woningBody,
  woningCreateBody,
  woningIdParams,
  woningImportBody,
  woningListBody,
  woningUpdateBody,
} from '../woningen/woning-schemas';
import * as reportSchemas from '../reports/report-schemas';
import { registerNotesAndMeldingen } from '../notes/notes-openapi';
import { auditSearchBody, auditSearchQuery } from '../audit/audit-search';
import { reportPaths } from '../reports/reports-router';
import { registerRoutingPaths } from '../routing/routing-openapi';
import {
  contingentInputBody,
  contingentListBody,
  contingentParams,
  contingentQuery,
  normBody,
  normDeleteParams,
  normInputBody,
  normListBody,
  normParams,
  organisatieBody,
  organisatieIdParams,
  organisatieInputBody,
  organisatieListBody,
} from '../beheer/beheer-schemas';

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });

/** The OpenAPI document, generated from the same zod schemas the routes parse with. */
// Named once per process: zod's `.meta({ id })` registers the name globally.
const ErrorBody = errorBody.meta({ id: 'Error' });
const Aanmelding = aanmeldingSchema.meta({ id: 'Aanmelding' });
const StepResult = stepResultBody.meta({ id: 'StepResult' });
const Woning = woningBody.meta({ id: 'Woning' });
const WoningCreate = woningCreateBody.meta({ id: 'WoningCreate' });
const WoningUpdate = woningUpdateBody.meta({ id: 'WoningUpdate' });
const WoningList = woningListBody.meta({ id: 'WoningList' });
const WoningImportResult = woningImportBody.meta({ id: 'WoningImportResult' });
const Organisatie = organisatieBody.meta({ id: 'Organisatie' });
const OrganisatieInput = organisatieInputBody.meta({ id: 'OrganisatieInput' });
const Norm = normBody.meta({ id: 'Norm' });
const NormInput = normInputBody.meta({ id: 'NormInput' });
const ContingentList = contingentListBody.meta({ id: 'ContingentAfspraken' });
const ContingentInput = contingentInputBody.meta({ id: 'ContingentInput' });
// The bodies the API parses (the aanbod step takes a woningId), not the workflow's enriched input.
const stepBodies = Object.fromEntries(
  stepNames.map((step) => [step, (apiStepSchemas[step] as z.ZodType).meta({ id: `Step_${step}` })]),
);

export function buildOpenApiDocument() {
  const registry = new OpenAPIRegistry();
  // Everything but /health and the docs needs a bearer token (OIDC-style JWT: sub, org, roles).
  const bearer = registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  const security = [{ [bearer.name]: [] }];
  const actorHeaders = z.object({
    'idempotency-key': z
      .string()
      .optional()
      .describe('Repeat a request with the same key to get the first answer without a second step'),
  });
  const errors = {
    400: json(ErrorBody, 'Malformed input; `fields` names each field and its problem'),
    401: json(ErrorBody, 'No valid bearer token (missing, expired, wrong issuer or audience, bad signature)'),
    403: json(ErrorBody, 'The role or organisation may not record this step'),
    404: json(ErrorBody, 'Unknown case'),
    409: json(ErrorBody, "Not this step's turn, or the case is closed; `currentStep` names where the case is"),
    422: json(
      ErrorBody,
      'A rule refuses the step (e.g. passendheidstoets), or an Idempotency-Key reused for another request',
    ),
    503: json(ErrorBody, 'Temporal or the database is unavailable; retry (with the same Idempotency-Key)'),
  };

  registerRoutingPaths(registry, { security, headers: actorHeaders, json, errors });
  registry.registerPath({
    security,
    method: 'post',
    path: '/cases',
    summary: 'Start a case (aanmelding) — consulent',
    request: { headers: actorHeaders, body: { content: { 'application/json': { schema: Aanmelding } } } },
    responses: {
      201: json(StepResult, 'The case is started; `caseId` identifies it'),
      ...errors,
      422: json(
        ErrorBody,
        'A named zorginstelling or corporatie is not an active organisation of that kind whose werkgebied holds the gemeente (`fields` names each; leave a side out to route it via Te verdelen), or an Idempotency-Key reused for another request',
      ),
    },
  });
  registry.registerPath({
    security,
    method: 'get',
    path: '/cases',
    summary: 'List cases, filtered and paginated',
    request: { query: listCasesQuery },
    responses: { 200: json(caseListBody, 'A page of cases'), 400: errors[400] },
  });
  registry.registerPath({
    security,
    method: 'get',
    path: '/cases/{id}',
    summary: 'A case: current step, whose turn it is, what may happen next, and every step so far',
    request: { params: caseIdParams },
    responses: { 200: json(caseDetailBody, 'The case'), 400: errors[400], 404: errors[404] },
  });
  registry.registerPath({
    security,
    method: 'get',
    path: '/cases/{id}/matches',
    summary:
      'Woningen that pass every hard rule for a case at aanbod, ranked with reasons — verhuurmedewerker of the corporatie',
    request: { params: caseIdParams, query: matchesQuery },
    responses: {
      200: json(z.record(z.string(), z.unknown()), 'Kandidaten (and on request uitgesloten)'),
      400: errors[400],
      404: errors[404],
      409: errors[409],
    },
  });
  registry.registerPath({
    security,
    method: 'get',
    path: '/cases/{id}/woonvorm-advies',
    summary:
      'The woonvorm advice the woonvorm step judges by (options, conflicts, bezwaren, rule version) and the verdict recorded with the choice — wijkteam and zorginstelling (zorg view)',
    request: { params: caseIdParams },
    responses: {
      200: json(woonvormAdviesBody.meta({ id: 'WoonvormAdvies' }), 'The advice, best option first'),
      400: errors[400],
      404: errors[404],
      409: json(ErrorBody, 'No advice yet: the zorg step is not recorded (`currentStep` names the fase)'),
    },
  });
  registry.registerPath({
    security,
    method: 'get',
    path: '/cases/{id}/audit',
    summary: 'Every access to the case — privacy officer of a party',
    request: { params: caseIdParams },
    responses: { 200: json(z.record(z.string(), z.unknown()), 'The audit entries, oldest first'), 404: errors[404] },
  });
  registerNotesAndMeldingen(registry, security, errors);
  for (const step of stepNames) {
    const Body = stepBodies[step]!;
    registry.registerPath({
      security,
      method: 'post',
      path: `/cases/{id}/steps/${step}`,
      summary: `Record step ${step}`,
      tags: ['steps'],
      request: {
        params: caseIdParams,
        headers: actorHeaders,
        body: { content: { 'application/json': { schema: Body } } },
      },
      responses: { 200: json(StepResult, 'The step is recorded'), ...errors },
    });
  }
  // Woningaanbod: writes by a verhuurmedewerker, for their own corporatie.
  const verhuurHeaders = z.object({});
  const woningErrors = {
    400: json(ErrorBody, 'Malformed input; `fields` names each field and its problem'),
    403: json(ErrorBody, 'Only a verhuurmedewerker maintains the woningaanbod'),
    404: json(ErrorBody, "Unknown woning (or another corporatie's)"),
    409: json(
      ErrorBody,
      '`woning_exists`: the corporatie has this referentie already; `woning_held`: a case holds the woning, so status, referentie, woonvorm and rent cannot change',
    ),
  };
  registry.registerPath({
    security,
    method: 'post',
    path: '/woningen',
    summary: "Add a woning to the corporatie's aanbod (status vrij) — verhuurmedewerker",
    tags: ['woningaanbod'],
    request: { headers: verhuurHeaders, body: { content: { 'application/json': { schema: WoningCreate } } } },
    responses: {
      201: json(Woning, 'Created; `Location` names it'),
      400: woningErrors[400],
      403: woningErrors[403],
      409: woningErrors[409],
    },
  });
  registry.registerPath({
    security,
    method: 'get',
    path: '/woningen',
    summary: 'List woningen, filtered, ordered by beschikbaarVanaf, paginated',
    tags: ['woningaanbod'],
    request: { query: listWoningenQuery },
    responses: { 200: json(WoningList, 'A page of woningen'), 400: woningErrors[400] },
  });
  registry.registerPath({
    security,
    method: 'get',
    path: '/woningen/{id}',
    summary: 'A woning',
    tags: ['woningaanbod'],
    request: { params: woningIdParams },
    responses: { 200: json(Woning, 'The woning'), 400: woningErrors[400], 404: woningErrors[404] },
  });
  registry.registerPath({
    security,
    method: 'patch',
    path: '/woningen/{id}',
    summary:
      'Change a woning of the own corporatie; status by hand: verhuurd → vrij (weer vrij) or vrij → verhuurd — verhuurmedewerker',
    tags: ['woningaanbod'],
    request: {
      params: woningIdParams,
      headers: verhuurHeaders,
      body: { content: { 'application/json': { schema: WoningUpdate } } },
    },
    responses: { 200: json(Woning, 'The changed woning'), ...woningErrors },
  });
  registry.registerPath({
    security,
    method: 'post',
    path: '/woningen/import',
    summary:
      'Import mutaties as CSV: a new referentie is created, a known one updated and made vrij again — verhuurmedewerker',
    description:
      'Header row with the WoningCreate field names (wijk optional), `,` or `;` separated; booleans ja/nee/true/false/1/0; ' +
      'amounts with `.` or `,` before the cents. Every good row is written whole, bad rows are reported by row number and field.',
    tags: ['woningaanbod'],
    request: { headers: verhuurHeaders, body: { content: { 'text/csv': { schema: z.string() } } } },
    responses: {
      200: json(WoningImportResult, 'At least one row written; `errors` lists the rejected rows'),
      400: json(
        ErrorBody,
        'The CSV cannot be parsed, or its header lacks required columns or has unknown ones (named in `fields`)',
      ),
      403: woningErrors[403],
      415: json(ErrorBody, 'Not sent as text/csv'),
      422: json(WoningImportResult, 'No row could be written'),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/parameters',
    summary: 'The dated rule parameters, one set per year',
    security,
    responses: {
      200: json(
        z.object({
          sets: z.array(jaarParametersSchema),
          waarschuwingen: z
            .array(
              z.object({
                jaar: z.number().int(),
                code: z.enum(['parameters_ontbreken', 'parameters_ontbreken_binnenkort']),
                bericht: z.string(),
              }),
            )
            .describe('The current year without a set (every aanbod refused), or the next one within 60 days'),
        }),
        "Every year's set, and what the beheerder must still keep",
      ),
      401: errors[401],
    },
  });
  registry.registerPath({
    method: 'put',
    path: '/parameters/{jaar}',
    summary: "Keep one year's rule parameters — beheerder",
    security,
    request: {
      params: z.object({ jaar: z.coerce.number().int() }),
      body: { content: { 'application/json': { schema: parameterValuesSchema } } },
    },
    responses: {
      200: json(jaarParametersSchema, 'Updated'),
      201: json(jaarParametersSchema, 'Created'),
      400: errors[400],
      401: errors[401],
      403: errors[403],
    },
  });
  // Beheer: organisations, norms and contingent afspraken — beheerder only, no case content.
  const beheerErrors = {
    400: json(ErrorBody, 'Malformed input; `fields` names each field and its problem'),
    401: errors[401],
    403: json(ErrorBody, 'Only the beheerder keeps organisations, norms and the contingent'),
    404: json(ErrorBody, 'Unknown organisation, corporatie or norm'),
  };
  const beheerPaths: Array<Parameters<typeof registry.registerPath>[0]> = [
    {
      method: 'get',
      path: '/beheer/organisaties',
      summary: 'Every organisation, with where its reminders and escalations go — beheerder',
      responses: {
        200: json(organisatieListBody, 'The organisations'),
        401: beheerErrors[401],
        403: beheerErrors[403],
      },
    },
    {
      method: 'get',
      path: '/beheer/organisaties/{id}',
      summary: 'One organisation — beheerder',
      request: { params: organisatieIdParams },
      responses: { 200: json(Organisatie, 'The organisation'), ...beheerErrors },
    },
    {
      method: 'put',
      path: '/beheer/organisaties/{id}',
      summary: 'Create or replace an organisation (an optional field left out is cleared) — beheerder',
      request: { params: organisatieIdParams, body: { content: { 'application/json': { schema: OrganisatieInput } } } },
      responses: {
        200: json(Organisatie, 'Updated'),
        201: json(Organisatie, 'Created'),
        400: beheerErrors[400],
        401: beheerErrors[401],
        403: beheerErrors[403],
      },
    },
    {
      method: 'get',
      path: '/beheer/normen',
      summary: "Every norm: the default ('*') per fase and the organisations' own — beheerder",
      responses: { 200: json(normListBody, 'The norms'), 401: beheerErrors[401], 403: beheerErrors[403] },
    },
    {
      method: 'put',
      path: '/beheer/normen/{fase}',
      summary: "Set the norm of a fase ('totaal': the whole case), the default or an organisation's own — beheerder",
      request: { params: normParams, body: { content: { 'application/json': { schema: NormInput } } } },
      responses: { 200: json(Norm, 'Updated'), 201: json(Norm, 'Created'), ...beheerErrors },
    },
    {
      method: 'delete',
      path: '/beheer/normen/{fase}/{organisatie}',
      summary: "Remove an organisation's own norm; the default then applies — beheerder",
      request: { params: normDeleteParams },
      responses: {
        204: { description: 'Deleted' },
        ...beheerErrors,
        409: json(ErrorBody, "`default_norm`: the default ('*') cannot be deleted"),
      },
    },
    {
      method: 'get',
      path: '/beheer/contingent',
      summary: 'The contingent afspraken (homes promised per corporatie, year, opgave and doelgroep) — beheerder',
      request: { query: contingentQuery },
      responses: {
        200: json(ContingentList, 'The afspraken'),
        400: beheerErrors[400],
        401: beheerErrors[401],
        403: beheerErrors[403],
      },
    },
    {
      method: 'put',
      path: '/beheer/contingent/{corporatie}/{jaar}',
      summary: "Replace a corporatie's afspraken for a year, all at once — beheerder",
      request: { params: contingentParams, body: { content: { 'application/json': { schema: ContingentInput } } } },
      responses: { 200: json(ContingentList, "The corporatie's afspraken for the year"), ...beheerErrors },
    },
  ];
  for (const p of beheerPaths) registry.registerPath({ ...p, security, tags: ['beheer'] });
  // Management reports: managers only, over the cases of their organisation (and gemeente); JSON or CSV.
  const reportResponses = (body: z.ZodType, what: string) => ({
    200: {
      description: `${what}. As CSV with \`?format=csv\` or \`Accept: text/csv\`: \`;\`-separated, \`.\` decimals, header row, RFC 4180 quoting`,
      content: { 'application/json': { schema: body }, 'text/csv': { schema: z.string() } },
    },
    400: errors[400],
    401: errors[401],
    403: json(ErrorBody, 'Reports are for managers'),
  });
  const reportDocs = [
    [
      reportPaths.doorlooptijd,
      reportSchemas.doorlooptijdQuery,
      reportSchemas.doorlooptijdBody,
      'Doorlooptijd per fase: count, median, p90 and count over norm of closed fase periods, in werkdagen',
    ],
    [
      reportPaths.wachttijdPerPartij,
      reportSchemas.wachttijdQuery,
      reportSchemas.wachttijdBody,
      'Waiting time per party: ended turns per role (and organisation, fase, doelgroep or month), in werkdagen',
    ],
    [
      reportPaths.doorlooptijdTotaal,
      reportSchemas.totaalQuery,
      reportSchemas.totaalBody,
      'Doorlooptijd end to end (aanmelding to nazorg, nazorg excluded) against the totaal norm',
    ],
    [
      reportPaths.openCasussen,
      reportSchemas.openQuery,
      reportSchemas.openBody,
      'Open cases by age (kalenderdagen) and by the fase and role they wait on',
    ],
    [
      reportPaths.contingent,
      reportSchemas.contingentQuery,
      reportSchemas.contingentBody,
      'Contingent (prestatieafspraken): promised, realised and forecast per corporatie, opgave and doelgroep',
    ],
    [
      reportPaths.vraagEnAanbod,
      reportSchemas.vraagAanbodQuery,
      reportSchemas.vraagAanbodBody,
      'Vraag en aanbod for the woonzorgvisie: inflow, open demand by woonvorm and step, vrije woningen, contingent left, placements',
    ],
  ] as const;
  for (const [path, query, body, summary] of reportDocs) {
    registry.registerPath({
      method: 'get',
      path,
      summary: `${summary} — manager`,
      tags: ['reports'],
      security,
      request: { query },
      responses: reportResponses(body, summary),
    });
  }
  registry.registerPath({
    method: 'get',
    path: '/audit',
    summary:
      'The audit log per case and per user, with filters — privacy officer, over the cases its organisation is a party to (and its own users’ entries without a case); audited itself',
    tags: ['audit'],
    security,
    request: { query: auditSearchQuery },
    responses: {
      200: {
        description: 'Entries, newest first. As CSV with `?format=csv`: `;`-separated, header row, RFC 4180 quoting',
        content: { 'application/json': { schema: auditSearchBody }, 'text/csv': { schema: z.string() } },
      },
      400: errors[400],
      401: errors[401],
      403: json(ErrorBody, 'The audit log is for privacy officers'),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/health',
    summary: 'Reachability of the API, Temporal and the database',
    responses: { 200: json(healthBody, 'All reachable'), 503: json(healthBody, 'A dependency is unreachable') },
  });
  // Probes for supervisors (api/ops/probes-router.ts).
  registry.registerPath({
    method: 'get',
    path: '/live',
    summary: 'Liveness: the process answers',
    responses: { 200: json(z.object({ status: z.literal('ok') }), 'Alive') },
  });
  const readyBody = z.object({ status: z.enum(['ready', 'not_ready']), temporal: z.boolean(), database: z.boolean() });
  registry.registerPath({
    method: 'get',
    path: '/ready',
    summary: 'Readiness: the database and Temporal answer',
    responses: { 200: json(readyBody, 'Ready'), 503: json(readyBody, 'A dependency does not answer') },
  });

  return new OpenApiGeneratorV3(registry.definitions).generateDocument({
    openapi: '3.0.3',
    info: {
      title: 'Toewijzing en warme overdracht',
      version: '0.1.0',
      description:
        'Case workflow from aanmelding to warme overdracht. Every step is a POST to /cases/{id}/steps/{step}; ' +
        'the case answers which steps are possible now (GET /cases/{id}, `mogelijkeStappen`). ' +
        "Every authenticated route answers 403 `organisation_not_allowed` (with `reason` unknown, inactive, soort or gemeente) when the token's `org` " +
        'is not a registered, active organisation of a kind its roles fit (docs/access-and-audit.md).',
    },
  });
}
