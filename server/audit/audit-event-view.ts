import "server-only";
import type { AuditTrailEvent } from "@/lib/schemas/audit-trail";
import type { AuditRow } from "@/server/db/audit-search";

export function auditTrailEventOf(row: AuditRow): AuditTrailEvent {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actorSub: row.actor_sub,
    roleId: row.role_id,
    orgCode: row.org_code,
    action: row.action,
    nhsNumber: row.nhs_number,
    outcome: row.outcome,
    spineMessageId: row.spine_message_id,
    requestId: row.request_id,
    details: row.details,
  };
}
