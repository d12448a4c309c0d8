import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { buildRequest, type Hl7Reply, type Hl7Request } from "@/lib/hl7";
import { findByMessageId, insertPending, markFailed, type OutboxMessage } from "@/server/db/outbox";
import type { OperationSummary, OutboxError } from "@/server/db/schema";
import { deliverOutboxMessage } from "./deliver-message";
import { interactionPolicy, patternOf } from "./interaction-policy";
import { ensureOutboxWorker } from "./outbox-worker";
import { resultOf } from "./send-update";
import { attemptsOf, sendWithRetry } from "./send-with-retry";
import { isSpineCallError } from "./spine-call-error";
import { callFailureToOutboxError, judgeReply, outboxErrorToAppError } from "./spine-failure";
import type { SpineRuntime } from "./spine-runtime";
import { assertSendable } from "./validate-before-send";
import { isFinal, waitForCompletion } from "./wait-for-completion";

/**
 * A query. Sync ones (confirm LR) are one SOAP exchange. Async-express ones (details, batch,
 * SDS queries) get an outbox row too — not for re-sending (express queries are never retried by
 * the worker) but so the reply, which may land on another instance, can be correlated through
 * the shared store. The caller waits up to the interaction's reply timeout, then gets spine_timeout.
 * Returns only a successful reply; AE/AR and transport failures are thrown as AppError.
 */
export interface QueryInput {
  request: Hl7Request;
  actorSub: string | null;
  roleId?: string | null;
  operation: OperationSummary;
}

export async function sendQuery(rt: SpineRuntime, input: QueryInput): Promise<Hl7Reply> {
  const { request } = input;
  const messageId = request.header.messageId;
  assertSendable(request);
  const policy = interactionPolicy(request.interactionId, rt.options.timeScale);

  if (patternOf(request.interactionId) === "sync") {
    try {
      const { outcome } = await sendWithRetry(rt.transport, { request, conversationId: messageId }, policy, {
        log: rt.log,
        sleep: rt.sleep,
      });
      if (outcome.kind !== "reply") {
        throw new AppError("spine_unavailable", "Spine accepted the query but sent no answer.", { reference: messageId });
      }
      return successOrThrow(outcome.reply, messageId);
    } catch (error) {
      if (isSpineCallError(error)) {
        const attempts = attemptsOf(error);
        throw outboxErrorToAppError(callFailureToOutboxError(error, attempts), messageId);
      }
      throw error;
    }
  }

  ensureOutboxWorker(rt);
  const now = rt.now();
  const persistUntil = new Date(now.getTime() + Math.max(policy.persistDurationMs, policy.replyTimeoutMs));
  const { message } = await insertPending(rt.store.db, {
    messageId,
    interactionId: request.interactionId,
    idempotencyKey: `query:${messageId}`,
    requestBody: buildRequest(request),
    persistUntil,
    // Express queries are not re-sent: the worker only looks again to expire them.
    nextAttemptAt: persistUntil,
    operation: { category: "query", ...input.operation },
    actorSub: input.actorSub,
    roleId: input.roleId ?? null,
    now,
  });
  const delivery = await deliverOutboxMessage(rt, message);
  if (delivery.kind === "failed") {
    const marked = await markFailed(rt.store.db, messageId, { error: delivery.error, now: rt.now() });
    if (!marked.ok) return answerOf(await findByMessageId(rt.store.db, messageId), messageId, delivery.error);
    throw outboxErrorToAppError(delivery.error, messageId);
  }
  const settled = await waitForCompletion(rt.store, messageId, {
    timeoutMs: delivery.kind === "completed" ? 0 : policy.replyTimeoutMs,
    pollMs: rt.options.completionPollMs,
  });
  const timedOut = {
    code: "spine_timeout",
    message: "Spine did not answer the query in time. Try again.",
    failure: "timeout",
    retryable: true,
  };
  if (settled && isFinal(settled)) return answerOf(settled, messageId, timedOut);
  const marked = await markFailed(rt.store.db, messageId, { error: timedOut, now: rt.now() });
  if (!marked.ok) return answerOf(await findByMessageId(rt.store.db, messageId), messageId, timedOut);
  throw outboxErrorToAppError(timedOut, messageId);
}

/** A final row → the reply, or its stored error; a row still open → `fallback`. */
function answerOf(message: OutboxMessage | undefined, messageId: string, fallback: OutboxError): Hl7Reply {
  const result = resultOf(message, messageId);
  if (result.state === "pending") throw outboxErrorToAppError(fallback, messageId);
  return result.reply;
}

function successOrThrow(reply: Hl7Reply, messageId: string): Hl7Reply {
  const verdict = judgeReply(reply);
  if (verdict.ok) return reply;
  throw outboxErrorToAppError(verdict.error!, messageId);
}
