import "server-only";
import { config } from "@/server/config";
import { readCookie, serializeCookie } from "./cookie-header";
import { seal, unseal } from "./sealing";
import { sessionLimits } from "./session-policy";

/**
 * The session cookie carries only the sealed session id; everything else is in the server-side
 * record so any instance can revoke it. Name `__Host-lrm_session` (Secure, Path=/, no Domain)
 * over HTTPS. Documented dev exception: on http loopback (APP_BASE_URL http://127.0.0.1…)
 * browsers refuse Secure cookies, so the name is `lrm_session` without Secure.
 */

export function sessionCookieName(): string {
  return config().insecureLoopback ? "lrm_session" : "__Host-lrm_session";
}

function cookieTtlSeconds(): number {
  return Math.ceil(sessionLimits().absoluteLimitMs / 1000);
}

export async function sessionCookieHeader(sessionId: string): Promise<string> {
  const sealed = await seal({ sessionId }, cookieTtlSeconds() + 60);
  return serializeCookie(sessionCookieName(), sealed, {
    maxAgeSeconds: cookieTtlSeconds(),
    secure: !config().insecureLoopback,
    sameSite: "Lax",
  });
}

export function clearSessionCookieHeader(): string {
  return serializeCookie(sessionCookieName(), "", { maxAgeSeconds: 0, secure: !config().insecureLoopback, sameSite: "Lax" });
}

/** The session id from a sealed cookie value, or undefined if absent, forged or tampered with. */
export async function sessionIdFromSealed(sealed: string | undefined): Promise<string | undefined> {
  if (!sealed) return undefined;
  const data = await unseal(sealed, cookieTtlSeconds() + 60);
  const sessionId = data?.sessionId;
  return typeof sessionId === "string" && sessionId.length >= 32 && sessionId.length <= 128 ? sessionId : undefined;
}

export function sessionIdFromRequest(request: Request): Promise<string | undefined> {
  return sessionIdFromSealed(readCookie(request.headers.get("cookie"), sessionCookieName()));
}
