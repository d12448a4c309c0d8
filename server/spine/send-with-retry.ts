import "server-only";
import type { Logger } from "pino";
import type { InteractionPolicy } from "./interaction-policy";
import { isSpineCallError, SpineCallError } from "./spine-call-error";
import type { SpineTransport, TransportOutcome, TransportSendInput } from "./spine-transport";

/**
 * Send one message, retrying only what is safe: a connection failure or a retriable TMS fault
 * (206). Every attempt carries the SAME MessageId, so Spine's duplicate elimination (reliable
 * messages) or the read-only nature (queries) makes a repeat harmless. Timeouts are not retried
 * here: the outcome is unknown and the outbox worker owns later re-sends.
 */
export interface RetryResult {
  outcome: TransportOutcome;
  attempts: number;
}

export class SpineRetriesExhausted extends SpineCallError {
  readonly attempts: number;
  constructor(last: SpineCallError, attempts: number) {
    super(last.failure, `${last.message} (after ${attempts} attempts)`, {
      retriable: false,
      httpStatus: last.httpStatus,
      errors: last.errors,
      cause: last,
    });
    this.attempts = attempts;
  }
}

/** How many sends a failure took (1 unless retries were exhausted); brand-safe across bundles. */
export function attemptsOf(error: unknown): number {
  if (isSpineCallError(error) && "attempts" in error && typeof error.attempts === "number") return error.attempts;
  return 1;
}

export const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function sendWithRetry(
  transport: SpineTransport,
  input: Omit<TransportSendInput, "timeoutMs">,
  policy: Pick<InteractionPolicy, "httpTimeoutMs" | "maxAttempts" | "backoffMs">,
  opts: { log?: Logger; sleep?: (ms: number) => Promise<void> } = {},
): Promise<RetryResult> {
  const sleep = opts.sleep ?? realSleep;
  const maxAttempts = Math.max(1, policy.maxAttempts);
  for (let attempt = 1; ; attempt++) {
    try {
      const outcome = await transport.send({ ...input, timeoutMs: policy.httpTimeoutMs });
      return { outcome, attempts: attempt };
    } catch (error) {
      if (!isSpineCallError(error) || !error.retriable) {
        if (isSpineCallError(error) && attempt > 1) throw new SpineRetriesExhausted(error, attempt);
        throw error;
      }
      if (attempt >= maxAttempts) throw new SpineRetriesExhausted(error, attempt);
      const delay = policy.backoffMs * 2 ** (attempt - 1);
      opts.log?.warn(
        { messageId: input.message.messageId, interactionId: input.message.interactionId, attempt, failure: error.failure, delay },
        "Spine send failed; retrying with the same message id",
      );
      await sleep(delay);
    }
  }
}
