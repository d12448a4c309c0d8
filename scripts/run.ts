/**
 * Starts LR Manager's three processes on loopback — the Spine simulator, the CIS2 stand-in and the
 * Next.js app (production build) — waits for each health endpoint, prints one readiness line each,
 * then the URL and the personas to sign in as. Ctrl-C / SIGTERM stops all three (each runs in its
 * own process group, so grandchildren go too) and nothing is left behind.
 *
 * Usage: node --import tsx scripts/run.ts   (after `next build`; scripts/up.sh does both)
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { formatNotablePatients, formatPersonaList } from "./lib/persona-list";
import { isPortFree } from "./lib/port-check";
import { childEnvironments, inboundCredential, stackConfig } from "./lib/stack-config";

interface ProcessSpec {
  name: "simulator" | "cis2" | "app";
  label: string;
  args: string[];
  env: Record<string, string | undefined>;
  healthUrl: string;
}

const STARTUP_TIMEOUT_MS = Number(process.env.LRM_STARTUP_TIMEOUT_MS ?? 90_000);
const STOP_GRACE_MS = 5_000;
const children = new Map<string, ChildProcess>();
let stopping = false;

function sessionPassword(dataRoot: string): string {
  // Dev/training only: a random cookie-sealing password kept in the git-ignored data folder.
  const file = join(dataRoot, "session-password");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataRoot, { recursive: true });
  const password = randomBytes(32).toString("base64url");
  writeFileSync(file, password, { mode: 0o600 });
  return password;
}

function start(spec: ProcessSpec): ChildProcess {
  const child = spawn(process.execPath, spec.args, {
    env: spec.env as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // own process group: stop() signals the whole group
  });
  const prefix = `[${spec.name}]`;
  const logLines = process.env.LRM_QUIET_CHILDREN !== "1";
  for (const stream of [child.stdout, child.stderr]) {
    let buffered = "";
    stream?.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      if (logLines) for (const line of lines) if (line.trim()) process.stdout.write(`${prefix} ${line}\n`);
    });
  }
  child.on("exit", (code, signal) => {
    children.delete(spec.name);
    if (!stopping) {
      console.error(`${spec.label} stopped unexpectedly (code ${code}, signal ${signal}); stopping everything.`);
      void stop(1);
    }
  });
  children.set(spec.name, child);
  return child;
}

async function waitForHealth(spec: ProcessSpec, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (stopping) throw new Error("stopping");
    try {
      const response = await fetch(spec.healthUrl, { signal: AbortSignal.timeout(2000) });
      await response.body?.cancel();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${spec.label} did not become healthy at ${spec.healthUrl} within ${STARTUP_TIMEOUT_MS / 1000}s`);
}

async function stop(exitCode: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    const running = [...children.values()];
    for (const child of running) signalGroup(child, "SIGTERM");
    const deadline = Date.now() + STOP_GRACE_MS;
    while (children.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    for (const child of running) signalGroup(child, "SIGKILL");
    // a group may still hold grandchildren after its leader exited
  }
  process.exit(exitCode);
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // group already gone
  }
}

async function main(): Promise<void> {
  const c = stackConfig();
  if (!existsSync(".next/BUILD_ID")) {
    console.error("No production build found (.next/BUILD_ID). Run `npx next build` first, or use `bash scripts/up.sh`.");
    process.exit(1);
  }
  const busy: string[] = [];
  for (const [name, port] of Object.entries(c.ports)) {
    if (!(await isPortFree(c.host, port))) busy.push(`${name} port ${port}`);
  }
  if (busy.length > 0) {
    console.error(
      `Cannot start: ${busy.join(", ")} already in use on ${c.host} (is LR Manager already running?). ` +
        "Stop it, or choose other ports with APP_PORT, SIMULATOR_PORT and CIS2_PORT.",
    );
    process.exit(1);
  }
  // Training: a fresh random credential per run for Spine's async replies, shared by the app and the simulator.
  const envs = childEnvironments(c, process.env, sessionPassword(c.dataRoot), inboundCredential(process.env));
  const tsx = ["--import", "tsx"];
  const specs: ProcessSpec[] = [
    {
      name: "simulator",
      label: "Spine simulator",
      args: [...tsx, "simulator/main.ts"],
      env: envs.simulator,
      healthUrl: `${c.simulatorUrl}/health`,
    },
    {
      name: "cis2",
      label: "CIS2 stand-in",
      args: [...tsx, "cis2/main.ts"],
      env: envs.cis2,
      healthUrl: `http://${c.host}:${c.ports.cis2}/health`,
    },
    {
      name: "app",
      label: "LR Manager app",
      args: ["node_modules/next/dist/bin/next", "start", "-H", c.host, "-p", String(c.ports.app)],
      env: envs.app,
      healthUrl: `${c.appBaseUrl}/api/health`,
    },
  ];
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));

  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  // Simulator and CIS2 first (the app's health check reports on both), then the app.
  await Promise.all(
    specs.slice(0, 2).map(async (spec) => {
      start(spec);
      await waitForHealth(spec, deadline);
      console.log(`✔ ${spec.label} ready at ${spec.healthUrl.replace(/\/health$/, "")}`);
    }),
  );
  const app = specs[2]!;
  start(app);
  await waitForHealth(app, deadline);
  console.log(`✔ ${app.label} ready at ${c.appBaseUrl}`);
  console.log("");
  console.log(`LR Manager is running: open ${c.appBaseUrl}`);
  console.log("Sign in through the CIS2 stand-in as any of these synthetic personas:");
  console.log(formatPersonaList());
  console.log("Synthetic patients to try (NHS numbers); fault-triggering numbers are listed in docs/simulator.md:");
  console.log(formatNotablePatients());
  console.log("");
  console.log("Press Ctrl-C to stop all three processes.");
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  void stop(1);
});
