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
    const live = {
      LR_MODE: "live",
      APP_BASE_URL: "https://lr.example.nhs.uk",
      CIS2_ISSUER: "https://cis2.example.nhs.uk/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare",
      SPINE_INBOUND_AUTH_HEADER: "x-client-verify",
      SPINE_INBOUND_AUTH_VALUE: "SUCCESS",
      CIS2_CLIENT_PRIVATE_JWK: "{}",
      SESSION_PASSWORD: "x".repeat(40),
      SPINE_ROUTES_FILE: "/etc/lr-manager/spine-routes.json",
      SPINE_BASE_URL: "https://msg.int.spine2.ncrs.nhs.uk",
      PDS_BASE_URL: "https://int.api.service.nhs.uk/personal-demographics/FHIR/R4",
      SPINE_MESSAGE_LOG_DIR: "/tmp/x",
    };
    expect(() => loadConfig(live)).toThrow(/CONFIRM/);
    expect(loadConfig({ ...live, SPINE_MESSAGE_LOG_LIVE_CONFIRM: "1" }).SPINE_MESSAGE_LOG_DIR).toBe("/tmp/x");
  });
  it("refuses live mode with the local stand-ins, no inbound authentication or the dev defaults", () => {
    expect(() => loadConfig({ LR_MODE: "live", APP_BASE_URL: "https://lr.example.nhs.uk" })).toThrow(
      /CIS2_ISSUER[\s\S]*SPINE_INBOUND_AUTH_HEADER[\s\S]*CIS2_CLIENT_PRIVATE_JWK[\s\S]*SESSION_PASSWORD[\s\S]*SPINE_ROUTES_FILE/,
    );
    const live = {
      LR_MODE: "live",
      APP_BASE_URL: "https://lr.example.nhs.uk",
      CIS2_ISSUER: "https://am.nhsint.auth-ptl.cis2.spineservices.nhs.uk/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare",
      SPINE_INBOUND_AUTH_HEADER: "x-client-verify",
      SPINE_INBOUND_AUTH_VALUE: "SUCCESS",
      CIS2_CLIENT_PRIVATE_JWK: "{}",
      SESSION_PASSWORD: "x".repeat(40),
      SPINE_ROUTES_FILE: "/etc/lr-manager/spine-routes.json",
      SPINE_BASE_URL: "https://msg.int.spine2.ncrs.nhs.uk",
      PDS_BASE_URL: "https://int.api.service.nhs.uk/personal-demographics/FHIR/R4",
    };
    expect(loadConfig(live).insecureLoopback).toBe(false);
    expect(() => loadConfig({ ...live, APP_BASE_URL: "http://127.0.0.1:3000" })).toThrow(/APP_BASE_URL must be https/);
  });
  it("refuses the stand-ins' addresses in live mode and real addresses in training mode", () => {
    expect(() => loadConfig({ SPINE_BASE_URL: "https://msg.int.spine2.ncrs.nhs.uk" })).toThrow(
      /training mode:[\s\S]*SPINE_BASE_URL must be a local stand-in/,
    );
    expect(() => loadConfig({ CIS2_ISSUER: "https://am.nhsint.auth-ptl.cis2.spineservices.nhs.uk/x" })).toThrow(
      /CIS2_ISSUER must be a local stand-in/,
    );
    expect(loadConfig({}).trainingSimulatorUrl).toBe("http://127.0.0.1:4100");
    expect(() => loadConfig({ LR_MODE: "live", APP_BASE_URL: "https://lr.example.nhs.uk" })).toThrow(
      /SPINE_BASE_URL must be the real service in live mode[\s\S]*PDS_BASE_URL must be the real service/,
    );
  });
  it("reads the inbound credential only as a pair; without it the inbound endpoint accepts nothing", () => {
    expect(loadConfig({}).spineInboundAuth).toBeUndefined();
    expect(loadConfig({ SPINE_INBOUND_AUTH_HEADER: "X-Client-Verify", SPINE_INBOUND_AUTH_VALUE: "SUCCESS" }).spineInboundAuth).toEqual({
      header: "x-client-verify",
      value: "SUCCESS",
    });
    expect(() => loadConfig({ SPINE_INBOUND_AUTH_HEADER: "x-client-verify" })).toThrow(/together/);
    expect(() => loadConfig({ SPINE_INBOUND_AUTH_VALUE: "SUCCESS" })).toThrow(/together/);
    expect(() => loadConfig({ SPINE_INBOUND_AUTH_HEADER: "x client verify", SPINE_INBOUND_AUTH_VALUE: "SUCCESS" })).toThrow(
      /SPINE_INBOUND_AUTH_HEADER/,
    );
  });
  it("names the bad variable", () => {
    expect(() => loadConfig({ SESSION_IDLE_MINUTES: "soon" })).toThrow(/SESSION_IDLE_MINUTES/);
  });
});
