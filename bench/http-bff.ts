/**
 * Bench: the running LR Manager app over HTTP (autocannon on loopback) — `/api/health` (JSON
 * route handler) and `/` (the home page shell), each with 10 and 50 connections for 5 s.
 *
 *   bash scripts/up.sh                        # in another terminal: build + start the stack
 *   node --import tsx bench/http-bff.ts       # BENCH_APP_URL=http://127.0.0.1:3000 by default
 *
 * If nothing answers at BENCH_APP_URL it says how to start the app and exits 0.
 */

import { startBareServer } from "@/bench/lib/bare-server";
import { type BenchSettings, isMainModule, machineLine, runAsScript } from "@/bench/lib/bench-main";
import { machineLoadLine } from "@/bench/lib/cpu-meter";
import { type LoadFigures, runLoad } from "@/bench/lib/load";
import { findListeningPid, processCpuMs } from "@/bench/lib/process-cpu";
import type { BenchReport, Figure } from "@/bench/lib/report";
import { sequentialGets } from "@/bench/lib/sequential";
import type { TargetId } from "@/bench/targets";

export const DEFAULT_APP_URL = "http://127.0.0.1:3000";

interface RouteCase {
  path: string;
  label: string;
  /** App CPU time per request (needs the app's pid: found via /proc or BENCH_APP_PID). */
  cpuTarget: TargetId;
  /** Targets per connection count: throughput, p50, p97.5 (absent where no anchor or inference exists). */
  targets: Record<number, { rps?: TargetId; p50?: TargetId; p97_5?: TargetId }>;
}

/** What is measured, as data: route × connection counts → targets. */
export const ROUTE_CASES: readonly RouteCase[] = [
  {
    path: "/api/health",
    label: "GET /api/health (JSON route; probes store, Spine, CIS2)",
    cpuTarget: "http.json.cpu-per-request",
    targets: {
      10: { rps: "http.json.c10.rps", p50: "http.json.c10.p50" },
      50: { rps: "http.json.c50.rps", p50: "http.json.c50.p50", p97_5: "http.json.c50.p97_5" },
    },
  },
  {
    path: "/",
    label: "GET / (home page shell, rendered per request)",
    cpuTarget: "http.page.cpu-per-request",
    targets: {
      10: { rps: "http.page.c10.rps", p50: "http.page.c10.p50" },
      50: { rps: "http.page.c50.rps", p50: "http.page.c50.p50", p97_5: "http.page.c50.p97_5" },
    },
  },
];

export const CONNECTION_COUNTS = [10, 50] as const;
const DURATION_SEC = 5;
const QUICK_DURATION_SEC = 1;
const SEQUENTIAL = { warmup: 10, maxRequests: 100, maxMs: 5_000 };
const QUICK_SEQUENTIAL = { warmup: 2, maxRequests: 20, maxMs: 1_000 };

export function appUrl(env: Record<string, string | undefined> = process.env): string {
  return (env.BENCH_APP_URL ?? DEFAULT_APP_URL).replace(/\/+$/, "");
}

/**
 * The app's pid, for its CPU time: BENCH_APP_PID, else whoever listens on the URL's port when the
 * URL is loopback (Linux /proc). Undefined → the CPU-per-request rows are left out, with a note.
 */
export function appPid(baseUrl: string, env: Record<string, string | undefined> = process.env): number | undefined {
  if (env.BENCH_APP_PID) return Number(env.BENCH_APP_PID);
  const url = new URL(baseUrl);
  if (url.hostname !== "127.0.0.1" && url.hostname !== "localhost" && url.hostname !== "[::1]") return undefined;
  return findListeningPid(Number(url.port || (url.protocol === "https:" ? 443 : 80)));
}

export type Reachability = { up: true; healthStatus: number; healthSummary: string } | { up: false; problem: string };

/** One bounded probe: is anything answering at the app URL? */
export async function probeApp(baseUrl: string, timeoutMs = 3_000): Promise<Reachability> {
  try {
    const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    let summary = text.slice(0, 120);
    try {
      const report = JSON.parse(text) as { status?: unknown };
      if (typeof report.status === "string") summary = `status "${report.status}"`;
    } catch {
      // not JSON: keep the first characters
    }
    return { up: true, healthStatus: response.status, healthSummary: summary };
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
    return { up: false, problem: cause ?? (error instanceof Error ? error.message : String(error)) };
  }
}

export function notRunningMessage(baseUrl: string, problem: string): string {
  return [
    `http-bff bench SKIPPED: no LR Manager app answers at ${baseUrl} (${problem}).`,
    "Start the stack in another terminal with `bash scripts/up.sh` (builds once, then starts the app,",
    "the Spine simulator and the CIS2 stand-in), or point BENCH_APP_URL at a running app, then rerun:",
    "  node --import tsx bench/http-bff.ts",
  ].join("\n");
}

