import { afterAll, beforeAll } from "vitest";
import { type Cis2StandIn, startCis2StandIn } from "../server";
import { type client, discoverRp } from "./flow";

export interface StartedStandIn {
  standIn: Cis2StandIn;
  /** The test relying party, discovered against the stand-in. */
  config: client.Configuration;
}

/**
 * A quiet stand-in on a random loopback port and a relying party discovered against it, started
 * before the file's tests and closed after them. `onStarted` hands both to the file's own
 * variables, so the tests name them directly.
 */
export function standInForFile(onStarted: (started: StartedStandIn) => void): void {
  let running: Cis2StandIn | undefined;
  beforeAll(async () => {
    running = await startCis2StandIn({ port: 0, log: () => {} });
    onStarted({ standIn: running, config: await discoverRp(running) });
  });
  afterAll(async () => {
    await running?.close();
  });
}
