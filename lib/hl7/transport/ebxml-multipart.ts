import { Hl7CodecError } from "@/lib/hl7/errors";
import { guardParse } from "@/lib/hl7/guard";
import { formatEbxmlTimestamp } from "@/lib/hl7/hl7-time";
import { buildReply } from "@/lib/hl7/replies";
import { buildRequest } from "@/lib/hl7/requests";
import { type EbxmlError, type EbxmlHeaderFields, ebxmlMessageEnvelope, readEbxmlEnvelope } from "@/lib/hl7/transport/ebxml-envelope";
import { EBXML_HEADER_CONTENT_ID, MIME_BOUNDARY } from "@/lib/hl7/transport/namespaces";
import { isOutboundHl7, type OutboundHl7 } from "@/lib/hl7/transport/outbound";
import type { Hl7Reply, Hl7Request } from "@/lib/hl7/types";
import { INTERACTIONS, RELIABILITY_BY_PATTERN, type SpineService, soapActionFor } from "@/lib/hl7/vocab/interactions";
import { type ParseOptions, parseXml, resolveLimits } from "@/lib/hl7/xml/xml-read";

/** ebXML multipart/related messages (docs/domain.md §8.2): part 1 = ebXML SOAP header, part 2 = HL7 payload. */

/** A built ebXML multipart/related message, ready to POST. */
export interface EbxmlMultipartMessage {
  body: string;
  contentType: string;
  soapAction: string;
}

export interface EbxmlOptions {
  fromPartyId: string;
  toPartyId: string;
  cpaId: string;
  conversationId: string;
  refToMessageId?: string;
  /** Defaults to now. */
  timestamp?: string;
  /** Defaults to the interaction pattern's flags. */
  reliability?: { duplicateElimination: boolean; ackRequested: boolean; syncReply: boolean };
  /** Override the service (errors travel on the request's service). */
  service?: SpineService;
}

export function payloadContentId(messageId: string): string {
  return `${messageId}@spine.nhs.uk`;
}

function mimePart(contentId: string, body: string): string {
  return [`Content-Id: <${contentId}>`, "Content-Type: text/xml; charset=UTF-8", "Content-Transfer-Encoding: 8bit", "", body].join("\r\n");
}

/** An ebXML message around a typed request or reply, or around a request's stored wire form (sent as built). */
export function buildEbxmlMessage(message: Hl7Request | Hl7Reply | OutboundHl7, opts: EbxmlOptions): EbxmlMultipartMessage {
  const info = INTERACTIONS[message.interactionId];
  const messageId = isOutboundHl7(message) ? message.messageId : message.header.messageId;
  const service = opts.service ?? info.service;
  const header: EbxmlHeaderFields = {
    fromPartyId: opts.fromPartyId,
    toPartyId: opts.toPartyId,
    cpaId: opts.cpaId,
    conversationId: opts.conversationId,
    service,
    action: message.interactionId,
    messageId,
    timestamp: opts.timestamp ?? formatEbxmlTimestamp(new Date()),
    ...(opts.refToMessageId !== undefined ? { refToMessageId: opts.refToMessageId } : {}),
    ...(opts.reliability ?? RELIABILITY_BY_PATTERN[info.pattern]),
  };
  const hl7 = isOutboundHl7(message)
    ? message.hl7
    : info.direction === "request"
      ? buildRequest(message as Hl7Request)
      : buildReply(message as Hl7Reply);
  const cid = payloadContentId(messageId);
  if (/[\r\n<>]/.test(cid)) throw new Hl7CodecError("invalid_input", "message id cannot be used as a MIME Content-Id");
  const envelope = ebxmlMessageEnvelope(header, cid);
  // User text inside the HL7 part must never be able to close the part: if the usual boundary
  // occurs in the content, pick one that does not.
  let boundary = MIME_BOUNDARY;
  while (envelope.includes(`--${boundary}`) || hl7.includes(`--${boundary}`))
    boundary = `${MIME_BOUNDARY}-${globalThis.crypto.randomUUID()}`;
  const body = [
    `--${boundary}`,
    mimePart(EBXML_HEADER_CONTENT_ID, envelope),
    `--${boundary}`,
    mimePart(cid, hl7),
    `--${boundary}--`,
    "",
  ].join("\r\n");
  return {
    body,
    contentType: `multipart/related; boundary="${boundary}"; type="text/xml"; start="<${EBXML_HEADER_CONTENT_ID}>"; charset="UTF-8"`,
    soapAction: soapActionFor(message.interactionId, service),
  };
}

