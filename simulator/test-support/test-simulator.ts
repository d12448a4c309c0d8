import { afterAll, beforeAll, beforeEach } from "vitest";
import type { SimulatorConfigOverrides } from "@/simulator/config";
import { type RunningSimulator, startSimulator } from "@/simulator/server";
import { InboundReceiver } from "@/simulator/test-support/inbound-receiver";

export interface TestRig {
  simulator: RunningSimulator;
  receiver: InboundReceiver;
  close(): Promise<void>;
}

/**
 * One in-memory simulator (PGlite costs ~3 s, so one per test file) wired to a real receiver
 * on loopback, with short delays and retry intervals.
 */
export async function startTestRig(config: SimulatorConfigOverrides = {}): Promise<TestRig> {
  const receiver = await new InboundReceiver().start();
  const simulator = await startSimulator({
    store: { inMemory: true },
    config: {
      controlEnabled: true,
      bffInboundUrl: receiver.url,
      noReplyHoldMs: 1_000,
      ...config,
      async: {
        replyDelayMs: 20,
        lateReplyDelayMs: 400,
        ackTimeoutMs: 1_000,
        reliabilityOverride: { retries: 2, retryIntervalMs: 50 },
        ...config.async,
      },
    },
  });
  return {
    simulator,
    receiver,
    async close() {
      await simulator.close();
      await receiver.close();
    },
  };
}

/** Between tests: fresh world, no faults, nothing pending, receiver emptied. */
export async function resetRig(rig: TestRig, scenario?: string): Promise<void> {
  rig.simulator.context.delivery.cancelAll();
  await rig.simulator.context.delivery.settled();
  await rig.simulator.reset(scenario);
  rig.receiver.clear();
}

/**
 * The test file's rig: started before its tests and closed after them; with resetBetweenTests,
 * each test starts from a fresh world. The returned view reads through to the running rig, so a
 * file can name it at the top and use it once the hook has run.
 */
export function testRigForFile(options: { resetBetweenTests?: boolean } = {}): TestRig {
  let running: TestRig | undefined;
  const current = (): TestRig => {
    if (!running) throw new Error("the file's rig is used before beforeAll started it");
    return running;
  };
  beforeAll(async () => {
    running = await startTestRig();
  });
  afterAll(async () => {
    await running?.close();
  });
  if (options.resetBetweenTests) {
    beforeEach(async () => {
      await resetRig(current());
    });
  }
  return {
    get simulator() {
      return current().simulator;
    },
    get receiver() {
      return current().receiver;
    },
    close: () => current().close(),
  };
}
