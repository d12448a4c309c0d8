import { makeRequestHeader, type RequestInteractionId } from "@/lib/hl7";
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
  const header = makeRequestHeader(
    { senderAsid: envelope.senderAsid ?? "", receiverAsid: context.config.spine.asid },
    context.config.now(),
  );
  return { interactionId, header: { ...header, messageId: envelope.messageId ?? header.messageId } };
}
