import "server-only";
import { AppError } from "@/lib/errors/app-error";
import type { SignedInUser } from "@/server/auth/signed-in-user";
import { findAlert } from "@/server/db/alerts";
import { getDb } from "@/server/db/client";
import { reopenFailed } from "@/server/db/outbox";
import type { LrContext } from "@/server/lr/lr-context";
import { runtimeOf } from "@/server/lr/lr-context";
import { ALERT_NOT_FOUND, alertScopeOf } from "./alert-scope";
import { sendAlertToSpine } from "./send-alert";

/**
 * "Send to Spine again" for an alert Spine does not have: a failed message is reopened and re-sent
 * with its original MessageId while its persist duration lasts (Spine eliminates a duplicate);
 * after that, or when it was never queued, a new message carries the same alert id.
 */
export async function resendAlert(user: SignedInUser, lr: LrContext, alertId: string): Promise<{ spineMessageId: string }> {
  const { db } = await getDb();
  const alert = await findAlert(db, alertScopeOf(user), alertId);
  if (!alert) throw ALERT_NOT_FOUND();
  if (alert.send_state === "confirmed" || (alert.send_state === null && alert.spine_message_id !== null)) {
    throw new AppError("conflict", "Spine already has this alert.");
  }
  if (alert.spine_message_id && alert.send_state === "failed") {
    const rt = await runtimeOf(lr);
    const reopened = await reopenFailed(rt.store.db, alert.spine_message_id, { now: rt.now() });
    if (reopened.ok) return { spineMessageId: alert.spine_message_id };
  }
  if (alert.spine_message_id && alert.send_state !== "failed") return { spineMessageId: alert.spine_message_id };
  return { spineMessageId: await sendAlertToSpine(lr, alert.id, { newMessage: alert.spine_message_id !== null }) };
}
