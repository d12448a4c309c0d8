import { describe, expect, it } from "vitest";
import { parseReplyDocument, spineError } from "@/lib/hl7";
import faults from "@/simulator/data/faults.json";
import { createLrPayload, ebxmlFor, GP, hl7Request, post, soapFor } from "@/simulator/test-support/spine-requests";
import { testRigForFile } from "@/simulator/test-support/test-simulator";

const rig = testRigForFile({ resetBetweenTests: true });

function magic(name: string): string {
  const entry = faults.faults.find((fault) => fault.name === name);
  if (!entry) throw new Error(`fault ${name} missing from data/faults.json`);
  return entry.nhsNumber;
}
const createFor = (nhsNumber: string) => hl7Request("REPC_IN010000UK15", createLrPayload(nhsNumber));
const sendCreate = (nhsNumber: string) => post(`${rig.simulator.url}/reliablemessaging/reliablerequest`, ebxmlFor(createFor(nhsNumber)));
const confirmFor = (nhsNumber: string) =>
  hl7Request("QUPC_IN010000UK32", {
    nhsNumber,
    responseType: "01",
    parameterList: { userId: GP.userId, roleProfileId: GP.roleProfileId, workgroupIds: [] },
  });
const sendConfirm = (nhsNumber: string, signal?: AbortSignal) =>
  fetch(`${rig.simulator.url}/sync-service`, { method: "POST", ...soapFor(confirmFor(nhsNumber)), signal });
const soapFaultCode = (body: string) => {
  const document = parseReplyDocument(body, "text/xml");
  return document.kind === "soap-fault" ? document.fault.errors[0]?.errorCode : `not a fault: ${document.kind}`;
};
const waitMs = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("fault catalogue (magic NHS numbers in data/faults.json)", () => {
  it("soapFault200: TMS SOAP fault 200 on sync and async, and nothing is processed", async () => {
    const sync = await sendConfirm(magic("soapFault200"));
    expect(sync.status).toBe(500);
    expect(soapFaultCode(await sync.text())).toBe("200");
    const async = await sendCreate(magic("soapFault200"));
    expect(async.status).toBe(500);
    expect(soapFaultCode(async.body)).toBe("200");
    const lrs = await rig.simulator.context.db
      .selectFrom("legitimate_relationships")
      .select("lr_id")
      .where("nhs_number", "=", magic("soapFault200"))
      .execute();
    expect(lrs).toHaveLength(0);
  });

  it("retriable206: two retriable SOAP faults, then the same request succeeds", async () => {
    const message = ebxmlFor(createFor(magic("retriable206")));
    const url = `${rig.simulator.url}/reliablemessaging/reliablerequest`;
    const first = await post(url, message);
    const second = await post(url, message);
    expect([first.status, soapFaultCode(first.body), second.status, soapFaultCode(second.body)]).toEqual([500, "206", 500, "206"]);
    expect((await post(url, message)).status).toBe(202);
    const [reply] = await rig.receiver.waitFor(1);
    expect(reply?.document).toMatchObject({ kind: "hl7", reply: { interactionId: "REPC_IN020000UK13" } });
  });

  it("businessError: an MCCI AE with 5000 Unable to process message", async () => {
    await sendCreate(magic("businessError"));
    const [reply] = await rig.receiver.waitFor(1);
    expect(reply?.document).toMatchObject({
      kind: "hl7",
      reply: { interactionId: "MCCI_IN010000UK13", header: { acknowledgement: { typeCode: "AE" }, issues: [{ code: "5000" }] } },
    });
  });

  it("accessDenied: a QUQI AE with 900 Access Control Violation on a query", async () => {
    const response = await sendConfirm(magic("accessDenied"));
    expect(response.status).toBe(200);
    expect(parseReplyDocument(await response.text(), "text/xml")).toMatchObject({
      kind: "hl7",
      reply: {
        interactionId: "QUQI_IN010000UK14",
        header: { issues: [{ code: "900", displayName: spineError("accessControlViolation").text }] },
      },
    });
  });

  it("rejected: an MCCI AR with acknowledgementDetail 202 HL7 Validation Error", async () => {
    await sendCreate(magic("rejected"));
    const [reply] = await rig.receiver.waitFor(1);
    expect(reply?.document).toMatchObject({
      kind: "hl7",
      reply: {
        interactionId: "MCCI_IN010000UK13",
        header: { acknowledgement: { typeCode: "AR", details: [{ code: "202", typeCode: "ER" }] } },
      },
    });
  });

  it("slowReply: the sync answer comes only after the configured delay", async () => {
    const started = Date.now();
    const response = await sendConfirm(magic("slowReply"));
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_400);
  });

  it("noReply: async gets 202 and never a reply; sync never answers", async () => {
    expect((await sendCreate(magic("noReply"))).status).toBe(202);
    await waitMs(300);
    expect(rig.receiver.received).toHaveLength(0);
    await expect(sendConfirm(magic("noReply"), AbortSignal.timeout(300))).rejects.toThrow();
  });

  it("duplicateReply: the async reply is POSTed twice with the same message id", async () => {
    await sendCreate(magic("duplicateReply"));
    const [first, second] = await rig.receiver.waitFor(2);
    const idOf = (entry: typeof first) => (entry?.document?.kind === "hl7" ? entry.document.reply.header.messageId : undefined);
    expect(idOf(first)).toBeDefined();
    expect(idOf(second)).toBe(idOf(first));
  });

  it("lateReply: the async reply comes only after the late-reply delay", async () => {
    const started = Date.now();
    await sendCreate(magic("lateReply"));
    await waitMs(150);
    expect(rig.receiver.received).toHaveLength(0);
    await rig.receiver.waitFor(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
  });

  it("malformedReply: the reply body is not well-formed XML (async and sync)", async () => {
    await sendCreate(magic("malformedReply"));
    const [reply] = await rig.receiver.waitFor(1);
    expect(reply?.document).toBeUndefined();
    expect(reply?.problem).toBeDefined();
    const sync = await sendConfirm(magic("malformedReply"));
    expect(sync.status).toBe(200);
    const body = await sync.text();
    expect(() => parseReplyDocument(body, "text/xml")).toThrow();
  });

  it("wrongRefToMessageId: the reply refers to a message nobody sent", async () => {
    const request = createFor(magic("wrongRefToMessageId"));
    await post(`${rig.simulator.url}/reliablemessaging/reliablerequest`, ebxmlFor(request));
    const [reply] = await rig.receiver.waitFor(1);
    if (reply?.document?.kind !== "hl7") throw new Error("expected an HL7 reply");
    expect(reply.document.ebxml?.refToMessageId).toBeDefined();
    expect(reply.document.ebxml?.refToMessageId).not.toBe(request.header.messageId);
    expect(reply.document.reply.header.acknowledgement.messageRefId).not.toBe(request.header.messageId);
  });

  it("has a test above for every catalogue entry", () => {
    const tested = [
      "soapFault200",
      "retriable206",
      "businessError",
      "accessDenied",
      "rejected",
      "slowReply",
      "noReply",
      "duplicateReply",
      "lateReply",
      "malformedReply",
      "wrongRefToMessageId",
    ];
    expect(faults.faults.map((fault) => fault.name).sort()).toEqual([...tested].sort());
  });
});

