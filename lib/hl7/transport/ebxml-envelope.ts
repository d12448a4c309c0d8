import { Hl7CodecError } from "@/lib/hl7/errors";
import { EBXML_SERVICE, NEXT_MSH_ACTOR, NS, PARTY_ID_TYPE, TO_PARTY_MSH_ACTOR } from "@/lib/hl7/transport/namespaces";
import { el, type XmlElement } from "@/lib/hl7/xml/xml-node";
import { attr, child, children, find, textOf } from "@/lib/hl7/xml/xml-query";
import { serializeXml } from "@/lib/hl7/xml/xml-write";

/** ebXML SOAP envelopes: message header + manifest, Acknowledgment, MessageError (docs/domain.md §8.2). */

export interface EbxmlHeaderFields {
  fromPartyId: string;
  toPartyId: string;
  cpaId: string;
  conversationId: string;
  service: string;
  action: string;
  /** Upper-case UUID (no "uuid:" prefix). */
  messageId: string;
  /** ISO 8601 UTC, e.g. 2024-01-31T12:00:00Z. */
  timestamp: string;
  refToMessageId?: string;
  duplicateElimination: boolean;
  ackRequested: boolean;
  syncReply: boolean;
}

export interface EbxmlError {
  codeContext: string;
  errorCode: string;
  severity: string;
  description: string;
  location?: string;
}

const ENVELOPE_NS = { "xmlns:SOAP": NS.soap, "xmlns:eb": NS.eb, "xmlns:hl7ebxml": NS.hl7ebxml, "xmlns:xlink": NS.xlink };

function messageHeaderEl(h: EbxmlHeaderFields): XmlElement {
  return el(
    "eb:MessageHeader",
    { "SOAP:mustUnderstand": "1", "eb:version": "2.0" },
    el("eb:From", {}, el("eb:PartyId", { "eb:type": PARTY_ID_TYPE }, h.fromPartyId)),
    el("eb:To", {}, el("eb:PartyId", { "eb:type": PARTY_ID_TYPE }, h.toPartyId)),
    el("eb:CPAId", {}, h.cpaId),
    el("eb:ConversationId", {}, h.conversationId),
    el("eb:Service", {}, h.service),
    el("eb:Action", {}, h.action),
    el(
      "eb:MessageData",
      {},
      el("eb:MessageId", {}, h.messageId),
      el("eb:Timestamp", {}, h.timestamp),
      h.refToMessageId !== undefined ? el("eb:RefToMessageId", {}, h.refToMessageId) : undefined,
    ),
    h.duplicateElimination ? el("eb:DuplicateElimination", {}) : undefined,
  );
}

function headerExtras(h: EbxmlHeaderFields): XmlElement[] {
  const extras: XmlElement[] = [];
  if (h.ackRequested) {
    extras.push(
      el("eb:AckRequested", { "SOAP:mustUnderstand": "1", "eb:version": "2.0", "eb:signed": "false", "SOAP:actor": TO_PARTY_MSH_ACTOR }),
    );
  }
  if (h.syncReply) extras.push(el("eb:SyncReply", { "SOAP:mustUnderstand": "1", "eb:version": "2.0", "SOAP:actor": NEXT_MSH_ACTOR }));
  return extras;
}

/** The ebXML header part of a multipart message, with a manifest pointing at the HL7 part. */
export function ebxmlMessageEnvelope(h: EbxmlHeaderFields, payloadContentId: string): string {
  return serializeXml(
    el(
      "SOAP:Envelope",
      ENVELOPE_NS,
      el("SOAP:Header", {}, messageHeaderEl(h), headerExtras(h)),
      el(
        "SOAP:Body",
        {},
        el(
          "eb:Manifest",
          { "SOAP:mustUnderstand": "1", "eb:version": "2.0" },
          el(
            "eb:Reference",
            { "xlink:href": `cid:${payloadContentId}` },
            el("eb:Schema", { "eb:location": "http://www.nhsia.nhs.uk/schemas/HL7-Message.xsd", "eb:version": "1.0" }),
            el("eb:Description", { "xml:lang": "en" }, "HL7 payload"),
            el("hl7ebxml:Payload", { style: "HL7", encoding: "XML", version: "3.0" }),
          ),
        ),
      ),
    ),
  );
}

export interface EbxmlSignalOptions {
  fromPartyId: string;
  toPartyId: string;
  cpaId: string;
  conversationId: string;
  /** Id of this signal message. */
  messageId: string;
  /** Id of the message being acknowledged / rejected. */
  refToMessageId: string;
  timestamp: string;
}

