/**
 * Bench: the Spine simulator's sync path — QUPC_IN010000UK32 confirm queries in SOAP over
 * loopback against an in-process simulator (in-memory PGlite store, default scenario).
 *
 *   node --import tsx bench/simulator.ts
 *
 * Two measurements: a bounded one-at-a-time loop (the round trip a single BFF request sees) and
 * autocannon with 10 connections for 5 s (throughput under concurrent queries).
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type BenchSettings, isMainModule, machineLine, runAsScript } from "@/bench/lib/bench-main";
import { machineLoadLine } from "@/bench/lib/cpu-meter";
import { runLoad } from "@/bench/lib/load";
import type { BenchReport, Figure } from "@/bench/lib/report";
import { CONFIRM_PATIENTS, confirmPool, confirmPost, type SoapPost } from "@/bench/lib/spine-confirm";
import { summariseLatencies } from "@/bench/lib/stats";
import { parseReplyDocument } from "@/lib/hl7";

const SEQUENTIAL = { warmup: 30, maxRequests: 300, maxMs: 5_000 };
const QUICK_SEQUENTIAL = { warmup: 5, maxRequests: 30, maxMs: 1_000 };
const LOAD = { connections: 10, durationSec: 5 };
const QUICK_LOAD = { connections: 10, durationSec: 1 };
const POOL_SIZE = 600;

const SIMULATOR_SERVER = fileURLToPath(new URL("../simulator/server.ts", import.meta.url));

/** The part of simulator/server.ts this bench relies on (checked at run time: it may be mid-build). */
interface SimulatorHandle {
  url: string;
  close(): Promise<void>;
}
type StartSimulator = (options: { store: { inMemory: true }; config: { controlEnabled: boolean } }) => Promise<SimulatorHandle>;

async function loadStartSimulator(): Promise<StartSimulator | string> {
  if (!existsSync(SIMULATOR_SERVER)) return "simulator/server.ts is not there yet";
  try {
    const module: { startSimulator?: unknown } = await import("@/simulator/server");
    if (typeof module.startSimulator !== "function") return "simulator/server.ts does not export startSimulator yet";
    return module.startSimulator as StartSimulator;
  } catch (error) {
    return `simulator/server.ts could not be loaded (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`;
  }
}

async function post(url: string, message: SoapPost): Promise<{ status: number; body: string }> {
  const response = await fetch(url, { method: "POST", headers: message.headers, body: message.body, signal: AbortSignal.timeout(10_000) });
  return { status: response.status, body: await response.text() };
}

/** Before timing anything: the simulator answers each patient the way its scenario says. */
async function checkAnswers(simulatorUrl: string): Promise<void> {
  for (const patient of CONFIRM_PATIENTS) {
    const { status, body } = await post(`${simulatorUrl}/sync-service`, confirmPost(simulatorUrl, patient.nhsNumber));
    const document = parseReplyDocument(body, "text/xml");
    if (status !== 200 || document.kind !== "hl7" || document.reply.interactionId !== "QUPC_IN030000UK14") {
      throw new Error(
        `bench sanity check failed: ${patient.key} answered HTTP ${status} ${document.kind === "hl7" ? document.reply.interactionId : document.kind}`,
      );
    }
    if (patient.lrExists !== undefined && document.reply.payload.lrExists !== patient.lrExists) {
      throw new Error(
        `bench sanity check failed: ${patient.key} lrExists=${String(document.reply.payload.lrExists)}, scenario says ${patient.lrExists}`,
      );
    }
  }
}

async function sequentialRoundTrips(simulatorUrl: string, bounds: typeof SEQUENTIAL) {
  const pool = confirmPool(simulatorUrl, bounds.warmup + bounds.maxRequests);
  const url = `${simulatorUrl}/sync-service`;
  for (const message of pool.slice(0, bounds.warmup)) await post(url, message);
  const durationsUs: number[] = [];
  let failures = 0;
  const started = performance.now();
  for (const message of pool.slice(bounds.warmup)) {
    const before = performance.now();
    const { status } = await post(url, message);
    durationsUs.push((performance.now() - before) * 1_000);
    if (status !== 200) failures++;
    if (performance.now() - started > bounds.maxMs) break;
  }
  return { ...summariseLatencies(durationsUs, performance.now() - started), failures };
}

