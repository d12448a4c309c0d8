import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { type Hl7Reply, type Hl7Request, parseReplyDocument } from "@/lib/hl7";
import { findByIdempotencyKey, insertPending, type OutboxMessage } from "@/server/db/outbox";
import type { OperationSummary } from "@/server/db/schema";
import { interactionPolicy } from "./interaction-policy";
import { deliverOrReschedule, ensureOutboxWorker } from "./outbox-worker";
import { reopenFailedForRetry } from "./reopen-failed";
import { sendAndSettle } from "./send-and-settle";
import { outboxErrorToAppError } from "./spine-failure";
import { STORED_MESSAGE_PARSE_OPTIONS } from "./spine-options";
import type { SpineRuntime } from "./spine-runtime";
import { sendableOutbound } from "./validate-before-send";
import { isFinal } from "./wait-for-completion";

/**
 * An update (create LR, change status, workgroup add/remove): validated, written to the outbox
 * with its MessageId BEFORE it is sent, sent, then awaited for up to SPINE_ASYNC_WAIT_MS. Spine's
 * confirmation → "confirmed"; no answer yet → "pending" (the UI polls /api/operations/{id}); any
 * Spine failure → AppError. Never reports success without Spine's AA reply.
 */
export interface UpdateInput {
  /** Built with a fresh MessageId; ignored in favour of the stored one on a retry. */
  request: Hl7Request;
  /** Same key = same action: a retry re-sends the stored message with its original MessageId. */
  idempotencyKey?: string;
  actorSub: string | null;
  roleId?: string | null;
  nhsNumber?: string | null;
  operation: OperationSummary;
}

export type UpdateResult = { state: "confirmed"; messageId: string; reply: Hl7Reply } | { state: "pending"; messageId: string };

/** Keys are per user and interaction, so one user's key can never reach another user's message. */
export function outboxKey(actorSub: string | null, interactionId: string, idempotencyKey: string): string {
  return `${actorSub ?? "system"}:${interactionId}:${idempotencyKey}`;
}

export async function sendUpdate(rt: SpineRuntime, input: UpdateInput): Promise<UpdateResult> {
  const key = outboxKey(input.actorSub, input.request.interactionId, input.idempotencyKey ?? input.request.header.messageId);
  // A repeat of the same action finds its stored row in the same statement (insert on conflict).
  const { message, created } = await storeUpdate(rt, input, key);
  if (!created) {
    const resumed = await resumeExisting(rt, message);
    if (resumed) return resumed;
  }
  return resultOf(await sendAndSettle(rt, message, rt.options.asyncWaitMs), message.messageId);
}

/** Validate and store an update before anything is sent: the row holds the bytes every send carries. */
async function storeUpdate(rt: SpineRuntime, input: UpdateInput, key: string): Promise<{ message: OutboxMessage; created: boolean }> {
  ensureOutboxWorker(rt);
  const policy = interactionPolicy(input.request.interactionId, rt.options.timeScale);
  const now = rt.now();
  let outbound: ReturnType<typeof sendableOutbound>;
  try {
    outbound = sendableOutbound(input.request);
  } catch (error) {
    // A repeat of an action already stored is answered from its row, whatever this build of it says.
    const stored = input.idempotencyKey === undefined ? undefined : await findByIdempotencyKey(rt.store.db, key);
    if (stored) return { message: stored, created: false };
    throw error;
  }
  return insertPending(rt.store.db, {
    messageId: input.request.header.messageId,
    interactionId: input.request.interactionId,
    idempotencyKey: key,
    requestBody: outbound.hl7,
    persistUntil: new Date(now.getTime() + policy.persistDurationMs),
    // The worker leaves it alone while this request is sending and waiting.
    nextAttemptAt: new Date(now.getTime() + policy.resendAfterMs),
    operation: { category: "update", ...input.operation },
    actorSub: input.actorSub,
    roleId: input.roleId ?? null,
    nhsNumber: input.nhsNumber ?? null,
    now,
  });
}

/**
 * An update queued rather than awaited (a privacy-officer alert: the user's own action must not
 * wait for it): stored like any update, its first send started in the background with the
 * worker's retry policy, then re-sent by the worker until Spine confirms or its persist duration
 * passes. A repeat with the same idempotency key returns the stored message, never a second one.
 */
export async function queueUpdate(rt: SpineRuntime, input: UpdateInput): Promise<{ messageId: string; created: boolean }> {
  const key = outboxKey(input.actorSub, input.request.interactionId, input.idempotencyKey ?? input.request.header.messageId);
  const { message, created } = await storeUpdate(rt, input, key);
  if (created) {
    void deliverOrReschedule(rt, message).catch((error: unknown) =>
      rt.log.error({ err: error, messageId: message.messageId }, "queued Spine message: first send could not be attempted"),
    );
  }
  return { messageId: message.messageId, created };
}

/** A repeat of an action already in the outbox: answer from the row, or send it again (same id). */
async function resumeExisting(rt: SpineRuntime, message: OutboxMessage): Promise<UpdateResult | undefined> {
  if (message.state === "confirmed") return resultOf(message, message.messageId);
  if (message.state === "failed") {
    const reopened = message.error?.retryable === true ? await reopenFailedForRetry(rt.store.db, message.messageId, rt.now()) : undefined;
    if (!reopened) return resultOf(message, message.messageId);
    rt.log.info({ messageId: message.messageId }, "user retry: re-sending the same Spine message");
  }
  return undefined;
}

/** Final row → typed result or AppError; anything else → pending. */
export function resultOf(message: OutboxMessage | undefined, messageId: string): UpdateResult {
  if (!message || !isFinal(message)) return { state: "pending", messageId };
  if (message.state === "failed") {
    throw outboxErrorToAppError(message.error ?? { code: "spine_unavailable", message: "Spine could not complete this." }, messageId);
  }
  return { state: "confirmed", messageId, reply: storedReply(message) };
}

/** The stored reply body (bare HL7, SOAP envelope or ebXML payload) as a typed reply. */
export function storedReply(message: OutboxMessage): Hl7Reply {
  if (message.readReply) return message.readReply;
  const doc = message.replyBody ? parseReplyDocument(message.replyBody, undefined, STORED_MESSAGE_PARSE_OPTIONS) : undefined;
  if (doc?.kind !== "hl7") {
    throw new AppError("spine_unavailable", "Spine confirmed this but its answer could not be read.", { reference: message.messageId });
  }
  return doc.reply;
}
