import "server-only";
import { promisify } from "node:util";
import { gunzip, gzip } from "node:zlib";
import type { ExpressionBuilder, Kysely, Selectable, UpdateObject } from "kysely";
import type { Hl7Reply } from "@/lib/hl7";
import { normaliseNhsNumber } from "@/lib/nhs/nhs-number";
import { jsonb } from "@/lib/store/jsonb";
import type { Database, OperationSummary, OutboxError, OutboxState, OutboxTable } from "./schema";

/**
 * The Spine outbox: every message is written here before it is sent, so a crash or a Spine
 * outage never loses a request, and a retry re-sends the same MessageId (ebXML duplicate
 * elimination relies on that). States: pending → sent → confirmed, or → failed; a failed
 * message may be reopened (→ pending, same MessageId) while its persist duration lasts.
 */

export interface OutboxMessage {
  messageId: string;
  interactionId: string;
  idempotencyKey: string;
  state: OutboxState;
  actorSub: string | null;
  roleId: string | null;
  nhsNumber: string | null;
  requestBody: string;
  replyBody: string | null;
  error: OutboxError | null;
  attempts: number;
  createdAt: Date;
  updatedAt: Date;
  nextAttemptAt: Date | null;
  persistUntil: Date;
  sentAt: Date | null;
  completedAt: Date | null;
  operation: OperationSummary;
  /**
   * Spine's reply as this process has already read it (the inbound handler hands it to a request
   * waiting here with the row it wrote), so `replyBody` is not parsed a second time. Never stored.
   */
  readReply?: Hl7Reply;
}

export interface NewOutboxMessage {
  /** Upper-case UUID, used as hl7 id, eb:MessageId and wsa:MessageID. */
  messageId: string;
  interactionId: string;
  idempotencyKey: string;
  requestBody: string;
  /** Spine persist duration: no retry after this. */
  persistUntil: Date;
  operation: OperationSummary;
  actorSub?: string | null;
  roleId?: string | null;
  nhsNumber?: string | null;
  /** When the sender should first pick it up; default now. */
  nextAttemptAt?: Date | null;
  now?: Date;
}

/** Which states each transition may start from; confirmed is final, failed only reopens. */
export const OUTBOX_TRANSITIONS = {
  // Re-sending a sent message is a retry of the same MessageId.
  send: ["pending", "sent"],
  // A synchronous reply confirms straight from pending.
  confirm: ["pending", "sent"],
  fail: ["pending", "sent"],
  // A failed attempt that may be retried keeps the state and only moves the clock.
  retryLater: ["pending", "sent"],
  // A user retry after a retryable failure, only inside the persist duration (duplicate
  // elimination still covers an earlier send that did arrive).
  reopen: ["failed"],
} as const satisfies Record<string, readonly OutboxState[]>;

export type OutboxTransition = keyof typeof OUTBOX_TRANSITIONS;

/**
 * A message as a transition leaves it, without its two bodies: a batch check's request (1.3 MB)
 * and reply (3.7 MB) are written once, never read back by the UPDATE that writes them.
 */
export type OutboxMessageState = Omit<OutboxMessage, "requestBody" | "replyBody">;

export type OutboxTransitionResult =
  | { ok: true; message: OutboxMessageState }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "invalid_transition"; current: OutboxState }
  | { ok: false; reason: "persist_expired" };

const UPPER_UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

/** Every column but the two message bodies. */
const STATE_COLUMNS = [
  "message_id",
  "interaction_id",
  "idempotency_key",
  "state",
  "actor_sub",
  "role_id",
  "nhs_number",
  "error",
  "attempts",
  "created_at",
  "updated_at",
  "next_attempt_at",
  "persist_until",
  "sent_at",
  "completed_at",
  "operation",
] as const satisfies readonly (keyof OutboxTable)[];

