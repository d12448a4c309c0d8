import { describe, expect, it } from "vitest";
import { isLoopbackHost, standInEndpointProblems } from "./stand-in-endpoints";

const local = { setting: "SPINE_BASE_URL", url: "http://127.0.0.1:4100" };
const remote = { setting: "SPINE_BASE_URL", url: "https://msg.int.spine2.ncrs.nhs.uk" };

describe("standInEndpointProblems", () => {
  it("accepts the local stand-ins in training mode and refuses anything else", () => {
    expect(standInEndpointProblems("training", [local, { setting: "PDS_BASE_URL", url: "http://localhost:4100/pds" }])).toEqual([]);
    expect(standInEndpointProblems("training", [remote])).toEqual([
      "SPINE_BASE_URL must be a local stand-in (a loopback address) in training mode, not msg.int.spine2.ncrs.nhs.uk",
    ]);
  });
  it("refuses the local stand-ins in live mode, and plain http to a real host", () => {
    expect(standInEndpointProblems("live", [remote])).toEqual([]);
    expect(standInEndpointProblems("live", [local])).toEqual([
      "SPINE_BASE_URL must be the real service in live mode, not a local stand-in (127.0.0.1:4100)",
    ]);
    expect(standInEndpointProblems("live", [{ setting: "PDS_BASE_URL", url: "http://pds.example.nhs.uk" }])).toEqual([
      "PDS_BASE_URL must be https in live mode",
    ]);
  });
  it("ignores settings that are not set", () => {
    expect(standInEndpointProblems("live", [{ setting: "MHS_ADAPTOR_URL", url: undefined }])).toEqual([]);
  });
  it("knows the loopback names", () => {
    for (const host of ["localhost", "127.0.0.1", "127.1.2.3", "[::1]"]) expect(isLoopbackHost(host)).toBe(true);
    for (const host of ["10.0.0.1", "example.nhs.uk", "128.0.0.1"]) expect(isLoopbackHost(host)).toBe(false);
  });
});
