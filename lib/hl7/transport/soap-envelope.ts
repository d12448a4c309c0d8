import { Hl7CodecError } from "@/lib/hl7/errors";
import { guardParse } from "@/lib/hl7/guard";
import { toWsaMessageId } from "@/lib/hl7/message-id";
import { replyToElement } from "@/lib/hl7/replies";
import { NS, XML_CONTENT_TYPE } from "@/lib/hl7/transport/namespaces";
import { isOutboundHl7, type OutboundHl7, outboundOf } from "@/lib/hl7/transport/outbound";
import { readSoapFault, type SoapFault } from "@/lib/hl7/transport/soap-fault";
import type { Hl7Reply, Hl7Request } from "@/lib/hl7/types";
import { type SpineService, soapActionFor } from "@/lib/hl7/vocab/interactions";
import { OIDS } from "@/lib/hl7/vocab/oids";
import { el, type XmlElement } from "@/lib/hl7/xml/xml-node";
import { attr, child, childElements, find, textOf } from "@/lib/hl7/xml/xml-query";
import { type ParseOptions, parseXml } from "@/lib/hl7/xml/xml-read";
import { serializeXml } from "@/lib/hl7/xml/xml-write";

/** Synchronous SOAP + WS-Addressing envelopes (docs/domain.md §8.1). */

/** WS-Addressing + HL7 header fields of a sync SOAP envelope. */
export interface SoapHeaderFields {
  /** 41 chars: "uuid:" + upper-case UUID. */
  messageId: string;
  /** "<service>/<interactionId>". */
  action: string;
  to: string;
  fromAddress?: string;
  replyTo?: string;
  /** wsa:RelatesTo ("uuid:…") on responses. */
  relatesTo?: string;
  receiverAsid?: string;
  senderAsid?: string;
}

const commFunction = (name: string, asid: string, prefix: string) =>
  el(`${prefix}${name}`, {}, el(`${prefix}device`, {}, el(`${prefix}id`, { root: OIDS.asid, extension: asid })));

/** Where the already-built HL7 element goes in the serialised envelope (a name no HL7 message uses). */
const BODY_SLOT = "lrm-hl7-body-slot";

/**
 * A sync SOAP request. Takes the typed request or the stored wire form (OutboundHl7): either way
 * the HL7 element is serialised once and placed in the Body as it is.
 */
export function buildSoapRequest(
  request: Hl7Request | OutboundHl7,
  opts: { to: string; fromAddress: string; replyTo?: string },
): { body: string; soapAction: string; contentType: string } {
  const outbound = isOutboundHl7(request) ? request : outboundOf(request);
  if (!outbound.senderAsid || !outbound.receiverAsid) {
    throw new Hl7CodecError("invalid_input", "a sync SOAP request needs the sender and receiver ASIDs");
  }
  const soapAction = soapActionFor(outbound.interactionId);
  const envelope = el(
    "SOAP-ENV:Envelope",
    { "xmlns:SOAP-ENV": NS.soap, "xmlns:wsa": NS.wsa, "xmlns:hl7": NS.hl7 },
    el(
      "SOAP-ENV:Header",
      {},
      el("wsa:MessageID", {}, toWsaMessageId(outbound.messageId)),
      el("wsa:Action", {}, soapAction),
      el("wsa:To", {}, opts.to),
      el("wsa:From", {}, el("wsa:Address", {}, opts.fromAddress)),
      commFunction("communicationFunctionRcv", outbound.receiverAsid, "hl7:"),
      commFunction("communicationFunctionSnd", outbound.senderAsid, "hl7:"),
      el("wsa:ReplyTo", {}, el("wsa:Address", {}, opts.replyTo ?? opts.fromAddress)),
    ),
    el("SOAP-ENV:Body", {}, el(BODY_SLOT)),
  );
  const body = serializeXml(envelope, { declaration: true }).replace(`<${BODY_SLOT}/>`, () => outbound.hl7);
  return { body, soapAction, contentType: XML_CONTENT_TYPE };
}

export function buildSoapResponse(
  reply: Hl7Reply,
  opts: { relatesTo: string; fromAddress: string; to?: string; service?: SpineService },
): string {
  const hl7 = { xmlns: NS.hl7 };
  const envelope = el(
    "SOAP:Envelope",
    { "xmlns:SOAP": NS.soap, "xmlns:wsa": NS.wsa },
    el(
      "SOAP:Header",
      {},
      el("wsa:MessageID", {}, toWsaMessageId(reply.header.messageId)),
      el("wsa:Action", {}, soapActionFor(reply.interactionId, opts.service)),
      el("wsa:To", {}, opts.to ?? ""),
      el("wsa:From", {}, el("wsa:Address", {}, opts.fromAddress)),
      el("communicationFunctionRcv", hl7, el("device", {}, el("id", { root: OIDS.asid, extension: reply.header.receiverAsid }))),
      el("communicationFunctionSnd", hl7, el("device", {}, el("id", { root: OIDS.asid, extension: reply.header.senderAsid }))),
      el("wsa:RelatesTo", {}, toWsaMessageId(opts.relatesTo)),
    ),
    el("SOAP:Body", {}, replyToElement(reply)),
  );
  return serializeXml(envelope, { declaration: true });
}

function trimmedText(element: XmlElement | undefined): string | undefined {
  const text = textOf(element);
  return text === undefined ? undefined : text.trim();
}

/** WS-Addressing + HL7 header fields of a SOAP envelope element (absent fields are left out). */
export function readSoapHeader(envelope: XmlElement): Partial<SoapHeaderFields> {
  const header = child(envelope, "Header");
  const fields: Partial<SoapHeaderFields> = {};
  if (!header) return fields;
  const set = <K extends keyof SoapHeaderFields>(key: K, value: string | undefined) => {
    if (value !== undefined) fields[key] = value;
  };
  set("messageId", trimmedText(child(header, "MessageID")));
  set("action", trimmedText(child(header, "Action")));
  set("to", trimmedText(child(header, "To")));
  set("fromAddress", trimmedText(find(header, "From/Address")));
  set("replyTo", trimmedText(find(header, "ReplyTo/Address")));
  set("relatesTo", trimmedText(child(header, "RelatesTo")));
  set("receiverAsid", attr(find(header, "communicationFunctionRcv/device/id"), "extension"));
  set("senderAsid", attr(find(header, "communicationFunctionSnd/device/id"), "extension"));
  return fields;
}

export interface ParsedSoapEnvelope {
  header: Partial<SoapHeaderFields>;
  /** First element in SOAP Body (the HL7 message, a wrapper around it, or the Fault). */
  body?: XmlElement;
  fault?: SoapFault;
}

export function soapEnvelopeFromElement(root: XmlElement): ParsedSoapEnvelope {
  if (root.name !== "Envelope") throw new Hl7CodecError("bad_envelope", `expected SOAP Envelope, got ${root.name.slice(0, 40)}`);
  const bodyEl = child(root, "Body");
  if (!bodyEl) throw new Hl7CodecError("bad_envelope", "SOAP Body missing");
  const parsed: ParsedSoapEnvelope = { header: readSoapHeader(root) };
  const first = childElements(bodyEl)[0];
  if (first) parsed.body = first;
  const fault = child(bodyEl, "Fault");
  if (fault) parsed.fault = readSoapFault(fault);
  return parsed;
}

export function parseSoapEnvelope(xml: string, options: ParseOptions = {}): ParsedSoapEnvelope {
  return guardParse(() => soapEnvelopeFromElement(parseXml(xml, options.limits)));
}
