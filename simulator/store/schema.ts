import type { ColumnType, Generated } from "kysely";
import type { SimulatorLogEntry } from "@/lib/schemas/simulator-log";

/**
 * The simulator's own database: the slice of Spine (PDS, SDS, LRS) it pretends to be,
 * plus the message log and the duplicate-elimination cache. Times are ISO strings so the
 * same rows come back identically from PGlite and PostgreSQL.
 */

/** Same spelling as `LrStatus` in lib/hl7 vocab (INFERRED Active → Frozen → Closed model). */
export type LrStatus = "active" | "frozen" | "closed";
export type LrSubjectKind = "user" | "workgroup";
export type LrAuthorKind = "user" | "system";

export interface PatientTable {
  nhs_number: string;
  given_name: string;
  family_name: string;
  birth_date: string;
  gender: "male" | "female" | "other" | "unknown";
  deceased_at: string | null;
  notable: string | null;
}

export interface UserTable {
  user_id: string;
  display_name: string;
}

export interface RoleProfileTable {
  role_profile_id: string;
  user_id: string;
  org_code: string;
  org_name: string;
  job_role_code: string;
}

export interface WorkgroupTable {
  workgroup_id: string;
  name: string;
  org_code: string;
  org_name: string;
  /** WorkgroupType …17.181: 01 Standard, 02 Long Term Care. */
  type_code: string;
  /** WorkgroupStatus …17.184: 01 Open, 02 Frozen, 03 Closed. */
  status_code: string;
}

export interface WorkgroupMemberTable {
  workgroup_id: string;
  role_profile_id: string;
  user_id: string;
}

export interface LegitimateRelationshipTable {
  lr_id: string;
  nhs_number: string;
  subject_kind: LrSubjectKind;
  subject_role_profile_id: string | null;
  subject_user_id: string | null;
  subject_workgroup_id: string | null;
  lr_type_code: string;
  author_kind: LrAuthorKind;
  author_role_profile_id: string | null;
  author_user_id: string | null;
  author_asid: string | null;
  access_reason_code: string | null;
  access_reason_text: string | null;
  alert_requested: boolean;
  start_time: string;
  end_time: string | null;
  status: LrStatus;
  created_seq: number;
}

export interface LrStatusChangeTable {
  change_id: Generated<number>;
  lr_id: string;
  sc_reason_code: string;
  from_status: LrStatus;
  to_status: LrStatus;
  author_role_profile_id: string | null;
  author_user_id: string | null;
  author_asid: string | null;
  changed_at: string;
}

/** The wire log: the row the control API returns (lib/schemas/simulator-log.ts), plus the sender's ASID. */
export interface MessageLogTable extends Omit<SimulatorLogEntry, "log_id"> {
  log_id: Generated<number>;
  sender_asid: string | null;
}

/** Duplicate elimination: every reliable message id seen, with the reply it produced. */
export interface SeenMessageTable {
  message_id: string;
  received_at: string;
  expires_at: string;
  sender_party_key: string;
  reply_body: string | null;
  reply_content_type: string | null;
  reply_endpoint: string | null;
  reply_soap_action: string | null;
  reply_message_id: string | null;
  reply_interaction_id: string | null;
  reply_expects_ack: boolean | null;
}

/** A privacy-officer alert received as COMT_IN000001UK01 (docs/domain.md §10), kept once per MessageId. */
export interface SpineAlertTable {
  message_id: string;
  /** AlertEvent/id. */
  alert_id: string;
  received_at: string;
  sender_asid: string;
  alert_type_code: string;
  alert_reason_code: string;
  reason_text: string | null;
  notification_text: string | null;
  /** HL7 TS of the access. */
  effective_time: string;
  nhs_number: string;
  author_user_id: string;
  author_role_profile_id: string;
  author_org_code: string;
  /** The whole AlertEvent as the codec read it (JSON). */
  payload: string;
}

export interface CounterTable {
  counter_name: string;
  counter_value: ColumnType<number, number, number>;
}

export interface WorldMetaTable {
  meta_key: string;
  meta_value: string;
}

export interface SimulatorDatabase {
  patients: PatientTable;
  users: UserTable;
  role_profiles: RoleProfileTable;
  workgroups: WorkgroupTable;
  workgroup_members: WorkgroupMemberTable;
  legitimate_relationships: LegitimateRelationshipTable;
  lr_status_changes: LrStatusChangeTable;
  message_log: MessageLogTable;
  seen_messages: SeenMessageTable;
  spine_alerts: SpineAlertTable;
  counters: CounterTable;
  world_meta: WorldMetaTable;
}

/** Tables emptied by a reset, children first. */
export const resettableTables = [
  "lr_status_changes",
  "legitimate_relationships",
  "workgroup_members",
  "workgroups",
  "role_profiles",
  "users",
  "patients",
  "message_log",
  "seen_messages",
  "spine_alerts",
  "counters",
  "world_meta",
] as const satisfies readonly (keyof SimulatorDatabase)[];
