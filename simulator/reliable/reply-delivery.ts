import { type EbxmlMultipartMessage, parseReplyDocument } from "@/lib/hl7";
import { sleep } from "@/simulator/http/http-io";
import type { MessageJournal } from "@/simulator/journal/message-journal";

export interface DeliveryJob {
  endpoint: string;
  message: EbxmlMultipartMessage;
  interactionId: string;
  /** eb:MessageId of the reply; the Acknowledgment must refer to it. */
  replyMessageId: string;
  refToMessageId: string;
  /** Reliable replies (AckRequested) are retried until acknowledged; express ones are sent once. */
  expectAck: boolean;
  delayMs: number;
  retries: number;
  retryIntervalMs: number;
  ackTimeoutMs: number;
  /** 2 for the duplicateReply fault. */
  copies: number;
}

export type DeliveryResult = "acknowledged" | "delivered" | "gave-up" | "cancelled";

/**
 * Posts business replies to a sender's inbound endpoint after a delay, retrying per the SDS
 * reliability settings until an ebXML Acknowledgment for the reply comes back. Every attempt and
 * answer goes to the journal. close()/cancelAll() stop pending work (reset, shutdown).
 */
export class ReplyDelivery {
  private controller = new AbortController();
  private readonly inFlight = new Set<Promise<DeliveryResult>>();

  /** `headers` go on every reply POST (the BFF's inbound credential, standing in for Spine's TLS client certificate). */
  constructor(
    private readonly journal: MessageJournal,
    private readonly headers: Record<string, string> = {},
  ) {}

  schedule(job: DeliveryJob): Promise<DeliveryResult> {
    const signal = this.controller.signal;
    const run = this.run(job, signal).catch(() => "gave-up" as const);
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
    return run;
  }

  /** Resolves when every delivery scheduled so far has finished (tests). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  cancelAll(): void {
    this.controller.abort();
    this.controller = new AbortController();
  }

  private async run(job: DeliveryJob, signal: AbortSignal): Promise<DeliveryResult> {
    await sleep(job.delayMs, signal);
    let result: DeliveryResult = "gave-up";
    for (let copy = 0; copy < job.copies; copy++) {
      if (signal.aborted) return "cancelled";
      result = await this.deliverWithRetries(job, signal);
    }
    return result;
  }

  private async deliverWithRetries(job: DeliveryJob, signal: AbortSignal): Promise<DeliveryResult> {
    // Express messaging has no reliability: one attempt, whatever happens to it.
    const retries = job.expectAck ? job.retries : 0;
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (signal.aborted) return "cancelled";
      if (attempt > 0) await sleep(job.retryIntervalMs, signal);
      if (signal.aborted) return "cancelled";
      const outcome = await this.attempt(job, attempt);
      if (outcome !== "retry") return outcome;
    }
    return "gave-up";
  }

  private async attempt(job: DeliveryJob, attempt: number): Promise<"acknowledged" | "delivered" | "retry"> {
    await this.journal.record({
      direction: "outbound",
      transport: "ebxml",
      interactionId: job.interactionId,
      messageId: job.replyMessageId,
      refToMessageId: job.refToMessageId,
      outcome: `reply-attempt:${attempt + 1}`,
      body: job.message.body,
      multipart: true,
    });
    let status: number;
    let body: string;
    let contentType: string;
    try {
      const response = await fetch(job.endpoint, {
        method: "POST",
        headers: { ...this.headers, "content-type": job.message.contentType, soapaction: job.message.soapAction },
        body: job.message.body,
        signal: AbortSignal.timeout(job.ackTimeoutMs),
      });
      status = response.status;
      contentType = response.headers.get("content-type") ?? "";
      body = await response.text();
    } catch (error) {
      await this.journal.record({
        direction: "inbound",
        transport: "ebxml",
        refToMessageId: job.replyMessageId,
        outcome: `reply-unreachable:${(error as Error).name}`,
        body: "",
      });
      return "retry";
    }
    const ackMessageId = status >= 200 && status < 300 ? ackFor(body, contentType, job.replyMessageId) : undefined;
    const acknowledged = ackMessageId !== undefined;
    await this.journal.record({
      direction: "inbound",
      transport: "ebxml",
      interactionId: acknowledged ? "Acknowledgment" : undefined,
      messageId: ackMessageId,
      refToMessageId: job.replyMessageId,
      httpStatus: status,
      outcome: acknowledged ? "acked" : "not-acked",
      body,
    });
    if (acknowledged) return "acknowledged";
    if (!job.expectAck && status >= 200 && status < 300) return "delivered";
    return "retry";
  }
}

/** The Acknowledgment's own message id when the body acknowledges this reply, else undefined. */
function ackFor(body: string, contentType: string, replyMessageId: string): string | undefined {
  if (body.trim() === "") return undefined;
  try {
    const document = parseReplyDocument(body, contentType);
    return document.kind === "ebxml-ack" && document.ebxml.refToMessageId === replyMessageId ? document.ebxml.messageId : undefined;
  } catch {
    return undefined;
  }
}
