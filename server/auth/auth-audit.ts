import "server-only";
import { appendAuditEvent } from "@/server/db/audit-events";
import { getDb } from "@/server/db/client";
import { requestLogger } from "@/server/log/logger";
import { now } from "./clock";

/**
 * Sign-in, sign-out, role change and refused access go to the audit trail (ASVS 16.3.1–16.3.3).
 * Action names are a closed vocabulary so reports can filter on them.
 */
export const AUTH_AUDIT_ACTIONS = {
  signIn: "auth.sign-in",
  signInRefused: "auth.sign-in-refused",
  signOut: "auth.sign-out",
  roleChange: "auth.role-change",
  sessionEnded: "auth.session-ended",
  backchannelLogout: "auth.backchannel-logout",
  accessRefused: "auth.access-refused",
} as const;

export type AuthAuditAction = (typeof AUTH_AUDIT_ACTIONS)[keyof typeof AUTH_AUDIT_ACTIONS];

export interface AuthAuditEvent {
  action: AuthAuditAction;
  outcome: "success" | "failure" | "denied";
  actorSub?: string | null;
  roleId?: string | null;
  details?: Record<string, unknown>;
  requestId?: string | null;
}

/**
 * Append an auth event. A failure to audit is logged, not thrown: the caller has already decided
 * (e.g. refused access), and turning that into a 500 would hide the real answer from the user.
 */
export async function auditAuthEvent(event: AuthAuditEvent): Promise<void> {
  try {
    const { db } = await getDb();
    await appendAuditEvent(db, { ...event, at: now() });
  } catch (error) {
    requestLogger(event.requestId ?? "auth-audit").error({ err: error, action: event.action }, "could not write auth audit event");
  }
}
