import "server-only";
import type { Kysely, Selectable } from "kysely";
import { markFailed, replyBodyOf } from "./outbox";
import type { Database, OutboxError, RoleSnapshot, TrainingExercisesTable } from "./schema";

/**
 * The trainer console's reads and writes on the app's store (issue 15): exercises, who is signed
 * in, the audit events a guided demo ticks from, and clearing the app's side of the training world.
 * Training mode only (the callers in server/training/ check the mode).
 */
export type ExerciseRow = Selectable<TrainingExercisesTable>;

export async function insertExercise(
  db: Kysely<Database>,
  exercise: { scenario: string | null; startedAt: Date; startedBy: string; startedByName: string | null },
): Promise<ExerciseRow> {
  return db
    .insertInto("training_exercises")
    .values({
      scenario: exercise.scenario,
      started_at: exercise.startedAt,
      started_by: exercise.startedBy,
      started_by_name: exercise.startedByName,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function latestExercise(db: Kysely<Database>): Promise<ExerciseRow | undefined> {
  return db.selectFrom("training_exercises").selectAll().orderBy("started_at", "desc").orderBy("id", "desc").limit(1).executeTakeFirst();
}

/** When the first audit event matching the step happened at or after `since`, if one has. */
export async function firstMatchingAuditEvent(
  db: Kysely<Database>,
  since: Date,
  match: { action: string; actor?: string; nhsNumber?: string; outcome?: string },
): Promise<Date | undefined> {
  let query = db.selectFrom("audit_events").select("at").where("at", ">=", since).where("action", "=", match.action);
  if (match.actor) query = query.where("actor_sub", "=", match.actor);
  if (match.nhsNumber) query = query.where("nhs_number", "=", match.nhsNumber);
  if (match.outcome) query = query.where("outcome", "=", match.outcome as "success" | "failure" | "denied");
  const row = await query.orderBy("at").limit(1).executeTakeFirst();
  return row ? new Date(row.at) : undefined;
}

export interface SignedInSession {
  sub: string;
  userName: string | null;
  roleName: string | null;
  orgCode: string | null;
  signedInAt: Date;
  lastSeenAt: Date;
}

/** Sessions neither revoked nor expired (idle or absolute) at `now`, most recently active first. */
export async function listSignedInSessions(db: Kysely<Database>, now: Date, idleTimeoutMs: number): Promise<SignedInSession[]> {
  const rows = await db
    .selectFrom("sessions")
    .select(["sub", "role_snapshot", "created_at", "last_seen_at"])
    .where("revoked_at", "is", null)
    .where("expires_at", ">", now)
    .where("last_seen_at", ">", new Date(now.getTime() - idleTimeoutMs))
    .orderBy("last_seen_at", "desc")
    .limit(200)
    .execute();
  return rows.map((row) => {
    const role = (row.role_snapshot ?? null) as (RoleSnapshot & { userName?: string }) | null;
    return {
      sub: row.sub,
      userName: role?.userName ?? null,
      roleName: role?.roleName ?? null,
      orgCode: role?.orgCode ?? null,
      signedInAt: new Date(row.created_at),
      lastSeenAt: new Date(row.last_seen_at),
    };
  });
}

/**
 * Messages still waiting for Spine when the world is reset can never be answered by the old world:
 * each is failed (its audit event follows from the outbox trigger) so no page keeps waiting.
 */
export async function failWaitingMessages(db: Kysely<Database>, now: Date, error: OutboxError): Promise<number> {
  const waiting = await db.selectFrom("outbox").select("message_id").where("state", "in", ["pending", "sent"]).execute();
  let failed = 0;
  for (const { message_id } of waiting) if ((await markFailed(db, message_id, { error, now })).ok) failed++;
  return failed;
}

/** Reliable messages still waiting for Spine are made due now, so the outbox worker re-sends them. */
export async function makeWaitingMessagesDue(db: Kysely<Database>, now: Date): Promise<number> {
  const rows = await db
    .updateTable("outbox")
    .set({ next_attempt_at: now, updated_at: now })
    .where("state", "in", ["pending", "sent"])
    .where("persist_until", ">", now)
    .returning("message_id")
    .execute();
  return rows.length;
}

/** Empties the privacy-officer alert queue (samples, history, alerts). */
export async function clearAlerts(db: Kysely<Database>): Promise<void> {
  await db.deleteFrom("alert_events").execute();
  await db.updateTable("alerts").set({ sample_id: null }).execute();
  await db.deleteFrom("alert_samples").execute();
  await db.deleteFrom("alerts").execute();
}

export interface TrainingOutboxMessage {
  messageId: string;
  actorSub: string | null;
  nhsNumber: string | null;
  state: string;
  requestBody: string;
  replyBody: string | null;
  createdAt: Date;
  completedAt: Date | null;
}

/** LR Manager's own record of messages it sent (who, for which patient), by Spine MessageId. */
export async function outboxMessagesByIds(
  db: Kysely<Database>,
  messageIds: readonly string[],
): Promise<Map<string, TrainingOutboxMessage>> {
  if (messageIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("outbox")
    .select([
      "message_id",
      "actor_sub",
      "nhs_number",
      "state",
      "request_body",
      "reply_body",
      "reply_compressed",
      "created_at",
      "completed_at",
    ])
    .where("message_id", "in", [...messageIds])
    .execute();
  // A large reply (a batch's) is stored compressed (migration 0009): read expanded.
  const expanded = new Map<string, string | undefined>();
  for (const row of rows) if (row.reply_compressed !== null) expanded.set(row.message_id, await replyBodyOf(db, row.message_id));
  return new Map(
    rows.map((row) => [
      row.message_id,
      {
        messageId: row.message_id,
        actorSub: row.actor_sub,
        nhsNumber: row.nhs_number,
        state: row.state,
        requestBody: row.request_body,
        replyBody: row.reply_compressed !== null ? (expanded.get(row.message_id) ?? null) : row.reply_body,
        createdAt: new Date(row.created_at),
        completedAt: row.completed_at ? new Date(row.completed_at) : null,
      },
    ]),
  );
}

/** The name each CIS2 user id signed in with most recently (from their sessions' role snapshot). */
export async function listSignedInNames(db: Kysely<Database>, subs: readonly string[]): Promise<Map<string, string>> {
  if (subs.length === 0) return new Map();
  const rows = await db
    .selectFrom("sessions")
    .select(["sub", "role_snapshot"])
    .where("sub", "in", [...subs])
    .orderBy("created_at", "asc")
    .execute();
  const names = new Map<string, string>();
  for (const row of rows) {
    const name = (row.role_snapshot as { userName?: string } | null)?.userName;
    if (name) names.set(row.sub, name);
  }
  return names;
}
