import { describe, expect, it } from "vitest";
import { childEnvironments, inboundCredential, stackConfig, TRAINING_INBOUND_AUTH_HEADER } from "./stack-config";

describe("the run command's inbound credential (standing in for Spine's TLS client certificate)", () => {
  const c = stackConfig({});

  it("in training, is random per run and given to both the app and the simulator", () => {
    const first = childEnvironments(c, {}, "password");
    const second = childEnvironments(c, {}, "password");
    expect(first.app.SPINE_INBOUND_AUTH_HEADER).toBe(TRAINING_INBOUND_AUTH_HEADER);
    expect(first.app.SPINE_INBOUND_AUTH_VALUE).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.simulator.SIMULATOR_BFF_INBOUND_AUTH_HEADER).toBe(first.app.SPINE_INBOUND_AUTH_HEADER);
    expect(first.simulator.SIMULATOR_BFF_INBOUND_AUTH_VALUE).toBe(first.app.SPINE_INBOUND_AUTH_VALUE);
    expect(second.app.SPINE_INBOUND_AUTH_VALUE).not.toBe(first.app.SPINE_INBOUND_AUTH_VALUE);
    // Each child gets it under its own names only; the CIS2 stand-in not at all.
    expect(first.simulator).not.toHaveProperty("SPINE_INBOUND_AUTH_VALUE");
    expect(first.app).not.toHaveProperty("SIMULATOR_BFF_INBOUND_AUTH_VALUE");
    expect(JSON.stringify(first.cis2)).not.toContain(first.app.SPINE_INBOUND_AUTH_VALUE!);
  });

  it("uses the caller's credential when set", () => {
    const env = { SPINE_INBOUND_AUTH_HEADER: "x-client-verify", SPINE_INBOUND_AUTH_VALUE: "SUCCESS" };
    const envs = childEnvironments(c, env, "password");
    expect(envs.app).toMatchObject(env);
    expect(envs.simulator).toMatchObject({
      SIMULATOR_BFF_INBOUND_AUTH_HEADER: "x-client-verify",
      SIMULATOR_BFF_INBOUND_AUTH_VALUE: "SUCCESS",
    });
  });

  it("in live mode, never invents one and never gives Spine's credential to the simulator", () => {
    expect(inboundCredential({ LR_MODE: "live" })).toEqual({ app: undefined, simulator: undefined });
    const env = { LR_MODE: "live", SPINE_INBOUND_AUTH_HEADER: "x-client-verify", SPINE_INBOUND_AUTH_VALUE: "SUCCESS" };
    const envs = childEnvironments(c, env, "password");
    expect(envs.app).toMatchObject({ SPINE_INBOUND_AUTH_HEADER: "x-client-verify", SPINE_INBOUND_AUTH_VALUE: "SUCCESS" });
    expect(envs.simulator).not.toHaveProperty("SIMULATOR_BFF_INBOUND_AUTH_VALUE");
    expect(envs.simulator).not.toHaveProperty("SPINE_INBOUND_AUTH_VALUE");
  });
});
