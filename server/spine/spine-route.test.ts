import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSpineRoutes, parseSpineRoutes, resolveSpineRoute } from "@/lib/config/spine-routes";
import { type Hl7Request, outboundOf } from "@/lib/hl7";
import { SAMPLE_REQUESTS } from "@/lib/hl7/fixtures/samples";
import { createDirectTransport } from "./direct-transport";
import { type ScriptedSpine, startScriptedSpine, testSpineOptions } from "./scripted-spine.fixture";
import { spineRouteFor } from "./spine-route";

/** Per-service routing (docs/domain.md §8.5): SDS holds a CPA id (and Spine's ASID / party key) per service+interaction. */
const LRS = "urn:nhs:names:services:lrs";
const SDS = "urn:nhs:names:services:sds";
const DEFAULTS = { cpaId: "S9000DEFAULT", toAsid: "990000000001", toPartyKey: "SIM-990001" };

describe("the routing table", () => {
  it("resolves field by field: service:interaction row, then service row, then the single configured values", () => {
    const table = parseSpineRoutes({
      routes: { [LRS]: { cpaId: "S-LRS", toAsid: "990000000002" }, [`${LRS}:REPC_IN040000UK15`]: { cpaId: "S-LRS-SC" } },
    });
    expect(resolveSpineRoute(table, DEFAULTS, LRS, "REPC_IN010000UK15")).toEqual({
      cpaId: "S-LRS",
      toAsid: "990000000002",
      toPartyKey: "SIM-990001",
    });
    expect(resolveSpineRoute(table, DEFAULTS, LRS, "REPC_IN040000UK15")).toEqual({
      cpaId: "S-LRS-SC",
      toAsid: "990000000002",
      toPartyKey: "SIM-990001",
    });
    expect(resolveSpineRoute(table, DEFAULTS, SDS, "REPC_IN130002UK01")).toEqual(DEFAULTS);
  });

  it("ships a different synthetic CPA id for each of the four services", () => {
    const table = loadSpineRoutes();
    const services = ["lrs", "lrsquery", "sds", "sdsquery"].map((name) => `urn:nhs:names:services:${name}`);
    const cpaIds = services.map((service) => table[service]?.cpaId);
    expect(cpaIds.every((cpaId) => typeof cpaId === "string")).toBe(true);
    expect(new Set(cpaIds).size).toBe(4);
  });

  it("reads a deployment's own table (SPINE_ROUTES_FILE) and refuses a malformed one", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "spine-routes-"));
    const good = path.join(dir, "routes.json");
    writeFileSync(good, JSON.stringify({ routes: { [SDS]: { cpaId: "S-SDS-LIVE", toPartyKey: "YEA-801248" } } }));
    expect(loadSpineRoutes(good)[SDS]).toEqual({ cpaId: "S-SDS-LIVE", toPartyKey: "YEA-801248" });
    const bad = path.join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ routes: { [SDS]: { toAsid: "not-an-asid" } } }));
    expect(() => loadSpineRoutes(bad)).toThrow(/SPINE_ROUTES_FILE/);
  });

  it("gives each interaction its own service's route, and Spine's ASID from it", () => {
    const options = testSpineOptions({ routes: { [SDS]: { cpaId: "S-SDS", toAsid: "990000000777" } } });
    expect(spineRouteFor(options, "REPC_IN130002UK01")).toEqual({
      cpaId: "S-SDS",
      toAsid: "990000000777",
      toPartyKey: options.spinePartyKey,
    });
    expect(spineRouteFor(options, "REPC_IN010000UK15")).toEqual({
      cpaId: options.cpaId,
      toAsid: options.toAsid,
      toPartyKey: options.spinePartyKey,
    });
  });
});

describe("direct transport routing", () => {
  let spine: ScriptedSpine;
  beforeAll(async () => {
    spine = await startScriptedSpine();
    spine.setScript(() => ({ status: 202, body: "" }));
  });
  afterAll(async () => {
    await spine?.close();
  });

  it("writes each service's eb:CPAId and eb:To on the ebXML it sends", async () => {
    const options = testSpineOptions({
      baseUrl: spine.url,
      routes: { [LRS]: { cpaId: "S-LRS" }, [SDS]: { cpaId: "S-SDS", toPartyKey: "SDS-PARTY" } },
    });
    const transport = createDirectTransport({ options, journal: async () => {} });
    const sample = (id: string) => SAMPLE_REQUESTS.find((request) => request.interactionId === id) as Hl7Request;
    for (const id of ["REPC_IN010000UK15", "REPC_IN130002UK01"]) {
      await transport.send({ message: outboundOf(sample(id)), conversationId: sample(id).header.messageId, timeoutMs: 5_000 });
    }
    const sent = spine.received.map((received) => received.document?.ebxml);
    expect(sent).toMatchObject([
      { service: LRS, cpaId: "S-LRS", toPartyId: options.spinePartyKey },
      { service: SDS, cpaId: "S-SDS", toPartyId: "SDS-PARTY" },
    ]);
  });
});
