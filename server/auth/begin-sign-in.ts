import "server-only";
import { config } from "@/server/config";
import { assurancePolicy } from "./assurance-check";
import { type AuthTransaction, type SignInPurpose, safeReturnTo, transactionCookieHeader } from "./auth-transaction";
import { cis2Configuration, client } from "./cis2-client";

/**
 * Start a CIS2 sign-in (or Change role): PKCE + state + nonce + max_age, prompt=login (CIS2
 * requires it with role selection), scopes incl. selectedrole or changedrole. The redirect URI
 * is built from APP_BASE_URL, never from the incoming request (proxies rewrite hosts).
 */

const BASE_SCOPES = ["openid", "profile", "email", "nhsperson", "associatedorgs", "nationalrbacaccess"];
const ROLE_SCOPE: Record<SignInPurpose, string> = { "sign-in": "selectedrole", "change-role": "changedrole" };

export function callbackUrl(): string {
  return new URL("/api/auth/callback", config().APP_BASE_URL).href;
}

export function scopeFor(purpose: SignInPurpose): string {
  return [...BASE_SCOPES, ROLE_SCOPE[purpose]].join(" ");
}

/** 302 to CIS2's /authorize with the sealed transaction cookie. */
export async function beginSignIn(purpose: SignInPurpose, returnTo: string | null | undefined): Promise<Response> {
  const configuration = await cis2Configuration();
  const transaction: AuthTransaction = {
    state: client.randomState(),
    nonce: client.randomNonce(),
    verifier: client.randomPKCECodeVerifier(),
    returnTo: safeReturnTo(returnTo),
    purpose,
  };
  const authorizationUrl = client.buildAuthorizationUrl(configuration, {
    redirect_uri: callbackUrl(),
    scope: scopeFor(purpose),
    prompt: "login",
    max_age: String(assurancePolicy.maxAuthAgeSeconds),
    acr_values: assurancePolicy.requestedAcrValues,
    state: transaction.state,
    nonce: transaction.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(transaction.verifier),
    code_challenge_method: "S256",
  });
  const headers = new Headers({ location: authorizationUrl.href, "cache-control": "no-store" });
  headers.append("set-cookie", await transactionCookieHeader(transaction));
  return new Response(null, { status: 302, headers });
}
