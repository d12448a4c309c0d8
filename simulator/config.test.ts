import { describe, expect, it } from "vitest";
import { resolveSimulatorConfig, simulatorEnvironment } from "@/simulator/config";

describe("simulator environment", () => {
  it("defaults to 127.0.0.1:4100, on-disk PGlite, control API off", () => {
    const environment = simulatorEnvironment({});
    expect(environment).toMatchObject({ port: 4100, host: "127.0.0.1", store: {} });
    const config = resolveSimulatorConfig(environment.config);
    expect(config.controlEnabled).toBe(false);
    expect(config.bffInboundUrl).toBe("http://127.0.0.1:3000/api/spine/inbound");
  });

  it("reads every SIMULATOR_* setting", () => {
    const environment = simulatorEnvironment({
      SIMULATOR_PORT: "4999",
      SIMULATOR_HOST: "::1",
      SIMULATOR_DATABASE_URL: "postgres://127.0.0.1:5432/sim",
      SIMULATOR_DATA_DIR: "/tmp/sim",
      SIMULATOR_DB_IN_MEMORY: "1",
      SIMULATOR_CONTROL_ENABLED: "1",
      SIMULATOR_BFF_INBOUND_URL: "http://127.0.0.1:3999/api/spine/inbound",
      SIMULATOR_REPLY_DELAY_MS: "5",
      SIMULATOR_RESET_ON_START: "true",
      SPINE_MESSAGE_LOG_DIR: "/tmp/journal",
    });
    expect(environment.port).toBe(4999);
    expect(environment.host).toBe("::1");
    expect(environment.store).toEqual({ databaseUrl: "postgres://127.0.0.1:5432/sim", dataDir: "/tmp/sim", inMemory: true });
    const config = resolveSimulatorConfig(environment.config);
    expect(config).toMatchObject({
      controlEnabled: true,
      resetOnStart: true,
      bffInboundUrl: "http://127.0.0.1:3999/api/spine/inbound",
      messageLogDir: "/tmp/journal",
      async: { replyDelayMs: 5 },
    });
  });

  it("reads the BFF inbound credential its async replies carry, only as a pair", () => {
    const environment = simulatorEnvironment({
      SIMULATOR_BFF_INBOUND_AUTH_HEADER: "x-lrm-spine-credential",
      SIMULATOR_BFF_INBOUND_AUTH_VALUE: "s3cret",
    });
    expect(resolveSimulatorConfig(environment.config).bffInboundAuth).toEqual({ header: "x-lrm-spine-credential", value: "s3cret" });
    expect(resolveSimulatorConfig(simulatorEnvironment({}).config).bffInboundAuth).toBeUndefined();
    expect(() => simulatorEnvironment({ SIMULATOR_BFF_INBOUND_AUTH_VALUE: "s3cret" })).toThrow(/together/);
    expect(() =>
      simulatorEnvironment({ SIMULATOR_BFF_INBOUND_AUTH_HEADER: "bad header", SIMULATOR_BFF_INBOUND_AUTH_VALUE: "x" }),
    ).toThrow();
  });

  it("fails fast on a bad value", () => {
    expect(() => simulatorEnvironment({ SIMULATOR_PORT: "http" })).toThrow();
    expect(() => simulatorEnvironment({ SIMULATOR_CONTROL_ENABLED: "yes" })).toThrow();
  });
});
