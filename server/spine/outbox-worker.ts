import "server-only";
import { isRequestInteraction, type RequestInteractionId } from "@/lib/hl7";
import { findUnconfirmed, markFailed, type OutboxMessage, scheduleRetry } from "@/server/db/outbox";
import type { OutboxError } from "@/server/db/schema";
import { deliverOutboxMessage } from "./deliver-message";
import { interactionPolicy, patternOf } from "./interaction-policy";
import type { SpineRuntime } from "./spine-runtime";

/**
 * Re-sends reliable messages Spine has not confirmed (after a restart, a lost reply or an outage)
 * with their original MessageId, until Spine confirms, the send budget is spent or the persist
 * duration passes — then the operation is failed with a clear reason. Interval-based and
 * stoppable; several instances may run: each message is claimed by moving its next-attempt
 * time atomically before it is sent.
 */
export interface WorkerTick {
  resent: string[];
  failed: string[];
  skipped: string[];
}

export interface OutboxWorker {
  runOnce(): Promise<WorkerTick>;
  start(): void;
  stop(): Promise<void>;
}

const FAILURES_WORTH_RETRYING = new Set(["connection", "timeout", "soap-fault", "http-status", "mhs-error"]);

/**
 * One send of a reliable message with the worker's policy: a failure worth retrying (no answer,
 * a timeout, a SOAP fault, an HTTP error) keeps the message queued for a later re-send with the
 * same MessageId; anything else fails it. Used by the worker and for messages that are queued
 * rather than awaited (privacy-officer alerts).
 */
export async function deliverOrReschedule(rt: SpineRuntime, message: OutboxMessage): Promise<"sent" | "rescheduled" | "failed"> {
  const policy = interactionPolicy(message.interactionId as RequestInteractionId, rt.options.timeScale);
  const delivery = await deliverOutboxMessage(rt, message);
  if (delivery.kind !== "failed") return "sent";
  if (FAILURES_WORTH_RETRYING.has(delivery.callError.failure) && delivery.error.code !== "spine_rejected") {
    await scheduleRetry(rt.store.db, message.messageId, {
      error: delivery.error,
      nextAttemptAt: new Date(rt.now().getTime() + policy.resendAfterMs),
      now: rt.now(),
    });
    return "rescheduled";
  }
  const result = await markFailed(rt.store.db, message.messageId, { error: delivery.error, now: rt.now() });
  rt.log.warn(
    { messageId: message.messageId, interactionId: message.interactionId, reason: delivery.error.message },
    "outbox message failed",
  );
  return result.ok ? "failed" : "sent";
}

export function createOutboxWorker(rt: SpineRuntime, opts: { intervalMs?: number; batchSize?: number } = {}): OutboxWorker {
  const intervalMs = opts.intervalMs ?? rt.options.workerIntervalMs;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<WorkerTick> | undefined;

  async function fail(message: OutboxMessage, error: OutboxError, tick: WorkerTick) {
    const result = await markFailed(rt.store.db, message.messageId, { error, now: rt.now() });
    if (result.ok) tick.failed.push(message.messageId);
    rt.log.warn({ messageId: message.messageId, interactionId: message.interactionId, reason: error.message }, "outbox message failed");
  }

  async function handle(message: OutboxMessage, tick: WorkerTick) {
    const now = rt.now();
    if (!isRequestInteraction(message.interactionId)) {
      return fail(message, { code: "spine_rejected", message: `Unknown interaction ${message.interactionId}`, retryable: false }, tick);
    }
    const policy = interactionPolicy(message.interactionId, rt.options.timeScale);
    if (now >= message.persistUntil) {
      return fail(
        message,
        {
          code: "spine_timeout",
          message: "Spine did not confirm this in time. Check the record before trying again.",
          failure: "timeout",
          retryable: false,
        },
        tick,
      );
    }
    if (patternOf(message.interactionId) !== "async-reliable") {
      tick.skipped.push(message.messageId); // queries are never re-sent; they expire above
      return;
    }
    if (message.attempts >= policy.maxSends) {
      return fail(
        message,
        {
          code: "spine_timeout",
          message: `Spine did not confirm this after ${message.attempts} sends. Check the record before trying again.`,
          failure: "timeout",
          retryable: false,
        },
        tick,
      );
    }
    if (!(await claim(message, new Date(now.getTime() + policy.resendAfterMs)))) {
      tick.skipped.push(message.messageId);
      return;
    }
    rt.log.info(
      { messageId: message.messageId, interactionId: message.interactionId, attempts: message.attempts },
      "outbox: re-sending unconfirmed message",
    );
    const outcome = await deliverOrReschedule(rt, message);
    if (outcome === "failed") tick.failed.push(message.messageId);
    else if (outcome === "rescheduled") tick.skipped.push(message.messageId);
    else tick.resent.push(message.messageId);
  }

  /** Move next_attempt_at from the value we read; whoever wins the UPDATE sends. */
  async function claim(message: OutboxMessage, until: Date): Promise<boolean> {
    let query = rt.store.db
      .updateTable("outbox")
      .set({ next_attempt_at: until, updated_at: rt.now() })
      .where("message_id", "=", message.messageId)
      .where("state", "in", ["pending", "sent"]);
    query =
      message.nextAttemptAt === null
        ? query.where("next_attempt_at", "is", null)
        : query.where("next_attempt_at", "=", message.nextAttemptAt);
    const row = await query.returning("message_id").executeTakeFirst();
    return row !== undefined;
  }

  async function tickOnce(): Promise<WorkerTick> {
    const tick: WorkerTick = { resent: [], failed: [], skipped: [] };
    const due = await findUnconfirmed(rt.store.db, rt.now(), { limit: opts.batchSize ?? 50 });
    for (const message of due) {
      try {
        await handle(message, tick);
      } catch (error) {
        rt.log.error({ err: error, messageId: message.messageId }, "outbox worker could not process message");
      }
    }
    return tick;
  }

  const worker: OutboxWorker = {
    runOnce() {
      // One tick at a time per worker: an overlapping call joins the running one.
      running ??= tickOnce().finally(() => {
        running = undefined;
      });
      return running;
    },
    start() {
      if (timer) return;
      timer = setInterval(() => {
        worker.runOnce().catch((error) => rt.log.error({ err: error }, "outbox worker tick failed"));
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running?.catch(() => undefined);
    },
  };
  return worker;
}

const workers = new WeakMap<SpineRuntime, OutboxWorker>();

/** Started lazily by the service on first use (production runtimes only). */
export function ensureOutboxWorker(rt: SpineRuntime): OutboxWorker | undefined {
  if (!rt.autoStartWorker) return undefined;
  let worker = workers.get(rt);
  if (!worker) {
    worker = createOutboxWorker(rt);
    workers.set(rt, worker);
    worker.start();
  }
  return worker;
}

export async function stopOutboxWorker(rt: SpineRuntime): Promise<void> {
  const worker = workers.get(rt);
  workers.delete(rt);
  await worker?.stop();
}
