import { describe, expect, it } from "vitest";
import { buildRequest, newMessageId, parseReplyDocument, type RequestInteractionId, type RequestPayloads, spineError } from "@/lib/hl7";
import { SAMPLE_REQUESTS } from "@/lib/hl7/fixtures/samples";
import { BFF, createLrPayload, ebxmlFor, hl7Request, mhsFor, post, QUERY_ONLY_SYSTEM } from "@/simulator/test-support/spine-requests";
import { testRigForFile } from "@/simulator/test-support/test-simulator";

const rig = testRigForFile({ resetBetweenTests: true });

function samplePayload<K extends RequestInteractionId>(interactionId: K): RequestPayloads[K] {
  const sample = SAMPLE_REQUESTS.find((request) => request.interactionId === interactionId);
  if (!sample) throw new Error(`no sample ${interactionId}`);
  return sample.payload as RequestPayloads[K];
}

const NO_LRS = "9990010013";
const reliableUrl = () => `${rig.simulator.url}/reliablemessaging/reliablerequest`;
const lrCount = async () =>
  (await rig.simulator.context.db.selectFrom("legitimate_relationships").select("lr_id").where("nhs_number", "=", NO_LRS).execute()).length;
const journalOutcomes = async () =>
  (await rig.simulator.context.db.selectFrom("message_log").select(["outcome", "direction"]).orderBy("log_id").execute()).map(
    (row) => row.outcome,
  );

describe("reliable ebXML request → 202 now, business reply POSTed later", () => {
  it("acknowledges at once and later POSTs the reply with RefToMessageId and the same ConversationId", async () => {
    const request = hl7Request("REPC_IN010000UK15", createLrPayload(NO_LRS));
    const conversationId = newMessageId();
    const response = await post(reliableUrl(), ebxmlFor(request, { conversationId }));
    expect(response.status).toBe(202);
    const ack = parseReplyDocument(response.body, response.headers.get("content-type") ?? undefined);
    expect(ack).toMatchObject({ kind: "ebxml-ack", ebxml: { refToMessageId: request.header.messageId, action: "Acknowledgment" } });
    expect(rig.receiver.received).toHaveLength(0);

    const [reply] = await rig.receiver.waitFor(1);
    expect(reply?.soapAction).toBe("urn:nhs:names:services:lrs/REPC_IN020000UK13");
    expect(reply?.document).toMatchObject({
      kind: "hl7",
      reply: {
        interactionId: "REPC_IN020000UK13",
        header: { acknowledgement: { typeCode: "AA", messageRefId: request.header.messageId } },
      },
      ebxml: { refToMessageId: request.header.messageId, conversationId, ackRequested: true, toPartyId: BFF.partyKey },
    });
    await rig.simulator.context.delivery.settled();
    expect(await journalOutcomes()).toContain("acked");
  });

  it("retries the reply when the acknowledgment is missing, until one comes back", async () => {
    rig.receiver.behaviour = (attempt) => (attempt === 0 ? "no-ack" : "ack");
    await post(reliableUrl(), ebxmlFor(hl7Request("REPC_IN010000UK15", createLrPayload(NO_LRS))));
    const received = await rig.receiver.waitFor(2);
    await rig.simulator.context.delivery.settled();
    expect(rig.receiver.received).toHaveLength(2);
    const ids = received.map((entry) => (entry.document?.kind === "hl7" ? entry.document.ebxml?.messageId : undefined));
    expect(ids[0]).toBeDefined();
    expect(ids[1]).toBe(ids[0]);
    expect((await journalOutcomes()).filter((outcome) => outcome === "not-acked")).toHaveLength(1);
  });

  it("gives up after the SDS retries (1 + 2 attempts) when no acknowledgment ever comes", async () => {
    rig.receiver.behaviour = () => "no-ack";
    await post(reliableUrl(), ebxmlFor(hl7Request("REPC_IN010000UK15", createLrPayload(NO_LRS))));
    await rig.receiver.waitFor(3);
    await rig.simulator.context.delivery.settled();
    expect(rig.receiver.received).toHaveLength(3);
  });

  it("eliminates duplicates: the same message id is re-acked, not re-processed, and the reply is sent again", async () => {
    const message = ebxmlFor(hl7Request("REPC_IN010000UK15", createLrPayload(NO_LRS)));
    expect((await post(reliableUrl(), message)).status).toBe(202);
    const [first] = await rig.receiver.waitFor(1);
    await rig.simulator.context.delivery.settled();
    const again = await post(reliableUrl(), message);
    expect(again.status).toBe(202);
    expect(parseReplyDocument(again.body, again.headers.get("content-type") ?? undefined).kind).toBe("ebxml-ack");
    const [, second] = await rig.receiver.waitFor(2);
    expect(second?.body).toBe(first?.body);
    expect(await lrCount()).toBe(1);
    expect(await journalOutcomes()).toContain("duplicate:re-acked");
  });

  it("processes a repeated message id again once the persist duration has passed", async () => {
    rig.simulator.context.config.async.persistDurationMsOverride = 0;
    try {
      const message = ebxmlFor(
        hl7Request("REPC_IN040000UK15", {
          nhsNumber: "9990010048",
          lrId: "LRDOESNOTEXIST000001",
          reasonCode: "06",
          author: { kind: "system", asid: BFF.asid },
        }),
      );
      await post(reliableUrl(), message);
      await rig.receiver.waitFor(1);
      await rig.simulator.context.delivery.settled();
      await post(reliableUrl(), message);
      await rig.receiver.waitFor(2);
      expect(await journalOutcomes()).not.toContain("duplicate:re-acked");
    } finally {
      rig.simulator.context.config.async.persistDurationMsOverride = undefined;
    }
  });

  it("answers an express query on /reliablemessaging/queryrequest with an empty 202 and POSTs the list", async () => {
    const request = hl7Request("QUPC_IN020000UK17", { nhsNumber: "9990010005", responseType: "01", dissentOverride: "0" });
    const response = await post(`${rig.simulator.url}/reliablemessaging/queryrequest`, ebxmlFor(request));
    expect(response.status).toBe(202);
    expect(response.body).toBe("");
    const [reply] = await rig.receiver.waitFor(1);
    expect(reply?.document).toMatchObject({ kind: "hl7", reply: { interactionId: "QUPC_IN060000UK32" }, ebxml: { ackRequested: false } });
  });
});

