import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { sql } from "kysely";
import pg from "pg";
import { type Cis2StandIn, startCis2StandIn } from "@/cis2/server";
import { openStore, type Store } from "@/lib/store/open-store";
import { freePort } from "@/scripts/lib/port-check";
import { appMigrations } from "@/server/db/migrations";
import type { Database } from "@/server/db/schema";
import type { SimulatorConfigOverrides } from "@/simulator/config";
import { type RunningSimulator, startSimulator } from "@/simulator/server";
import { type RoundRobinProxy, startRoundRobinProxy } from "./round-robin-proxy";
import { type SimulatorControl, simulatorControl } from "./simulator-control";

/**
 * The proof suites' live stack: the production build (`next start`, built by the test command
 * before vitest runs) as one or more real app processes on one PostgreSQL database, with the Spine
 * simulator and the CIS2 stand-in in the test process, and optionally the round-robin proxy in
 * front. PostgreSQL is TEST_DATABASE_URL's server (the test command always sets it); without it
 * the suite starts a throwaway PostgreSQL of its own, so these suites never skip.
 */

const ROOT = process.cwd();

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd: ROOT, env, timeout: 120_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${command} ${args.join(" ")}: ${error.message}\n${stderr}`)) : resolve(stdout),
    );
  });
}

export interface SuiteDatabase {
  url: string;
  /** Where the server came from: the test command's TEST_DATABASE_URL, or one this suite started. */
  server: "TEST_DATABASE_URL" | "own throwaway PostgreSQL";
  close(): Promise<void>;
}

/** A fresh, empty database for one suite (dropped on close). */
export async function suiteDatabase(label: string): Promise<SuiteDatabase> {
  let adminUrl = process.env.TEST_DATABASE_URL;
  let stopServer: (() => Promise<unknown>) | undefined;
  if (!adminUrl) {
    const env = { ...process.env, THROWAWAY_PG_STATE: `/tmp/lrm-suite-pg-${process.pid}-${randomUUID()}.state` };
    adminUrl = (await run("bash", ["scripts/pg/throwaway-postgres.sh", "start"], env)).trim();
    stopServer = () => run("bash", ["scripts/pg/throwaway-postgres.sh", "stop"], env);
    console.warn(`[${label}] TEST_DATABASE_URL is not set: started a throwaway PostgreSQL for this suite (${adminUrl})`);
  }
  const name = `lrm_${label}_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    server: stopServer ? "own throwaway PostgreSQL" : "TEST_DATABASE_URL",
    async close() {
      await admin(`drop database if exists ${name} with (force)`).catch(() => undefined);
      await stopServer?.();
    },
  };
}

