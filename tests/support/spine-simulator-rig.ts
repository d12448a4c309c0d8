import pino from "pino";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { POST as inboundPost } from "@/app/api/spine/inbound/route";
import { loadSpineRoutes } from "@/lib/config/spine-routes";
import { findPersona } from "@/lib/personas";
import type { SimulatorLogEntry } from "@/lib/schemas/simulator-log";
import type { Store } from "@/lib/store/open-store";
import { closeDb, getDb } from "@/server/db/client";
import type { Database } from "@/server/db/schema";
import type { LrContext } from "@/server/lr/lr-context";
import { setSpineRuntime } from "@/server/spine/default-runtime";
import { testSpineOptions } from "@/server/spine/scripted-spine.fixture";
import type { SpineOptions } from "@/server/spine/spine-options";
import { createSpineRuntime, type SpineRuntime } from "@/server/spine/spine-runtime";
import type { SpineTransport } from "@/server/spine/spine-transport";
import type { SimulatorConfigOverrides } from "@/simulator/config";
import { type RunningSimulator, startSimulator } from "@/simulator/server";
import { type BffInboundHost, startBffInboundHost } from "./bff-inbound-host";
import { lateBound } from "./late-bound";
import { testSpineInboundCredential } from "./spine-inbound-credential";

/**
 * The BFF's Spine layer joined to the running Spine simulator over real HTTP on 127.0.0.1: one
 * in-memory simulator, one in-memory BFF store and a host for the BFF's real inbound route, shared
 * by a test file. Runtimes are made per transport mode ("direct" Spine or the MHS adaptor front)
 * and record what each send came back with, so a test can see the 202 the BFF got.
 */
export type SpineMode = "direct" | "mhs";

export interface TransportSend {
  interactionId: string;
  messageId: string;
  /** "reply" = the answer came in the HTTP response; "accepted" = 202, reply to follow on the inbound endpoint. */
  outcome: "reply" | "accepted" | "error";
}

export interface RigRuntime {
  rt: SpineRuntime;
  sends: TransportSend[];
}

/** The control API returns each wire-log row whole. */
export type SimulatorMessage = SimulatorLogEntry;

export interface SimulatorLr {
  lr_id: string;
  nhs_number: string;
  status: string;
  lr_type_code: string;
  subject_kind: string;
  subject_role_profile_id: string | null;
  subject_workgroup_id: string | null;
  /** HL7 timestamps (YYYYMMDDHHMMSS…), as Spine reports them. */
  start_time: string;
  end_time: string | null;
}

export interface SpineSimulatorRig {
  store: Store<Database>;
  simulator: RunningSimulator;
  inbound: BffInboundHost;
  runtime(mode: SpineMode, overrides?: Partial<SpineOptions>): RigRuntime;
  /** Fresh default world, no pending replies or faults, inbound record emptied. */
  reset(scenario?: string): Promise<void>;
  /** GET /_control/messages, oldest first. */
  messages(query?: { interactionId?: string; direction?: "inbound" | "outbound" }): Promise<SimulatorMessage[]>;
  /** GET /_control/lrs?nhsNumber=… */
  lrs(nhsNumber: string): Promise<SimulatorLr[]>;
  close(): Promise<void>;
}

export const silentLog = pino({ level: "silent" });

/** Short waits so the whole file stays quick; retries well inside the BFF's own waits. */
export const RIG_SIMULATOR_CONFIG: SimulatorConfigOverrides = {
  controlEnabled: true,
  noReplyHoldMs: 1_000,
  async: { replyDelayMs: 20, lateReplyDelayMs: 400, ackTimeoutMs: 5_000, reliabilityOverride: { retries: 2, retryIntervalMs: 100 } },
};

function recording(transport: SpineTransport, sends: TransportSend[]): SpineTransport {
  return {
    name: transport.name,
    async send(input) {
      const about = { interactionId: input.message.interactionId, messageId: input.message.messageId };
      try {
        const outcome = await transport.send(input);
        sends.push({ ...about, outcome: outcome.kind });
        return outcome;
      } catch (error) {
        sends.push({ ...about, outcome: "error" });
        throw error;
      }
    },
  };
}

