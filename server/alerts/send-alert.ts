import "server-only";
import { formatHl7Timestamp } from "@/lib/hl7";
import { makeAlertEvent } from "@/lib/hl7/messages/alert-event";
import { findAlertForSending, setAlertSpineMessage } from "@/server/db/alerts";
import { type LrContext, newMessageHeader, ownerOf, runtimeOf } from "@/server/lr/lr-context";
import { queueUpdate } from "@/server/spine/send-update";

/** What Spine's alert rules require to be non-empty, when CIS2 gave no display name. */
const NAME_NOT_AVAILABLE = "Name not available";
const DEVICE_NAME = "LR Manager";

/**
 * Queue the alert's COMT_IN000001UK01 for Spine through the outbox (async reliable; direct ebXML
 * or the MHS adaptor, as configured), validated by Spine 2's alert rules before it is stored. One
 * message per alert (the alert id is the idempotency key): a repeat returns the stored message,
 * unless `newMessage` (its old message failed past its persist duration).
 */
export async function sendAlertToSpine(ctx: LrContext, alertId: string, options: { newMessage?: boolean } = {}): Promise<string> {
  const rt = await runtimeOf(ctx);
  const alert = await findAlertForSending(rt.store.db, alertId);
  if (!alert) throw new Error(`alert ${alertId} is not stored`);
  const header = newMessageHeader(ctx, rt, "COMT_IN000001UK01");
  const payload = makeAlertEvent({
    type: alert.alert_type,
    reason: alert.reason_code,
    ...(alert.reason_text ? { reasonText: alert.reason_text } : {}),
    effectiveTime: formatHl7Timestamp(alert.raised_at),
    author: {
      roleProfileId: alert.actor_role_id,
      userId: alert.actor_sub,
      roleName: alert.actor_role_name || NAME_NOT_AVAILABLE,
      personName: alert.actor_name || NAME_NOT_AVAILABLE,
      organisation: { odsCode: alert.org_code, name: alert.actor_org_name || alert.org_code },
    },
    device: { asid: rt.options.fromAsid, name: DEVICE_NAME },
    nhsNumber: alert.nhs_number,
    alertId: alert.id,
  });
  const { messageId } = await queueUpdate(rt, {
    request: { interactionId: "COMT_IN000001UK01", header, payload },
    // A new message for the same alert only when asked (the old one can no longer be re-sent).
    idempotencyKey: options.newMessage ? `alert:${alert.id}:${header.messageId}` : `alert:${alert.id}`,
    actorSub: ownerOf(ctx),
    roleId: ctx.roleProfileId,
    nhsNumber: alert.nhs_number,
    operation: { kind: "alert", description: "Send privacy-officer alert to Spine", alertId: alert.id, orgCode: alert.org_code },
  });
  await setAlertSpineMessage(rt.store.db, alert.id, messageId);
  return messageId;
}
