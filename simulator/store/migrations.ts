import type { Kysely } from "kysely";
import type { Migration } from "kysely/migration";

/** In-code migrations (static, so they run under tsx, vitest and bundlers alike). */
export const simulatorMigrations: Record<string, Migration> = {
  "0001_simulator_world": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("patients")
        .addColumn("nhs_number", "text", (c) => c.primaryKey())
        .addColumn("given_name", "text", (c) => c.notNull())
        .addColumn("family_name", "text", (c) => c.notNull())
        .addColumn("birth_date", "text", (c) => c.notNull())
        .addColumn("gender", "text", (c) => c.notNull())
        .addColumn("deceased_at", "text")
        .addColumn("notable", "text")
        .execute();
      await db.schema
        .createTable("users")
        .addColumn("user_id", "text", (c) => c.primaryKey())
        .addColumn("display_name", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("role_profiles")
        .addColumn("role_profile_id", "text", (c) => c.primaryKey())
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("org_code", "text", (c) => c.notNull())
        .addColumn("org_name", "text", (c) => c.notNull())
        .addColumn("job_role_code", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("workgroups")
        .addColumn("workgroup_id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("org_code", "text", (c) => c.notNull())
        .addColumn("org_name", "text", (c) => c.notNull())
        .addColumn("type_code", "text", (c) => c.notNull())
        .addColumn("status_code", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("workgroup_members")
        .addColumn("workgroup_id", "text", (c) => c.notNull())
        .addColumn("role_profile_id", "text", (c) => c.notNull())
        .addColumn("user_id", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("workgroup_members_pk", ["workgroup_id", "role_profile_id"])
        .execute();
      await db.schema
        .createTable("legitimate_relationships")
        .addColumn("lr_id", "text", (c) => c.primaryKey())
        .addColumn("nhs_number", "text", (c) => c.notNull())
        .addColumn("subject_kind", "text", (c) => c.notNull())
        .addColumn("subject_role_profile_id", "text")
        .addColumn("subject_user_id", "text")
        .addColumn("subject_workgroup_id", "text")
        .addColumn("lr_type_code", "text", (c) => c.notNull())
        .addColumn("author_kind", "text", (c) => c.notNull())
        .addColumn("author_role_profile_id", "text")
        .addColumn("author_user_id", "text")
        .addColumn("author_asid", "text")
        .addColumn("access_reason_code", "text")
        .addColumn("access_reason_text", "text")
        .addColumn("alert_requested", "boolean", (c) => c.notNull())
        .addColumn("start_time", "text", (c) => c.notNull())
        .addColumn("end_time", "text")
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("created_seq", "integer", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("legitimate_relationships_patient").on("legitimate_relationships").column("nhs_number").execute();
      await db.schema
        .createTable("lr_status_changes")
        .addColumn("change_id", "serial", (c) => c.primaryKey())
        .addColumn("lr_id", "text", (c) => c.notNull())
        .addColumn("sc_reason_code", "text", (c) => c.notNull())
        .addColumn("from_status", "text", (c) => c.notNull())
        .addColumn("to_status", "text", (c) => c.notNull())
        .addColumn("author_role_profile_id", "text")
        .addColumn("author_user_id", "text")
        .addColumn("author_asid", "text")
        .addColumn("changed_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("message_log")
        .addColumn("log_id", "serial", (c) => c.primaryKey())
        .addColumn("logged_at", "text", (c) => c.notNull())
        .addColumn("direction", "text", (c) => c.notNull())
        .addColumn("transport", "text", (c) => c.notNull())
        .addColumn("interaction_id", "text")
        .addColumn("message_id", "text")
        .addColumn("ref_to_message_id", "text")
        .addColumn("sender_asid", "text")
        .addColumn("http_status", "integer")
        .addColumn("outcome", "text", (c) => c.notNull())
        .addColumn("body", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("seen_messages")
        .addColumn("message_id", "text", (c) => c.primaryKey())
        .addColumn("received_at", "text", (c) => c.notNull())
        .addColumn("expires_at", "text", (c) => c.notNull())
        .addColumn("sender_party_key", "text", (c) => c.notNull())
        .addColumn("reply_body", "text")
        .addColumn("reply_content_type", "text")
        .addColumn("reply_endpoint", "text")
        .addColumn("reply_soap_action", "text")
        .addColumn("reply_message_id", "text")
        .addColumn("reply_interaction_id", "text")
        .addColumn("reply_expects_ack", "boolean")
        .execute();
      await db.schema
        .createTable("counters")
        .addColumn("counter_name", "text", (c) => c.primaryKey())
        .addColumn("counter_value", "integer", (c) => c.notNull())
        .execute();
    },
  },
  "0002_world_meta": {
    async up(db: Kysely<unknown>) {
      // Which scenario the stored world came from, so a restart on a kept folder can say so.
      await db.schema
        .createTable("world_meta")
        .addColumn("meta_key", "text", (c) => c.primaryKey())
        .addColumn("meta_value", "text", (c) => c.notNull())
        .execute();
    },
  },
  "0003_spine_alerts": {
    async up(db: Kysely<unknown>) {
      // Privacy-officer alerts received as COMT_IN000001UK01, one row per MessageId.
      await db.schema
        .createTable("spine_alerts")
        .addColumn("message_id", "text", (c) => c.primaryKey())
        .addColumn("alert_id", "text", (c) => c.notNull())
        .addColumn("received_at", "text", (c) => c.notNull())
        .addColumn("sender_asid", "text", (c) => c.notNull())
        .addColumn("alert_type_code", "text", (c) => c.notNull())
        .addColumn("alert_reason_code", "text", (c) => c.notNull())
        .addColumn("reason_text", "text")
        .addColumn("notification_text", "text")
        .addColumn("effective_time", "text", (c) => c.notNull())
        .addColumn("nhs_number", "text", (c) => c.notNull())
        .addColumn("author_user_id", "text", (c) => c.notNull())
        .addColumn("author_role_profile_id", "text", (c) => c.notNull())
        .addColumn("author_org_code", "text", (c) => c.notNull())
        .addColumn("payload", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("spine_alerts_patient").on("spine_alerts").column("nhs_number").execute();
    },
  },
};
