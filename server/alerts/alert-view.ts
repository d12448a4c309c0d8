import "server-only";
import { kindOfAlertType } from "@/lib/alerts/raise-rules";
import { ALERT_REASONS, ALERT_TYPES } from "@/lib/hl7/vocab/alert-codes";
import { displayNameOf } from "@/lib/hl7/vocab/vocabulary";
import type { AlertEvent, AlertSendState, AlertSummary } from "@/lib/schemas/alerts";
import type { AlertEventRow, AlertRow } from "@/server/db/alerts";

/** Alert rows as the pages show them: codes to names, the outbox state to "sent / queued / failed". */
function sendStateOf(row: AlertRow): AlertSendState {
  if (row.send_state === "confirmed") return "sent";
  if (row.send_state === "failed") return "failed";
  // A Spine message with no outbox row was sent before this store kept it (the seeded backlog).
  if (row.send_state === null && row.spine_message_id !== null) return "sent";
  return "queued";
}

export function alertSummaryOf(row: AlertRow): AlertSummary {
  return {
    id: row.id,
    kind: kindOfAlertType(row.alert_type) ?? "access",
    typeName: displayNameOf(ALERT_TYPES, row.alert_type) ?? `Type ${row.alert_type}`,
    status: row.status,
    raisedAt: row.raised_at.toISOString(),
    nhsNumber: row.nhs_number,
    actor: {
      userId: row.actor_sub,
      roleProfileId: row.actor_role_id,
      orgCode: row.org_code,
      ...(row.actor_name ? { name: row.actor_name } : {}),
      ...(row.actor_role_name ? { roleName: row.actor_role_name } : {}),
      ...(row.actor_org_name ? { orgName: row.actor_org_name } : {}),
    },
    reasonName: displayNameOf(ALERT_REASONS, row.reason_code) ?? `Reason ${row.reason_code}`,
    sendState: sendStateOf(row),
    sampled: row.sample_id !== null,
  };
}

export function alertEventOf(row: AlertEventRow): AlertEvent {
  return {
    id: row.id,
    at: row.at.toISOString(),
    by: { userId: row.actor_sub, ...(row.actor_name ? { name: row.actor_name } : {}) },
    kind: row.kind,
    ...(row.from_status ? { fromStatus: row.from_status } : {}),
    ...(row.to_status ? { toStatus: row.to_status } : {}),
    ...(row.note ? { note: row.note } : {}),
  };
}