describe("replies travel on the request's pattern (spine-lr.md §1.1 E1, §3.6)", () => {
  it("sends an MCCI rejection of an async-express query as express: SyncReply only, once, never retried", async () => {
    rig.receiver.behaviour = () => "no-ack";
    const request = hl7Request("QUPC_IN020000UK17", { ...samplePayload("QUPC_IN020000UK17"), nhsNumber: NO_LRS });
    const message = ebxmlFor(request);
    // Break a Spine rule (dissentOverride code system) so Spine answers MCCI_IN010000UK13 AR, whose own catalogue entry is reliable.
    message.body = message.body.replace('codeSystem="2.16.840.1.113883.2.1.3.2.4.17.60"', 'codeSystem="1.2.3"');
    const response = await post(`${rig.simulator.url}/reliablemessaging/queryrequest`, message);
    expect(response.status).toBe(202);
    const [reply] = await rig.receiver.waitFor(1);
    expect(reply?.document).toMatchObject({
      kind: "hl7",
      reply: { interactionId: "MCCI_IN010000UK13", header: { acknowledgement: { typeCode: "AR" } } },
      ebxml: { ackRequested: false, duplicateElimination: false, syncReply: true, service: "urn:nhs:names:services:lrsquery" },
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    await rig.simulator.context.delivery.settled();
    expect(rig.receiver.received).toHaveLength(1);
    expect(await journalOutcomes()).not.toContain("reply-attempt:2");
  });

  it("still sends an MCCI error to a reliable update as reliable (AckRequested + DuplicateElimination)", async () => {
    const request = hl7Request("REPC_IN010000UK15", createLrPayload(NO_LRS, { lrType: "8" }));
    const response = await post(reliableUrl(), ebxmlFor(request));
    expect(response.status).toBe(202);
    const [reply] = await rig.receiver.waitFor(1);
    expect(reply?.document).toMatchObject({
      kind: "hl7",
      reply: { interactionId: "MCCI_IN010000UK13" },
      ebxml: { ackRequested: true, duplicateElimination: true, syncReply: true },
    });
  });
});

describe("envelope and SDS checks answered at once", () => {
  it("refuses an unknown CPA id with an ebXML MessageError", async () => {
    const response = await post(
      reliableUrl(),
      ebxmlFor(hl7Request("REPC_IN010000UK15", createLrPayload(NO_LRS)), { cpaId: "S0000UNKNOWN" }),
    );
    expect(response.status).toBe(500);
    const document = parseReplyDocument(response.body, response.headers.get("content-type") ?? undefined);
    expect(document).toMatchObject({
      kind: "ebxml-error",
      errors: [{ errorCode: "ValueNotRecognized", description: spineError("unknownCpaId").text }],
    });
  });

  it("refuses the sender's own CPA id when it belongs to another service (SDS holds one CPA per service)", async () => {
    const addMember = hl7Request("REPC_IN130002UK01", samplePayload("REPC_IN130002UK01"));
    const lrsCpa = BFF.cpaIdByService["urn:nhs:names:services:lrs"];
    const refused = await post(reliableUrl(), ebxmlFor(addMember, { cpaId: lrsCpa }));
    expect(refused.status).toBe(500);
    const document = parseReplyDocument(refused.body, refused.headers.get("content-type") ?? undefined);
    expect(document).toMatchObject({ kind: "ebxml-error", errors: [{ errorCode: "ValueNotRecognized" }] });
    expect(await journalOutcomes()).toContain("ebxml-error:cpa-not-for-service");
  });

  it("POSTs the reply under the CPA SDS holds for the request's service", async () => {
    const request = hl7Request("QUPC_IN020000UK17", { ...samplePayload("QUPC_IN020000UK17"), nhsNumber: NO_LRS });
    const response = await post(`${rig.simulator.url}/reliablemessaging/queryrequest`, ebxmlFor(request));
    expect(response.status).toBe(202);
    const [reply] = await rig.receiver.waitFor(1);
    expect(reply?.document).toMatchObject({ kind: "hl7", ebxml: { cpaId: BFF.cpaIdByService["urn:nhs:names:services:lrsquery"] } });
  });

  it("refuses a From PartyId that does not own the CPA id", async () => {
    const response = await post(
      reliableUrl(),
      ebxmlFor(hl7Request("REPC_IN010000UK15", createLrPayload(NO_LRS)), { fromPartyId: "SOMEONE-ELSE" }),
    );
    expect(response.status).toBe(500);
    expect(parseReplyDocument(response.body, response.headers.get("content-type") ?? undefined).kind).toBe("ebxml-error");
  });

  it("refuses an eb:Action that disagrees with the SOAPAction", async () => {
    const message = ebxmlFor(hl7Request("REPC_IN010000UK15", createLrPayload(NO_LRS)));
    message.headers.soapaction = "urn:nhs:names:services:lrs/REPC_IN040000UK15";
    const response = await post(reliableUrl(), message);
    expect(response.status).toBe(500);
    expect(parseReplyDocument(response.body, response.headers.get("content-type") ?? undefined).kind).toBe("ebxml-error");
  });

  it("answers an unknown SOAPAction with TMS SOAP fault 101", async () => {
    const message = ebxmlFor(hl7Request("REPC_IN010000UK15", createLrPayload(NO_LRS)));
    message.headers.soapaction = "urn:nhs:names:services:lrs/NOPE_IN000000UK01";
    const response = await post(reliableUrl(), message);
    expect(response.status).toBe(500);
    expect(parseReplyDocument(response.body, "text/xml")).toMatchObject({ kind: "soap-fault", fault: { errors: [{ errorCode: "101" }] } });
  });

  it("answers an ebXML SOAPAction on a service that does not carry the interaction with TMS SOAP fault 101", async () => {
    const message = ebxmlFor(hl7Request("REPC_IN010000UK15", createLrPayload(NO_LRS)));
    message.headers.soapaction = "urn:nhs:names:services:sds/REPC_IN010000UK15";
    const response = await post(reliableUrl(), message);
    expect(response.status).toBe(500);
    expect(parseReplyDocument(response.body, "text/xml")).toMatchObject({ kind: "soap-fault", fault: { errors: [{ errorCode: "101" }] } });
  });

  it("answers a sender not registered for the interaction with an Access Control Violation AE", async () => {
    const request = hl7Request("REPC_IN010000UK15", createLrPayload(NO_LRS), {
      senderAsid: QUERY_ONLY_SYSTEM.asid,
      systemAsid: QUERY_ONLY_SYSTEM.asid,
    });
    const response = await post(
      reliableUrl(),
      ebxmlFor(request, { cpaId: QUERY_ONLY_SYSTEM.cpaId, fromPartyId: QUERY_ONLY_SYSTEM.partyKey }),
    );
    expect(response.status).toBe(202);
    const [reply] = await rig.receiver.waitFor(1);
    expect(reply?.document).toMatchObject({
      kind: "hl7",
      reply: { interactionId: "MCCI_IN010000UK13", header: { issues: [{ code: "900", displayName: "Access Control Violation" }] } },
    });
    expect(await lrCount()).toBe(0);
  });
});

describe("MHS-adaptor-compatible front (POST /)", () => {
  it("waits for an async reply when wait-for-response is true (200 + HL7)", async () => {
    const response = await post(`${rig.simulator.url}/`, mhsFor(hl7Request("REPC_IN010000UK15", createLrPayload(NO_LRS)), true));
    expect(response.status).toBe(200);
    expect(parseReplyDocument(response.body, "text/xml")).toMatchObject({ kind: "hl7", reply: { interactionId: "REPC_IN020000UK13" } });
  });

  it("answers 202 when wait-for-response is false and POSTs the reply to the inbound endpoint", async () => {
    const message = mhsFor(hl7Request("REPC_IN010000UK15", createLrPayload(NO_LRS)), false);
    const response = await post(`${rig.simulator.url}/`, message);
    expect(response.status).toBe(202);
    expect(response.headers.get("correlation-id")).toBe(message.headers["correlation-id"]);
    const [reply] = await rig.receiver.waitFor(1);
    expect(reply?.document).toMatchObject({ kind: "hl7", reply: { interactionId: "REPC_IN020000UK13" } });
  });

  it("answers a sync interaction with 200 whatever wait-for-response says", async () => {
    const request = hl7Request("QUPC_IN010000UK32", { nhsNumber: "9990010048", responseType: "01" });
    const response = await post(`${rig.simulator.url}/`, mhsFor(request, false));
    expect(response.status).toBe(200);
    expect(parseReplyDocument(response.body, "text/xml")).toMatchObject({ kind: "hl7", reply: { interactionId: "QUPC_IN030000UK14" } });
  });

  it("refuses requests the MHS adaptor would refuse (400 / 404)", async () => {
    const request = hl7Request("REPC_IN010000UK15", createLrPayload(NO_LRS));
    const good = mhsFor(request, true);
    const { "interaction-id": _dropped, ...withoutInteraction } = good.headers;
    expect((await post(`${rig.simulator.url}/`, { ...good, headers: withoutInteraction })).status).toBe(400);
    expect((await post(`${rig.simulator.url}/`, { ...good, headers: { ...good.headers, "wait-for-response": "maybe" } })).status).toBe(400);
    expect(
      (await post(`${rig.simulator.url}/`, { ...good, headers: { ...good.headers, "interaction-id": "NOPE_IN000000UK01" } })).status,
    ).toBe(404);
    expect((await post(`${rig.simulator.url}/`, { ...good, body: "not json" })).status).toBe(400);
    // No sync-async wrap for a sync interaction, nor for an async one the adaptor cannot wrap.
    const confirm = hl7Request("QUPC_IN010000UK32", { nhsNumber: "9990010048", responseType: "01" });
    const refusedWrap = await post(`${rig.simulator.url}/`, mhsFor(confirm, true));
    expect(refusedWrap).toMatchObject({ status: 400, body: expect.stringContaining("un-supported sync-async") });
    const batch = hl7Request("QUPC_IN090000UK03", {
      nhsNumbers: ["9990010048"],
      parameterList: { userId: "900000000001", roleProfileId: "900000000101", workgroupIds: [] },
    });
    expect((await post(`${rig.simulator.url}/`, mhsFor(batch, true))).status).toBe(400);
    expect(buildRequest(request)).toContain("REPC_IN010000UK15");
  });
});