export async function startSpineSimulatorRig(config: SimulatorConfigOverrides = {}): Promise<SpineSimulatorRig> {
  // The simulator's replies carry the credential the BFF's inbound route requires, as Spine's TLS client certificate would.
  const { header, value } = testSpineInboundCredential();
  // The app's own store (in memory for tests): the Spine runtime, the audit writer and every
  // app-side operation then share it, as they do in a running app.
  process.env.APP_DB_IN_MEMORY = "1";
  const store = await getDb();
  const inbound = await startBffInboundHost(inboundPost);
  const simulator = await startSimulator({
    store: { inMemory: true },
    config: {
      ...RIG_SIMULATOR_CONFIG,
      bffInboundAuth: { header, value },
      ...config,
      bffInboundUrl: inbound.url,
      async: { ...RIG_SIMULATOR_CONFIG.async, ...config.async },
    },
  });
  const { asid, partyKey } = simulator.context.config.spine;

  const runtime = (mode: SpineMode, overrides: Partial<SpineOptions> = {}): RigRuntime => {
    const options = testSpineOptions({
      transport: mode,
      baseUrl: simulator.url,
      mhsUrl: simulator.url,
      toAsid: asid,
      spinePartyKey: partyKey,
      // The shipped per-service routing table: its CPA ids are the simulator's SDS registry's.
      routes: loadSpineRoutes(),
      asyncWaitMs: 10_000,
      timeScale: 0.5,
      ...overrides,
    });
    const rt = createSpineRuntime({ store, options, log: silentLog });
    const sends: TransportSend[] = [];
    rt.transport = recording(rt.transport, sends);
    return { rt, sends };
  };
  // The inbound route reads the shared runtime; both modes share one store, so either will do.
  setSpineRuntime(runtime("direct").rt);

  const control = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${simulator.url}/_control/${path}`);
    if (!response.ok) throw new Error(`control ${path}: HTTP ${response.status}`);
    return (await response.json()) as T;
  };

  return {
    store,
    simulator,
    inbound,
    runtime,
    async reset(scenario) {
      simulator.context.delivery.cancelAll();
      await simulator.context.delivery.settled();
      await simulator.reset(scenario);
      inbound.clear();
    },
    async messages(query = {}) {
      const params = new URLSearchParams({ limit: "1000", ...query });
      const { messages } = await control<{ messages: SimulatorMessage[] }>(`messages?${params}`);
      return messages.reverse();
    },
    async lrs(nhsNumber) {
      return (await control<{ lrs: SimulatorLr[] }>(`lrs?nhsNumber=${nhsNumber}`)).lrs;
    },
    async close() {
      setSpineRuntime(undefined);
      await simulator.close();
      await inbound.close();
      await closeDb();
    },
  };
}

/**
 * The test file's rig: started before its tests (within `startTimeoutMs`, when given), closed after
 * them; with resetBetweenTests each test starts from the default world.
 */
export function spineSimulatorRigForFile(options: { resetBetweenTests?: boolean; startTimeoutMs?: number } = {}): SpineSimulatorRig {
  let running: SpineSimulatorRig | undefined;
  beforeAll(async () => {
    running = await startSpineSimulatorRig();
  }, options.startTimeoutMs);
  if (options.resetBetweenTests) {
    beforeEach(async () => {
      await running?.reset();
    });
  }
  afterAll(async () => {
    await running?.close();
  });
  return lateBound(() => running, "the Spine simulator rig");
}

/** An LrContext for a seeded persona (lib/personas) in one of its role profiles (default: the first). */
export function personaContext(uid: string, rt: SpineRuntime, roleProfileId?: string): LrContext {
  const persona = findPersona(uid);
  const role = persona?.roles.find((r) => roleProfileId === undefined || r.person_roleid === roleProfileId);
  if (!persona || !role) throw new Error(`no persona ${uid} with role ${roleProfileId ?? "(first)"}`);
  return {
    userId: persona.uid,
    roleProfileId: role.person_roleid,
    orgCode: role.org_code,
    jobRoleCode: role.job_role_code,
    log: silentLog,
    spine: rt,
  };
}
