import { describe, expect, it } from "vitest";
import { Hl7CodecError } from "@/lib/hl7/errors";
import { fixture } from "@/lib/hl7/fixtures/load";
import { CLIENT_ASID, requestHeader, SAMPLE_REPLIES, SAMPLE_REQUESTS, SPINE_ASID } from "@/lib/hl7/fixtures/samples";
import { parseReplyDocument, parseRequestDocument } from "@/lib/hl7/transport/documents";
import { buildEbxmlAcknowledgment, buildEbxmlMessageError } from "@/lib/hl7/transport/ebxml-envelope";
import { buildEbxmlMessage, parseEbxmlMessage } from "@/lib/hl7/transport/ebxml-multipart";
import { buildSoapRequest, buildSoapResponse, parseSoapEnvelope } from "@/lib/hl7/transport/soap-envelope";
import { buildSoapFault } from "@/lib/hl7/transport/soap-fault";
import type { Hl7Reply, SoapFault } from "@/lib/hl7/types";
import { validateRequest } from "@/lib/hl7/validation/validate-request";
import { xmlStructurallyEqual } from "@/lib/hl7/xml/xml-compare";
import { parseXml } from "@/lib/hl7/xml/xml-read";

const confirmQuery = SAMPLE_REQUESTS.find((r) => r.interactionId === "QUPC_IN010000UK32")!;
const createLr = SAMPLE_REQUESTS.find((r) => r.interactionId === "REPC_IN010000UK15")!;
const shortAnswer = SAMPLE_REPLIES.find((r) => r.interactionId === "QUPC_IN030000UK14")!;
const lrCreated = SAMPLE_REPLIES.find((r) => r.interactionId === "REPC_IN020000UK13")!;

const signal = {
  fromPartyId: "YES-0000806",
  toPartyId: "X09-9000001",
  cpaId: "S9000000A9000000",
  conversationId: "1F0B4C3A-2D5E-4F60-9A7B-8C9DAEBFC0D1",
  messageId: "7E6D5C4B-3A29-4817-A6B5-C4D3E2F1A0B9",
  refToMessageId: requestHeader.messageId,
  timestamp: "2024-01-31T12:00:01Z",
};

describe("sync SOAP", () => {
  it("builds a request envelope that passes Spine's envelope rules and reads back", () => {
    const built = buildSoapRequest(confirmQuery, { to: "https://spine.test/sync-service", fromAddress: "https://lr-manager.test" });
    expect(built.soapAction).toBe("urn:nhs:names:services:lrsquery/QUPC_IN010000UK32");
    expect(built.contentType).toMatch(/^text\/xml/);
    expect(validateRequest(built.body, { envelope: "require" })).toEqual([]);
    const read = parseRequestDocument(built.body, built.contentType);
    expect(read.request).toEqual(confirmQuery);
    expect(read.soap?.messageId).toBe(`uuid:${requestHeader.messageId}`);
    expect(read.soap?.messageId).toHaveLength(41);
    expect(read.soap?.senderAsid).toBe(CLIENT_ASID);
    expect(read.soap?.receiverAsid).toBe(SPINE_ASID);
  });

  it("a sync query without its SOAP envelope fails the envelope rule when one is required", () => {
    const violations = validateRequest(confirmQuery, { envelope: "require" }).map((v) => v.rule);
    expect(violations).toContain("ErrorBaseTms.MESSAGE_NOT_WELL_FORMED");
    expect(validateRequest(confirmQuery)).toEqual([]);
  });

  it("builds a response envelope the BFF reads back, with RelatesTo", () => {
    const xml = buildSoapResponse(shortAnswer, {
      relatesTo: requestHeader.messageId,
      fromAddress: "https://lrs.national.ncrs.nhs.uk/syncservice",
    });
    const doc = parseReplyDocument(xml, "text/xml");
    expect(doc.kind).toBe("hl7");
    if (doc.kind !== "hl7") return;
    expect(doc.reply).toEqual(shortAnswer);
    expect(doc.soap?.relatesTo).toBe(`uuid:${requestHeader.messageId}`);
    expect(doc.soap?.action).toBe("urn:nhs:names:services:lrsquery/QUPC_IN030000UK14");
  });

  it("reads a sync reply with an extra wrapper element inside the SOAP body (golden)", () => {
    const doc = parseReplyDocument(fixture("transport/sync-reply-wrapped.xml"), "text/xml");
    expect(doc.kind).toBe("hl7");
    if (doc.kind !== "hl7") return;
    expect(doc.reply).toEqual(shortAnswer);
    expect(doc.soap?.fromAddress).toBe("https://lrs.national.ncrs.nhs.uk/syncservice");
    expect(doc.soap?.to).toBe("");
  });
});

