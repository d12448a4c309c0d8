import { REQUEST_CODECS } from "@/lib/hl7/codecs";
import { Hl7CodecError } from "@/lib/hl7/errors";
import { guardParse } from "@/lib/hl7/guard";
import { formatHl7Timestamp } from "@/lib/hl7/hl7-time";
import { locateMessage } from "@/lib/hl7/locate-message";
import { newMessageId } from "@/lib/hl7/message-id";
import type { ControlActAuthor, Hl7Request, MessageHeader } from "@/lib/hl7/types";
import { INTERACTIONS, isRequestInteraction } from "@/lib/hl7/vocab/interactions";
import { buildMessageElement, readMessageElement } from "@/lib/hl7/wrapper/transmission-wrapper";
import type { XmlElement } from "@/lib/hl7/xml/xml-node";
import { type ParseOptions, parseXml } from "@/lib/hl7/xml/xml-read";
import { serializeXml } from "@/lib/hl7/xml/xml-write";

/** Requests: typed model ⇄ HL7 XML (the BFF builds, the simulator parses). */

/** Requests on the wire carry the MIM version our messages follow. */
export const REQUEST_VERSION_CODE = "V3NPfIT4.2.00";

/** A fresh request header: new MessageId, created `now`, the sending system also named as the ControlActEvent's system. */
export function makeRequestHeader(
  from: { senderAsid: string; receiverAsid: string; author?: ControlActAuthor },
  now: Date = new Date(),
): MessageHeader {
  return {
    messageId: newMessageId(),
    creationTime: formatHl7Timestamp(now),
    versionCode: REQUEST_VERSION_CODE,
    senderAsid: from.senderAsid,
    receiverAsid: from.receiverAsid,
    systemAsid: from.senderAsid,
    ...(from.author ? { author: from.author } : {}),
  };
}

export function requestToElement(request: Hl7Request): XmlElement {
  const codec = REQUEST_CODECS[request.interactionId] as { build(p: unknown): XmlElement };
  const payload = codec.build(request.payload);
  const { author, ...header } = request.header;
  const slot = INTERACTIONS[request.interactionId].payloadSlot;
  return buildMessageElement({
    interactionId: request.interactionId,
    header,
    author,
    subjectPayload: slot === "subject" ? payload : undefined,
    query: slot === "query" ? payload : undefined,
  });
}

export function buildRequest(request: Hl7Request): string {
  return serializeXml(requestToElement(request));
}

/** Read a request from an already-parsed element (bare message, or a document containing one). */
export function requestFromElement(root: XmlElement): Hl7Request {
  return guardParse(() => {
    const message = locateMessage(root, isRequestInteraction);
    const read = readMessageElement(message);
    if (!isRequestInteraction(read.interactionId)) {
      throw new Hl7CodecError("unknown_interaction", `interactionId ${read.interactionId.slice(0, 30)}`);
    }
    if (read.interactionId !== message.name) {
      throw new Hl7CodecError("invalid_value", `interactionId ${read.interactionId} does not match element ${message.name}`);
    }
    const info = INTERACTIONS[read.interactionId];
    const payloadEl = info.payloadSlot === "query" ? read.query : read.subjectPayload;
    if (!payloadEl || (info.payloadSlot === "subject" && payloadEl.name !== info.payloadRoot)) {
      throw new Hl7CodecError(
        "missing_element",
        `ControlActEvent/${info.payloadSlot === "query" ? "query" : `subject/${info.payloadRoot}`}`,
      );
    }
    const codec = REQUEST_CODECS[read.interactionId] as { read(e: XmlElement): unknown };
    return { interactionId: read.interactionId, header: read.header, payload: codec.read(payloadEl) } as Hl7Request;
  });
}

export function parseRequest(xml: string, options: ParseOptions = {}): Hl7Request {
  return guardParse(() => requestFromElement(parseXml(xml, options.limits)));
}
