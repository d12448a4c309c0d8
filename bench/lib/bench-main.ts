import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type BenchReport, renderReport, renderSources } from "@/bench/lib/report";

/** Settings every bench reads from its environment (nothing else reads process.env). */
export interface BenchSettings {
  /** BENCH_QUICK=1: a tenth of the work (smoke runs, CI sanity); figures are then rough. */
  quick: boolean;
  /** BENCH_JSON_DIR: also write <dir>/<bench>.json with the raw figures. */
  jsonDir?: string;
  /** BENCH_STORE=postgresql|pglite: request-path measures that store only (default: both). */
  store?: "postgresql" | "pglite";
  /** BENCH_APP_NODE_OPTIONS: NODE_OPTIONS for the app the request-path bench starts (e.g. --require bench/lib/cpu-profile-preload.cjs). */
  appNodeOptions?: string;
}

export function benchSettings(env: Record<string, string | undefined> = process.env): BenchSettings {
  const settings: BenchSettings = { quick: env.BENCH_QUICK === "1" || env.BENCH_QUICK === "true" };
  if (env.BENCH_JSON_DIR) settings.jsonDir = env.BENCH_JSON_DIR;
  if (env.BENCH_STORE === "postgresql" || env.BENCH_STORE === "pglite") settings.store = env.BENCH_STORE;
  if (env.BENCH_APP_NODE_OPTIONS) settings.appNodeOptions = env.BENCH_APP_NODE_OPTIONS;
  return settings;
}

/** True when the module at moduleUrl is the script node was started with. */
export function isMainModule(moduleUrl: string): boolean {
  const entry = process.argv[1];
  return entry !== undefined && resolve(entry) === fileURLToPath(moduleUrl);
}

export function machineLine(): string {
  return `node ${process.version}, ${process.platform}/${process.arch}, ${new Date().toISOString()}`;
}

/**
 * Print a bench's table (and its target sources) and optionally save the figures as JSON.
 * Always resolves: a missed target is reported, never turned into a failing exit code.
 */
export function publish(name: string, report: BenchReport, settings: BenchSettings): void {
  console.log(renderReport(report));
  const sources = renderSources(report.figures);
  if (sources) console.log(`target sources:\n${sources}`);
  console.log("");
  if (settings.jsonDir) {
    mkdirSync(settings.jsonDir, { recursive: true });
    writeFileSync(
      join(settings.jsonDir, `${name}.json`),
      `${JSON.stringify({ name, at: new Date().toISOString(), node: process.version, ...report }, null, 2)}\n`,
    );
  }
}

/**
 * Entry wrapper: run the bench and print. A missed target, or a stack that is not running (the
 * bench returns undefined after saying why), still exits 0: benches are measurements, not tests.
 */
export async function runAsScript(name: string, run: (settings: BenchSettings) => Promise<BenchReport | undefined>): Promise<void> {
  const settings = benchSettings();
  try {
    const report = await run(settings);
    if (report) publish(name, report, settings);
  } catch (error) {
    // A crash is a bug in the bench (not a missed target): say so loudly and exit non-zero.
    console.error(`BENCH ERROR in ${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  }
}
