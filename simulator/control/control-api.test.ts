import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exchange, payloadOf } from "@/simulator/test-support/exchange";
import { createLrPayload, hl7Request } from "@/simulator/test-support/spine-requests";
import { startTestRig, type TestRig } from "@/simulator/test-support/test-simulator";

let rig: TestRig;
let logDir: string;
beforeAll(async () => {
  logDir = await mkdtemp(path.join(tmpdir(), "simulator-journal-"));
  rig = await startTestRig({ messageLogDir: logDir });
});
afterAll(async () => {
  await rig?.close();
  await rm(logDir, { recursive: true, force: true });
});

const control = async (method: string, route: string, body?: unknown) => {
  const response = await fetch(`${rig.simulator.url}/_control/${route}`, {
    method,
    headers: { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: await response.json() };
};
const allLrs = async () => (await control("GET", "lrs")).json.lrs as { lr_id: string; nhs_number: string; history: unknown[] }[];

describe("control API: reset and scenarios", () => {
  it("lists the scenarios and says which is loaded", async () => {
    const { json } = await control("GET", "scenarios");
    expect(json.scenarios.map((scenario: { name: string }) => scenario.name)).toEqual(expect.arrayContaining(["default", "no-lrs"]));
    expect(json.current).toBe("default");
  });

  it("seeds a named scenario deterministically: same scenario, same LR ids and data", async () => {
    expect((await control("POST", "scenarios/default")).status).toBe(200);
    const first = await allLrs();
    expect((await control("POST", "scenarios/no-lrs")).json).toEqual({ status: "reset", scenario: "no-lrs" });
    expect(await allLrs()).toEqual([]);
    await control("POST", "scenarios/default");
    expect(await allLrs()).toEqual(first);
    expect(first.length).toBeGreaterThan(50);
  });

  it("reset throws away changes and replays LR id allocation identically", async () => {
    await control("POST", "reset");
    const created = payloadOf(
      await exchange(rig, hl7Request("REPC_IN010000UK15", createLrPayload("9990010013"))),
      "REPC_IN020000UK13",
    ).lrId;
    expect((await allLrs()).some((lr) => lr.lr_id === created)).toBe(true);
    expect((await control("POST", "reset", {})).json.scenario).toBe("default");
    expect((await allLrs()).some((lr) => lr.lr_id === created)).toBe(false);
    const again = payloadOf(await exchange(rig, hl7Request("REPC_IN010000UK15", createLrPayload("9990010013"))), "REPC_IN020000UK13").lrId;
    expect(again).toBe(created);
  });

  it("answers an unknown scenario with 404", async () => {
    expect((await control("POST", "scenarios/nope")).status).toBe(404);
    expect((await control("POST", "reset", { scenario: "nope" })).status).toBe(404);
  });

  it("filters LRs by patient, with status history", async () => {
    await control("POST", "reset");
    const lrs = (await (await fetch(`${rig.simulator.url}/_control/lrs?nhsNumber=9990010005`)).json()).lrs as {
      nhs_number: string;
      history: unknown[];
    }[];
    expect(lrs.length).toBeGreaterThanOrEqual(10);
    expect(lrs.every((lr) => lr.nhs_number === "9990010005")).toBe(true);
    expect(lrs.some((lr) => lr.history.length > 0)).toBe(true);
  });

  it("lists self-claim alerts and the notable / magic NHS numbers", async () => {
    await control("POST", "reset");
    const alerts = (await control("GET", "alerts")).json.alerts as { lr_type_code: string }[];
    expect(alerts.some((alert) => alert.lr_type_code === "08")).toBe(true);
    const notable = (await control("GET", "notable")).json;
    expect(notable.patients.find((patient: { key: string }) => patient.key === "deceased").nhsNumber).toBe("9990010021");
    expect(notable.faults.length).toBeGreaterThan(5);
  });
});

describe("message log and journal", () => {
  it("returns the message log, newest first, filterable by interaction", async () => {
    await control("POST", "reset");
    const request = hl7Request("REPC_IN010000UK15", createLrPayload("9990010013"));
    await exchange(rig, request);
    await rig.simulator.context.delivery.settled();
    const { json } = await control("GET", "messages?interactionId=REPC_IN010000UK15&direction=inbound");
    expect(json.messages[0]).toMatchObject({
      direction: "inbound",
      interaction_id: "REPC_IN010000UK15",
      message_id: request.header.messageId,
    });
    expect(json.messages[0].body).toContain(request.header.messageId);
    const everything = (await control("GET", "messages?limit=500")).json.messages as { log_id: number; outcome: string }[];
    expect(everything[0]?.log_id).toBeGreaterThan(everything.at(-1)?.log_id ?? 0);
    expect(everything.map((message) => message.outcome)).toContain("acked");
    const exchangeRows = (await control("GET", `messages?messageId=${request.header.messageId}`)).json.messages as {
      direction: string;
      interaction_id: string | null;
      message_id: string | null;
      ref_to_message_id: string | null;
    }[];
    expect(exchangeRows.length).toBeLessThan(everything.length);
    expect(
      exchangeRows.every((row) => row.message_id === request.header.messageId || row.ref_to_message_id === request.header.messageId),
    ).toBe(true);
    expect(exchangeRows.map((row) => `${row.direction} ${row.interaction_id}`)).toEqual(
      expect.arrayContaining(["inbound REPC_IN010000UK15", "outbound REPC_IN020000UK13"]),
    );
  });

  it("writes every inbound and outbound body to SPINE_MESSAGE_LOG_DIR with the shared file naming", async () => {
    await control("POST", "reset");
    const request = hl7Request("REPC_IN010000UK15", createLrPayload("9990010013"));
    const reply = await exchange(rig, request);
    await rig.simulator.context.delivery.settled();
    const files = await readdir(logDir);
    const inbound = files.find((name) => name.endsWith(`-inbound-REPC_IN010000UK15-${request.header.messageId}.http`));
    const outbound = files.find((name) => name.endsWith(`-outbound-REPC_IN020000UK13-${reply.header.messageId}.http`));
    expect(inbound).toMatch(/^\d{8}T\d{9}Z-inbound-/);
    expect(outbound).toBeDefined();
    expect(await readFile(path.join(logDir, inbound ?? ""), "utf8")).toContain(request.header.messageId);
    const sync = await exchange(rig, hl7Request("QUPC_IN010000UK32", { nhsNumber: "9990010048", responseType: "01" }));
    expect((await readdir(logDir)).some((name) => name.endsWith(`-outbound-QUPC_IN030000UK14-${sync.header.messageId}.xml`))).toBe(true);
  });
});

describe("control API: faults switched on and off one at a time", () => {
  it("arms two faults, switches one off by id, and 404s an unknown id", async () => {
    await control("DELETE", "faults");
    const everyone = await control("POST", "faults", { fault: { kind: "noReply" } });
    const onePatient = await control("POST", "faults", { match: { nhsNumber: "9990010013" }, fault: { kind: "delay", delayMs: 3000 } });
    expect([everyone.status, onePatient.status]).toEqual([201, 201]);
    expect((await control("DELETE", `faults/${everyone.json.id}`)).json).toEqual({ status: "cleared", id: everyone.json.id });
    const armed = (await control("GET", "faults")).json.armed as { id: number }[];
    expect(armed.map((entry) => entry.id)).toEqual([onePatient.json.id]);
    expect((await control("DELETE", `faults/${everyone.json.id}`)).status).toBe(404);
    await control("DELETE", "faults");
    expect((await control("GET", "faults")).json.armed).toEqual([]);
  });
});
