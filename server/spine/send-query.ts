import "server-only";
import { AppError } from "@/lib/errors/app-error";
import type { Hl7Reply, Hl7Request, OutboundHl7 } from "@/lib/hl7";
import { findByMessageId, insertPending, markFailed, type OutboxMessage } from "@/server/db/outbox";
import type { OperationSummary, OutboxError } from "@/server/db/schema";
import { interactionPolicy, patternOf } from "./interaction-policy";
import { ensureOutboxWorker } from "./outbox-worker";
import { sendAndSettle } from "./send-and-settle";
import { resultOf, type UpdateResult } from "./send-update";
import { attemptsOf, sendWithRetry } from "./send-with-retry";
import { isSpineCallError } from "./spine-call-error";
import { callFailureToOutboxError, judgeReply, outboxErrorToAppError } from "./spine-failure";
import type { SpineRuntime } from "./spine-runtime";
import { sendableOutbound } from "./validate-before-send";
import { isFinal, waitForCompletion } from "./wait-for-completion";

/**
 * A query. Sync ones (confirm LR) are one SOAP exchange. Async-express ones (details, batch,
 * SDS queries) get an outbox row too — not for re-sending (express queries are never retried by
 * the worker) but so the reply, which may land on another instance, can be correlated through
 * the shared store. The caller waits up to the interaction's reply timeout, then gets spine_timeout.
 * Returns only a successful reply; AE/AR and transport failures are thrown as AppError.
 *
 * A long query (a 10,000-patient batch) can instead run as a job (`sendQueryAsJob`): it answers
 * "pending" with an operation id after a short wait, and the browser polls /api/operations/{id};
 * the row completes when Spine's reply lands, or fails when its reply time runs out (the outbox
 * worker expires it), so a job survives a restart of the app and never silently vanishes.
 */
export interface QueryInput {
  request: Hl7Request;
  actorSub: string | null;
  roleId?: string | null;
  nhsNumber?: string | null;
  operation: OperationSummary;
}

const TIMED_OUT: OutboxError = {
  code: "spine_timeout",
  message: "Spine did not answer the query in time. Try again.",
  failure: "timeout",
  retryable: true,
};

export async function sendQuery(rt: SpineRuntime, input: QueryInput): Promise<Hl7Reply> {
  const { request } = input;
  const messageId = request.header.messageId;
  const outbound = sendableOutbound(request);
  const policy = interactionPolicy(request.interactionId, rt.options.timeScale);

  if (patternOf(request.interactionId) === "sync") {
    try {
      const { outcome } = await sendWithRetry(rt.transport, { message: outbound, conversationId: messageId }, policy, {
        log: rt.log,
        sleep: rt.sleep,
      });
      if (outcome.kind !== "reply") {
        throw new AppError("spine_unavailable", "Spine accepted the query but sent no answer.", { reference: messageId });
      }
      return successOrThrow(outcome.reply, messageId);
    } catch (error) {
      if (isSpineCallError(error)) throw outboxErrorToAppError(callFailureToOutboxError(error, attemptsOf(error)), messageId);
      throw error;
    }
  }

  const { message } = await storeQuery(rt, input, outbound);
  const settled = await sendAndSettle(rt, message, policy.replyTimeoutMs);
  if (settled && isFinal(settled)) return answerOf(settled, messageId);
  const marked = await markFailed(rt.store.db, messageId, { error: TIMED_OUT, now: rt.now() });
  if (!marked.ok) return answerOf(await findByMessageId(rt.store.db, messageId), messageId);
  throw outboxErrorToAppError(TIMED_OUT, messageId);
}

/** An async-express query as a job: Spine's reply if it comes within `SPINE_ASYNC_WAIT_MS`, else "pending" to poll. */
export async function sendQueryAsJob(rt: SpineRuntime, input: QueryInput): Promise<UpdateResult> {
  const { request } = input;
  if (patternOf(request.interactionId) === "sync") throw new Error(`${request.interactionId} is a sync query and cannot run as a job`);
  const outbound = sendableOutbound(request);
  const { message } = await storeQuery(rt, { ...input, operation: { ...input.operation, job: true } }, outbound);
  return resultOf(await sendAndSettle(rt, message, rt.options.asyncWaitMs), message.messageId);
}

export interface BuiltQueryJobInput extends Omit<QueryInput, "request"> {
  /** The request as built and checked by the caller (e.g. a 10,000-patient batch built in slices). */
  outbound: OutboundHl7;
  /** How long to wait for Spine's reply before returning the row still open. */
  waitMs: number;
}

/**
 * A job whose request the caller built and checked (sendableOutbound's rules) itself: stored under
 * its MessageId, sent, and waited on for up to `waitMs`. Returns the row as it then stands; its
 * reply is left as stored, for the caller to read as it needs (a 2.8 MB batch reply is not parsed
 * here). The same MessageId again (a job resumed after a restart) is not stored twice, and is only
 * sent again if it never left (still pending): one that Spine accepted is only waited on.
 */
export async function sendBuiltQueryAsJob(rt: SpineRuntime, input: BuiltQueryJobInput): Promise<OutboxMessage | undefined> {
  if (patternOf(input.outbound.interactionId) === "sync")
    throw new Error(`${input.outbound.interactionId} is a sync query and cannot run as a job`);
  const { message, created } = await storeQuery(rt, { ...input, operation: { ...input.operation, job: true } }, input.outbound);
  if (!created && message.state !== "pending") {
    return isFinal(message)
      ? message
      : waitForCompletion(rt.store, message.messageId, { timeoutMs: input.waitMs, pollMs: rt.options.completionPollMs });
  }
  return sendAndSettle(rt, message, input.waitMs);
}

async function storeQuery(
  rt: SpineRuntime,
  input: Omit<QueryInput, "request">,
  outbound: OutboundHl7,
): Promise<{ message: OutboxMessage; created: boolean }> {
  ensureOutboxWorker(rt);
  const policy = interactionPolicy(outbound.interactionId, rt.options.timeScale);
  const now = rt.now();
  const persistUntil = new Date(now.getTime() + Math.max(policy.persistDurationMs, policy.replyTimeoutMs));
  return insertPending(rt.store.db, {
    messageId: outbound.messageId,
    interactionId: outbound.interactionId,
    idempotencyKey: `query:${outbound.messageId}`,
    requestBody: outbound.hl7,
    persistUntil,
    // Express queries are not re-sent: the worker only looks again to expire them.
    nextAttemptAt: persistUntil,
    operation: { category: "query", ...input.operation },
    actorSub: input.actorSub,
    roleId: input.roleId ?? null,
    nhsNumber: input.nhsNumber ?? null,
    now,
  });
}

/** A final row → the reply, or its stored error; a row still open → a timeout. */
function answerOf(message: OutboxMessage | undefined, messageId: string): Hl7Reply {
  const result = resultOf(message, messageId);
  if (result.state === "pending") throw outboxErrorToAppError(TIMED_OUT, messageId);
  return result.reply;
}

function successOrThrow(reply: Hl7Reply, messageId: string): Hl7Reply {
  const verdict = judgeReply(reply);
  if (verdict.ok) return reply;
  throw outboxErrorToAppError(verdict.error!, messageId);
}