function toOutboxMessage(row: Selectable<OutboxTable>, replyBody: string | null): OutboxMessage {
  return { ...toOutboxMessageState(row), requestBody: row.request_body, replyBody };
}

/**
 * A reply over this many characters is stored compressed (migration 0009): embedded PGlite runs a
 * statement on the app's thread from start to end, and one 3.5 MB value was a ~150 ms block. gzip
 * runs in zlib's thread pool, not on the event loop; the repetitive XML of a batch reply is ~10×
 * smaller.
 */
export const COMPRESS_REPLY_OVER_CHARS = 256 * 1024;

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

async function compressReply(replyBody: string): Promise<string> {
  return (await gzipAsync(Buffer.from(replyBody, "utf8"), { level: 1 })).toString("base64");
}

async function expandReply(compressed: string): Promise<string> {
  return (await gunzipAsync(Buffer.from(compressed, "base64"))).toString("utf8");
}

type StoredReplyColumn = "reply_body" | "reply_compressed";
type StoredReply = Pick<Selectable<OutboxTable>, StoredReplyColumn>;

/** The reply as received: as stored, or expanded. */
async function replyOf(row: StoredReply): Promise<string | null> {
  return row.reply_compressed !== null ? expandReply(row.reply_compressed) : row.reply_body;
}

/** The rows as messages, each with its whole reply. */
async function withReplies(rows: Selectable<OutboxTable>[]): Promise<OutboxMessage[]> {
  return Promise.all(rows.map(async (row) => toOutboxMessage(row, await replyOf(row))));
}

/** Only the reply of a message, or undefined when there is none. */
export async function replyBodyOf(db: Kysely<Database>, messageId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("outbox")
    .select(["reply_body", "reply_compressed"])
    .where("message_id", "=", messageId)
    .executeTakeFirst();
  return row ? ((await replyOf(row)) ?? undefined) : undefined;
}

function toOutboxMessageState(row: Omit<Selectable<OutboxTable>, "request_body" | StoredReplyColumn>): OutboxMessageState {
  return {
    messageId: row.message_id,
    interactionId: row.interaction_id,
    idempotencyKey: row.idempotency_key,
    state: row.state,
    actorSub: row.actor_sub,
    roleId: row.role_id,
    nhsNumber: row.nhs_number,
    error: row.error,
    attempts: row.attempts,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    nextAttemptAt: row.next_attempt_at,
    persistUntil: row.persist_until,
    sentAt: row.sent_at,
    completedAt: row.completed_at,
    operation: row.operation,
  };
}

/**
 * Insert a pending message, or return the one already stored under the same idempotency key
 * (`created: false`) — a double-clicked submit or a client retry must not send twice.
 */
export async function insertPending(db: Kysely<Database>, input: NewOutboxMessage): Promise<{ message: OutboxMessage; created: boolean }> {
  if (!UPPER_UUID.test(input.messageId)) {
    throw new Error(`Spine MessageId must be an upper-case UUID, got "${input.messageId}"`);
  }
  const now = input.now ?? new Date();
  const inserted = await db
    .insertInto("outbox")
    .values({
      message_id: input.messageId,
      interaction_id: input.interactionId,
      idempotency_key: input.idempotencyKey,
      state: "pending",
      actor_sub: input.actorSub ?? null,
      role_id: input.roleId ?? null,
      nhs_number: input.nhsNumber ? normaliseNhsNumber(input.nhsNumber) : null,
      request_body: input.requestBody,
      created_at: now,
      updated_at: now,
      next_attempt_at: input.nextAttemptAt === undefined ? now : input.nextAttemptAt,
      persist_until: input.persistUntil,
      operation: jsonb(input.operation),
    })
    .onConflict((conflict) => conflict.column("idempotency_key").doNothing())
    .returning(STATE_COLUMNS)
    .executeTakeFirst();
  // The request as given (not read back: up to 1.3 MB); a new message has no reply yet.
  if (inserted) return { message: { ...toOutboxMessageState(inserted), requestBody: input.requestBody, replyBody: null }, created: true };
  const existing = await findByIdempotencyKey(db, input.idempotencyKey);
  if (!existing) throw new Error(`Outbox conflict on idempotency key ${input.idempotencyKey} but no row found`);
  return { message: existing, created: false };
}

