/**
 * Bench (issue 16, P1 and P2): the request path through the running app, against its peer.
 *
 * For each store (PostgreSQL, then embedded PGlite) the production build is started with
 * `next start` with the CIS2 stand-in, as the proof suites start them (tests/support/live-stack.ts),
 * and the Spine simulator (reply delay 0) in a process of its own. A GP signs in through the CIS2 stand-in's
 * real pages, then:
 *
 * - P1, in interleaved rounds: the confirm query as a user's page asks it
 *   (GET /api/patients/{n}/relationship: session, RBAC, QUPC_IN010000UK32 in SOAP to the
 *   simulator, reply parsed, JSON) ÷ the same SOAP posted straight to the simulator — p50 one at a
 *   time and at 50 connections. Each round measures direct then app, back to back.
 * - P2: sustained self-claims (REPC_IN010000UK15, async reliable) at 64 connections, a different
 *   synthetic patient each, then checked against the simulator's own LR records: every create the
 *   app answered "confirmed" has exactly one record, and no patient has two.
 * - the app's CPU per request (its process group, /proc), and its memory at rest and under load.
 *
 *   node --conditions=react-server --import tsx bench/request-path.ts   (run-all passes the condition)
 *
 * Needs a production build (`npx next build`); without one it says so and exits 0.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import type { Kysely } from "kysely";
import { type BenchSettings, isMainModule, machineLine, runAsScript } from "@/bench/lib/bench-main";
import { measureConfirmRouteWork, type RouteWorkPiece, withFreshMessageId } from "@/bench/lib/confirm-route-work";
import { machineLoadLine } from "@/bench/lib/cpu-meter";
import { startJsonLineProcess } from "@/bench/lib/json-line-process";
import { runLoad } from "@/bench/lib/load";
import { commandCpuMs, processCpuMs, readProcStat } from "@/bench/lib/process-cpu";
import type { BenchReport, DetailTable, Figure } from "@/bench/lib/report";
import { confirmPool } from "@/bench/lib/spine-confirm";
import { median, percentile } from "@/bench/lib/stats";
import type { Database } from "@/server/db/schema";
import { simulatorControl } from "@/tests/support/simulator-control";

const GP = "900000000001";
const CONFIRM_PATIENT = "9990010048";
const CREATE_CONNECTIONS = 64;
const SIMULATOR_PROCESS = fileURLToPath(new URL("./lib/request-path-simulator-process.ts", import.meta.url));
/** Creates measured one at a time before the load (after ten more that warm the route up). */
const SEQUENTIAL_CREATES = 20;
/**
 * P1's floor and the steps above it, each measured one at a time in every round: Next's pipeline
 * and the route wrapper with nothing behind them (the liveness route), then with the session read
 * (the session status route), then the confirm query itself.
 */
const LADDER = [
  { path: "/api/health/live", label: "Next + route wrapper, no work (GET /api/health/live)", signedIn: false },
  { path: "/api/auth/session", label: "+ cookie and session (GET /api/auth/session)", signedIn: true },
] as const;
/** Bench patients for P2, added to the simulator's PDS (synthetic range, well clear of the seed's). */
const FIRST_BENCH_PATIENT = 600_000;

interface Settings {
  rounds: number;
  sequential: number;
  loadSec: number;
  createSec: number;
  createPool: number;
}

function settingsFor(quick: boolean): Settings {
  return quick
    ? { rounds: 2, sequential: 30, loadSec: 2, createSec: 2, createPool: 1_500 }
    : { rounds: 3, sequential: 100, loadSec: 3, createSec: 8, createPool: 6_000 };
}

/** The /proc stat fields (after the command name) of every process in a process group. */
function groupStats(pgid: number): string[][] {
  const stats: string[][] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = readProcStat(entry)?.fields; // undefined: the process ended meanwhile
    if (fields && Number(fields[2]) === pgid) stats.push(fields);
  }
  return stats;
}

