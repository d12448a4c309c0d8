import "server-only";
import { accessAlertReason, alertTypeOf, selfClaimAlertReason } from "@/lib/alerts/raise-rules";
import { newMessageId } from "@/lib/hl7/message-id";
import type { NhsNumber } from "@/lib/nhs/nhs-number";
import type { AlertKind } from "@/lib/schemas/alerts";
import { AUDIT_ACTIONS } from "@/lib/schemas/audit";
import { recordAudit } from "@/server/audit/record-audit";
import { insertAlert } from "@/server/db/alerts";
import { auditActorOf, type LrContext, runtimeOf } from "@/server/lr/lr-context";
import { sendAlertToSpine } from "./send-alert";

/**
 * A self-claim or an emergency / override access raises an alert for the privacy officers of the
 * acting role's organisation: stored here first (so it is never lost), audited, then queued for
 * Spine as COMT_IN000001UK01 — the user's own action does not wait for that send, and a failed
 * send leaves the alert queued and visible as "not yet sent to Spine".
 */
export interface RaiseAlertInput {
  kind: AlertKind;
  nhsNumber: NhsNumber;
  reasonCode: string;
  reasonText?: string;
  lrId?: string;
  /** The Spine message of the action that raised it: one alert per action, however often it is retried. */
  sourceMessageId: string;
}

export async function raiseAlert(ctx: LrContext, input: RaiseAlertInput): Promise<string> {
  const rt = await runtimeOf(ctx);
  const alertId = newMessageId();
  const at = rt.now();
  const created = await insertAlert(rt.store.db, {
    id: alertId,
    org_code: ctx.orgCode,
    alert_type: alertTypeOf(input.kind),
    reason_code: input.reasonCode,
    reason_text: input.reasonText?.trim() || null,
    nhs_number: input.nhsNumber,
    actor_sub: ctx.userId,
    actor_role_id: ctx.roleProfileId,
    actor_name: ctx.names?.user ?? null,
    actor_role_name: ctx.names?.role ?? null,
    actor_org_name: ctx.names?.organisation ?? null,
    lr_id: input.lrId ?? null,
    source_message_id: input.sourceMessageId,
    spine_message_id: null,
    raised_at: at,
    updated_at: at,
  });
  if (!created) return alertId;
  await recordAudit(
    {
      action: AUDIT_ACTIONS.alertRaised,
      outcome: "success",
      actor: auditActorOf(ctx),
      nhsNumber: input.nhsNumber,
      spineMessageId: input.sourceMessageId,
      details: { alertId, kind: input.kind, reasonCode: input.reasonCode },
      requestId: ctx.requestId ?? null,
    },
    rt.store.db,
  );
  try {
    await sendAlertToSpine(ctx, alertId);
  } catch (error) {
    // The alert is stored and shown as "not yet sent to Spine"; a privacy officer can send it again.
    ctx.log.error({ err: error, alertId }, "alert stored but could not be queued for Spine");
  }
  return alertId;
}

/** A self-claimed LR that Spine accepted (or is still processing) raises its alert. */
export function raiseSelfClaimAlert(
  ctx: LrContext,
  claim: { nhsNumber: NhsNumber; accessReasonCode: string; accessReasonText: string; lrId?: string; messageId: string },
): Promise<string> {
  return raiseAlert(ctx, {
    kind: "selfClaim",
    nhsNumber: claim.nhsNumber,
    reasonCode: selfClaimAlertReason(claim.accessReasonCode),
    reasonText: claim.accessReasonText,
    ...(claim.lrId ? { lrId: claim.lrId } : {}),
    sourceMessageId: claim.messageId,
  });
}

/** An emergency / override access that Spine answered raises an access alert with the reason given. */
export async function raiseAccessAlert(
  ctx: LrContext,
  access: { nhsNumber: NhsNumber; dissentOverride: string; reasonText: string; messageId: string },
): Promise<string | undefined> {
  const reasonCode = accessAlertReason(access.dissentOverride);
  if (!reasonCode) return undefined;
  return raiseAlert(ctx, {
    kind: "access",
    nhsNumber: access.nhsNumber,
    reasonCode,
    reasonText: access.reasonText,
    sourceMessageId: access.messageId,
  });
}
