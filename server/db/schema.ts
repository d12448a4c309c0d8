import "server-only";
import type { ColumnType, Generated, RawBuilder } from "kysely";

/**
 * Kysely table types for the BFF database. Column names are snake_case as stored; the query
 * modules map rows to camelCase domain objects. jsonb columns only accept `jsonb(value)` on
 * write (see lib/store/jsonb.ts) so a JS array can never be sent as a Postgres array literal.
 */

type Json<T> = ColumnType<T, RawBuilder<T>, RawBuilder<T>>;
type NullableJson<T> = ColumnType<T | null, RawBuilder<T> | null | undefined, RawBuilder<T> | null>;
/** Set by the caller on insert (app clock, so tests control time), never by a default. */
type Timestamp = ColumnType<Date, Date, Date>;
type NullableTimestamp = ColumnType<Date | null, Date | null | undefined, Date | null>;
type CreatedAt = ColumnType<Date, Date, never>;

/** The role profile chosen at sign-in, as shown to the user and used for RBAC. */
export interface RoleSnapshot {
  roleProfileId: string;
  orgCode: string;
  orgName?: string;
  roleCode?: string;
  roleName?: string;
  activityCodes: string[];
}

export interface SessionsTable {
  /** Opaque random id carried in the sealed session cookie. */
  id: string;
  /** CIS2 subject (UID). */
  sub: string;
  /** CIS2 session id from the ID token; back-channel logout names it. */
  sid: string | null;
  selected_role_id: string | null;
  role_snapshot: NullableJson<RoleSnapshot>;
  /** Effective permissions for the selected role, computed once at sign-in. */
  permissions: Json<string[]>;
  /** Kept for RP-initiated logout (`id_token_hint`). */
  id_token_hint: string | null;
  created_at: CreatedAt;
  last_seen_at: Timestamp;
  /** Absolute (hard) expiry; idle expiry is judged from last_seen_at. */
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
  revoked_reason: string | null;
}

export type { AuditOutcome } from "@/lib/schemas/audit";

import type { AuditOutcome } from "@/lib/schemas/audit";

export interface AuditEventsTable {
  id: Generated<number>;
  at: CreatedAt;
  actor_sub: string | null;
  role_id: string | null;
  /** ODS code of the actor's selected role's organisation. */
  org_code: ColumnType<string | null, string | null | undefined, never>;
  action: string;
  nhs_number: string | null;
  outcome: AuditOutcome;
  details: Json<Record<string, unknown>>;
  request_id: string | null;
  /** The Spine message the action sent, when it sent one. */
  spine_message_id: ColumnType<string | null, string | null | undefined, never>;
  /** Hash chain (migration 0003): set by the database on insert, never by the app. */
  prev_hash: ColumnType<string, never, never>;
  row_hash: ColumnType<string, never, never>;
}

export type OutboxState = "pending" | "sent" | "confirmed" | "failed";

/** What the UI shows about an operation without parsing HL7. */
export interface OperationSummary {
  kind: string;
  description?: string;
  [detail: string]: unknown;
}

export interface OutboxError {
  code: string;
  message: string;
  [detail: string]: unknown;
}

export interface OutboxTable {
  /** The Spine MessageId (upper-case UUID), reused on every retry of the same message. */
  message_id: string;
  interaction_id: string;
  idempotency_key: string;
  state: ColumnType<OutboxState, OutboxState, OutboxState>;
  /** Who asked and for whom: lets the UI list operations without opening the message. */
  actor_sub: string | null;
  role_id: string | null;
  nhs_number: string | null;
  request_body: string;
  /** The reply as received, unless it is stored compressed. */
  reply_body: string | null;
  /** A reply over 256 kB: gzip, base64 (migration 0009); `reply_body` is then null. */
  reply_compressed: string | null;
  error: NullableJson<OutboxError>;
  attempts: ColumnType<number, number | undefined, number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
  next_attempt_at: NullableTimestamp;
  /** After this the message is not retried any more (Spine persist duration). */
  persist_until: Timestamp;
  sent_at: NullableTimestamp;
  completed_at: NullableTimestamp;
  operation: Json<OperationSummary>;
}

export interface SeenLogoutTokensTable {
  jti: string;
  expires_at: Timestamp;
}

export type AlertStatus = "new" | "open" | "investigating" | "closed";

export interface AlertsTable {
  /** The AlertEvent id (upper-case UUID): the alert reference a privacy officer quotes. */
  id: string;
  /** The organisation whose privacy officers review it: the acting role's organisation. */
  org_code: string;
  /** Alert type code (lib/hl7/vocab/alert-codes.ts): "1" self-claimed LR, "2" access. */
  alert_type: string;
  reason_code: string;
  reason_text: string | null;
  nhs_number: string;
  actor_sub: string;
  actor_role_id: string;
  actor_name: string | null;
  actor_role_name: string | null;
  actor_org_name: string | null;
  lr_id: string | null;
  /** The Spine message of the action that raised it (the LR create, or the emergency details query). */
  source_message_id: string | null;
  /** The COMT_IN000001UK01 message (outbox row) that sends the alert to Spine. */
  spine_message_id: string | null;
  status: ColumnType<AlertStatus, AlertStatus | undefined, AlertStatus>;
  sample_id: string | null;
  raised_at: Timestamp;
  updated_at: Timestamp;
}

export interface AlertEventsTable {
  id: Generated<number>;
  alert_id: string;
  at: Timestamp;
  actor_sub: string;
  actor_role_id: string | null;
  actor_name: string | null;
  kind: "note" | "status" | "sampled";
  from_status: AlertStatus | null;
  to_status: AlertStatus | null;
  note: string | null;
}

export interface AlertSamplesTable {
  id: string;
  org_code: string;
  percentage: number;
  period_start: Timestamp;
  period_end: Timestamp;
  seed: string;
  drawn_by: string;
  drawn_at: Timestamp;
  population: number;
  sampled: number;
}

export interface TrainingExercisesTable {
  id: Generated<number>;
  /** The scenario loaded (lib/training/scenarios.json), or null after a plain reset. */
  scenario: string | null;
  started_at: Timestamp;
  started_by: string;
  started_by_name: string | null;
}

export interface Database {
  sessions: SessionsTable;
  audit_events: AuditEventsTable;
  outbox: OutboxTable;
  seen_logout_tokens: SeenLogoutTokensTable;
  alerts: AlertsTable;
  alert_events: AlertEventsTable;
  alert_samples: AlertSamplesTable;
  training_exercises: TrainingExercisesTable;
}
