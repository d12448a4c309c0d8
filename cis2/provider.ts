/**
 * The oidc-provider 9 configuration that makes it look like CIS2 (docs/domain.md §9.7):
 * CIS2 route names, scopes and claims, code flow only with PKCE, private_key_jwt whose `aud`
 * must be the token endpoint, back-channel logout, and pages without external assets.
 */
import type { JWK } from "jose";
import Provider, { type Account, errors, type FindAccountToken, type KoaLikeContext } from "oidc-provider";
import { findPersona } from "@/lib/personas";
import { SUPPORTED_ACR_VALUES } from "./assurance";
import { personaClaims, SCOPE_CLAIMS, SUPPORTED_SCOPES } from "./claims";
import type { RelyingPartyRegistration } from "./config";
import type { StandInStore } from "./memory-store";
import { logoutSource, postLogoutSuccessSource, renderError } from "./provider-pages";
import { ID_TOKEN_SIGNING_ALG } from "./signing-keys";

export const CIS2_ROUTES = {
  authorization: "/authorize",
  token: "/access_token",
  userinfo: "/userinfo",
  jwks: "/connect/jwk_uri",
  end_session: "/connect/endSession",
} as const;

/** Token lifetimes in seconds (access token as in a CIS2 fixture; sessions match the 12 h cap). */
const TTL_SECONDS = {
  AccessToken: 3600,
  AuthorizationCode: 60,
  IdToken: 3600,
  Interaction: 600,
  Session: 12 * 3600,
  Grant: 12 * 3600,
};

export interface ProviderDeps {
  issuer: string;
  relyingParty: RelyingPartyRegistration;
  signingJwk: JWK;
  cookieKeys: string[];
  store: StandInStore;
}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * oidc-provider sends outgoing requests through an SSRF guard that refuses loopback addresses,
 * which silently breaks back-channel logout to a local BFF (§8 pitfall 1). Drop the guard only
 * for loopback targets; anything else keeps it.
 */
export function loopbackFriendlyFetch(url: string | URL, options: RequestInit & { dispatcher?: unknown }) {
  const target = new URL(url);
  if (LOOPBACK_HOSTS.has(target.hostname) || target.hostname.startsWith("127.")) {
    const { dispatcher: _guard, ...rest } = options;
    return fetch(target, rest);
  }
  return fetch(target, options);
}

/** CIS2 (ForgeRock AM) accepts a client assertion only when `aud` is exactly the token endpoint URL. */
export async function assertAudienceIsTokenEndpoint(ctx: KoaLikeContext, claims: { aud?: unknown }): Promise<void> {
  const tokenEndpoint = ctx.oidc.urlFor("token");
  const aud = Array.isArray(claims.aud) && claims.aud.length === 1 ? claims.aud[0] : claims.aud;
  if (aud !== tokenEndpoint) throw new errors.InvalidClientAuth("JWT is not valid");
}

function clientMetadata(rp: RelyingPartyRegistration): Record<string, unknown> {
  return {
    client_id: rp.clientId,
    client_name: "LR Manager (local)",
    application_type: "web",
    redirect_uris: rp.redirectUris,
    post_logout_redirect_uris: rp.postLogoutRedirectUris,
    response_types: ["code"],
    grant_types: ["authorization_code"],
    token_endpoint_auth_method: "private_key_jwt",
    token_endpoint_auth_signing_alg: rp.signingAlg,
    id_token_signed_response_alg: ID_TOKEN_SIGNING_ALG,
    jwks: { keys: [rp.publicJwk] },
    backchannel_logout_uri: rp.backchannelLogoutUri,
    backchannel_logout_session_required: true,
  };
}

export function createCis2Provider(deps: ProviderDeps): Provider {
  const { store } = deps;

  async function findAccount(_ctx: unknown, sub: string, token?: FindAccountToken): Promise<Account | undefined> {
    const persona = findPersona(sub);
    if (!persona) return undefined;
    return {
      accountId: persona.uid,
      // `token` is the authorization code (ID token at the token endpoint) or the access token
      // (userinfo); both carry the grant the role was chosen for.
      async claims(_use: string, scope: string) {
        return personaClaims(persona, scope, store.selectedRoleFor(token?.grantId));
      },
    };
  }

  return new Provider(deps.issuer, {
    adapter: store.adapterFor,
    clients: [clientMetadata(deps.relyingParty)],
    jwks: { keys: [deps.signingJwk] },
    cookies: { keys: deps.cookieKeys },
    routes: CIS2_ROUTES,
    scopes: SUPPORTED_SCOPES,
    claims: SCOPE_CLAIMS,
    conformIdTokenClaims: true,
    acrValues: SUPPORTED_ACR_VALUES,
    responseTypes: ["code"],
    subjectTypes: ["public"],
    clientAuthMethods: ["private_key_jwt", "client_secret_post"],
    enabledJWA: {
      clientAuthSigningAlgValues: ["RS256", "RS512"],
      idTokenSigningAlgValues: [ID_TOKEN_SIGNING_ALG],
      userinfoSigningAlgValues: [ID_TOKEN_SIGNING_ALG],
    },
    assertJwtClientAuthClaimsAndHeader: assertAudienceIsTokenEndpoint,
    pkce: { required: () => true },
    allowOmittingSingleRegisteredRedirectUri: false,
    issueRefreshToken: async () => false,
    findAccount,
    interactions: { url: async (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
      userinfo: { enabled: true },
      pushedAuthorizationRequests: { enabled: false },
      dPoP: { enabled: false },
      resourceIndicators: { enabled: false },
      claimsParameter: { enabled: false },
      requestObjects: { enabled: false },
      introspection: { enabled: false },
      revocation: { enabled: false },
      clientCredentials: { enabled: false },
    },
    ttl: TTL_SECONDS,
    renderError,
    fetch: loopbackFriendlyFetch,
  });
}
