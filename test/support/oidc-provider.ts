import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';
import { buildApp } from '../../api/app';
import { createOidcClient, type OidcConfig } from '../../api/auth/oidc-client';
import { createSealer } from '../../api/auth/seal';
import { defaultClaimMapping } from '../../api/auth/claim-mapping';
import { createLogger } from '../../platform/logger';
import { AesGcmPayloadCodec, parsePayloadKeys } from '../../platform/payload-codec';
import { OPERATOR_ORG, unlimitedLimits, type Harness } from './harness';
import { testAuth } from './tokens';
import type { SessionPolicy } from '../../api/auth/sessions';

/**
 * A real OpenID Connect provider (the `oidc-provider` package) in this process
 * on a free port, with its own login form (devInteractions) and an account store
 * the tests fill: a user is an account id with the claims the IdP releases.
 * Consent is granted on first sign-in, as an organisation's IdP does for its own app.
 */
export interface TestIdp {
  issuer: string;
  provider: Provider;
  /** accountId → claims (org, roles, gemeente, name, email); change or delete to change the user at the IdP. */
  accounts: Map<string, Record<string, unknown>>;
  /** What the provider did, by event name (e.g. end_session.success, grant.success with a refresh). */
  events: string[];
  close(): Promise<void>;
}

export const CLIENT_ID = 'toewijzing-web';
const CLIENT_SECRET = 'test-client-secret-of-the-web-app';
const SCOPES = 'openid profile email offline_access toewijzing';

async function listening(): Promise<{ server: Server; url: string }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

export async function startIdp(o: { redirectUrl: string; postLogoutUrl: string; accessTokenSeconds: number }) {
  const { server, url: issuer } = await listening();
  const accounts = new Map<string, Record<string, unknown>>();
  const events: string[] = [];
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [o.redirectUrl],
        post_logout_redirect_uris: [o.postLogoutUrl],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
    ],
    pkce: { required: () => true },
    claims: {
      openid: ['sub'],
      profile: ['name'],
      email: ['email'],
      toewijzing: ['org', 'roles', 'gemeente'],
    },
    scopes: ['openid', 'offline_access', 'profile', 'email', 'toewijzing'],
    // Claims in the ID token (not only at userinfo), as Keycloak and Entra do with mappers / app roles.
    conformIdTokenClaims: false,
    ttl: { AccessToken: o.accessTokenSeconds, IdToken: 3600, RefreshToken: 3600, Grant: 3600, Session: 3600 },
    cookies: { keys: ['test-cookie-key-of-the-idp'] },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    async findAccount(_ctx, id) {
      const claims = accounts.get(id);
      if (!claims) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...accounts.get(id) }) };
    },
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const session = ctx.oidc.session!;
      const client = ctx.oidc.client!;
      const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId! });
      grant.addOIDCScope(SCOPES);
      grant.addOIDCClaims(['org', 'roles', 'gemeente', 'name', 'email']);
      await grant.save();
      return grant;
    },
  });
  provider.on('end_session.success', () => events.push('end_session.success'));
  provider.on('grant.success', (ctx: KoaContextWithOIDC) =>
    events.push(`grant.success:${String(ctx.oidc.params?.grant_type)}`),
  );
  provider.on('grant.error', () => events.push('grant.error'));
  const handle = provider.callback();
  server.on('request', (req, res) => void handle(req, res));
  return {
    issuer,
    provider,
    accounts,
    events,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  } satisfies TestIdp;
}

/**
 * The API on the harness's services with sign-in through the test IdP: the app's
 * server listens first, so its redirect URL is known to the IdP's client.
 */
export async function oidcApp(
  h: Harness,
  o: {
    accessTokenSeconds?: number;
    refreshMarginSeconds?: number;
    sessions?: SessionPolicy;
    uiOrigin?: readonly string[];
  } = {},
) {
  const { server, url: baseUrl } = await listening();
  const redirectUrl = `${baseUrl}/app/inloggen/terug`;
  const postLogoutUrl = `${baseUrl}/app/inloggen?sessie=logout`;
  const idp = await startIdp({ redirectUrl, postLogoutUrl, accessTokenSeconds: o.accessTokenSeconds ?? 600 });
  const config: OidcConfig = {
    issuer: idp.issuer,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUrl,
    postLogoutRedirectUrl: postLogoutUrl,
    scopes: SCOPES,
    claims: defaultClaimMapping,
    userinfo: false,
    refreshMarginSeconds: o.refreshMarginSeconds ?? 60,
  };
  const app = buildApp({
    client: h.client,
    db: h.db,
    log: createLogger('api-test', 'silent'),
    namespace: h.env.TEMPORAL_NAMESPACE,
    taskQueue: h.env.TEMPORAL_TASK_QUEUE,
    stepTimeoutMs: 30_000,
    auth: testAuth,
    codec: {
      codec: new AesGcmPayloadCodec(parsePayloadKeys(h.env.PAYLOAD_KEYS)),
      uiOrigin: o.uiOrigin ?? 'http://localhost:8233',
      organisations: [OPERATOR_ORG],
    },
    limits: unlimitedLimits,
    sessions: o.sessions,
    oidc: {
      client: createOidcClient(config),
      sealer: createSealer(
        parsePayloadKeys(h.env.PAYLOAD_KEYS).map((k) => k.key),
        'web-session',
      ),
    },
  });
  server.on('request', app);
  return {
    baseUrl,
    idp,
    async close() {
      await idp.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
