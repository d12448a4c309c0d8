import "server-only";
import type { AuditActor } from "@/server/audit/record-audit";
import type { SignedInUser } from "@/server/auth/signed-in-user";

/** The trainer as the audit trail records them. */
export function trainerAuditActor(user: SignedInUser): AuditActor {
  return { sub: user.sub, roleProfileId: user.roleProfileId, orgCode: user.orgCode, sessionId: user.sessionId };
}
