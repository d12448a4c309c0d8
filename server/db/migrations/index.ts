import "server-only";
import type { Migration } from "kysely/migration";
import { initialMigration } from "./0001-initial";
import { auditWhoMigration } from "./0002-audit-who-and-outbox-trail";
import { auditHashChainMigration } from "./0003-audit-hash-chain";
import { batchChecksMigration } from "./0004-batch-checks";
import { workgroupDirectoryMigration } from "./0005-workgroup-directory";
import { alertsMigration } from "./0006-alerts";
import { trainingExercisesMigration } from "./0007-training-exercises";
import { batchCheckListsMigration } from "./0008-batch-check-lists";
import { outboxReplyCompressedMigration } from "./0009-outbox-reply-compressed";
import { sessionRevokedNotifyMigration } from "./0010-session-revoked-notify";

/** Every BFF migration, keyed in the order they apply. Add new ones at the end; never rename. */
export const appMigrations: Record<string, Migration> = {
  "0001_initial": initialMigration,
  "0002_audit_who_and_outbox_trail": auditWhoMigration,
  "0003_audit_hash_chain": auditHashChainMigration,
  "0004_batch_checks": batchChecksMigration,
  "0005_workgroup_directory": workgroupDirectoryMigration,
  "0006_alerts": alertsMigration,
  "0007_training_exercises": trainingExercisesMigration,
  "0008_batch_check_lists": batchCheckListsMigration,
  "0009_outbox_reply_compressed": outboxReplyCompressedMigration,
  "0010_session_revoked_notify": sessionRevokedNotifyMigration,
};
