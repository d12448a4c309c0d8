import type { Kysely } from "kysely";
import type { AlertEventRequest } from "@/lib/hl7";
import { type BusinessContext, type BusinessOutcome, reply } from "@/simulator/business/business-context";
import type { SimulatorDatabase, SpineAlertTable } from "@/simulator/store/schema";

/**
 * COMT_IN000001UK01 → MCCI_IN010000UK13 AA: Spine's alert service keeps the alert for the
 * privacy officers' alert viewer (docs/domain.md §10). It checks nothing beyond the rules already
 * run (Spine 2's alert rules are presence checks only): no PDS or SDS look-up.
 *
 * Each message is kept once, by its MessageId: the ebXML front's duplicate elimination already
 * stops a re-sent reliable message reaching here, and the MHS front, which has none of its own,
 * is covered by the key (a repeat is answered AA again and not stored twice).
 */
export async function receiveAlert(context: BusinessContext, alert: AlertEventRequest): Promise<BusinessOutcome> {
  await context.db
    .insertInto("spine_alerts")
    .values(alertRow(context, alert))
    .onConflict((conflict) => conflict.column("message_id").doNothing())
    .execute();
  return reply("MCCI_IN010000UK13", {});
}

function alertRow(context: BusinessContext, alert: AlertEventRequest): SpineAlertTable {
  return {
    message_id: context.header.messageId,
    alert_id: alert.alertId,
    received_at: context.config.now().toISOString(),
    sender_asid: context.header.senderAsid,
    alert_type_code: alert.alertType.code,
    alert_reason_code: alert.reason.code.code,
    reason_text: alert.reasonText?.text ?? null,
    notification_text: alert.notification?.text ?? null,
    effective_time: alert.effectiveTime,
    nhs_number: alert.nhsNumber,
    author_user_id: alert.author.userId,
    author_role_profile_id: alert.author.roleProfileId,
    author_org_code: alert.author.organisation.odsCode,
    payload: JSON.stringify(alert),
  };
}

/** What the control API lists: the stored columns plus the alert as it arrived. */
export async function listSpineAlerts(
  db: Kysely<SimulatorDatabase>,
  filter: { nhsNumber?: string | null } = {},
): Promise<(Omit<SpineAlertTable, "payload"> & { kind: "spine-alert"; alert: AlertEventRequest })[]> {
  let query = db.selectFrom("spine_alerts").selectAll().orderBy("received_at").orderBy("message_id");
  if (filter.nhsNumber) query = query.where("nhs_number", "=", filter.nhsNumber);
  const rows = await query.execute();
  return rows.map(({ payload, ...row }) => ({ ...row, kind: "spine-alert" as const, alert: JSON.parse(payload) as AlertEventRequest }));
}
