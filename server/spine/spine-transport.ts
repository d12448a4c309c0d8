import "server-only";
import type { Hl7Reply, Hl7Request } from "@/lib/hl7/types";

/**
 * What every transport (direct Spine, MHS adaptor) offers the outbox and the service. A send
 * either yields the business reply now (sync SOAP, MHS wait-for-response) or says Spine has
 * accepted the message and the reply will arrive later on POST /api/spine/inbound.
 * Failures are thrown as SpineCallError.
 */
export interface TransportSendInput {
  request: Hl7Request;
  /** eb:ConversationId / MHS Correlation-Id. */
  conversationId: string;
  /** Deadline for this one HTTP exchange. */
  timeoutMs: number;
}

export type TransportOutcome = { kind: "reply"; reply: Hl7Reply; rawReply: string } | { kind: "accepted" };

export interface SpineTransport {
  readonly name: "direct" | "mhs";
  send(input: TransportSendInput): Promise<TransportOutcome>;
}