function signalHeader(opts: EbxmlSignalOptions, action: string): EbxmlHeaderFields {
  return { ...opts, service: EBXML_SERVICE, action, duplicateElimination: false, ackRequested: false, syncReply: false };
}

/** ebXML Acknowledgment (text/xml; empty SOAP Body). */
export function buildEbxmlAcknowledgment(opts: EbxmlSignalOptions): string {
  return serializeXml(
    el(
      "SOAP:Envelope",
      ENVELOPE_NS,
      el(
        "SOAP:Header",
        {},
        messageHeaderEl(signalHeader(opts, "Acknowledgment")),
        el(
          "eb:Acknowledgment",
          { "eb:version": "2.0", "SOAP:mustUnderstand": "1", "SOAP:actor": TO_PARTY_MSH_ACTOR },
          el("eb:Timestamp", {}, opts.timestamp),
          el("eb:RefToMessageId", {}, opts.refToMessageId),
          el("eb:From", {}, el("eb:PartyId", { "eb:type": PARTY_ID_TYPE }, opts.fromPartyId)),
        ),
      ),
      el("SOAP:Body", {}),
    ),
    { declaration: true },
  );
}

/** ebXML MessageError (text/xml) with an ErrorList. */
export function buildEbxmlMessageError(opts: EbxmlSignalOptions, errors: EbxmlError[]): string {
  return serializeXml(
    el(
      "SOAP:Envelope",
      ENVELOPE_NS,
      el(
        "SOAP:Header",
        {},
        messageHeaderEl(signalHeader(opts, "MessageError")),
        el(
          "eb:ErrorList",
          {
            "eb:version": "2.0",
            "SOAP:mustUnderstand": "1",
            "eb:highestSeverity": errors.some((e) => e.severity === "Error") ? "Error" : "Warning",
          },
          errors.map((e) =>
            el(
              "eb:Error",
              { "eb:codeContext": e.codeContext, "eb:errorCode": e.errorCode, "eb:severity": e.severity, "eb:location": e.location },
              el("eb:Description", { "xml:lang": "en-GB" }, e.description),
            ),
          ),
        ),
      ),
      el("SOAP:Body", {}),
    ),
    { declaration: true },
  );
}

export interface ParsedEbxmlEnvelope {
  header: EbxmlHeaderFields;
  acknowledged: boolean;
  errors?: EbxmlError[];
  /** Manifest reference hrefs (cid:…). */
  manifestHrefs: string[];
}

function text(element: XmlElement | undefined): string {
  return textOf(element)?.trim() ?? "";
}

export function readEbxmlEnvelope(envelope: XmlElement): ParsedEbxmlEnvelope {
  if (envelope.name !== "Envelope") throw new Hl7CodecError("bad_envelope", "ebXML part is not a SOAP Envelope");
  const header = child(envelope, "Header");
  const mh = header ? child(header, "MessageHeader") : undefined;
  if (!header || !mh) throw new Hl7CodecError("bad_envelope", "eb:MessageHeader missing");
  const fields: EbxmlHeaderFields = {
    fromPartyId: text(find(mh, "From/PartyId")),
    toPartyId: text(find(mh, "To/PartyId")),
    cpaId: text(child(mh, "CPAId")),
    conversationId: text(child(mh, "ConversationId")),
    service: text(child(mh, "Service")),
    action: text(child(mh, "Action")),
    messageId: text(find(mh, "MessageData/MessageId")),
    timestamp: text(find(mh, "MessageData/Timestamp")),
    duplicateElimination: child(mh, "DuplicateElimination") !== undefined,
    ackRequested: child(header, "AckRequested") !== undefined,
    syncReply: child(header, "SyncReply") !== undefined,
  };
  const ref = find(mh, "MessageData/RefToMessageId");
  if (ref) fields.refToMessageId = text(ref);
  const parsed: ParsedEbxmlEnvelope = {
    header: fields,
    acknowledged: child(header, "Acknowledgment") !== undefined,
    manifestHrefs: find(envelope, "Body/Manifest")
      ? children(find(envelope, "Body/Manifest")!, "Reference")
          .map((r) => attr(r, "href"))
          .filter((h): h is string => h !== undefined)
      : [],
  };
  const errorList = child(header, "ErrorList");
  if (errorList) {
    parsed.errors = children(errorList, "Error").map((e) => {
      const error: EbxmlError = {
        codeContext: attr(e, "codeContext") ?? "",
        errorCode: attr(e, "errorCode") ?? "",
        severity: attr(e, "severity") ?? "",
        description: text(child(e, "Description")),
      };
      const location = attr(e, "location");
      if (location !== undefined) error.location = location;
      return error;
    });
  }
  return parsed;
}
