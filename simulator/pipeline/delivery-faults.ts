import { type Hl7Reply, newMessageId } from "@/lib/hl7";
import type { SimulatorConfig } from "@/simulator/config";
import type { DeliveryFault } from "@/simulator/pipeline/process-request";

/** How long to wait before answering, per delivery fault (undefined = the normal delay). */
export function replyDelayMs(fault: DeliveryFault | undefined, config: SimulatorConfig, normalMs: number): number {
  if (fault?.kind === "delay") return fault.delayMs;
  if (fault?.kind === "lateReply") return config.async.lateReplyDelayMs;
  return normalMs;
}

/** The wrongRefToMessageId fault: the reply points at a message id nobody sent. */
export function withWrongReference(reply: Hl7Reply): { reply: Hl7Reply; refToMessageId: string } {
  const refToMessageId = newMessageId();
  const header = { ...reply.header, acknowledgement: { ...reply.header.acknowledgement, messageRefId: refToMessageId } };
  return { reply: { ...reply, header } as Hl7Reply, refToMessageId };
}

/** The malformedReply fault: cut the body inside the HL7 payload so no XML parser accepts it. */
export function malformed(body: string): string {
  const cut = body.lastIndexOf("</");
  return `${body.slice(0, cut > 0 ? cut : Math.floor(body.length / 2)).replace(/<[^<>]*$/, "")}<unterminated`;
}
