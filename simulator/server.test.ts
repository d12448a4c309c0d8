import { describe, expect, it } from "vitest";
import { parseReplyDocument } from "@/lib/hl7";
import { createLrPayload, ebxmlFor, GP, hl7Request, post, soapFor } from "@/simulator/test-support/spine-requests";
import { testRigForFile } from "@/simulator/test-support/test-simulator";

const rig = testRigForFile();

const get = (path: string) => fetch(`${rig.simulator.url}${path}`);
const lrCount = async () => (await rig.simulator.context.db.selectFrom("legitimate_relationships").select("lr_id").execute()).length;

describe("HTTP server", () => {
  it("answers GET /health with {status: ok}", async () => {
    const response = await get("/health");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("answers unknown paths with 404 and wrong methods with 405", async () => {
    expect((await get("/nope")).status).toBe(404);
    expect((await get("/sync-service")).status).toBe(405);
  });

  it("refuses bodies over the size cap with 413 before parsing", async () => {
    const config = rig.simulator.context.config;
    const limit = config.bodyLimitBytes;
    config.bodyLimitBytes = 2_000;
    try {
      const response = await post(`${rig.simulator.url}/sync-service`, {
        body: "x".repeat(5_000),
        headers: { "content-type": "text/xml" },
      });
      expect(response.status).toBe(413);
    } finally {
      config.bodyLimitBytes = limit;
    }
  });

  it("refuses a DOCTYPE (entity expansion / XXE) as not well formed, processing nothing", async () => {
    const message = soapFor(hl7Request("QUPC_IN010000UK32", { nhsNumber: "9990010048", responseType: "01" }));
    const body = message.body.replace('<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>');
    expect(body).toContain("<!DOCTYPE");
    const response = await post(`${rig.simulator.url}/sync-service`, { ...message, body });
    expect(response.status).toBe(500);
    expect(parseReplyDocument(response.body, "text/xml")).toMatchObject({
      kind: "soap-fault",
      fault: { errors: [{ errorCode: "200", description: expect.stringContaining("ErrorBaseTms.MESSAGE_NOT_WELL_FORMED") }] },
    });
  });

  it("refuses a DOCTYPE inside an ebXML payload with an AR, creating nothing", async () => {
    const before = await lrCount();
    const message = ebxmlFor(hl7Request("REPC_IN010000UK15", createLrPayload("9990010013")));
    const body = message.body.replace(
      '<REPC_IN010000UK15 xmlns="urn:hl7-org:v3">',
      '<!DOCTYPE x [<!ENTITY a "a">]><REPC_IN010000UK15 xmlns="urn:hl7-org:v3">',
    );
    rig.receiver.clear();
    expect((await post(`${rig.simulator.url}/reliablemessaging/reliablerequest`, { ...message, body })).status).toBe(202);
    const [reply] = await rig.receiver.waitFor(1);
    expect(reply?.document).toMatchObject({ kind: "hl7", reply: { header: { acknowledgement: { typeCode: "AR" } } } });
    expect(await lrCount()).toBe(before);
  });

  it("answers an update sent to /sync-service with TMS SOAP fault 101 (updates are reliable ebXML only)", async () => {
    const message = soapFor(hl7Request("REPC_IN010000UK15", createLrPayload("9990010013")));
    const response = await post(`${rig.simulator.url}/sync-service`, message);
    expect(response.status).toBe(500);
    expect(parseReplyDocument(response.body, "text/xml")).toMatchObject({ kind: "soap-fault", fault: { errors: [{ errorCode: "101" }] } });
  });

  it("answers a SOAPAction naming the interaction on another service with TMS fault 101 at the SOAPAction header", async () => {
    const message = soapFor(hl7Request("QUPC_IN010000UK32", { nhsNumber: "9990010048", responseType: "01" }, { author: GP }));
    message.headers.soapaction = "urn:nhs:names:services:lrs/QUPC_IN010000UK32";
    const response = await post(`${rig.simulator.url}/sync-service`, message);
    expect(response.status).toBe(500);
    expect(parseReplyDocument(response.body, "text/xml")).toMatchObject({
      kind: "soap-fault",
      fault: { errors: [{ errorCode: "101", location: "HTTP Header - SOAPAction" }] },
    });
  });

  it("answers an express query sent to /sync-service with TMS fault 101 (only the confirm query is sync)", async () => {
    const message = soapFor(hl7Request("QUPC_IN041234UK01", { workgroupIds: ["900000000501"] }, { author: GP }));
    const response = await post(`${rig.simulator.url}/sync-service`, message);
    expect(response.status).toBe(500);
    expect(parseReplyDocument(response.body, "text/xml")).toMatchObject({ kind: "soap-fault", fault: { errors: [{ errorCode: "101" }] } });
  });

  it("refuses a request whose Rcv ASID is not Spine's own, answering from its own ASID (spine-lr.md §3.3)", async () => {
    const request = hl7Request(
      "QUPC_IN010000UK32",
      { nhsNumber: "9990010048", responseType: "01" },
      { author: GP, receiverAsid: "990000000099" },
    );
    const response = await post(`${rig.simulator.url}/sync-service`, soapFor(request));
    expect(response.status).toBe(200);
    const ownAsid = rig.simulator.context.config.spine.asid;
    expect(parseReplyDocument(response.body, "text/xml")).toMatchObject({
      kind: "hl7",
      reply: {
        interactionId: "QUQI_IN010000UK14",
        header: { senderAsid: ownAsid, systemAsid: ownAsid, receiverAsid: request.header.senderAsid, issues: [{ code: "1000" }] },
      },
    });
  });

  it("accepts the SDS colon form of the SOAPAction", async () => {
    const message = soapFor(hl7Request("QUPC_IN010000UK32", { nhsNumber: "9990010048", responseType: "01" }, { author: GP }));
    message.headers.soapaction = "urn:nhs:names:services:lrsquery:QUPC_IN010000UK32";
    const response = await post(`${rig.simulator.url}/sync-service`, message);
    expect(response.status).toBe(200);
    expect(parseReplyDocument(response.body, "text/xml")).toMatchObject({
      kind: "hl7",
      reply: { interactionId: "QUPC_IN030000UK14", payload: { lrExists: true } },
    });
  });

  it("answers an unregistered sender ASID on the sync path with an Access Control Violation", async () => {
    const request = hl7Request(
      "QUPC_IN010000UK32",
      { nhsNumber: "9990010048", responseType: "01" },
      { senderAsid: "900000000777", systemAsid: "900000000777" },
    );
    const response = await post(`${rig.simulator.url}/sync-service`, soapFor(request));
    expect(parseReplyDocument(response.body, "text/xml")).toMatchObject({
      kind: "hl7",
      reply: { interactionId: "QUQI_IN010000UK14", header: { issues: [{ code: "900" }] } },
    });
  });

  it("hides the control API unless enabled", async () => {
    expect((await get("/_control/scenarios")).status).toBe(200);
    rig.simulator.context.config.controlEnabled = false;
    try {
      expect((await get("/_control/scenarios")).status).toBe(404);
    } finally {
      rig.simulator.context.config.controlEnabled = true;
    }
  });
});

describe("synthetic PDS FHIR read", () => {
  const pds = (nhsNumber: string) => get(`/personal-demographics/FHIR/R4/Patient/${nhsNumber}`);

  it("returns a FHIR R4 Patient for a known NHS number", async () => {
    const response = await pds("9990010048");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/fhir+json");
    const patient = await response.json();
    expect(patient).toMatchObject({
      resourceType: "Patient",
      id: "9990010048",
      identifier: [{ system: "https://fhir.nhs.uk/Id/nhs-number", value: "9990010048" }],
      deceasedBoolean: false,
    });
    expect(patient.name[0].family).toEqual(expect.any(String));
    expect(patient.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(["male", "female", "other", "unknown"]).toContain(patient.gender);
  });

  it("reports a deceased patient with deceasedDateTime", async () => {
    const patient = await (await pds("9990010021")).json();
    expect(patient.deceasedDateTime).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(patient.deceasedBoolean).toBeUndefined();
  });

  it("answers an unknown NHS number with a 404 OperationOutcome", async () => {
    const response = await pds("9998000009");
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ resourceType: "OperationOutcome", issue: [{ code: "not-found" }] });
  });

  it("answers an invalid NHS number with a 400 OperationOutcome", async () => {
    const response = await pds("9990010006");
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      resourceType: "OperationOutcome",
      issue: [{ code: "value", details: { coding: [{ code: "INVALID_RESOURCE_ID" }] } }],
    });
  });
});