function routeFigures(route: RouteCase, figures: LoadFigures, durationSec: number, cpuMs: number | undefined): Figure[] {
  const targets = route.targets[figures.connections] ?? {};
  const subject = `${route.path} c${figures.connections} × ${durationSec} s`;
  const rows: Figure[] = [
    { subject, metric: "req/s", value: figures.reqPerSec, unit: "req/s", ...(targets.rps ? { targetId: targets.rps } : {}) },
    { subject, metric: "p50", value: figures.p50Ms, unit: "ms", ...(targets.p50 ? { targetId: targets.p50 } : {}) },
    { subject, metric: "p97.5", value: figures.p97_5Ms, unit: "ms", ...(targets.p97_5 ? { targetId: targets.p97_5 } : {}) },
    { subject, metric: "p99", value: figures.p99Ms, unit: "ms" },
    { subject, metric: "errors + non-2xx", value: figures.errors, unit: "count", targetId: "http.errors" },
  ];
  if (cpuMs !== undefined && figures.requests > 0) {
    rows.push({ subject, metric: "app CPU per request", value: cpuMs / figures.requests, unit: "ms", targetId: route.cpuTarget });
  }
  return rows;
}

export async function runHttpBffBench(settings: BenchSettings): Promise<BenchReport | undefined> {
  const baseUrl = appUrl();
  const reachable = await probeApp(baseUrl);
  if (!reachable.up) {
    console.log(notRunningMessage(baseUrl, reachable.problem));
    return undefined;
  }
  const durationSec = settings.quick ? QUICK_DURATION_SEC : DURATION_SEC;
  const figures: Figure[] = [];
  const statusNotes: string[] = [];

  // Yardstick first: what a bare Node server gets from this machine right now.
  const bare = await startBareServer();
  try {
    const yardstick = await runLoad({ url: bare.url, connections: 10, durationSec });
    figures.push(
      { subject: `calibration: bare node:http JSON, c10 × ${durationSec} s`, metric: "req/s", value: yardstick.reqPerSec, unit: "req/s" },
      { subject: `calibration: bare node:http JSON, c10 × ${durationSec} s`, metric: "p50", value: yardstick.p50Ms, unit: "ms" },
    );
  } finally {
    await bare.stop();
  }

  for (const route of ROUTE_CASES) {
    const single = await sequentialGets(`${baseUrl}${route.path}`, settings.quick ? QUICK_SEQUENTIAL : SEQUENTIAL);
    figures.push(
      { subject: `${route.path} one at a time (${single.iterations} requests)`, metric: "p50", value: single.p50Us / 1_000, unit: "ms" },
      { subject: `${route.path} one at a time (${single.iterations} requests)`, metric: "p99", value: single.p99Us / 1_000, unit: "ms" },
      {
        subject: `${route.path} one at a time (${single.iterations} requests)`,
        metric: "non-2xx",
        value: single.failures,
        unit: "count",
        targetId: "http.errors",
      },
    );
  }
  const pid = appPid(baseUrl);
  const cpuNote =
    pid === undefined
      ? "app CPU per request: not measured (app pid unknown: set BENCH_APP_PID, or run the app on this machine's loopback)"
      : `app CPU per request: utime+stime of pid ${pid} (/proc) over each run ÷ answers — work done, so it moves far less with machine load than req/s or latency do`;
  for (const route of ROUTE_CASES) {
    for (const connections of CONNECTION_COUNTS) {
      const cpuBefore = pid === undefined ? undefined : processCpuMs(pid);
      const result = await runLoad({ url: `${baseUrl}${route.path}`, connections, durationSec });
      const cpuAfter = pid === undefined ? undefined : processCpuMs(pid);
      const cpuMs = cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined;
      figures.push(...routeFigures(route, result, durationSec, cpuMs));
      statusNotes.push(`${route.path} c${connections}: ${result.requests} answers ${JSON.stringify(result.statusCounts)}`);
    }
  }
  return {
    title: `LR Manager BFF over HTTP (${baseUrl}), autocannon on loopback`,
    notes: [
      machineLine(),
      machineLoadLine(),
      `app health before the run: HTTP ${reachable.healthStatus}, ${reachable.healthSummary}`,
      "load generator and app share the box's 2 cores (as in anchors.md §4); the calibration row is a bare Node server measured the same way just before",
      cpuNote,
      ...ROUTE_CASES.map((route) => `${route.path}: ${route.label}`),
      ...statusNotes,
    ],
    figures,
  };
}

if (isMainModule(import.meta.url)) void runAsScript("http-bff", runHttpBffBench);