export async function findByMessageId(db: Kysely<Database>, messageId: string): Promise<OutboxMessage | undefined> {
  const row = await db.selectFrom("outbox").selectAll().where("message_id", "=", messageId).executeTakeFirst();
  return row ? (await withReplies([row]))[0] : undefined;
}

export async function findByIdempotencyKey(db: Kysely<Database>, idempotencyKey: string): Promise<OutboxMessage | undefined> {
  const row = await db.selectFrom("outbox").selectAll().where("idempotency_key", "=", idempotencyKey).executeTakeFirst();
  return row ? (await withReplies([row]))[0] : undefined;
}

type OutboxUpdate = UpdateObject<Database, "outbox">;
type OutboxChanges = OutboxUpdate | ((eb: ExpressionBuilder<Database, "outbox">) => OutboxUpdate);

/** Apply a transition only from the states the table allows, atomically (one UPDATE … WHERE state IN). */
async function transition(
  db: Kysely<Database>,
  messageId: string,
  name: OutboxTransition,
  changes: OutboxChanges,
  onlyWithinPersistDurationAt?: Date,
): Promise<OutboxTransitionResult> {
  let update = db.updateTable("outbox").set(changes).where("message_id", "=", messageId).where("state", "in", OUTBOX_TRANSITIONS[name]);
  if (onlyWithinPersistDurationAt) update = update.where("persist_until", ">", onlyWithinPersistDurationAt);
  const row = await update.returning(STATE_COLUMNS).executeTakeFirst();
  if (row) return { ok: true, message: toOutboxMessageState(row) };
  const current = await db.selectFrom("outbox").select(["state", "persist_until"]).where("message_id", "=", messageId).executeTakeFirst();
  if (!current) return { ok: false, reason: "not_found" };
  if (!(OUTBOX_TRANSITIONS[name] as readonly OutboxState[]).includes(current.state)) {
    return { ok: false, reason: "invalid_transition", current: current.state };
  }
  return { ok: false, reason: "persist_expired" };
}

/** A transition that records Spine's reply: a large one compressed first (off the event loop), as one small value. */
async function transitionWithReply(
  db: Kysely<Database>,
  messageId: string,
  name: OutboxTransition,
  changes: OutboxUpdate,
  replyBody: string | null,
): Promise<OutboxTransitionResult> {
  const stored =
    replyBody !== null && replyBody.length > COMPRESS_REPLY_OVER_CHARS
      ? { reply_body: null, reply_compressed: await compressReply(replyBody) }
      : { reply_body: replyBody, reply_compressed: null };
  return transition(db, messageId, name, { ...changes, ...stored });
}

/** The message went out (first send or a retry); `nextAttemptAt` is when to retry if no confirmation comes. */
export function markSent(
  db: Kysely<Database>,
  messageId: string,
  options: { nextAttemptAt: Date | null; now?: Date },
): Promise<OutboxTransitionResult> {
  const now = options.now ?? new Date();
  return transition(db, messageId, "send", (eb) => ({
    state: "sent",
    attempts: eb("attempts", "+", 1),
    sent_at: now,
    updated_at: now,
    next_attempt_at: options.nextAttemptAt,
  }));
}

/**
 * A send that Spine received after the row had already become final: its reply beat the record
 * of the send (markSent found it confirmed or failed). The send is still counted; the state is left
 * alone, so neither the audit trail nor the waiters hear of it.
 */
