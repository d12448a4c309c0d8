import "server-only";
import { sql } from "kysely";
import { config } from "@/server/config";
import { getDb } from "@/server/db/client";

export type ComponentStatus = { status: "up"; latencyMs: number } | { status: "down"; latencyMs: number; problem: string };

export interface HealthReport {
  status: "ok" | "degraded";
  mode: "training" | "live";
  components: { store: ComponentStatus & { kind?: string }; spine: ComponentStatus; cis2: ComponentStatus };
}

const PROBE_TIMEOUT_MS = 2000;

/** The BFF's own view of its dependencies: its store, the Spine endpoint and CIS2. */
export async function checkHealth(): Promise<HealthReport> {
  const c = config();
  const [store, spine, cis2] = await Promise.all([probeStore(), probeHttp(c.simulatorHealthUrl), probeHttp(c.cis2HealthUrl)]);
  const allUp = store.status === "up" && spine.status === "up" && cis2.status === "up";
  return { status: allUp ? "ok" : "degraded", mode: c.LR_MODE, components: { store, spine, cis2 } };
}

async function probeStore(): Promise<ComponentStatus & { kind?: string }> {
  const started = performance.now();
  try {
    const store = await getDb();
    await sql`select 1`.execute(store.db);
    return { status: "up", kind: store.kind, latencyMs: elapsed(started) };
  } catch (error) {
    return { status: "down", latencyMs: elapsed(started), problem: describeProblem(error) };
  }
}

async function probeHttp(url: string): Promise<ComponentStatus> {
  const started = performance.now();
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS), cache: "no-store" });
    await response.body?.cancel();
    if (!response.ok) return { status: "down", latencyMs: elapsed(started), problem: `HTTP ${response.status}` };
    return { status: "up", latencyMs: elapsed(started) };
  } catch (error) {
    return { status: "down", latencyMs: elapsed(started), problem: describeProblem(error) };
  }
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}

/** A short, non-sensitive reason (no stack traces or connection strings in a public endpoint). */
function describeProblem(error: unknown): string {
  if (error instanceof Error && error.name === "TimeoutError") return "timed out";
  if (error instanceof Error && "cause" in error && error.cause instanceof Error && "code" in error.cause) {
    return String((error.cause as { code: unknown }).code);
  }
  return "unavailable";
}
