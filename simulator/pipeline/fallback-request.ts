import { formatHl7Timestamp, newMessageId, type RequestInteractionId } from "@/lib/hl7";
import type { RequestRef } from "@/simulator/pipeline/reply-factory";
import type { SimulatorContext } from "@/simulator/simulator-context";

/**
 * Who to answer when the HL7 payload cannot be read: ids taken from the envelope, so even a
 * rejection of an unreadable message refers to the message the sender knows.
 */
export function fallbackRequest(
  context: SimulatorContext,
  interactionId: RequestInteractionId,
  envelope: { messageId?: string; senderAsid?: string },
): RequestRef {
  const senderAsid = envelope.senderAsid ?? "";
  return {
    interactionId,
    header: {
      messageId: envelope.messageId ?? newMessageId(),
      creationTime: formatHl7Timestamp(context.config.now()),
      versionCode: "V3NPfIT4.2.00",
      senderAsid,
      receiverAsid: context.config.spine.asid,
      systemAsid: senderAsid,
    },
  };
}
