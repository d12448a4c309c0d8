import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";

// Set once in the runner process; its workers inherit it, so only this run can move the server's clock.
process.env.LRM_TEST_CLOCK_TOKEN ??= randomUUID();
// Likewise the credential the simulator's async replies carry to the app (Spine's TLS client
// certificate stands in for it live): per run, known to the tests, given to both processes by run.ts.
process.env.LRM_E2E_SPINE_INBOUND_VALUE ??= randomUUID();
const spineInboundAuth = { header: "x-lrm-spine-credential", value: process.env.LRM_E2E_SPINE_INBOUND_VALUE };

/** Ports and data folder for the e2e stack: away from the defaults so a running dev stack is untouched. */
const ports = { app: 3310, simulator: 4310, cis2: 4320 };
const dataRoot = ".data/e2e";

export const e2eStack = {
  ports,
  appBaseUrl: `http://127.0.0.1:${ports.app}`,
  simulatorUrl: `http://127.0.0.1:${ports.simulator}`,
  cis2Url: `http://127.0.0.1:${ports.cis2}`,
  spineInboundAuth,
  env: {
    APP_PORT: String(ports.app),
    SIMULATOR_PORT: String(ports.simulator),
    CIS2_PORT: String(ports.cis2),
    LRM_DATA_ROOT: dataRoot,
    SIMULATOR_CONTROL_ENABLED: "1",
    LRM_QUIET_CHILDREN: "1",
    // Lets the session-timeout e2e move the app's clock; refused outside training mode.
    LRM_TEST_CLOCK: "1",
    LRM_TEST_CLOCK_TOKEN: process.env.LRM_TEST_CLOCK_TOKEN,
    SPINE_INBOUND_AUTH_HEADER: spineInboundAuth.header,
    SPINE_INBOUND_AUTH_VALUE: spineInboundAuth.value,
  } as Record<string, string>,
};

/** Each e2e run starts from a fresh synthetic world (config is loaded once per run, before the server starts). */
if (!process.env.LRM_E2E_KEEP_DATA && !process.env.TEST_WORKER_INDEX) {
  rmSync(dataRoot, { recursive: true, force: true });
}
