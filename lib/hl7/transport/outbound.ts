import { requestToElement } from "@/lib/hl7/requests";
import type { Hl7Request, RequestInteractionId } from "@/lib/hl7/types";
import type { XmlElement } from "@/lib/hl7/xml/xml-node";
import { serializeXml } from "@/lib/hl7/xml/xml-write";

/**
 * An HL7 V3 request as it goes on the wire: the interaction element built once, when the request
 * is made, and kept (in the BFF's outbox) exactly as built. A retry re-sends these bytes under the
 * same MessageId; nothing is parsed back or rebuilt on the way out. The envelope (SOAP, ebXML,
 * MHS adaptor JSON) is wrapped around it at send time.
 */
export interface OutboundHl7 {
  interactionId: RequestInteractionId;
  messageId: string;
  /** The interaction element, serialised, without an XML declaration. */
  hl7: string;
  /** The ASIDs of the wrapper's communicationFunctionSnd/Rcv: the sync SOAP header repeats them. */
  senderAsid?: string;
  receiverAsid?: string;
}

/** The wire form of a request; pass the element when it was already built (e.g. to validate it first). */
export function outboundOf(request: Hl7Request, element: XmlElement = requestToElement(request)): OutboundHl7 {
  return {
    interactionId: request.interactionId,
    messageId: request.header.messageId,
    hl7: serializeXml(element),
    senderAsid: request.header.senderAsid,
    receiverAsid: request.header.receiverAsid,
  };
}

export function isOutboundHl7(value: object): value is OutboundHl7 {
  return "hl7" in value && typeof (value as OutboundHl7).hl7 === "string";
}
