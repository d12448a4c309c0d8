import "server-only";
import type { AlertDetail } from "@/lib/schemas/alerts";
import type { SignedInUser } from "@/server/auth/signed-in-user";
import { findAlert, listAlertEvents } from "@/server/db/alerts";
import { getDb } from "@/server/db/client";
import { ALERT_NOT_FOUND, alertScopeOf } from "./alert-scope";
import { alertEventOf, alertSummaryOf } from "./alert-view";

/** One alert with its whole history, if it is in the viewer's organisation and kinds (else not found). */
export async function getAlert(user: SignedInUser, id: string): Promise<AlertDetail> {
  const { db } = await getDb();
  const row = await findAlert(db, alertScopeOf(user), id);
  if (!row) throw ALERT_NOT_FOUND();
  const events = await listAlertEvents(db, row.id);
  return {
    ...alertSummaryOf(row),
    ...(row.reason_text ? { reasonText: row.reason_text } : {}),
    ...(row.lr_id ? { lrId: row.lr_id } : {}),
    ...(row.source_message_id ? { sourceMessageId: row.source_message_id } : {}),
    ...(row.spine_message_id ? { spineMessageId: row.spine_message_id } : {}),
    ...(row.send_error && row.send_state !== "confirmed" ? { sendError: row.send_error } : {}),
    events: events.map(alertEventOf),
    canAct: row.actor_sub !== user.sub,
  };
}