/** Row count of every app table, by name. */
export async function rowCounts(store: Store<Database>): Promise<Record<string, number>> {
  const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'kysely_%' order by table_name`.execute(store.db);
  const counts: Record<string, number> = {};
  for (const { table_name } of tables.rows) {
    const result = await sql<{ n: string }>`select count(*)::text as n from ${sql.table(table_name)}`.execute(store.db);
    counts[table_name] = Number(result.rows[0]?.n ?? 0);
  }
  return counts;
}

export interface AppInstance {
  name: string;
  port: number;
  /** This instance's own address (not the proxy's). */
  url: string;
  pid(): number | undefined;
  /** What the process printed (the tail), for a failing test's message. */
  output(): string;
  start(): Promise<void>;
  /** SIGKILL the process group: no shutdown hooks, no flushing — a crash. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

/** Only what a process needs, never the test runner's own settings (NODE_ENV=test, APP_DB_IN_MEMORY…). */
function baseEnvironment(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of ["PATH", "HOME", "TMPDIR", "LANG", "TZ"]) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  return env;
}

export function appInstance(name: string, port: number, env: Record<string, string>): AppInstance {
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let output = "";
  const url = `http://127.0.0.1:${port}`;
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-2_000_000);
  };
  const signal = (sig: NodeJS.Signals) => {
    if (child?.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid, sig);
    } catch {
      // already gone
    }
  };
  const instance: AppInstance = {
    name,
    port,
    url,
    pid: () => child?.pid,
    output: () => output,
    async start() {
      if (!existsSync(`${ROOT}/.next/BUILD_ID`)) throw new Error("no production build: run `next build` (the test command does) first");
      const started = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(port)], {
        cwd: ROOT,
        env: { ...baseEnvironment(), NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", ...env },
        stdio: ["ignore", "pipe", "pipe"],
        detached: true, // its own process group, so kill9 takes any children with it
      });
      child = started;
      started.stdout?.on("data", append);
      started.stderr?.on("data", append);
      exited = new Promise((resolve) => started.once("exit", () => resolve()));
      const deadline = Date.now() + 90_000;
      while (Date.now() < deadline) {
        if (started.exitCode !== null || started.signalCode !== null) throw new Error(`app ${name} exited during start:\n${output}`);
        try {
          const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5_000) });
          await response.body?.cancel();
          if (response.ok) return;
        } catch {
          // not listening yet
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error(`app ${name} not healthy at ${url} within 90 s:\n${output}`);
    },
    async kill9() {
      signal("SIGKILL");
      await exited;
    },
    async stop() {
      signal("SIGTERM");
      const timer = setTimeout(() => signal("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
  return instance;
}

export interface LiveStackOptions {
  label: string;
  /** App instance names, e.g. ["A", "B"]. */
  instances: string[];
  /** Put the round-robin proxy in front; its address is then the app's public URL. */
  proxy?: boolean;
  /** Which instance the simulator posts Spine's async replies to (default: the first). */
  inboundTo?: string;
  /** Which instance the CIS2 stand-in posts back-channel logout tokens to (default: the first). */
  backchannelTo?: string;
  appEnv?: Record<string, string>;
  simulator?: SimulatorConfigOverrides;
  /** Fixed ports per instance (default: free ones), e.g. for a simulator started before the stack. */
  ports?: Record<string, number>;
}

export interface LiveStack {
  database: SuiteDatabase;
  /** The test's own connection to the apps' database. */
  store: Store<Database>;
  simulator: RunningSimulator;
  spine: SimulatorControl;
  cis2: Cis2StandIn;
  apps: Record<string, AppInstance>;
  proxy: RoundRobinProxy | undefined;
  /** The URL users (and CIS2 redirects) use: the proxy's, or the only instance's. */
  publicUrl: string;
  spineInboundAuth: { header: string; value: string };
  close(): Promise<void>;
}

export async function startLiveStack(options: LiveStackOptions): Promise<LiveStack> {
  const database = await suiteDatabase(options.label);
  const cleanups: (() => Promise<unknown>)[] = [() => database.close()];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => console.warn("live stack cleanup:", error));
  };
  try {
    const ports = Object.fromEntries(
      await Promise.all(options.instances.map(async (name) => [name, options.ports?.[name] ?? (await freePort())] as const)),
    );
    const ownUrl = (name: string) => `http://127.0.0.1:${ports[name]}`;
    const proxy = options.proxy ? await startRoundRobinProxy() : undefined;
    if (proxy) cleanups.push(() => proxy.close());
    const first = options.instances[0] ?? "app";
    const publicUrl = proxy?.url ?? ownUrl(first);
    const spineInboundAuth = { header: "x-lrm-spine-credential", value: randomBytes(24).toString("base64url") };

    const simulator = await startSimulator({
      store: { inMemory: true },
      config: {
        controlEnabled: true,
        defaultScenario: "no-lrs",
        bffInboundUrl: `${ownUrl(options.inboundTo ?? first)}/api/spine/inbound`,
        bffInboundAuth: spineInboundAuth,
        ...options.simulator,
        async: { replyDelayMs: 20, ackTimeoutMs: 5_000, ...options.simulator?.async },
      },
    });
    cleanups.push(() => simulator.close());
    const cis2 = await startCis2StandIn({
      port: 0,
      log: () => undefined,
      client: {
        redirectUris: [`${publicUrl}/api/auth/callback`],
        postLogoutRedirectUris: [`${publicUrl}/`],
        backchannelLogoutUri: `${ownUrl(options.backchannelTo ?? first)}/api/auth/backchannel-logout`,
      },
    });
    cleanups.push(() => cis2.close());

    const env: Record<string, string> = {
      LR_MODE: "training",
      LOG_LEVEL: "warn",
      APP_BASE_URL: publicUrl,
      DATABASE_URL: database.url,
      SPINE_BASE_URL: simulator.url,
      PDS_BASE_URL: `${simulator.url}/personal-demographics/FHIR/R4`,
      CIS2_ISSUER: cis2.issuer,
      CIS2_CLIENT_ID: cis2.relyingParty.clientId,
      SESSION_PASSWORD: randomBytes(32).toString("base64url"),
      SPINE_INBOUND_AUTH_HEADER: spineInboundAuth.header,
      SPINE_INBOUND_AUTH_VALUE: spineInboundAuth.value,
      ...options.appEnv,
    };
    const apps = Object.fromEntries(options.instances.map((name) => [name, appInstance(name, ports[name] ?? 0, env)]));
    cleanups.push(() => Promise.all(Object.values(apps).map((app) => app.stop())));
    // Started together: both run the migrations against the same empty database at once.
    await Promise.all(Object.values(apps).map((app) => app.start()));
    proxy?.setTargets(Object.values(apps).map((app) => ({ name: app.name, url: app.url })));
    const store = await openStore<Database>({ name: "app", databaseUrl: database.url, migrations: appMigrations });
    cleanups.push(() => store.close());
    return {
      database,
      store,
      simulator,
      spine: simulatorControl(simulator.url),
      cis2,
      apps,
      proxy,
      publicUrl,
      spineInboundAuth,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
