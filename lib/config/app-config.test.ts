import { describe, expect, it } from "vitest";
import { loadConfig } from "./app-config";

describe("loadConfig", () => {
  it("has embedded defaults for a fresh clone", () => {
    const c = loadConfig({});
    expect(c.APP_BASE_URL).toBe("http://127.0.0.1:3000");
    expect(c.LR_MODE).toBe("training");
    expect(c.insecureLoopback).toBe(true);
    expect(c.cis2HealthUrl).toBe("http://127.0.0.1:4200/health");
    expect(c.simulatorHealthUrl).toBe("http://127.0.0.1:4100/health");
  });
  it("refuses plain http on a non-loopback host", () => {
    expect(() => loadConfig({ APP_BASE_URL: "http://lr.example.nhs.uk" })).toThrow(/https/);
  });
  it("refuses the message journal in live mode without the second setting", () => {
    expect(() => loadConfig({ LR_MODE: "live", SPINE_MESSAGE_LOG_DIR: "/tmp/x" })).toThrow(/CONFIRM/);
    expect(loadConfig({ LR_MODE: "live", SPINE_MESSAGE_LOG_DIR: "/tmp/x", SPINE_MESSAGE_LOG_LIVE_CONFIRM: "1" }).SPINE_MESSAGE_LOG_DIR).toBe("/tmp/x");
  });
  it("names the bad variable", () => {
    expect(() => loadConfig({ SESSION_IDLE_MINUTES: "soon" })).toThrow(/SESSION_IDLE_MINUTES/);
  });
});