export async function countSend(db: Kysely<Database>, messageId: string, options: { now?: Date } = {}): Promise<void> {
  const now = options.now ?? new Date();
  await db
    .updateTable("outbox")
    .set((eb) => ({ attempts: eb("attempts", "+", 1), sent_at: eb.fn.coalesce("sent_at", eb.val(now)), updated_at: now }))
    .where("message_id", "=", messageId)
    .execute();
}

/** Spine accepted the request; `replyBody` is the reply as received. */
export function markConfirmed(
  db: Kysely<Database>,
  messageId: string,
  options: { replyBody: string | null; now?: Date },
): Promise<OutboxTransitionResult> {
  const now = options.now ?? new Date();
  return transitionWithReply(
    db,
    messageId,
    "confirm",
    { state: "confirmed", error: null, updated_at: now, completed_at: now, next_attempt_at: null },
    options.replyBody,
  );
}

/** Final failure: a rejection by Spine, or retries exhausted / persist duration passed. */
export function markFailed(
  db: Kysely<Database>,
  messageId: string,
  options: { error: OutboxError; replyBody?: string | null; now?: Date },
): Promise<OutboxTransitionResult> {
  const now = options.now ?? new Date();
  return transitionWithReply(
    db,
    messageId,
    "fail",
    { state: "failed", error: jsonb(options.error), updated_at: now, completed_at: now, next_attempt_at: null },
    options.replyBody ?? null,
  );
}

/** A retriable problem (timeout, 5xx, SOAP fault 206): keep the state, count the attempt, try again later. */
export function scheduleRetry(
  db: Kysely<Database>,
  messageId: string,
  options: { error: OutboxError; nextAttemptAt: Date; now?: Date },
): Promise<OutboxTransitionResult> {
  const now = options.now ?? new Date();
  return transition(db, messageId, "retryLater", (eb) => ({
    attempts: eb("attempts", "+", 1),
    error: jsonb(options.error),
    updated_at: now,
    next_attempt_at: options.nextAttemptAt,
  }));
}

/**
 * Put a failed message back to pending, due now, to be re-sent under its original MessageId.
 * Refused once its persist duration has passed (a new message is needed then). The last error is
 * kept until the next outcome replaces it.
 */
export function reopenFailed(db: Kysely<Database>, messageId: string, options: { now?: Date } = {}): Promise<OutboxTransitionResult> {
  const now = options.now ?? new Date();
  return transition(db, messageId, "reopen", { state: "pending", completed_at: null, updated_at: now, next_attempt_at: now }, now);
}

/**
 * Messages not yet confirmed or failed whose next attempt is due at `now`, oldest due first.
 * Includes messages past their persist duration: the caller fails those (markFailed) rather
 * than re-sending them.
 */
export async function findUnconfirmed(db: Kysely<Database>, now: Date, options: { limit?: number } = {}): Promise<OutboxMessage[]> {
  const rows = await db
    .selectFrom("outbox")
    .selectAll()
    .where("state", "in", ["pending", "sent"])
    .where((eb) => eb.or([eb("next_attempt_at", "is", null), eb("next_attempt_at", "<=", now)]))
    .orderBy((eb) => eb.fn.coalesce("next_attempt_at", "created_at"))
    .orderBy("created_at")
    .limit(options.limit ?? 100)
    .execute();
  return withReplies(rows);
}

/** Operations for a patient or a user, newest first (the operations view). */
export async function listOutboxMessages(
  db: Kysely<Database>,
  filter: { nhsNumber?: string; actorSub?: string; limit?: number },
): Promise<OutboxMessage[]> {
  let query = db.selectFrom("outbox").selectAll();
  if (filter.nhsNumber !== undefined) query = query.where("nhs_number", "=", normaliseNhsNumber(filter.nhsNumber));
  if (filter.actorSub !== undefined) query = query.where("actor_sub", "=", filter.actorSub);
  const rows = await query
    .orderBy("created_at", "desc")
    .limit(filter.limit ?? 50)
    .execute();
  return withReplies(rows);
}