/** CPU ms of every process in a process group (the app is started in its own group). */
function groupCpuMs(pgid: number): number {
  return groupStats(pgid).reduce((total, fields) => total + ((Number(fields[11]) + Number(fields[12])) * 1000) / 100, 0);
}

/** Resident memory (MB) of a process group. */
function groupRssMb(pgid: number): number {
  return (groupStats(pgid).reduce((pages, fields) => pages + Number(fields[21]), 0) * 4096) / 1024 / 1024;
}

/** The body of the last message of this interaction the simulator received (its message log). */
async function lastInboundBody(simulatorUrl: string, interactionId: string): Promise<string> {
  const response = await fetch(`${simulatorUrl}/_control/messages?limit=1&direction=inbound&interactionId=${interactionId}`);
  const { messages } = (await response.json()) as { messages: { body: string }[] };
  const body = messages[0]?.body;
  if (!body) throw new Error(`the simulator logged no ${interactionId}`);
  return body;
}

/** `size` copies of a captured SOAP request, each with a MessageId of its own (every place it occurs). */
export function sameSoapPool(
  body: string,
  headers: Record<string, string>,
  size: number,
): { body: string; headers: Record<string, string> }[] {
  return Array.from({ length: size }, () => ({ body: withFreshMessageId(body), headers }));
}

async function sequential(send: () => Promise<number>, count: number): Promise<{ p50: number; failures: number }> {
  for (let i = 0; i < 10; i++) await send();
  const ms: number[] = [];
  let failures = 0;
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const status = await send();
    ms.push(performance.now() - started);
    if (status < 200 || status > 299) failures++;
  }
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 50), failures };
}

interface StoreRun {
  store: string;
  p1: { c1: { direct: number; app: number }[]; c50: { direct: number; app: number; appRps: number; directRps: number }[] };
  p1Errors: number;
  /** One at a time, per round: p50 wall and app CPU per request, by step (LADDER paths, "confirm", "direct"). */
  ladder: Record<string, { p50: number; cpu: number }[]>;
  appCpuPerConfirmMs: number;
  /** The confirm route's own work, piece by piece (bench/lib/confirm-route-work.ts). */
  routeWork: RouteWorkPiece[];
  creates: {
    requested: number;
    oneAtATimeP50: number;
    rps: number;
    p50: number;
    p99: number;
    answered: Record<string, number>;
    records: number;
    lost: number;
    duplicated: number;
  };
  appCpuPerCreateMs: number;
  /** CPU used during the creates, in % of one core: the app's process group, the simulator's process, this one (autocannon). */
  createsCpuSharePct: { app: number; simulator: number; loadGenerator: number };
  simulatorCpuPerCreateMs: number;
  /** The PostgreSQL server's CPU per create (its processes, exited backends included); PGlite runs inside the app. */
  postgresCpuPerCreateMs?: number;
  /** This process's CPU per create: autocannon and the CIS2 stand-in. */
  loadGeneratorCpuPerCreateMs: number;
  /** Next's floor under the same load: the liveness route at 64 connections, app CPU per request. */
  floorUnderLoadCpuMs: number;
  rssAtRestMb: number;
  rssUnderLoadMb: number;
}

