import "server-only";
import type { OutboundHl7 } from "@/lib/hl7/transport/outbound";
import type { Hl7Reply } from "@/lib/hl7/types";

/**
 * What every transport (direct Spine, MHS adaptor) offers the outbox and the service. A send
 * either yields the business reply now (sync SOAP, MHS wait-for-response) or says Spine has
 * accepted the message and the reply will arrive later on POST /api/spine/inbound.
 * Failures are thrown as SpineCallError.
 */
export interface TransportSendInput {
  /** The request as built once and stored: sent byte for byte under its MessageId. */
  message: OutboundHl7;
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
