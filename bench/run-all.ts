/**
 * Runs every bench in sequence, each in its own `node` process (so one bench's JIT state, heap
 * and sockets never colour the next), then prints one summary line per bench.
 *
 *   node --import tsx bench/run-all.ts                 # all
 *   node --import tsx bench/run-all.ts hl7-codec       # a subset, by name
 *   BENCH_QUICK=1 node --import tsx bench/run-all.ts   # ~10× shorter smoke run
 *
 * Missed targets never change the exit code; only a bench that crashed or overran its time cap
 * makes this exit 1. npm is not involved (the benches are not part of any npm script).
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isMainModule, machineLine } from "@/bench/lib/bench-main";
import { machineLoadLine } from "@/bench/lib/cpu-meter";
import { type BenchReport, type Figure, renderTable, summarise, toRows } from "@/bench/lib/report";

export interface BenchEntry {
  name: string;
  file: string;
  /** Hard cap on the child's wall time; it is killed (by its pid) when exceeded. */
  timeoutMs: number;
  /** Extra node flags, e.g. the react-server condition for a bench that imports server/ modules. */
  nodeArgs?: readonly string[];
}

/** In run order: in-process micro benches first, then the ones that start or need servers. */
export const BENCHES: readonly BenchEntry[] = [
  { name: "nhs-number", file: "nhs-number.ts", timeoutMs: 60_000 },
  { name: "hl7-codec", file: "hl7-codec.ts", timeoutMs: 180_000 },
  { name: "simulator", file: "simulator.ts", timeoutMs: 180_000 },
  { name: "http-bff", file: "http-bff.ts", timeoutMs: 180_000 },
  { name: "audit-export", file: "audit-export.ts", timeoutMs: 300_000, nodeArgs: ["--conditions=react-server"] },
  { name: "batch-check", file: "batch-check.ts", timeoutMs: 300_000 },
  { name: "request-path", file: "request-path.ts", timeoutMs: 900_000, nodeArgs: ["--conditions=react-server"] },
  { name: "page-weight", file: "page-weight.ts", timeoutMs: 600_000, nodeArgs: ["--conditions=react-server"] },
];

export interface BenchOutcome {
  name: string;
  exitCode: number | null;
  timedOut: boolean;
  missed: number;
  skipped: boolean;
  ms: number;
}

/** Reads a bench's printed output for the summary (the lines publish() and the skips print). */
export function classifyOutput(output: string): { missed: number; skipped: boolean } {
  return {
    missed: output.split("\n").filter((line) => line.startsWith("MISSED: ")).length,
    skipped: /\bSKIPPED:/.test(output),
  };
}

export function runBench(entry: BenchEntry, env: NodeJS.ProcessEnv = process.env): Promise<BenchOutcome> {
  const file = fileURLToPath(new URL(`./${entry.file}`, import.meta.url));
  const started = Date.now();
  return new Promise((resolve) => {
    // --expose-gc: lets the codec bench report an exact retained-heap figure.
    const child = spawn(process.execPath, ["--expose-gc", ...(entry.nodeArgs ?? []), "--import", "tsx", file], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    let timedOut = false;
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => process.stderr.write(chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, entry.timeoutMs);
    child.on("close", (exitCode) => {
      clearTimeout(timer);
      resolve({ name: entry.name, exitCode, timedOut, ...classifyOutput(output), ms: Date.now() - started });
    });
  });
}

export function summaryLine(outcome: BenchOutcome): string {
  const seconds = `${(outcome.ms / 1000).toFixed(1)} s`;
  if (outcome.timedOut) return `${outcome.name}: TIMED OUT after ${seconds} (killed)`;
  if (outcome.exitCode !== 0) return `${outcome.name}: BENCH ERROR (exit ${outcome.exitCode}) after ${seconds}`;
  if (outcome.skipped) return `${outcome.name}: skipped (see its message above), ${seconds}`;
  return `${outcome.name}: ${outcome.missed === 0 ? "all targets ok or near" : `${outcome.missed} target(s) MISSED`}, ${seconds}`;
}

/**
 * The one table (issue 16 point 1): every figure that has a target, from every bench of this run,
 * with its status — read back from the JSON each bench wrote (BENCH_JSON_DIR).
 */
export function targetTable(reports: readonly { name: string; report: Pick<BenchReport, "figures"> }[]): string {
  const figures: Figure[] = reports.flatMap(({ name, report }) =>
    report.figures
      .filter((figure) => figure.targetId)
      // JSON has no NaN (a figure that could not be measured): it comes back as null.
      .map((figure) => ({
        ...figure,
        value: typeof figure.value === "number" ? figure.value : Number.NaN,
        subject: `${name}: ${figure.subject}`,
      })),
  );
  const counts = summarise(figures);
  return `${renderTable(toRows(figures))}\n\ntargets: ${counts.ok} ok, ${counts.near} near, ${counts.MISSED} MISSED`;
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !BENCHES.some((entry) => entry.name === name));
  if (unknown.length > 0) {
    console.error(`unknown bench(es): ${unknown.join(", ")}; known: ${BENCHES.map((entry) => entry.name).join(", ")}`);
    process.exitCode = 1;
    return;
  }
  const selected = wanted.length > 0 ? BENCHES.filter((entry) => wanted.includes(entry.name)) : BENCHES;
  const outcomes: BenchOutcome[] = [];
  const jsonDir = mkdtempSync(path.join(os.tmpdir(), "lrm-bench-"));
  try {
    for (const entry of selected) {
      console.log(`\n######## bench: ${entry.name} ########\n`);
      outcomes.push(await runBench(entry, { ...process.env, BENCH_JSON_DIR: jsonDir }));
    }
    const reports = selected
      .map((entry) => ({ name: entry.name, file: path.join(jsonDir, `${entry.name}.json`) }))
      .filter(({ file }) => existsSync(file))
      .map(({ name, file }) => ({ name, report: JSON.parse(readFileSync(file, "utf8")) as BenchReport }));
    console.log("\n######## every target of this run ########");
    console.log(`${machineLine()}\n${machineLoadLine()}\n${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "?"})\n`);
    console.log(targetTable(reports));
  } finally {
    rmSync(jsonDir, { recursive: true, force: true });
  }
  console.log("\n######## summary ########");
  for (const outcome of outcomes) console.log(summaryLine(outcome));
  if (outcomes.some((outcome) => outcome.timedOut || outcome.exitCode !== 0)) process.exitCode = 1;
}

if (isMainModule(import.meta.url)) void main();
