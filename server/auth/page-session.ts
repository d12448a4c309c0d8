import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { Permission } from "@/lib/rbac/permission-names";
import { canUseService } from "@/lib/rbac/role-permissions";
import { AUDIT_ACTIONS } from "@/lib/schemas/audit";
import { recordAuditOrLog } from "@/server/audit/record-audit";
import { safeReturnTo } from "./auth-transaction";
import { sessionCookieName, sessionIdFromSealed } from "./session-cookie";
import { type ActiveSession, loadActiveSession } from "./session-record";

/**
 * The same session and permission checks as the route wrapper, for server components. Pages
 * cannot set cookies, so they only read the cookie and record activity in the store.
 * `cache` makes the layout and the page share one lookup per request.
 */
export const getPageSession = cache(async (): Promise<ActiveSession | null> => {
  const cookieStore = await cookies();
  const sessionId = await sessionIdFromSealed(cookieStore.get(sessionCookieName())?.value);
  return sessionId ? loadActiveSession(sessionId, { touch: true }) : null;
});

function signInPath(returnTo: string | undefined): string {
  const target = safeReturnTo(returnTo);
  return target === "/" ? "/sign-in" : `/sign-in?returnTo=${encodeURIComponent(target)}`;
}

/** A signed-in session or a redirect to the sign-in page (which returns here afterwards). */
export async function requirePageSession(returnTo?: string): Promise<ActiveSession> {
  const session = await getPageSession();
  if (!session) redirect(signInPath(returnTo));
  return session;
}

/**
 * The page's permission, else: not signed in → sign-in page; signed in with a role that cannot
 * use the service at all, or lacks this permission → "your role cannot use this service".
 * Refusals are audited.
 */
export async function requirePagePermission(permission: Permission, returnTo?: string): Promise<ActiveSession> {
  const session = await requirePageSession(returnTo);
  if (!session.permissions.includes(permission)) {
    await recordAuditOrLog({
      action: AUDIT_ACTIONS.accessRefused,
      outcome: "denied",
      actor: { sub: session.sub, roleProfileId: session.roleProfileId, orgCode: session.role?.orgCode ?? null },
      details: { permission, page: safeReturnTo(returnTo) },
    });
    redirect(canUseService(session.permissions) ? `/role-not-permitted?needed=${encodeURIComponent(permission)}` : "/role-not-permitted");
  }
  return session;
}
