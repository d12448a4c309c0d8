import "server-only";
import { config } from "@/server/config";
import { BoundedCache } from "@/server/directory/bounded-cache";
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

/**
 * Seals this instance has opened, by their exact text: opening one costs two key derivations and
 * an HMAC (~0.5 ms of CPU), and a browser sends the same seal on every request. Only a seal that
 * opened is remembered, for a minute at most; the seal outlives the session record it names by a
 * minute (cookieTtlSeconds + 60), and the record's own expiry is checked on every request.
 */
const openedSeals = new BoundedCache<string>({ maxEntries: 10_000, ttlMs: 60_000 });

/** The session id from a sealed cookie value, or undefined if absent, forged or tampered with. */
export async function sessionIdFromSealed(sealed: string | undefined): Promise<string | undefined> {
  if (!sealed) return undefined;
  const opened = openedSeals.get(sealed);
  if (opened) return opened;
  const data = await unseal(sealed, cookieTtlSeconds() + 60);
  const sessionId = data?.sessionId;
  if (typeof sessionId !== "string" || sessionId.length < 32 || sessionId.length > 128) return undefined;
  openedSeals.set(sealed, sessionId);
  return sessionId;
}

export function sessionIdFromRequest(request: Request): Promise<string | undefined> {
  return sessionIdFromSealed(readCookie(request.headers.get("cookie"), sessionCookieName()));
}
