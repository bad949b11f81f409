import type { Actor } from '../../domain/types';
import { bearer } from './tokens';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export const actors = {
  consulent: { id: 'u-cons-1', organisatie: 'wijkteam-noord', rol: 'consulent' },
  zorg: { id: 'u-zorg-1', organisatie: 'zorg-de-brug', rol: 'zorgmedewerker' },
  verhuur: { id: 'u-verh-1', organisatie: 'woonstad', rol: 'verhuurmedewerker' },
} satisfies Record<string, Actor>;

/** A bearer token for the professional, signed by the test issuer. */
export function actorHeaders(actor: Actor): Record<string, string> {
  return bearer({ sub: actor.id, org: actor.organisatie, roles: [actor.rol] });
}

/** Readers act as the consulent of the wijkteam unless a test says otherwise. */
const defaultReader = () => actorHeaders(actors.consulent);

/** A thin HTTP client for the API under test: real requests over a socket. */
export function apiClient(baseUrl: string) {
  /** Without an authorization header a request carries the default reader's token, unless `anonymous`. */
  async function request<T = any>(
    method: string,
    path: string,
    opts: { body?: unknown; headers?: Record<string, string>; raw?: string; anonymous?: boolean } = {},
  ) {
    const auth = opts.anonymous || opts.headers?.authorization !== undefined ? {} : defaultReader();
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...auth, ...opts.headers },
      body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
    });
    const text = await res.text();
    return {
      status: res.status,
      body: (text ? JSON.parse(text) : undefined) as T,
      headers: res.headers,
    } satisfies ApiResponse<T>;
  }
  return {
    request,
    start: (aanmelding: unknown, actor: Actor = actors.consulent, headers: Record<string, string> = {}) =>
      request('POST', '/cases', { body: aanmelding, headers: { ...actorHeaders(actor), ...headers } }),
    step: (caseId: string, step: string, body: unknown, actor: Actor, headers: Record<string, string> = {}) =>
      request('POST', `/cases/${caseId}/steps/${step}`, { body, headers: { ...actorHeaders(actor), ...headers } }),
    get: (caseId: string, headers: Record<string, string> = defaultReader()) =>
      request('GET', `/cases/${caseId}`, { headers }),
    list: (query = '', headers: Record<string, string> = defaultReader()) =>
      request('GET', `/cases${query}`, { headers }),
  };
}
export type ApiClient = ReturnType<typeof apiClient>;

/** Awaits a request that must answer `status`, and returns its body; a wrong status fails with the body to read. */
export async function ok(res: Promise<{ status: number; body: any }>, status = 200) {
  const r = await res;
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}
