import {
  buildEbxmlMessage,
  type EbxmlHeaderFields,
  formatEbxmlTimestamp,
  type Hl7Reply,
  INTERACTIONS,
  type RequestInteractionId,
  replyReliability,
} from "@/lib/hl7";
import { malformed, replyDelayMs, withWrongReference } from "@/simulator/pipeline/delivery-faults";
import type { DeliveryFault } from "@/simulator/pipeline/process-request";
import { type AccreditedSender, parseIsoDurationMs } from "@/simulator/sds/sds-registry";
import type { SimulatorContext } from "@/simulator/simulator-context";
import type { SeenMessageTable } from "@/simulator/store/schema";

/** Duplicate-elimination window: the configured override, else the sender's SDS persist duration. */
export function persistDurationMs(context: SimulatorContext, sender: AccreditedSender): number {
  return context.config.async.persistDurationMsOverride ?? parseIsoDurationMs(sender.reliability.persistDuration);
}

function retryPolicy(context: SimulatorContext, sender: AccreditedSender) {
  return (
    context.config.async.reliabilityOverride ?? {
      retries: sender.reliability.retries,
      retryIntervalMs: parseIsoDurationMs(sender.reliability.retryInterval),
    }
  );
}

export interface AsyncReplyInput {
  reply: Hl7Reply;
  deliveryFault?: DeliveryFault;
  sender: AccreditedSender;
  /** Replies, including MCCI/QUQI errors, travel on the request's service. */
  requestInteractionId: RequestInteractionId;
  /** The request's ebXML header: conversation and message ids the reply refers to. */
  requestEbxml: Pick<EbxmlHeaderFields, "messageId" | "conversationId">;
}

/**
 * Wraps the business reply in ebXML (RefToMessageId = request, same ConversationId), remembers it
 * for duplicate elimination, and hands it to ReplyDelivery after the (possibly faulted) delay —
 * except under noReply, where it is kept but not sent.
 */
export async function deliverReply(context: SimulatorContext, input: AsyncReplyInput): Promise<void> {
  const { sender, deliveryFault: fault } = input;
  let reply = input.reply;
  let refToMessageId = input.requestEbxml.messageId;
  if (fault?.kind === "wrongRefToMessageId") ({ reply, refToMessageId } = withWrongReference(reply));
  const service = INTERACTIONS[input.requestInteractionId].service;
  const reliability = replyReliability(input.requestInteractionId);
  const message = buildEbxmlMessage(reply, {
    fromPartyId: context.config.spine.partyKey,
    toPartyId: sender.partyKey,
    // The reply travels on the request's service, under the CPA SDS holds for it.
    cpaId: context.sds.cpaIdFor(sender, service, reply.interactionId),
    conversationId: input.requestEbxml.conversationId,
    refToMessageId,
    timestamp: formatEbxmlTimestamp(context.config.now()),
    service,
    // Errors (MCCI/QUQI) travel as the request did: express for an express query (docs/domain.md §1.3, §8.3).
    reliability,
  });
  if (fault?.kind === "malformedReply") message.body = malformed(message.body);
  // Only a reply that asked for an Acknowledgment waits for one (and is retried without it).
  const expectAck = reliability.ackRequested;
  await context.db
    .updateTable("seen_messages")
    .set({
      reply_body: message.body,
      reply_content_type: message.contentType,
      reply_endpoint: sender.inboundEndpoint,
      reply_soap_action: message.soapAction,
      reply_message_id: reply.header.messageId,
      reply_interaction_id: reply.interactionId,
      reply_expects_ack: expectAck,
    })
    .where("message_id", "=", input.requestEbxml.messageId)
    .execute();
  if (fault?.kind === "noReply") {
    // Spine has its answer but does not send it: kept above, so once Spine answers again a re-send
    // of the same message gets this reply (duplicate elimination), never a second processing.
    await context.journal.record({
      direction: "outbound",
      transport: "ebxml",
      interactionId: input.reply.interactionId,
      refToMessageId: input.requestEbxml.messageId,
      outcome: "no-reply",
      body: "",
    });
    return;
  }
  void context.delivery.schedule({
    endpoint: sender.inboundEndpoint,
    message,
    interactionId: reply.interactionId,
    replyMessageId: reply.header.messageId,
    refToMessageId,
    expectAck,
    delayMs: replyDelayMs(fault, context.config, context.config.async.replyDelayMs),
    ...retryPolicy(context, sender),
    ackTimeoutMs: context.config.async.ackTimeoutMs,
    copies: fault?.kind === "duplicateReply" ? 2 : 1,
  });
}

/** A duplicate request whose reply was already built: send that same reply again (same message id). */
export function redeliverStoredReply(context: SimulatorContext, seen: SeenMessageTable, sender: AccreditedSender): void {
  if (!seen.reply_body || !seen.reply_content_type || !seen.reply_soap_action || !seen.reply_message_id) return;
  void context.delivery.schedule({
    endpoint: seen.reply_endpoint ?? sender.inboundEndpoint,
    message: { body: seen.reply_body, contentType: seen.reply_content_type, soapAction: seen.reply_soap_action },
    interactionId: seen.reply_interaction_id ?? "unknown",
    replyMessageId: seen.reply_message_id,
    refToMessageId: seen.message_id,
    expectAck: seen.reply_expects_ack ?? true,
    delayMs: 0,
    ...retryPolicy(context, sender),
    ackTimeoutMs: context.config.async.ackTimeoutMs,
    copies: 1,
  });
}
