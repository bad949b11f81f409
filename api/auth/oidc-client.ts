import * as oidc from 'openid-client';
import { principalFromClaims, type ClaimMapping, type MappedPrincipal } from './claim-mapping';

/** The web app's client at the organisation's identity provider (OIDC_* in the environment). */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  /** Unset: a public client (PKCE only, no client authentication). */
  clientSecret?: string | undefined;
  /** Where the IdP sends the browser back: `<base>/app/inloggen/terug`. */
  redirectUrl: string;
  /** Where the IdP sends the browser after logout (RP-initiated logout). */
  postLogoutRedirectUrl: string;
  scopes: string;
  claims: ClaimMapping;
  /** Also read the userinfo endpoint (claims the ID token lacks). */
  userinfo: boolean;
  /** Refresh this many seconds before the access token expires. */
  refreshMarginSeconds: number;
}

/** What the login keeps between the redirect to the IdP and its answer (sealed in a cookie). */
export interface LoginTransaction {
  state: string;
  nonce: string;
  verifier: string;
  /** The /app page to go to after sign-in. */
  returnTo: string;
}

/** Tokens of one signed-in user, kept server-side (sealed) for refresh and logout. */
export interface IdpTokens {
  refreshToken?: string | undefined;
  idToken?: string | undefined;
}

export interface SignedIn {
  user: MappedPrincipal;
  tokens: IdpTokens;
  /** Seconds from now until the access token expires (the IdP's expires_in; 300 when it gives none). */
  accessExpiresIn: number;
}

/** The IdP said no (invalid_grant, a revoked or expired refresh token, a bad code): the user must sign in again. */
export class IdpRefusedError extends Error {
  override name = 'IdpRefusedError';
}

const isLoopback = (u: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);

export function createOidcClient(c: OidcConfig) {
  let discovered: Promise<oidc.Configuration> | undefined;
  /** Discovery once, retried on the next request when the IdP was unreachable. */
  const configuration = () => {
    discovered ??= oidc
      .discovery(
        new URL(c.issuer),
        c.clientId,
        undefined,
        c.clientSecret ? oidc.ClientSecretBasic(c.clientSecret) : oidc.None(),
        // http only for an IdP on this machine (tests, a local Keycloak); the config refuses it elsewhere.
        isLoopback(new URL(c.issuer)) ? { execute: [oidc.allowInsecureRequests], timeout: 10 } : { timeout: 10 },
      )
      .catch((err: unknown) => {
        discovered = undefined;
        throw err;
      });
    return discovered;
  };

  // The IdP's own refusal, or a check of its answer that failed here (state, nonce, ID token); not a network error.
  const refused = (err: unknown) =>
    err instanceof oidc.ResponseBodyError || err instanceof oidc.AuthorizationResponseError
      ? new IdpRefusedError(err.error)
      : err instanceof oidc.ClientError
        ? new IdpRefusedError(err.code ?? 'client check failed')
        : err;

  async function userFrom(
    config: oidc.Configuration,
    t: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers,
  ): Promise<MappedPrincipal | undefined> {
    const idClaims = t.claims();
    if (!idClaims) return undefined;
    let claims: Record<string, unknown> = { ...idClaims };
    if (c.userinfo) {
      const info = await oidc.fetchUserInfo(config, t.access_token, idClaims.sub);
      // The signed ID token wins; userinfo fills what it lacks.
      claims = { ...info, ...claims };
    }
    return principalFromClaims(claims, c.claims);
  }

  return {
    config: c,
    /** The IdP's authorization URL for a new login, and what must be kept until it answers. */
    async startLogin(returnTo: string): Promise<{ url: string; transaction: LoginTransaction }> {
      const config = await configuration();
      const transaction = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        verifier: oidc.randomPKCECodeVerifier(),
        returnTo,
      };
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: c.redirectUrl,
        scope: c.scopes,
        state: transaction.state,
        nonce: transaction.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(transaction.verifier),
        code_challenge_method: 'S256',
      });
      return { url: url.href, transaction };
    },

    /** The IdP's answer at the redirect URL: checks state, PKCE and nonce, and reads who signed in. */
    async finishLogin(callbackUrl: URL, t: LoginTransaction): Promise<SignedIn> {
      const config = await configuration();
      try {
        const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: t.verifier,
          expectedState: t.state,
          expectedNonce: t.nonce,
          idTokenExpected: true,
        });
        return {
          user: (await userFrom(config, tokens))!,
          tokens: { refreshToken: tokens.refresh_token, idToken: tokens.id_token },
          accessExpiresIn: tokens.expiresIn() ?? 300,
        };
      } catch (err) {
        throw refused(err);
      }
    },

    /** A new access token with the refresh token; the user read again when the IdP sends a new ID token. */
    async refresh(tokens: IdpTokens): Promise<Omit<SignedIn, 'user'> & { user: MappedPrincipal | undefined }> {
      if (!tokens.refreshToken) throw new IdpRefusedError('no refresh token');
      const config = await configuration();
      try {
        const next = await oidc.refreshTokenGrant(config, tokens.refreshToken);
        return {
          user: next.id_token ? await userFrom(config, next) : undefined,
          tokens: { refreshToken: next.refresh_token ?? tokens.refreshToken, idToken: next.id_token ?? tokens.idToken },
          accessExpiresIn: next.expiresIn() ?? 300,
        };
      } catch (err) {
        throw refused(err);
      }
    },

    /** RP-initiated logout at the IdP's end_session_endpoint; undefined when the IdP has none. */
    async endSessionUrl(tokens: IdpTokens | undefined): Promise<string | undefined> {
      const config = await configuration();
      if (!config.serverMetadata().end_session_endpoint) return undefined;
      return oidc.buildEndSessionUrl(config, {
        client_id: c.clientId,
        post_logout_redirect_uri: c.postLogoutRedirectUrl,
        ...(tokens?.idToken ? { id_token_hint: tokens.idToken } : {}),
      }).href;
    },
  };
}
export type OidcClient = ReturnType<typeof createOidcClient>;