describe("SOAP fault", () => {
  const fault: SoapFault = {
    faultCode: "SOAP:Server",
    faultString: "Application Exception",
    errors: [
      {
        codeContext: "urn:nhs:names:error:tms",
        errorCode: "200",
        severity: "Error",
        location: "Not Supported",
        description: "System failure to process message - default",
      },
    ],
  };

  it("builds the reference fault structure (golden)", () => {
    expect(xmlStructurallyEqual(parseXml(buildSoapFault(fault)), parseXml(fixture("transport/soap-fault.xml")))).toBeUndefined();
  });

  it("parses the reference fault (golden)", () => {
    const doc = parseReplyDocument(fixture("transport/soap-fault.xml"), "text/xml");
    expect(doc).toEqual({ kind: "soap-fault", fault, soap: {} });
    expect(parseSoapEnvelope(fixture("transport/soap-fault.xml")).fault).toEqual(fault);
  });
});

describe("ebXML", () => {
  const ebxml = {
    fromPartyId: "X09-9000001",
    toPartyId: "YES-0000806",
    cpaId: "S9000000A9000000",
    conversationId: signal.conversationId,
    timestamp: "2024-01-31T12:00:00Z",
  };

  it("builds a reliable multipart request with manifest, and reads it back", () => {
    const built = buildEbxmlMessage(createLr, ebxml);
    expect(built.soapAction).toBe("urn:nhs:names:services:lrs/REPC_IN010000UK15");
    expect(built.contentType).toContain('boundary="--=_MIME-Boundary"');
    expect(built.contentType).toContain('start="<ebXMLHeader@spine.nhs.uk>"');
    expect(built.body).toContain(`Content-Id: <${requestHeader.messageId}@spine.nhs.uk>`);
    expect(built.body).toContain(`xlink:href="cid:${requestHeader.messageId}@spine.nhs.uk"`);
    const parsed = parseEbxmlMessage(built.body, built.contentType);
    expect(parsed.header).toMatchObject({
      service: "urn:nhs:names:services:lrs",
      action: "REPC_IN010000UK15",
      messageId: requestHeader.messageId,
      duplicateElimination: true,
      ackRequested: true,
      syncReply: true,
      ...ebxml,
    });
    expect(parseRequestDocument(built.body, built.contentType).request).toEqual(createLr);
  });

  it("async-express requests carry SyncReply only", () => {
    const details = SAMPLE_REQUESTS.find((r) => r.interactionId === "QUPC_IN020000UK17")!;
    const built = buildEbxmlMessage(details, ebxml);
    const parsed = parseEbxmlMessage(built.body, built.contentType);
    expect(parsed.header).toMatchObject({ duplicateElimination: false, ackRequested: false, syncReply: true });
  });

  it("builds the async reply with RefToMessageId and the BFF reads it", () => {
    const built = buildEbxmlMessage(lrCreated as Hl7Reply, { ...ebxml, refToMessageId: requestHeader.messageId });
    const doc = parseReplyDocument(built.body, built.contentType);
    expect(doc.kind).toBe("hl7");
    if (doc.kind !== "hl7") return;
    expect(doc.reply).toEqual(lrCreated);
    expect(doc.ebxml?.refToMessageId).toBe(requestHeader.messageId);
    expect(doc.ebxml?.action).toBe("REPC_IN020000UK13");
  });

  it("Acknowledgment matches the golden fixture and parses as ebxml-ack", () => {
    const ack = buildEbxmlAcknowledgment(signal);
    expect(xmlStructurallyEqual(parseXml(ack), parseXml(fixture("transport/ebxml-ack.xml")))).toBeUndefined();
    const doc = parseReplyDocument(fixture("transport/ebxml-ack.xml"), "text/xml");
    expect(doc.kind).toBe("ebxml-ack");
    if (doc.kind === "ebxml-ack") expect(doc.ebxml.refToMessageId).toBe(requestHeader.messageId);
  });

  it("MessageError matches the golden fixture and parses as ebxml-error", () => {
    const errors = [
      {
        codeContext: "urn:oasis:names:tc:ebxml-msg:service:errors",
        errorCode: "ValueNotRecognized",
        severity: "Error",
        description: "501319:Unknown eb:CPAId",
      },
    ];
    const built = buildEbxmlMessageError(signal, errors);
    expect(xmlStructurallyEqual(parseXml(built), parseXml(fixture("transport/ebxml-message-error.xml")))).toBeUndefined();
    expect(parseReplyDocument(fixture("transport/ebxml-message-error.xml"), "text/xml")).toMatchObject({ kind: "ebxml-error", errors });
  });

  it("refuses a multipart body with no boundary or an unknown boundary with the typed error", () => {
    expect(() => parseEbxmlMessage("x", "multipart/related")).toThrow(Hl7CodecError);
    expect(() => parseEbxmlMessage("no parts here", 'multipart/related; boundary="abc"')).toThrow(Hl7CodecError);
  });
});
