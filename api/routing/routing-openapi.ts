import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { caseIdParams, caseListBody } from '../cases/case-schemas';
import {
  acceptBody,
  assignBody,
  behandelaarBody,
  collegasBody,
  inboxQuery,
  partyResultBody,
  teVerdelenBody,
  teVerdelenQuery,
} from './routing-schemas';

type Response = { description: string; content: { 'application/json': { schema: z.ZodType } } };

/** The routes of routing and the behandelaar in the OpenAPI document (api/http/openapi.ts). */
export function registerRoutingPaths(
  registry: OpenAPIRegistry,
  o: {
    security: Array<Record<string, string[]>>;
    headers: z.ZodObject;
    json: (schema: z.ZodType, description: string) => Response;
    errors: Record<400 | 401 | 403 | 404 | 409 | 422 | 503, Response>;
  },
) {
  const { security, headers, json, errors } = o;
  const PartyResult = partyResultBody.meta({ id: 'PartyResult' });
  const write = (path: string, summary: string, body: z.ZodType, ok: string) =>
    registry.registerPath({
      security,
      method: 'post',
      path,
      summary,
      tags: ['routing'],
      request: { params: caseIdParams, headers, body: { content: { 'application/json': { schema: body } } } },
      responses: { 200: json(PartyResult, ok), ...errors },
    });
  registry.registerPath({
    security,
    method: 'get',
    path: '/te-verdelen',
    summary:
      'Open sides the caller’s organisation may accept: active, of that kind, the case’s gemeente in its werkgebied; minimised (no person or care details)',
    tags: ['routing'],
    request: { query: teVerdelenQuery },
    responses: { 200: json(teVerdelenBody, 'A page of open sides, the oldest first'), 400: errors[400] },
  });
  write(
    '/cases/{id}/aanname',
    'Casus aannemen: an eligible organisation takes the open side (404 when not eligible, 409 when taken)',
    acceptBody,
    'The organisation is the side’s party and the caller its behandelaar',
  );
  write(
    '/cases/{id}/partijen',
    'The wijkteam’s consulent assigns an open side to an organisation of the register (422 when it does not serve the gemeente)',
    assignBody,
    'The organisation is the side’s party',
  );
  write(
    '/cases/{id}/behandelaar',
    'Oppakken, overdragen aan a colleague of the same organisation (422 otherwise), or vrijgeven',
    behandelaarBody,
    'Who is behandelaar of the caller’s party now',
  );
  registry.registerPath({
    security,
    method: 'get',
    path: '/collegas',
    summary: 'The known users of the caller’s organisation, to hand a case to',
    tags: ['routing'],
    responses: { 200: json(collegasBody, 'Colleagues by name'), 403: errors[403] },
  });
  registry.registerPath({
    security,
    method: 'get',
    path: '/inbox',
    summary:
      'Mijn werk (cases the caller is behandelaar of) or Team (waiting on the role), sorted by deadline or waiting time',
    tags: ['routing'],
    request: { query: inboxQuery },
    responses: { 200: json(caseListBody, 'A page of cases with `behandelaar`'), 400: errors[400], 403: errors[403] },
  });
}
