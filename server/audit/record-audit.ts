import "server-only";
import type { Kysely } from "kysely";
import type { NhsNumber } from "@/lib/nhs/nhs-number";
import type { AuditAction, AuditOutcome } from "@/lib/schemas/audit";
import { now } from "@/server/auth/clock";
import { appendAuditEvent } from "@/server/db/audit-events";
import { getDb } from "@/server/db/client";
import type { Database } from "@/server/db/schema";
import { requestLogger } from "@/server/log/logger";

/**
 * The one place the app writes audit events (ASVS 16.3): who (CIS2 user id, role profile,
 * organisation), what (a name from the closed vocabulary in lib/schemas/audit.ts), which patient,
 * which Spine message, and the outcome. Spine updates are audited by the outbox trigger
 * (migration 0002) instead, so their events follow the outbox row wherever it becomes final.
 */
export interface AuditActor {
  sub: string;
  roleProfileId?: string | null;
  orgCode?: string | null;
  sessionId?: string;
}

export interface AuditRecord {
  action: AuditAction;
  outcome: AuditOutcome;
  actor?: AuditActor | null;
  nhsNumber?: NhsNumber | null;
  spineMessageId?: string | null;
  details?: Record<string, unknown>;
  requestId?: string | null;
}

/**
 * Write one event; a failure to write is thrown, so an action that must be audited is not reported
 * as done. `db` is the store to write to when the caller already holds it (the Spine runtime's,
 * which is the app's own store outside tests); default: the app's store.
 */
export async function recordAudit(record: AuditRecord, db?: Kysely<Database>): Promise<void> {
  db ??= (await getDb()).db;
  await appendAuditEvent(db, {
    at: now(),
    action: record.action,
    outcome: record.outcome,
    actorSub: record.actor?.sub ?? null,
    roleId: record.actor?.roleProfileId || null,
    orgCode: record.actor?.orgCode || null,
    nhsNumber: record.nhsNumber ?? null,
    spineMessageId: record.spineMessageId ?? null,
    // The session id ties events to one sign-in (e.g. "recently viewed in this session").
    details: { ...(record.actor?.sessionId ? { sessionId: record.actor.sessionId } : {}), ...record.details },
    requestId: record.requestId ?? null,
  });
}

/**
 * For events written after the decision is made (a refusal, a sign-out): a failure to audit is
 * logged, not thrown, since turning it into a 500 would hide the real answer from the user.
 */
export async function recordAuditOrLog(record: AuditRecord): Promise<void> {
  try {
    await recordAudit(record);
  } catch (error) {
    requestLogger(record.requestId ?? "audit").error({ err: error, action: record.action }, "could not write audit event");
  }
}