describe("faults armed through the control API", () => {
  it("applies an armed fault for the given number of matching requests, then behaves normally", async () => {
    const arm = await fetch(`${rig.simulator.url}/_control/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ match: { interactionId: "QUPC_IN010000UK32" }, fault: { kind: "soapFault", errorCode: "206" }, times: 1 }),
    });
    expect(arm.status).toBe(201);
    const first = await sendConfirm("9990010048");
    expect([first.status, soapFaultCode(await first.text())]).toEqual([500, "206"]);
    expect((await sendConfirm("9990010048")).status).toBe(200);
  });

  it("counts a fault whose spec says how many times (the catalogue's retriable206, armed for another patient)", async () => {
    const retriable = faults.faults.find((fault) => fault.name === "retriable206")?.fault;
    const arm = await fetch(`${rig.simulator.url}/_control/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ match: { nhsNumber: "9990010048", interactionId: "QUPC_IN010000UK32" }, fault: retriable }),
    });
    expect(arm.status).toBe(201);
    const answers = [];
    for (let i = 0; i < 3; i++) {
      const response = await sendConfirm("9990010048");
      answers.push(response.status === 500 ? soapFaultCode(await response.text()) : String(response.status));
    }
    expect(answers).toEqual(["206", "206", "200"]);
  });

  it("refuses a fault spec it does not understand", async () => {
    const response = await fetch(`${rig.simulator.url}/_control/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ fault: { kind: "explode" } }),
    });
    expect(response.status).toBe(400);
  });
});
