import "server-only";
import { AppError } from "@/lib/errors/app-error";
import type { NhsNumber } from "@/lib/nhs/nhs-number";
import type { AlertStatus } from "@/lib/schemas/alerts";
import { AUDIT_ACTIONS } from "@/lib/schemas/audit";
import { recordAudit } from "@/server/audit/record-audit";
import { now } from "@/server/auth/clock";
import type { SignedInUser } from "@/server/auth/signed-in-user";
import { type AlertRow, findAlert, recordAlertEvent } from "@/server/db/alerts";
import { getDb } from "@/server/db/client";
import { ALERT_NOT_FOUND, alertScopeOf, assertNotOwnAlert } from "./alert-scope";

/**
 * The one way an alert changes (a note, a status): in scope, never by the person who caused it
 * (four-eyes, on the server), recorded with who and when, and audited once.
 */
export async function changeAlert(
  user: SignedInUser,
  alertId: string,
  change: { note?: string; toStatus?: AlertStatus },
  requestId?: string,
): Promise<void> {
  const { db } = await getDb();
  const alert = await findAlert(db, alertScopeOf(user), alertId);
  if (!alert) throw ALERT_NOT_FOUND();
  assertNotOwnAlert(user, alert);
  const toStatus = change.toStatus && change.toStatus !== alert.status ? change.toStatus : undefined;
  if (alert.status === "closed" && toStatus === undefined && change.toStatus === "closed") {
    throw new AppError("conflict", "This alert is already closed.");
  }
  const recorded = await recordAlertEvent(
    db,
    {
      alert_id: alert.id,
      at: now(),
      actor_sub: user.sub,
      actor_role_id: user.roleProfileId,
      actor_name: user.userName ?? null,
      kind: toStatus ? "status" : "note",
      from_status: toStatus ? alert.status : null,
      to_status: toStatus ?? null,
      note: change.note ?? null,
    },
    toStatus ? alert.status : undefined,
  );
  if (!recorded)
    throw new AppError("conflict", "Someone else changed this alert while you were looking at it. Check its history and try again.");
  await auditChange(user, alert, toStatus, requestId);
}

async function auditChange(user: SignedInUser, alert: AlertRow, toStatus: AlertStatus | undefined, requestId: string | undefined) {
  await recordAudit({
    action: AUDIT_ACTIONS.alertChanged,
    outcome: "success",
    actor: { sub: user.sub, roleProfileId: user.roleProfileId, orgCode: user.orgCode, sessionId: user.sessionId },
    nhsNumber: alert.nhs_number as NhsNumber,
    spineMessageId: alert.spine_message_id,
    details: { alertId: alert.id, change: toStatus ? "status" : "note", ...(toStatus ? { from: alert.status, to: toStatus } : {}) },
    requestId: requestId ?? null,
  });
}
