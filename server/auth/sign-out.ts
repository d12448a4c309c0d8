import "server-only";
import { AUDIT_ACTIONS } from "@/lib/schemas/audit";
import { recordAuditOrLog } from "@/server/audit/record-audit";
import { config } from "@/server/config";
import { getDb } from "@/server/db/client";
import { revokeSession } from "@/server/db/sessions";
import { now } from "./clock";
import { clearSessionCookieHeader } from "./session-cookie";
import { forgetRevokedSessions } from "./session-record";
import type { SignedInUser } from "./signed-in-user";

/**
 * Log out: revoke the record (so the cookie is dead everywhere), clear the cookie and show
 * our signed-out page. We do not bounce through CIS2's end-session page: every sign-in sends
 * prompt=login + max_age, so a lingering CIS2 session can never sign the user back in silently.
 */

export const SIGNED_OUT_REASONS = ["logout", "idle", "expired"] as const;
export type SignedOutReason = (typeof SIGNED_OUT_REASONS)[number];

export async function signOut(session: SignedInUser | null, requestId: string, reason: SignedOutReason = "logout"): Promise<Response> {
  if (session) {
    const { db } = await getDb();
    await revokeSession(db, session.sessionId, reason === "logout" ? "signed-out" : reason, now());
    forgetRevokedSessions();
    await recordAuditOrLog({
      action: AUDIT_ACTIONS.signOut,
      outcome: "success",
      actor: { sub: session.sub, roleProfileId: session.roleProfileId, orgCode: session.orgCode, sessionId: session.sessionId },
      details: { reason },
      requestId,
    });
  }
  const headers = new Headers({
    location: new URL(`/signed-out?reason=${reason}`, config().APP_BASE_URL).href,
    "cache-control": "no-store",
  });
  headers.append("set-cookie", clearSessionCookieHeader());
  // 303: the browser follows a POST with a GET.
  return new Response(null, { status: 303, headers });
}
