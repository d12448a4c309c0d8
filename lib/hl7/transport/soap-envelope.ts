import { Hl7CodecError } from "@/lib/hl7/errors";
import { guardParse } from "@/lib/hl7/guard";
import { toWsaMessageId } from "@/lib/hl7/message-id";
import { replyToElement } from "@/lib/hl7/replies";
import { requestToElement } from "@/lib/hl7/requests";
import { NS, XML_CONTENT_TYPE } from "@/lib/hl7/transport/namespaces";
import { readSoapFault } from "@/lib/hl7/transport/soap-fault";
import type { Hl7Reply, Hl7Request, SoapFault, SoapHeaderFields } from "@/lib/hl7/types";
import { type SpineService, soapActionFor } from "@/lib/hl7/vocab/interactions";
import { OIDS } from "@/lib/hl7/vocab/oids";
import { el, type XmlElement } from "@/lib/hl7/xml/xml-node";
import { attr, child, childElements, find, textOf } from "@/lib/hl7/xml/xml-query";
import { type ParseOptions, parseXml } from "@/lib/hl7/xml/xml-read";
import { serializeXml } from "@/lib/hl7/xml/xml-write";

/** Synchronous SOAP + WS-Addressing envelopes (docs/domain.md §8.1). */

const commFunction = (name: string, asid: string, prefix: string) =>
  el(`${prefix}${name}`, {}, el(`${prefix}device`, {}, el(`${prefix}id`, { root: OIDS.asid, extension: asid })));

export function buildSoapRequest(
  request: Hl7Request,
  opts: { to: string; fromAddress: string; replyTo?: string },
): { body: string; soapAction: string; contentType: string } {
  const soapAction = soapActionFor(request.interactionId);
  const envelope = el(
    "SOAP-ENV:Envelope",
    { "xmlns:SOAP-ENV": NS.soap, "xmlns:wsa": NS.wsa, "xmlns:hl7": NS.hl7 },
    el(
      "SOAP-ENV:Header",
      {},
      el("wsa:MessageID", {}, toWsaMessageId(request.header.messageId)),
      el("wsa:Action", {}, soapAction),
      el("wsa:To", {}, opts.to),
      el("wsa:From", {}, el("wsa:Address", {}, opts.fromAddress)),
      commFunction("communicationFunctionRcv", request.header.receiverAsid, "hl7:"),
      commFunction("communicationFunctionSnd", request.header.senderAsid, "hl7:"),
      el("wsa:ReplyTo", {}, el("wsa:Address", {}, opts.replyTo ?? opts.fromAddress)),
    ),
    el("SOAP-ENV:Body", {}, requestToElement(request)),
  );
  return { body: serializeXml(envelope, { declaration: true }), soapAction, contentType: XML_CONTENT_TYPE };
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
