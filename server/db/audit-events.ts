import "server-only";
import type { Kysely, Selectable } from "kysely";
import { normaliseNhsNumber } from "@/lib/nhs/nhs-number";
import { jsonb } from "@/lib/store/jsonb";
import type { AuditEventsTable, AuditOutcome, Database } from "./schema";

/**
 * The audit trail. Append-only: the table's triggers refuse UPDATE, DELETE and TRUNCATE, so this
 * module only ever inserts and reads.
 */

export interface AuditEvent {
  id: number;
  at: Date;
  actorSub: string | null;
  roleId: string | null;
  orgCode: string | null;
  action: string;
  nhsNumber: string | null;
  outcome: AuditOutcome;
  details: Record<string, unknown>;
  requestId: string | null;
  spineMessageId: string | null;
}

export interface NewAuditEvent {
  action: string;
  outcome: AuditOutcome;
  actorSub?: string | null;
  roleId?: string | null;
  orgCode?: string | null;
  spineMessageId?: string | null;
  /** Ten digits (spaces allowed). Put unvalidated user input in `details`, not here. */
  nhsNumber?: string | null;
  details?: Record<string, unknown>;
  requestId?: string | null;
  at?: Date;
}

export interface AuditEventQuery {
  nhsNumber?: string;
  orgCode?: string;
  actorSub?: string;
  action?: string;
  since?: Date;
  until?: Date;
  /** Keyset paging, newest first: pass the last id of the previous page. */
  beforeId?: number;
  limit?: number;
}

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

function toAuditEvent(row: Selectable<AuditEventsTable>): AuditEvent {
  return {
    id: row.id,
    at: row.at,
    actorSub: row.actor_sub,
    roleId: row.role_id,
    orgCode: row.org_code,
    action: row.action,
    nhsNumber: row.nhs_number,
    outcome: row.outcome,
    details: row.details,
    requestId: row.request_id,
    spineMessageId: row.spine_message_id,
  };
}

export async function appendAuditEvent(db: Kysely<Database>, event: NewAuditEvent): Promise<AuditEvent> {
  const row = await db
    .insertInto("audit_events")
    .values({
      at: event.at ?? new Date(),
      actor_sub: event.actorSub ?? null,
      role_id: event.roleId ?? null,
      org_code: event.orgCode ?? null,
      spine_message_id: event.spineMessageId ?? null,
      action: event.action,
      nhs_number: event.nhsNumber ? normaliseNhsNumber(event.nhsNumber) : null,
      outcome: event.outcome,
      details: jsonb(event.details ?? {}),
      request_id: event.requestId ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toAuditEvent(row);
}

/** Newest first. */
export async function listAuditEvents(db: Kysely<Database>, filter: AuditEventQuery = {}): Promise<AuditEvent[]> {
  let query = db.selectFrom("audit_events").selectAll();
  if (filter.nhsNumber !== undefined) query = query.where("nhs_number", "=", normaliseNhsNumber(filter.nhsNumber));
  if (filter.actorSub !== undefined) query = query.where("actor_sub", "=", filter.actorSub);
  if (filter.orgCode !== undefined) query = query.where("org_code", "=", filter.orgCode);
  if (filter.action !== undefined) query = query.where("action", "=", filter.action);
  if (filter.since !== undefined) query = query.where("at", ">=", filter.since);
  if (filter.until !== undefined) query = query.where("at", "<", filter.until);
  if (filter.beforeId !== undefined) query = query.where("id", "<", filter.beforeId);
  const limit = Math.min(Math.max(filter.limit ?? DEFAULT_LIMIT, 1), MAX_LIMIT);
  const rows = await query.orderBy("id", "desc").limit(limit).execute();
  return rows.map(toAuditEvent);
}
