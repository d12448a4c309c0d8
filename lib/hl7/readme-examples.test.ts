import { describe, expect, it } from "vitest";
import {
  buildEbxmlMessage,
  buildReply,
  formatHl7Timestamp,
  type Hl7Request,
  makeReplyHeader,
  newMessageId,
  parseReplyDocument,
  parseRequestDocument,
  validateRequest,
} from "@/lib/hl7";

/** The README examples, end to end through the public index. */
describe("README examples", () => {
  it("BFF builds and checks a create-LR; simulator reads it and answers; BFF reads the answer", () => {
    const request: Hl7Request = {
      interactionId: "REPC_IN010000UK15",
      header: {
        messageId: newMessageId(),
        creationTime: formatHl7Timestamp(new Date()),
        versionCode: "V3NPfIT4.2.00",
        senderAsid: "900000000010",
        receiverAsid: "900000000020",
        systemAsid: "900000000010",
        author: { roleProfileId: "900000000101", userId: "900000000001", jobRoleCode: "S8000:G8000:R8000" },
      },
      payload: {
        lrType: "08",
        nhsNumber: "9990000018",
        subject: { kind: "user", roleProfileId: "900000000101", userId: "900000000001" },
        author: { kind: "user", roleProfileId: "900000000101", userId: "900000000001" },
        accessReason: { text: "Patient attending clinic", code: "17" },
        alertRequested: true,
      },
    };
    expect(validateRequest(request)).toEqual([]);
    const broken = { ...request, payload: { ...request.payload, lrType: "8" } } as Hl7Request;
    expect(validateRequest(broken).map((v) => v.rule)).toEqual(["ErrorBase1712.INVALID_LRTYPE"]);

    const parties = {
      fromPartyId: "X09-9000001",
      toPartyId: "YES-0000806",
      cpaId: "S9000000A9000000",
      conversationId: request.header.messageId,
    };
    const outbound = buildEbxmlMessage(request, parties);
    expect(outbound.soapAction).toBe("urn:nhs:names:services:lrs/REPC_IN010000UK15");

    const received = parseRequestDocument(outbound.body, outbound.contentType);
    expect(received.request).toEqual(request);
    const header = makeReplyHeader(received.request.header, {
      messageId: newMessageId(),
      spineAsid: "990000000001",
      creationTime: "20240131120005",
    });
    const replyXml = buildReply({ interactionId: "REPC_IN020000UK13", header, payload: { lrId: "LR0000000000000000A1" } });

    const doc = parseReplyDocument(replyXml, "text/xml");
    expect(doc.kind).toBe("hl7");
    if (doc.kind !== "hl7" || doc.reply.interactionId !== "REPC_IN020000UK13") throw new Error("unexpected reply");
    expect(doc.reply.payload.lrId).toBe("LR0000000000000000A1");
    expect(doc.reply.header.acknowledgement).toEqual({ typeCode: "AA", messageRefId: request.header.messageId, details: [] });
    expect(doc.reply.header.receiverAsid).toBe("900000000010");
  });
});