export interface MimePart {
  headers: Record<string, string>;
  body: string;
}

const MAX_PARTS = 100;

function contentTypeParam(contentType: string, name: string): string | undefined {
  const match = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]*))`, "i").exec(contentType);
  return match ? (match[1] ?? match[2]) : undefined;
}

export function splitMultipart(body: string, boundary: string): MimePart[] {
  // Delimiters only count at the start of a line (RFC 2046).
  const escaped = `--${boundary}`.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const segments = body.split(new RegExp(`(?:^|\\r?\\n)${escaped}`));
  if (segments.length < 2) throw new Hl7CodecError("bad_envelope", "multipart boundary not found");
  if (segments.length > MAX_PARTS + 2) throw new Hl7CodecError("bad_envelope", "too many MIME parts");
  const parts: MimePart[] = [];
  // segments[0] is the preamble; a segment starting with "--" is the close delimiter's tail.
  for (const segment of segments.slice(1)) {
    if (segment.startsWith("--")) break;
    const content = segment.replace(/^[ \t]*\r?\n/, "");
    const split = /\r?\n\r?\n/.exec(content);
    if (!split) throw new Hl7CodecError("bad_envelope", "MIME part without header/body separator");
    const headers: Record<string, string> = {};
    for (const line of content.slice(0, split.index).split(/\r?\n/)) {
      const colon = line.indexOf(":");
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    parts.push({ headers, body: content.slice(split.index + split[0].length) });
  }
  if (parts.length === 0) throw new Hl7CodecError("bad_envelope", "multipart body has no parts");
  return parts;
}

const stripAngles = (id: string) => id.trim().replace(/^<|>$/g, "");

export interface ParsedEbxmlMessage {
  header: EbxmlHeaderFields;
  /** The HL7 payload part, if any (Acknowledgment / MessageError carry none). */
  hl7Xml?: string;
  acknowledged: boolean;
  errors?: EbxmlError[];
}

/** Read an ebXML message: multipart/related, or a bare text/xml ebXML envelope (Acknowledgment / MessageError). */
export function parseEbxmlMessage(body: string, contentType: string, options: ParseOptions = {}): ParsedEbxmlMessage {
  return guardParse(() => {
    const limits = resolveLimits(options.limits);
    if (typeof body !== "string") throw new Hl7CodecError("invalid_input", "body must be a string");
    if (body.length > limits.maxBytes * 2) throw new Hl7CodecError("too_large", `body over ${limits.maxBytes * 2} characters`);
    if (!/multipart\/related/i.test(contentType)) {
      const envelope = readEbxmlEnvelope(parseXml(body, options.limits));
      const parsed: ParsedEbxmlMessage = { header: envelope.header, acknowledged: envelope.acknowledged };
      if (envelope.errors) parsed.errors = envelope.errors;
      return parsed;
    }
    const boundary = contentTypeParam(contentType, "boundary");
    if (!boundary) throw new Hl7CodecError("bad_envelope", "multipart content type without boundary");
    const parts = splitMultipart(body, boundary);
    const start = contentTypeParam(contentType, "start");
    const startId = start ? stripAngles(start) : undefined;
    const headerPart = (startId && parts.find((p) => stripAngles(p.headers["content-id"] ?? "") === startId)) || parts[0]!;
    const envelope = readEbxmlEnvelope(parseXml(headerPart.body, options.limits));
    const parsed: ParsedEbxmlMessage = { header: envelope.header, acknowledged: envelope.acknowledged };
    if (envelope.errors) parsed.errors = envelope.errors;
    const cid = envelope.manifestHrefs[0]?.replace(/^cid:/, "");
    const payload =
      (cid && parts.find((p) => p !== headerPart && stripAngles(p.headers["content-id"] ?? "") === cid)) ||
      parts.find((p) => p !== headerPart);
    if (payload) parsed.hl7Xml = payload.body;
    return parsed;
  });
}