async function runForStore(store: "PostgreSQL" | "PGlite", s: Settings, settings: BenchSettings): Promise<StoreRun> {
  const { startLiveStack } = await import("@/tests/support/live-stack");
  const { AppClient } = await import("@/tests/support/app-client");
  const { freePort } = await import("@/scripts/lib/port-check");
  const dataDir = store === "PGlite" ? mkdtempSync(path.join(os.tmpdir(), "lrm-bench-pglite-")) : undefined;
  // The Spine simulator runs in a process of its own (the stack's in-process one stays idle), so
  // its store and journal do not share a thread with the load generator.
  const appPort = await freePort();
  const inbound = { header: "x-lrm-spine-credential", value: randomBytes(24).toString("base64url") };
  const simulator = await startJsonLineProcess<{ url: string; patients: string[] }>(
    SIMULATOR_PROCESS,
    [`http://127.0.0.1:${appPort}/api/spine/inbound`, inbound.header, inbound.value, String(FIRST_BENCH_PATIENT), String(s.createPool)],
    "the simulator",
  );
  const simulatorUrl = simulator.started.url;
  const simulatorPid = simulator.child.pid ?? 0;
  const spine = simulatorControl(simulatorUrl);
  let stack: Awaited<ReturnType<typeof startLiveStack>>;
  try {
    stack = await startLiveStack({
      label: `bench_${store.toLowerCase()}`,
      instances: ["app"],
      ports: { app: appPort },
      appEnv: {
        LOG_LEVEL: "warn",
        SPINE_BASE_URL: simulatorUrl,
        PDS_BASE_URL: `${simulatorUrl}/personal-demographics/FHIR/R4`,
        SPINE_INBOUND_AUTH_HEADER: inbound.header,
        SPINE_INBOUND_AUTH_VALUE: inbound.value,
        ...(dataDir ? { DATABASE_URL: "", APP_DATA_DIR: dataDir } : {}),
        // e.g. "--require <abs>/bench/lib/cpu-profile-preload.cjs": profile the app under this load
        ...(settings.appNodeOptions ? { NODE_OPTIONS: settings.appNodeOptions } : {}),
      },
    });
  } catch (error) {
    simulator.child.kill("SIGTERM");
    throw error;
  }
  try {
    const app = stack.apps.app;
    const pgid = app?.pid();
    if (!app || pgid === undefined) throw new Error("the app did not start");
    const gp = new AppClient(stack.publicUrl);
    await gp.signIn(GP);
    const cookie = gp.jar.header(new URL(stack.publicUrl));
    const appConfirmUrl = `${stack.publicUrl}/api/patients/${CONFIRM_PATIENT}/relationship`;
    const directUrl = `${simulatorUrl}/sync-service`;
    // "The same SOAP": the confirm query the app just sent, as Spine's stand-in logged it, with a
    // fresh MessageId each (same patient, author and workgroup parameters).
    const sent = await fetch(appConfirmUrl, { headers: { cookie } });
    if (!sent.ok) throw new Error(`the app's confirm query failed: HTTP ${sent.status} ${await sent.text()}`);
    const pool = sameSoapPool(await lastInboundBody(simulatorUrl, "QUPC_IN010000UK32"), confirmPool(simulatorUrl, 1)[0]!.headers, 5_000);
    let next = 0;
    const nextPost = () => pool[next++ % pool.length] ?? pool[0]!;
    const direct = async () => {
      const post = nextPost();
      const response = await fetch(directUrl, { method: "POST", headers: post.headers, body: post.body });
      await response.arrayBuffer();
      return response.status;
    };
    const viaApp = async () => {
      const response = await fetch(appConfirmUrl, { headers: { cookie } });
      await response.arrayBuffer();
      return response.status;
    };
    const rssAtRestMb = groupRssMb(pgid);
    // With the profiling preload (BENCH_APP_NODE_OPTIONS), each mark ends a profile phase:
    // 0 = start-up and sign-in, 1 = P1, 2 = P2's creates, 3 = the wait after them.
    const markPhase = () => {
      if (settings.appNodeOptions?.includes("cpu-profile-preload")) process.kill(-pgid, "SIGUSR2");
    };
    markPhase();

    // ---- P1: interleaved rounds ----
    const c1: StoreRun["p1"]["c1"] = [];
    const c50: StoreRun["p1"]["c50"] = [];
    let p1Errors = 0;
    let appCpuMs = 0;
    let appRequests = 0;
    const ladder: StoreRun["ladder"] = {};
    for (let round = 0; round < s.rounds; round++) {
      const d1 = await sequential(direct, s.sequential);
      const cpuBefore = groupCpuMs(pgid);
      const a1 = await sequential(viaApp, s.sequential);
      const a1CpuMs = groupCpuMs(pgid) - cpuBefore;
      appCpuMs += a1CpuMs;
      appRequests += s.sequential + 10;
      c1.push({ direct: d1.p50, app: a1.p50 });
      const d50 = await runLoad({
        url: directUrl,
        method: "POST",
        connections: 50,
        durationSec: s.loadSec,
        headers: pool[0]?.headers ?? {},
        nextBody: () => nextPost().body,
      });
      const a50 = await runLoad({ url: appConfirmUrl, connections: 50, durationSec: s.loadSec, headers: { cookie } });
      c50.push({ direct: d50.p50Ms, app: a50.p50Ms, directRps: d50.reqPerSec, appRps: a50.reqPerSec });
      p1Errors += d1.failures + a1.failures + d50.errors + a50.errors;
      // The floor and the steps above it, one at a time, with the app's CPU per request.
      for (const step of LADDER) {
        const send = async () => {
          const response = await fetch(`${stack.publicUrl}${step.path}`, { headers: step.signedIn ? { cookie } : {} });
          await response.arrayBuffer();
          return response.status;
        };
        const before = groupCpuMs(pgid);
        const measured = await sequential(send, s.sequential);
        const cpu = (groupCpuMs(pgid) - before) / (s.sequential + 10);
        p1Errors += measured.failures;
        ladder[step.path] = [...(ladder[step.path] ?? []), { p50: measured.p50, cpu }];
      }
      ladder.confirm = [...(ladder.confirm ?? []), { p50: a1.p50, cpu: a1CpuMs / (s.sequential + 10) }];
      ladder.direct = [...(ladder.direct ?? []), { p50: d1.p50, cpu: 0 }];
    }
    const routeWork = await confirmRouteWork(store, stack.store.db, directUrl, pool[0]!, s.sequential * 2);

    markPhase();

    // ---- P2: sustained creates, each on its own patient ----
    const unique = simulator.started.patients;
    const origin = new URL(stack.publicUrl).origin;
    const createBody = () =>
      JSON.stringify({
        lrType: "01",
        accessReasonCode: "04",
        accessReasonText: "Seen in clinic",
        subject: { kind: "self" },
        idempotencyKey: crypto.randomUUID(),
      });
    let taken = 0;
    // One at a time first (also the warm-up: the first create loads its route's code).
    const createOne = async () => {
      const nhsNumber = unique[taken++] ?? "";
      const response = await fetch(`${stack.publicUrl}/api/patients/${nhsNumber}/lrs`, {
        method: "POST",
        headers: { cookie, origin, "content-type": "application/json" },
        body: createBody(),
      });
      await response.arrayBuffer();
      return response.status;
    };
    const oneAtATime = await sequential(createOne, SEQUENTIAL_CREATES);
    const answered: Record<string, number> = {};
    const confirmedPatients = new Set<string>();
    const loadFrom = taken;
    const cpuBeforeCreates = groupCpuMs(pgid);
    const simulatorCpuBefore = processCpuMs(simulatorPid) ?? 0;
    const postgresCpuBefore = store === "PostgreSQL" ? commandCpuMs("postgres") : undefined;
    const benchCpuBefore = process.cpuUsage();
    const createsStarted = performance.now();
    let rssUnderLoadMb = 0;
    const rssSampler = setInterval(() => {
      rssUnderLoadMb = Math.max(rssUnderLoadMb, groupRssMb(pgid));
    }, 250);
    const result = await autocannon({
      url: stack.publicUrl,
      connections: CREATE_CONNECTIONS,
      duration: s.createSec,
      timeout: 20,
      requests: [
        {
          method: "POST",
          headers: { cookie, origin, "content-type": "application/json" },
          setupRequest: (request, context) => {
            const nhsNumber = unique[taken++];
            if (!nhsNumber) return request; // pool used up: the same patient again (Spine refuses a duplicate)
            context.nhsNumber = nhsNumber;
            return {
              ...request,
              path: `/api/patients/${nhsNumber}/lrs`,
              body: createBody(),
            };
          },
          onResponse: (status, body, context) => {
            let state = `HTTP ${status}`;
            try {
              const parsed = JSON.parse(body) as { state?: string };
              if (parsed.state) state = `${status} ${parsed.state}`;
            } catch {
              // not JSON
            }
            answered[state] = (answered[state] ?? 0) + 1;
            const nhsNumber = typeof context.nhsNumber === "string" ? context.nhsNumber : undefined;
            if (nhsNumber && status < 300 && state.endsWith("confirmed")) confirmedPatients.add(nhsNumber);
          },
        },
      ],
    });
    clearInterval(rssSampler);
    markPhase();
    const appCpuCreates = groupCpuMs(pgid) - cpuBeforeCreates;
    const createsWallMs = performance.now() - createsStarted;
    const benchCpu = process.cpuUsage(benchCpuBefore);
    const simulatorCpuMs = (processCpuMs(simulatorPid) ?? 0) - simulatorCpuBefore;
    const postgresCpuMs = postgresCpuBefore === undefined ? undefined : commandCpuMs("postgres") - postgresCpuBefore;
    const simulatorSharePct = (simulatorCpuMs / createsWallMs) * 100;
    const loadSharePct = ((benchCpu.user + benchCpu.system) / 1000 / createsWallMs) * 100;
    const appSharePct = (appCpuCreates / createsWallMs) * 100;
    // Async replies still in flight settle; then count Spine's records for the bench patients.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const asked = unique.slice(loadFrom, taken);
    const records: { nhs_number: string }[] = [];
    for (const nhsNumber of asked) records.push(...(await spine.lrs(nhsNumber)));
    const perPatient = new Map<string, number>();
    for (const record of records) perPatient.set(record.nhs_number, (perPatient.get(record.nhs_number) ?? 0) + 1);
    const lost = [...confirmedPatients].filter((nhsNumber) => !perPatient.has(nhsNumber)).length;
    const duplicated = [...perPatient.values()].filter((n) => n > 1).length;
    const requests = Object.values(answered).reduce((a, b) => a + b, 0);
    // Next's floor under the same load: what two requests per create cost the app with no work behind them.
    const floorCpuBefore = groupCpuMs(pgid);
    const floorLoad = await runLoad({ url: `${stack.publicUrl}/api/health/live`, connections: CREATE_CONNECTIONS, durationSec: s.loadSec });
    const floorUnderLoadCpuMs = (groupCpuMs(pgid) - floorCpuBefore) / Math.max(1, floorLoad.requests);
    return {
      store,
      p1: { c1, c50 },
      p1Errors,
      ladder,
      appCpuPerConfirmMs: appCpuMs / appRequests,
      routeWork,
      creates: {
        requested: requests,
        oneAtATimeP50: oneAtATime.p50,
        rps: result.requests.average,
        p50: result.latency.p50,
        p99: result.latency.p99,
        answered,
        records: records.length,
        lost,
        duplicated,
      },
      appCpuPerCreateMs: appCpuCreates / Math.max(1, requests),
      createsCpuSharePct: { app: appSharePct, simulator: simulatorSharePct, loadGenerator: loadSharePct },
      simulatorCpuPerCreateMs: simulatorCpuMs / Math.max(1, requests),
      ...(postgresCpuMs === undefined ? {} : { postgresCpuPerCreateMs: postgresCpuMs / Math.max(1, requests) }),
      loadGeneratorCpuPerCreateMs: (benchCpu.user + benchCpu.system) / 1000 / Math.max(1, requests),
      floorUnderLoadCpuMs,
      rssAtRestMb,
      rssUnderLoadMb,
    };
  } finally {
    await stack.close();
    simulator.child.kill("SIGTERM");
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The confirm route's own work, in this process: on PostgreSQL against the app's own database; on
 * PGlite (which the app holds locked) against a PGlite of this process's, in a folder of its own.
 */
async function confirmRouteWork(
  store: "PostgreSQL" | "PGlite",
  appDb: Kysely<Database>,
  syncUrl: string,
  soap: { body: string; headers: Record<string, string> },
  iterations: number,
): Promise<RouteWorkPiece[]> {
  const input = { syncUrl, soap, nhsNumber: CONFIRM_PATIENT, iterations };
  if (store === "PostgreSQL") return measureConfirmRouteWork({ ...input, db: appDb });
  const { openStore } = await import("@/lib/store/open-store");
  const { appMigrations } = await import("@/server/db/migrations");
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "lrm-bench-route-work-"));
  const own = await openStore<Database>({ name: "bench-route-work", dataDir, migrations: appMigrations });
  try {
    return await measureConfirmRouteWork({ ...input, db: own.db });
  } finally {
    await own.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The confirm route above the session route, taken apart: the Spine exchange as the app's own
 * client makes it (node:http, from a plain process), the route's own pieces (build, reply, audit),
 * and the rest — what the same work costs more inside the app's process than outside it (Next's
 * pipeline around a handler that awaits I/O, and the machine the app shares with the simulator).
 */
export function routeWorkTable(r: Pick<StoreRun, "store" | "ladder" | "routeWork">): DetailTable {
  const p50 = (key: string) => median((r.ladder[key] ?? []).map((x) => x.p50));
  const piece = (key: RouteWorkPiece["key"]) => r.routeWork.find((p) => p.key === key)?.p50Ms ?? Number.NaN;
  const aboveSession = p50("confirm") - p50(LADDER[1].path);
  const own = piece("build") + piece("reply") + piece("audit");
  const rows: string[][] = r.routeWork.map((p) => [p.label, p.p50Ms.toFixed(2)]);
  rows.push(
    ["the confirm route above the session route (the ladder: confirm − session)", aboveSession.toFixed(2)],
    ["… the Spine exchange, with the app's client (node:http, above)", piece("httpApp").toFixed(2)],
    ["… the route's own work: build + reply + audit", own.toFixed(2)],
    [
      "… the rest: the same work's extra cost inside the app (Next's pipeline, the shared machine)",
      (aboveSession - piece("httpApp") - own).toFixed(2),
    ],
  );
  return { title: `P1's remaining costs, piece by piece [${r.store}] (one at a time, p50)`, columns: ["piece", "p50 ms"], rows };
}

const P2_TARGET_PER_SEC = 300;

/**
 * P2's costs per create, from the CPU every process used during the creates: Next's floor (two
 * requests into the app per create: the user's POST and Spine's reply to /api/spine/inbound, at
 * the liveness route's cost under the same load), the app's own work on top, the PostgreSQL server,
 * Spine's stand-in and the load generator. What they add up to bounds the rate this machine can
 * sustain; the same without the app's own work is the bound set by the floor and the stand-ins.
 */
export function createCostTable(
  r: Pick<
    StoreRun,
    | "store"
    | "appCpuPerCreateMs"
    | "simulatorCpuPerCreateMs"
    | "postgresCpuPerCreateMs"
    | "loadGeneratorCpuPerCreateMs"
    | "floorUnderLoadCpuMs"
    | "creates"
  >,
  cores: number,
): DetailTable {
  const floor = 2 * r.floorUnderLoadCpuMs;
  const own = r.appCpuPerCreateMs - floor;
  const others = (r.postgresCpuPerCreateMs ?? 0) + r.simulatorCpuPerCreateMs + r.loadGeneratorCpuPerCreateMs;
  const total = r.appCpuPerCreateMs + others;
  const coresAtTarget = (ms: number) => ((ms * P2_TARGET_PER_SEC) / 1000).toFixed(2);
  const ceiling = (ms: number) => `${((cores * 1000) / Math.max(0.001, ms)).toFixed(0)} /s`;
  const row = (label: string, ms: number | undefined): string[] =>
    ms === undefined ? [label, "—", "—"] : [label, ms.toFixed(2), coresAtTarget(ms)];
  return {
    title: `P2's costs per create [${r.store}] (CPU ms per create during the creates, ${CREATE_CONNECTIONS} connections; ${cores} cores here)`,
    columns: ["cost", "CPU ms per create", `cores needed at ${P2_TARGET_PER_SEC} creates/s`],
    rows: [
      row(
        `Next's floor: 2 requests into the app × the liveness route at ${CREATE_CONNECTIONS} connections (${r.floorUnderLoadCpuMs.toFixed(2)} ms each)`,
        floor,
      ),
      row("the app's own work on top (route, outbox, codec, Spine's reply)", own),
      row("PostgreSQL server (the app's store)", r.postgresCpuPerCreateMs),
      row("Spine's stand-in (the simulator process)", r.simulatorCpuPerCreateMs),
      row("load generator and CIS2 stand-in (the bench process)", r.loadGeneratorCpuPerCreateMs),
      row("total", total),
      ["creates/s this machine can sustain at that cost (cores ÷ total)", ceiling(total), ""],
      ["… if the app's own work cost nothing (cores ÷ (total − own work))", ceiling(total - own), ""],
      ["measured", `${r.creates.rps.toFixed(1)} /s`, ""],
    ],
  };
}

/**
 * P1 one at a time, step by step (medians of the rounds): what the simulator takes for the SOAP,
 * what Next and the wrapper take with no work (the floor), what the session adds, and the confirm
 * route. The floor ratio is the best P1 could be if the confirm route cost nothing beyond the floor.
 */
export function ladderTable(r: Pick<StoreRun, "store" | "ladder">): DetailTable {
  const step = (key: string) => {
    const rounds = r.ladder[key] ?? [];
    return { p50: median(rounds.map((x) => x.p50)), cpu: median(rounds.map((x) => x.cpu)) };
  };
  const direct = step("direct");
  const floor = step(LADDER[0].path);
  const rows: string[][] = [["Spine simulator, the same SOAP posted straight to it", direct.p50.toFixed(1), "—", "—"]];
  let previous: number | undefined;
  for (const { path, label } of [...LADDER, { path: "confirm", label: "+ the confirm query (Spine over HTTP, codec, audit event)" }]) {
    const figures = step(path);
    rows.push([
      label,
      figures.p50.toFixed(1),
      figures.cpu.toFixed(1),
      previous === undefined ? "—" : `+${(figures.p50 - previous).toFixed(1)}`,
    ]);
    previous = figures.p50;
  }
  rows.push([
    "floor ratio: (simulator + the floor) ÷ simulator — P1 one at a time if the route did nothing beyond the floor",
    `${((direct.p50 + floor.p50) / direct.p50).toFixed(2)} ×`,
    "",
    "",
  ]);
  return {
    title: `P1 one at a time, step by step [${r.store}] (medians of the rounds)`,
    columns: ["step", "p50 ms", "app CPU ms / request", "p50 above the step before"],
    rows,
  };
}

async function run(settings: BenchSettings): Promise<BenchReport | undefined> {
  if (!existsSync(path.join(process.cwd(), ".next", "BUILD_ID"))) {
    console.log(
      "request-path bench SKIPPED: no production build here. Run `npx next build` (or `bash scripts/up.sh` once), then this bench.",
    );
    return undefined;
  }
  Object.assign(process.env, { LOG_LEVEL: "silent" });
  const s = settingsFor(settings.quick);
  const runs: StoreRun[] = [];
  const stores =
    settings.store === "pglite"
      ? (["PGlite"] as const)
      : settings.store === "postgresql"
        ? (["PostgreSQL"] as const)
        : (["PostgreSQL", "PGlite"] as const);
  for (const store of stores) runs.push(await runForStore(store, s, settings));

  const figures: Figure[] = [];
  const details: DetailTable[] = [];
  for (const r of runs) {
    const c1Ratio = median(r.p1.c1.map((x) => x.app / x.direct));
    const c50Ratio = median(r.p1.c50.map((x) => x.app / x.direct));
    figures.push(
      {
        subject: `P1 [${r.store}] confirm query app ÷ direct, p50, 1 at a time`,
        metric: "ratio",
        value: c1Ratio,
        unit: "×",
        targetId: "p1.confirm.ratio.c1",
      },
      {
        subject: `P1 [${r.store}] confirm query app ÷ direct, p50, 50 connections`,
        metric: "ratio",
        value: c50Ratio,
        unit: "×",
        targetId: "p1.confirm.ratio.c50",
      },
      {
        subject: `P2 [${r.store}] creates sustained, ${CREATE_CONNECTIONS} connections`,
        metric: "rate",
        value: r.creates.rps,
        unit: "creates/s",
        targetId: "p2.creates.rps",
      },
      { subject: `P2 [${r.store}] create latency`, metric: "p99", value: r.creates.p99, unit: "ms", targetId: "p2.creates.p99.ms" },
      {
        subject: `P2 [${r.store}] lost + duplicated (against the simulator's records)`,
        metric: "count",
        value: r.creates.lost + r.creates.duplicated,
        unit: "creates",
        targetId: "p2.creates.lost-or-duplicated",
      },
      { subject: `[${r.store}] app CPU per confirm query`, metric: "ms", value: r.appCpuPerConfirmMs, unit: "ms" },
      { subject: `[${r.store}] app CPU per create`, metric: "ms", value: r.appCpuPerCreateMs, unit: "ms" },
      { subject: `[${r.store}] simulator CPU per create`, metric: "ms", value: r.simulatorCpuPerCreateMs, unit: "ms" },
      { subject: `[${r.store}] app memory (RSS) after sign-in`, metric: "RSS", value: r.rssAtRestMb, unit: "MB" },
      { subject: `[${r.store}] app memory (RSS), highest during the creates`, metric: "RSS", value: r.rssUnderLoadMb, unit: "MB" },
    );
    details.push({
      title: `P1 rounds [${r.store}] (p50 ms; each round direct then app, back to back)`,
      columns: ["round", "direct c1", "app c1", "ratio c1", "direct c50", "app c50", "ratio c50", "req/s direct / app c50"],
      rows: r.p1.c1.map((x, i) => {
        const y = r.p1.c50[i]!;
        return [
          String(i + 1),
          x.direct.toFixed(1),
          x.app.toFixed(1),
          (x.app / x.direct).toFixed(2),
          y.direct.toFixed(0),
          y.app.toFixed(0),
          (y.app / Math.max(1, y.direct)).toFixed(2),
          `${y.directRps.toFixed(0)} / ${y.appRps.toFixed(0)}`,
        ];
      }),
    });
    details.push(ladderTable(r), routeWorkTable(r));
    details.push(createCostTable(r, os.cpus().length));
    details.push({
      title: `P2 answers [${r.store}]`,
      columns: ["answer", "count"],
      rows: [
        ...Object.entries(r.creates.answered).map(([k, v]) => [k, String(v)]),
        ["Spine records for the bench patients", String(r.creates.records)],
        ["p50 ms under load", r.creates.p50.toFixed(0)],
        ["p50 ms one at a time (before the load)", r.creates.oneAtATimeP50.toFixed(0)],
        ["lost (answered confirmed, no record)", String(r.creates.lost)],
        ["patients with two records", String(r.creates.duplicated)],
        ["CPU during the creates, % of one core: app", r.createsCpuSharePct.app.toFixed(0)],
        ["CPU during the creates, % of one core: simulator", r.createsCpuSharePct.simulator.toFixed(0)],
        ["CPU during the creates, % of one core: load generator", r.createsCpuSharePct.loadGenerator.toFixed(0)],
      ],
    });
  }
  const errors = runs.reduce((total, r) => total + r.p1Errors, 0);
  return {
    title: "request path through the app (P1 confirm query, P2 creates), PostgreSQL and PGlite, next start",
    notes: [
      machineLine(),
      machineLoadLine(),
      `${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "?"}), ${(os.totalmem() / 1024 ** 3).toFixed(1)} GB`,
      `P1 errors and non-2xx across all rounds: ${errors}`,
      "app, simulator (its own process) and load generator (this process) share the machine: on 2 cores the ratios at 50 connections include the simulator's and autocannon's CPU",
    ],
    details,
    figures,
  };
}

if (isMainModule(import.meta.url)) {
  void runAsScript("request-path", run).then(() => process.exit());
}
