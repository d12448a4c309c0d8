import "server-only";
import type { RequestInteractionId } from "@/lib/hl7/types";
import { INTERACTIONS, type MessagePattern } from "@/lib/hl7/vocab/interactions";

/**
 * Timeouts and retry rules per interaction, as data. Retry counts, interval and persist duration
 * follow the SDS reliability attributes for lrs/sds (nhsMHSRetries=2, nhsMHSRetryInterval=PT1M,
 * persist PT5M — docs/domain.md §8.3); the HTTP timeouts are our own choice (INFERRED).
 */
export interface InteractionPolicy {
  /** One HTTP exchange (the 202 for async, the whole reply for sync). */
  httpTimeoutMs: number;
  /** Async only: how long a query caller waits for the business reply on the inbound endpoint. */
  replyTimeoutMs: number;
  /** Immediate attempts for one send (first + retries) on retriable failures. */
  maxAttempts: number;
  /** First backoff; doubles per attempt. */
  backoffMs: number;
  /** Outbox worker: re-send an unconfirmed message after this long. */
  resendAfterMs: number;
  /** Outbox worker: total sends before giving up (first + nhsMHSRetries). */
  maxSends: number;
  /** No retry and no late confirmation after this (Spine persist duration). */
  persistDurationMs: number;
}

const MINUTE = 60_000;

const BY_PATTERN: Record<MessagePattern, InteractionPolicy> = {
  sync: {
    httpTimeoutMs: 20_000,
    replyTimeoutMs: 0,
    maxAttempts: 3,
    backoffMs: 250,
    resendAfterMs: MINUTE,
    maxSends: 1,
    persistDurationMs: MINUTE,
  },
  "async-reliable": {
    httpTimeoutMs: 20_000,
    replyTimeoutMs: 30_000,
    maxAttempts: 3,
    backoffMs: 250,
    resendAfterMs: MINUTE,
    maxSends: 3,
    persistDurationMs: 5 * MINUTE,
  },
  // Express: no reliable-messaging retries by Spine's rules; only safe immediate retries.
  "async-express": {
    httpTimeoutMs: 20_000,
    replyTimeoutMs: 30_000,
    maxAttempts: 3,
    backoffMs: 250,
    resendAfterMs: MINUTE,
    maxSends: 1,
    persistDurationMs: MINUTE,
  },
};

/** Per-interaction exceptions to the pattern defaults. */
const OVERRIDES: Partial<Record<RequestInteractionId, Partial<InteractionPolicy>>> = {
  // Up to 10 000 patients in one answer: give Spine longer.
  QUPC_IN090000UK03: { httpTimeoutMs: 60_000, replyTimeoutMs: 120_000 },
};

export function interactionPolicy(interactionId: RequestInteractionId, timeScale = 1): InteractionPolicy {
  const base = { ...BY_PATTERN[INTERACTIONS[interactionId].pattern], ...OVERRIDES[interactionId] };
  if (timeScale === 1) return base;
  return {
    ...base,
    httpTimeoutMs: Math.max(1, Math.round(base.httpTimeoutMs * timeScale)),
    replyTimeoutMs: Math.round(base.replyTimeoutMs * timeScale),
    backoffMs: Math.round(base.backoffMs * timeScale),
    resendAfterMs: Math.round(base.resendAfterMs * timeScale),
    persistDurationMs: Math.round(base.persistDurationMs * timeScale),
  };
}

export function patternOf(interactionId: RequestInteractionId): MessagePattern {
  return INTERACTIONS[interactionId].pattern;
}
