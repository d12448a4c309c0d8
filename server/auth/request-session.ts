import "server-only";
import { isSameOriginBrowserRequest } from "./same-origin";
import { sessionIdFromRequest } from "./session-cookie";
import { type ActiveSession, loadActiveSession } from "./session-record";

/**
 * Requests that read the session without counting as activity: the idle-warning dialog polls
 * the status endpoint, and that poll must not keep an unattended session alive.
 */
const PASSIVE_REQUESTS: ReadonlyArray<{ method: string; path: string }> = [{ method: "GET", path: "/api/auth/session" }];

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Activity that should not reset the idle timer: the passive status poll, and any state-changing
 * request that does not come from our own pages (it will be refused, and must not keep a
 * session alive on the way).
 */
function isPassive(request: Request): boolean {
  const path = new URL(request.url).pathname;
  if (PASSIVE_REQUESTS.some((passive) => passive.method === request.method && passive.path === path)) return true;
  return !SAFE_METHODS.has(request.method) && !isSameOriginBrowserRequest(request);
}

/**
 * Cookie → sealed session id → server-side record (revoked / idle / absolute checks, and the
 * activity touch) — the one session read of a route request. Any failure (no cookie, forged or
 * tampered seal, revoked, expired) is simply "not signed in"; the wrapper then answers 401 where
 * a session is needed.
 */
export async function sessionForRequest(request: Request): Promise<ActiveSession | null> {
  const sessionId = await sessionIdFromRequest(request);
  if (!sessionId) return null;
  return loadActiveSession(sessionId, { touch: !isPassive(request) });
}