export async function runSimulatorBench(settings: BenchSettings): Promise<BenchReport | undefined> {
  const startSimulator = await loadStartSimulator();
  if (typeof startSimulator === "string") {
    console.log(`simulator bench SKIPPED: ${startSimulator}. Rerun once the simulator helper has finished.`);
    return undefined;
  }
  const bootStarted = performance.now();
  const simulator = await startSimulator({ store: { inMemory: true }, config: { controlEnabled: false } });
  const bootMs = performance.now() - bootStarted;
  try {
    await checkAnswers(simulator.url);
    const sequential = await sequentialRoundTrips(simulator.url, settings.quick ? QUICK_SEQUENTIAL : SEQUENTIAL);
    const load = settings.quick ? QUICK_LOAD : LOAD;
    const pool = confirmPool(simulator.url, POOL_SIZE);
    let next = 0;
    const [first] = pool;
    if (!first) throw new Error("empty request pool");
    const figures = await runLoad({
      url: `${simulator.url}/sync-service`,
      method: "POST",
      headers: first.headers,
      connections: load.connections,
      durationSec: load.durationSec,
      nextBody: () => {
        const message = pool[next] ?? first;
        next = (next + 1) % pool.length;
        return message.body;
      },
    });
    const loadLabel = `autocannon ${load.connections} connections × ${load.durationSec} s`;
    const rows: Figure[] = [
      { subject: "start-up (PGlite in memory + seed)", metric: "once", value: bootMs, unit: "ms" },
      { subject: `one at a time (${sequential.iterations} requests)`, metric: "round trips", value: sequential.opsPerSec, unit: "req/s" },
      {
        subject: `one at a time (${sequential.iterations} requests)`,
        metric: "p50",
        value: sequential.p50Us / 1_000,
        unit: "ms",
        targetId: "sim.confirm.sequential.p50",
      },
      { subject: `one at a time (${sequential.iterations} requests)`, metric: "p99", value: sequential.p99Us / 1_000, unit: "ms" },
      {
        subject: `one at a time (${sequential.iterations} requests)`,
        metric: "non-200",
        value: sequential.failures,
        unit: "count",
        targetId: "http.errors",
      },
      {
        subject: `${loadLabel} (${figures.requests} requests)`,
        metric: "req/s",
        value: figures.reqPerSec,
        unit: "req/s",
        targetId: "sim.confirm.rps",
      },
      { subject: loadLabel, metric: "p50", value: figures.p50Ms, unit: "ms" },
      { subject: loadLabel, metric: "p97.5", value: figures.p97_5Ms, unit: "ms" },
      { subject: loadLabel, metric: "p99", value: figures.p99Ms, unit: "ms", targetId: "sim.confirm.p99" },
      { subject: loadLabel, metric: "errors + non-2xx", value: figures.errors, unit: "count", targetId: "http.errors" },
    ];
    return {
      title: "Spine simulator, sync confirm query (QUPC_IN010000UK32 → QUPC_IN030000UK14) over loopback",
      notes: [
        machineLine(),
        machineLoadLine(),
        "simulator and load generator share this process (and the box's 2 cores): figures are a floor, not the simulator's ceiling",
        `patients in turn: ${CONFIRM_PATIENTS.map((patient) => `${patient.key} ${patient.nhsNumber}`).join(", ")}; fresh message id per request`,
        `status codes under load: ${JSON.stringify(figures.statusCounts)}`,
      ],
      figures: rows,
    };
  } finally {
    await simulator.close();
  }
}

if (isMainModule(import.meta.url)) void runAsScript("simulator", runSimulatorBench);
