import "server-only";
import type { Permission } from "@/lib/rbac/permission-names";
import { isSameOriginBrowserRequest } from "./same-origin";
import { sessionIdFromRequest } from "./session-cookie";
import { loadActiveSession } from "./session-record";

/** What a route handler knows about the signed-in user: resolved from the server-side session record. */
export interface RouteSession {
  sessionId: string;
  sub: string;
  sid?: string;
  roleProfileId: string;
  permissions: Permission[];
}

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
 * Cookie → sealed session id → server-side record (revoked / idle / absolute checks) → touch
 * last-seen → RouteSession. Any failure (no cookie, forged or tampered seal, revoked, expired)
 * is simply "not signed in"; the route wrapper then answers 401 where a session is needed.
 */
export async function resolveRouteSession(request: Request): Promise<RouteSession | null> {
  const sessionId = await sessionIdFromRequest(request);
  if (!sessionId) return null;
  const session = await loadActiveSession(sessionId, { touch: !isPassive(request) });
  if (!session) return null;
  return {
    sessionId: session.sessionId,
    sub: session.sub,
    ...(session.sid ? { sid: session.sid } : {}),
    roleProfileId: session.roleProfileId,
    permissions: session.permissions,
  };
}
