/**
 * Test-only relying party: openid-client 6 as the BFF will use it (discovery over http,
 * PKCE, state, nonce, private_key_jwt with aud = token endpoint), plus helpers that walk the
 * stand-in's sign-in pages with fetch.
 */
import { importJWK } from "jose";
import * as client from "openid-client";
import { loadRpKeys } from "../rp-keys";
import type { Cis2StandIn } from "../server";
import { CookieJar, form } from "./cookie-jar";

export const REDIRECT_URI = "http://127.0.0.1:3000/api/auth/callback";
export const CIS2_SCOPE = "openid profile email nhsperson associatedorgs nationalrbacaccess selectedrole";

/** Discovery + client auth. `audience: "issuer"` keeps openid-client's default (which CIS2 refuses). */
export async function discoverRp(standIn: Cis2StandIn, audience: "token-endpoint" | "issuer" = "token-endpoint") {
  const rpKeys = loadRpKeys({});
  const key = (await importJWK(rpKeys.privateJwk, rpKeys.alg)) as CryptoKey;
  let tokenEndpoint = "";
  const options: client.ModifyAssertionOptions =
    audience === "token-endpoint"
      ? {
          [client.modifyAssertion]: (_header, payload) => {
            payload.aud = tokenEndpoint;
          },
        }
      : {};
  const config = await client.discovery(
    new URL(standIn.issuer),
    standIn.relyingParty.clientId,
    { id_token_signed_response_alg: "RS256" },
    client.PrivateKeyJwt({ key, kid: rpKeys.kid }, options),
    { execute: [client.allowInsecureRequests] },
  );
  tokenEndpoint = config.serverMetadata().token_endpoint ?? "";
  return config;
}

export interface AuthRequest {
  url: URL;
  state: string;
  nonce: string;
  verifier: string;
}

export async function buildAuthRequest(
  config: client.Configuration,
  params: { scope?: string; acr_values?: string; prompt?: string; pkce?: boolean } = {},
): Promise<AuthRequest> {
  const state = client.randomState();
  const nonce = client.randomNonce();
  const verifier = client.randomPKCECodeVerifier();
  const request: Record<string, string> = {
    redirect_uri: REDIRECT_URI,
    scope: params.scope ?? CIS2_SCOPE,
    prompt: params.prompt ?? "login",
    max_age: "300",
    state,
    nonce,
  };
  if (params.acr_values !== undefined) request.acr_values = params.acr_values;
  if (params.pkce !== false) {
    request.code_challenge = await client.calculatePKCECodeChallenge(verifier);
    request.code_challenge_method = "S256";
  }
  return { url: client.buildAuthorizationUrl(config, request), state, nonce, verifier };
}

function resolve(response: Response, base: URL): URL {
  const location = response.headers.get("location");
  if (!location) throw new Error(`expected a redirect, got ${response.status}`);
  return new URL(location, base);
}

/** Follow redirects (at most 10) until one leaves the stand-in for the RP's redirect URI. */
export async function followToCallback(jar: CookieJar, start: URL): Promise<URL> {
  let url = start;
  for (let hop = 0; hop < 10; hop++) {
    if (url.href.startsWith(REDIRECT_URI)) return url;
    const response = await jar.fetch(url);
    await response.arrayBuffer();
    url = resolve(response, url);
  }
  throw new Error("too many redirects");
}

/** GET the authorization URL and land on the interaction page; returns its URL and HTML. */
export async function openSignIn(jar: CookieJar, authUrl: URL): Promise<{ url: URL; html: string; status: number }> {
  const first = await jar.fetch(authUrl);
  await first.arrayBuffer();
  const url = resolve(first, authUrl);
  const page = await jar.fetch(url);
  return { url, html: await page.text(), status: page.status };
}

/** POST the persona choice; returns the response (redirect or a page). */
export async function chooseUser(jar: CookieJar, interactionUrl: URL, accountId: string): Promise<Response> {
  return jar.fetch(new URL(`${interactionUrl.pathname}/login`, interactionUrl), form({ accountId }));
}

export async function chooseRole(jar: CookieJar, interactionUrl: URL, personRoleId: string): Promise<Response> {
  return jar.fetch(new URL(`${interactionUrl.pathname}/role`, interactionUrl), form({ person_roleid: personRoleId }));
}

/**
 * Whole journey: open sign-in, pick the user, pick the role when the picker shows, and return
 * the callback URL the RP would receive.
 */
export async function signIn(jar: CookieJar, authUrl: URL, accountId: string, personRoleId?: string): Promise<URL> {
  const { url: interactionUrl } = await openSignIn(jar, authUrl);
  const afterLogin = await chooseUser(jar, interactionUrl, accountId);
  await afterLogin.arrayBuffer();
  let next = resolve(afterLogin, interactionUrl);
  if (next.pathname.endsWith("/role")) {
    if (!personRoleId) throw new Error("role picker shown but no role given");
    const picked = await chooseRole(jar, interactionUrl, personRoleId);
    await picked.arrayBuffer();
    next = resolve(picked, interactionUrl);
  }
  return followToCallback(jar, next);
}

export async function redeem(config: client.Configuration, callbackUrl: URL, request: AuthRequest) {
  return client.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: request.verifier,
    expectedState: request.state,
    expectedNonce: request.nonce,
    idTokenExpected: true,
    maxAge: 300,
  });
}

export { CookieJar, client };
