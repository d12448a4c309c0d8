import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";

/**
 * Start a TypeScript script (through tsx) that prints one JSON line when it is ready — a simulator
 * in a process of its own — and resolve with the child and that line, parsed.
 * BENCH_CHILD_NODE_ARGS adds Node flags to the child (e.g. "--cpu-prof --cpu-prof-dir=/tmp/p").
 */
export function startJsonLineProcess<T>(script: string, args: string[], label: string): Promise<{ child: ChildProcess; started: T }> {
  const child = spawn(process.execPath, [...childNodeArgs(), "--import", "tsx", script, ...args], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, LOG_LEVEL: "silent" },
  });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    const timer = setTimeout(() => reject(new Error(`${label} did not start within 120 s`)), 120_000);
    lines.on("line", (line) => {
      try {
        const started = JSON.parse(line) as T;
        clearTimeout(timer);
        resolve({ child, started });
      } catch {
        // not the start line
      }
    });
    child.once("exit", (code) => reject(new Error(`${label} exited (${code}) before it started`)));
  });
}

function childNodeArgs(): string[] {
  return (process.env.BENCH_CHILD_NODE_ARGS ?? "").split(" ").filter(Boolean);
}
