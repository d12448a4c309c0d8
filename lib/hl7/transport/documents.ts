import { Hl7CodecError } from "@/lib/hl7/errors";
import { guardParse } from "@/lib/hl7/guard";
import { replyFromElement } from "@/lib/hl7/replies";
import { requestFromElement } from "@/lib/hl7/requests";
import { type EbxmlError, type EbxmlHeaderFields, readEbxmlEnvelope } from "@/lib/hl7/transport/ebxml-envelope";
import { parseEbxmlMessage } from "@/lib/hl7/transport/ebxml-multipart";
import { type SoapHeaderFields, soapEnvelopeFromElement } from "@/lib/hl7/transport/soap-envelope";
import type { SoapFault } from "@/lib/hl7/transport/soap-fault";
import type { Hl7Reply, Hl7Request } from "@/lib/hl7/types";
import type { XmlElement } from "@/lib/hl7/xml/xml-node";
import { child } from "@/lib/hl7/xml/xml-query";
import { type ParseOptions, parseXml } from "@/lib/hl7/xml/xml-read";

/**
 * One entry point per side for "whatever arrived over HTTP": multipart ebXML, a text/xml ebXML
 * signal (Acknowledgment / MessageError), a SOAP envelope (sync reply or fault), or bare HL7.
 */

/** Result of reading any inbound document on the reply side. */
export type ParsedReplyDocument =
  | { kind: "hl7"; reply: Hl7Reply; soap?: SoapHeaderFields; ebxml?: EbxmlHeaderFields }
  | { kind: "soap-fault"; fault: SoapFault; soap?: Partial<SoapHeaderFields> }
  | { kind: "ebxml-ack"; ebxml: EbxmlHeaderFields }
  | { kind: "ebxml-error"; ebxml: EbxmlHeaderFields; errors: EbxmlError[] };

/** Result of reading any inbound document on the request side (the simulator). */
export interface ParsedRequestDocument {
  request: Hl7Request;
  soap?: SoapHeaderFields;
  ebxml?: EbxmlHeaderFields;
}

const isMultipart = (contentType?: string) => contentType !== undefined && /multipart\/related/i.test(contentType);
const isEbxmlEnvelope = (root: XmlElement) =>
  root.name === "Envelope" && child(child(root, "Header") ?? root, "MessageHeader") !== undefined;

function completeSoapHeader(header: Partial<SoapHeaderFields>): SoapHeaderFields {
  return { messageId: "", action: "", to: "", ...header };
}

export function parseReplyDocument(body: string, contentType?: string, options: ParseOptions = {}): ParsedReplyDocument {
  return guardParse((): ParsedReplyDocument => {
    if (isMultipart(contentType)) {
      const message = parseEbxmlMessage(body, contentType!, options);
      if (message.errors && message.errors.length > 0) return { kind: "ebxml-error", ebxml: message.header, errors: message.errors };
      if (message.hl7Xml === undefined) return { kind: "ebxml-ack", ebxml: message.header };
      return { kind: "hl7", reply: replyFromElement(parseXml(message.hl7Xml, options.limits)), ebxml: message.header };
    }
    const root = parseXml(body, options.limits);
    if (isEbxmlEnvelope(root)) {
      const envelope = readEbxmlEnvelope(root);
      if (envelope.errors && envelope.errors.length > 0) return { kind: "ebxml-error", ebxml: envelope.header, errors: envelope.errors };
      if (envelope.acknowledged) return { kind: "ebxml-ack", ebxml: envelope.header };
      throw new Hl7CodecError("bad_envelope", "ebXML envelope with neither payload, Acknowledgment nor ErrorList");
    }
    if (root.name === "Envelope") {
      const soap = soapEnvelopeFromElement(root);
      if (soap.fault) return { kind: "soap-fault", fault: soap.fault, soap: soap.header };
      if (!soap.body) throw new Hl7CodecError("bad_envelope", "empty SOAP Body");
      return { kind: "hl7", reply: replyFromElement(soap.body), soap: completeSoapHeader(soap.header) };
    }
    return { kind: "hl7", reply: replyFromElement(root) };
  });
}

export function parseRequestDocument(body: string, contentType?: string, options: ParseOptions = {}): ParsedRequestDocument {
  return guardParse((): ParsedRequestDocument => {
    if (isMultipart(contentType)) {
      const message = parseEbxmlMessage(body, contentType!, options);
      if (message.hl7Xml === undefined) throw new Hl7CodecError("bad_envelope", "ebXML message without HL7 payload");
      return { request: requestFromElement(parseXml(message.hl7Xml, options.limits)), ebxml: message.header };
    }
    const root = parseXml(body, options.limits);
    if (root.name === "Envelope") {
      const soap = soapEnvelopeFromElement(root);
      if (!soap.body) throw new Hl7CodecError("bad_envelope", "empty SOAP Body");
      return { request: requestFromElement(soap.body), soap: completeSoapHeader(soap.header) };
    }
    return { request: requestFromElement(root) };
  });
}
