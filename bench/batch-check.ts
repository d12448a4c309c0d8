/**
 * Bench: the batch LR check for 10,000 patients, end to end through the app's real code — the
 * multipart upload read by the route wrapper's body reader, the clinic list parsed and checked, the
 * check and its rows stored, the QUPC_IN090000UK03 built (in slices) and sent over HTTP to the Spine
 * simulator (its own process), Spine's 2.8 MB QUPC_IN250000UK02 posted back to the app's real
 * inbound route, read once (in slices), every row's result stored, and the first page of results
 * read as the page fetches it. Prints the stage split, the end-to-end figure, the event loop's
 * longest block (perf_hooks.monitorEventLoopDelay over the whole run) and memory.
 *
 *   node --import tsx bench/batch-check.ts            (re-runs itself with --conditions=react-server)
 *   BENCH_DATABASE_URL=postgres://… node --import tsx bench/batch-check.ts   (the app's store on PostgreSQL)
 *
 * BENCH_MARKS=1 also prints (stderr, JSON) each stage's end and the three longest gaps in µs on the
 * clock `--cpu-prof` profiles use, to cut a profile of the run by stage; BENCH_CHILD_NODE_ARGS
 * passes Node flags to the simulator's process (bench/lib/json-line-process.ts).
 *
 * The app side runs in this process (an in-memory store, no Next server): the stages are the
 * operations the routes call. The browser's poll interval (1 s) is not counted.
 */
import { type ChildProcess, spawn } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { type BenchSettings, isMainModule, machineLine, runAsScript } from "@/bench/lib/bench-main";
import { describeCpu, startCpuMeter } from "@/bench/lib/cpu-meter";
import { startJsonLineProcess } from "@/bench/lib/json-line-process";
import { processCpuMs } from "@/bench/lib/process-cpu";
import type { BenchReport, Figure } from "@/bench/lib/report";
import { formatNhsNumber, syntheticNhsNumber } from "@/lib/nhs/nhs-number";

const PATIENTS = 10_000;
const QUICK_PATIENTS = 1_000;
const SELF = fileURLToPath(import.meta.url);
const SIMULATOR_PROCESS = fileURLToPath(new URL("./lib/batch-simulator-process.ts", import.meta.url));

/** A clinic list as a practice would export it: header, the NHS number, two other columns; 1 in 200 rows mistyped. */
function clinicCsv(count: number): string {
  const lines = ["NHS number,Patient,Clinic"];
  const seen = new Set<string>();
  for (let n = 1_000; lines.length <= count; n++) {
    const nhsNumber = syntheticNhsNumber(n);
    if (seen.has(nhsNumber)) continue;
    seen.add(nhsNumber);
    const row = lines.length;
    const shown = row % 200 === 0 ? `${nhsNumber.slice(0, 9)}` : formatNhsNumber(nhsNumber);
    lines.push(`${shown},Patient ${row},"Clinic, room ${row % 9}"`);
  }
  return lines.join("\r\n");
}

async function startSimulatorProcess(
  inboundUrl: string,
  header: string,
  value: string,
): Promise<{ child: ChildProcess; url: string; asid: string; partyKey: string }> {
  const { child, started } = await startJsonLineProcess<{ url: string; asid: string; partyKey: string }>(
    SIMULATOR_PROCESS,
    [inboundUrl, header, value],
    "the simulator",
  );
  return { child, ...started };
}

interface Sample {
  rssMb: number;
  heapMb: number;
}

function memoryNow(): Sample {
  const usage = process.memoryUsage();
  return { rssMb: usage.rss / 1024 / 1024, heapMb: usage.heapUsed / 1024 / 1024 };
}

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  collect?.();
}

async function run(settings: BenchSettings): Promise<BenchReport> {
  const patients = settings.quick ? QUICK_PATIENTS : PATIENTS;
  // Environment first: the app's modules read their configuration once, when first loaded.
  Object.assign(process.env, { APP_DB_IN_MEMORY: "1", LOG_LEVEL: "silent", LR_MODE: "training" });
  const { testSpineInboundCredential } = await import("@/tests/support/spine-inbound-credential");
  const credential = testSpineInboundCredential();
  const { openStore } = await import("@/lib/store/open-store");
  const { appMigrations } = await import("@/server/db/migrations");
  const { createSpineRuntime } = await import("@/server/spine/spine-runtime");
  const { setSpineRuntime } = await import("@/server/spine/default-runtime");
  const { testSpineOptions } = await import("@/server/spine/scripted-spine.fixture");
  const { loadSpineRoutes } = await import("@/lib/config/spine-routes");
  const { POST: inboundRoute } = await import("@/app/api/spine/inbound/route");
  const { readBody } = await import("@/server/http/read-body");
  const { startBatchCheckInput, BATCH_UPLOAD_MAX_BYTES } = await import("@/lib/schemas/batch-checks");
  const { startBatchCheck } = await import("@/server/batch/start-batch-check");
  const { runBatchCheck } = await import("@/server/batch/run-batch-check");
  const { listBatchCheckRows } = await import("@/server/batch/list-batch-check-rows");
  const { parseClinicList } = await import("@/lib/batch/parse-clinic-list");
  const pino = (await import("pino")).default;

  // The app's inbound endpoint: the real route handler, timed.
  const inbound: { arrivedAt: number; handledMs: number; bytes: number; status: number }[] = [];
  const host = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const arrivedAt = performance.now();
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    const body = Buffer.concat(chunks);
    const response = await inboundRoute(new Request(`http://127.0.0.1${req.url ?? "/"}`, { method: "POST", headers, body }), {
      params: Promise.resolve({}),
    });
    const answer = await response.text();
    inbound.push({ arrivedAt, handledMs: performance.now() - arrivedAt, bytes: body.byteLength, status: response.status });
    res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
    res.end(answer);
  });
  await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
  const inboundUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}/api/spine/inbound`;
  const simulator = await startSimulatorProcess(inboundUrl, credential.header, credential.value);

  try {
    // BENCH_DATABASE_URL: the same run on PostgreSQL (statements run in the database server, not on this thread).
    const databaseUrl = process.env.BENCH_DATABASE_URL;
    const store = await openStore<import("@/server/db/schema").Database>({
      name: "app",
      ...(databaseUrl ? { databaseUrl } : { inMemory: true }),
      migrations: appMigrations,
    });
    const rt = createSpineRuntime({
      store,
      options: testSpineOptions({
        baseUrl: simulator.url,
        toAsid: simulator.asid,
        spinePartyKey: simulator.partyKey,
        routes: loadSpineRoutes(),
        timeScale: 1,
        // The production default: a waiter is woken by NOTIFY at once and polls only as a fallback.
        completionPollMs: 1_000,
      }),
      log: pino({ level: "silent" }),
    });
    setSpineRuntime(rt);
    const posts: { startedAt: number; ms: number }[] = [];
    const transport = rt.transport;
    rt.transport = {
      name: transport.name,
      async send(input) {
        const startedAt = performance.now();
        try {
          return await transport.send(input);
        } finally {
          posts.push({ startedAt, ms: performance.now() - startedAt });
        }
      },
    };
    const ctx = {
      userId: "900000000001",
      roleProfileId: "900000000101",
      orgCode: "ZZP001",
      jobRoleCode: "S8000:G8000:R8000",
      sessionSub: "900000000001",
      permissions: ["lr.view" as const],
      log: pino({ level: "silent" }),
      spine: rt,
    };

    const csv = clinicCsv(patients);
    const form = new FormData();
    form.set("list", new Blob([csv], { type: "text/csv" }), "clinic.csv");
    form.set("fileName", "clinic.csv");
    form.set("subject", "self");
    const upload = new Request("http://127.0.0.1/api/batch-checks", { method: "POST", body: form });
    const uploadBytes = Number((await upload.clone().arrayBuffer()).byteLength);

    // Warm the code paths once on a small list (JIT, first queries), then measure the big one.
    const warm = await startBatchCheck(ctx, { pasted: csv.split("\r\n").slice(0, 21).join("\n"), subject: "self" }, { run: false });
    await runBatchCheck(rt, warm.id);
    posts.length = 0;
    inbound.length = 0;
    const parseAlone = (() => {
      const t = performance.now();
      parseClinicList(csv, { trainingMode: true });
      return performance.now() - t;
    })();

    gc();
    const before = memoryNow();
    let peak = before;
    const sampler = setInterval(() => {
      const now = memoryNow();
      if (now.rssMb > peak.rssMb) peak = { ...now, heapMb: Math.max(now.heapMb, peak.heapMb) };
      else if (now.heapMb > peak.heapMb) peak = { ...peak, heapMb: now.heapMb };
    }, 20);
    // Where the long blocks fall: a 5 ms ticker notes every gap over 50 ms and when it ended.
    // With each gap, the CPU the process used meanwhile (all its threads: JIT and GC too), to tell
    // a block of our code from time the OS gave to other processes.
    const blocks: { endedAt: number; ms: number; cpuMs: number }[] = [];
    let lastTick = performance.now();
    let lastCpu = process.cpuUsage();
    const ticker = setInterval(() => {
      const now = performance.now();
      const cpuNow = process.cpuUsage();
      const cpuMs = (cpuNow.user - lastCpu.user + cpuNow.system - lastCpu.system) / 1000;
      if (now - lastTick > 55) blocks.push({ endedAt: now, ms: now - lastTick - 5, cpuMs });
      lastTick = now;
      lastCpu = cpuNow;
    }, 5);
    const simulatorCpuBefore = simulator.child.pid ? (processCpuMs(simulator.child.pid) ?? 0) : 0;
    const appCpuBefore = process.cpuUsage();
    const cpu = startCpuMeter();
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();

    const t0 = performance.now();
    const fields = await readBody(upload, "multipart", BATCH_UPLOAD_MAX_BYTES + 64 * 1024);
    const t1 = performance.now();
    const started = await startBatchCheck(ctx, startBatchCheckInput.parse(fields), { run: false });
    const t2 = performance.now();
    await runBatchCheck(rt, started.id);
    const t3 = performance.now();
    const firstPage = JSON.stringify(await listBatchCheckRows(ctx, started.id, { page: 1 }));
    const t4 = performance.now();

    loop.disable();
    clearInterval(sampler);
    clearInterval(ticker);
    const reading = cpu();
    const appCpu = process.cpuUsage(appCpuBefore);
    const appCpuMs = (appCpu.user + appCpu.system) / 1000;
    const simulatorCpuMs = (simulator.child.pid ? (processCpuMs(simulator.child.pid) ?? 0) : 0) - simulatorCpuBefore;
    gc();
    const after = memoryNow();

    const post = posts[0];
    const reply = inbound.find((delivery) => delivery.status === 200);
    if (!post || !reply) throw new Error(`the batch did not complete through Spine (posts ${posts.length}, inbound ${inbound.length})`);
    const status = await (await import("@/server/batch/get-batch-check")).getBatchCheck(ctx, started.id);
    if (status.state !== "ready") throw new Error(`the batch ended ${status.state}: ${JSON.stringify(status.error)}`);

    const { findByMessageId } = await import("@/server/db/outbox");
    const requestBytes = (await findByMessageId(store.db, status.reference ?? ""))?.requestBody.length ?? 0;
    const stages = {
      upload: t1 - t0,
      parse: parseAlone,
      storeRows: Math.max(0, t2 - t1 - parseAlone),
      build: post.startedAt - t2,
      post: post.ms,
      simulator: reply.arrivedAt - (post.startedAt + post.ms),
      receipt: reply.handledMs,
      results: t3 - (reply.arrivedAt + reply.handledMs),
      firstPage: t4 - t3,
    };
    const boundaries: [string, number][] = [
      ["upload", t1],
      ["parse + store rows", t2],
      ["build + store message", post.startedAt],
      ["send", post.startedAt + post.ms],
      ["simulator", reply.arrivedAt],
      ["receipt", reply.arrivedAt + reply.handledMs],
      ["results", t3],
      ["first page", t4 + 1_000],
    ];
    if (process.env.BENCH_MARKS) {
      const us = (at: number) => Math.round((Number(process.hrtime.bigint()) / 1e6 - performance.now() + at) * 1000);
      const gaps = [...blocks].sort((a, b) => b.ms - a.ms).slice(0, 3);
      console.error(JSON.stringify(Object.fromEntries(gaps.map((gap, i) => [`gap${i}`, [us(gap.endedAt - gap.ms - 5), us(gap.endedAt)]]))));
      console.error(JSON.stringify(Object.fromEntries([["start", us(t0)], ...boundaries.map(([name, at]) => [name, us(at)])])));
    }
    const stageAt = (at: number) => boundaries.find(([, end]) => at <= end)?.[0] ?? "after";
    const longest = [...blocks].sort((a, b) => b.ms - a.ms).slice(0, 6);
    const codecTransportStore = stages.storeRows + stages.build + stages.post + stages.receipt + stages.results;
    const endToEnd = t4 - t0;
    const longestBlockMs = loop.max / 1e6;
    const row = (label: string, ms: number, what: string) => [label, `${ms.toFixed(0)} ms`, what] as const;
    const figures: Figure[] = [
      {
        subject: `batch ${patients.toLocaleString("en-GB")}: codec + transport + store (app side)`,
        metric: "ms",
        value: codecTransportStore,
        unit: "ms",
        targetId: "batch.codec-transport-store.ms",
      },
      {
        subject: `batch ${patients.toLocaleString("en-GB")}: end to end, upload to first page`,
        metric: "ms",
        value: endToEnd,
        unit: "ms",
        targetId: "batch.end-to-end.ms",
      },
      {
        subject: "event loop: longest block (monitorEventLoopDelay max)",
        metric: "max",
        value: longestBlockMs,
        unit: "ms",
        targetId: "batch.event-loop.max-block.ms",
      },
      {
        subject: "event loop: longest gap seen by a 5 ms ticker (also counts time the OS ran others)",
        metric: "max",
        value: longest[0]?.ms ?? 0,
        unit: "ms",
        targetId: "batch.event-loop.max-block.ms",
      },
      { subject: "event loop: delay p99 during the run", metric: "p99", value: loop.percentile(99) / 1e6, unit: "ms" },
      {
        subject: "end to end, CPU time of app + simulator (≈ wall time on a quiet machine)",
        metric: "ms",
        value: appCpuMs + simulatorCpuMs,
        unit: "ms",
        targetId: "batch.end-to-end.ms",
      },
      {
        subject: "memory: resident set growth at peak",
        metric: "MB",
        value: peak.rssMb - before.rssMb,
        unit: "MB",
        targetId: "batch.memory.rss-growth.mb",
      },
      { subject: "memory: heap kept after the run (after GC)", metric: "MB", value: after.heapMb - before.heapMb, unit: "MB" },
    ];
    return {
      title: `batch LR check, ${patients.toLocaleString("en-GB")} patients (app in this process on ${databaseUrl ? "PostgreSQL" : "embedded PGlite"}, Spine simulator in its own)`,
      notes: [
        machineLine(),
        describeCpu(reading),
        `upload ${(uploadBytes / 1024).toFixed(0)} kB multipart; request ${(requestBytes / 1024 / 1024).toFixed(2)} MB HL7; reply ${(reply.bytes / 1024 / 1024).toFixed(2)} MB ebXML; first page ${(firstPage.length / 1024).toFixed(1)} kB JSON`,
        `memory: RSS ${before.rssMb.toFixed(0)} → peak ${peak.rssMb.toFixed(0)} → ${after.rssMb.toFixed(0)} MB; heap ${before.heapMb.toFixed(0)} → peak ${peak.heapMb.toFixed(0)} → ${after.heapMb.toFixed(0)} MB`,
        "simulator reply delay set to 0 (real Spine adds its own latency); the browser's 1 s poll is not counted",
        `CPU time during the run: app ${appCpuMs.toFixed(0)} ms, simulator ${simulatorCpuMs.toFixed(0)} ms (wall ${endToEnd.toFixed(0)} ms)`,
        `longest event-loop gaps (stage they ended in, CPU used): ${longest.map((b) => `${b.ms.toFixed(0)} ms ${stageAt(b.endedAt)} (${b.cpuMs.toFixed(0)} ms CPU)`).join(", ") || "none over 50 ms"}`,
        "a gap also counts time the OS did not run this process at all (a busy machine), so read it with the CPU share above",
      ],
      details: [
        {
          title: "stage split (one run, the real path)",
          columns: ["stage", "time", "what"],
          rows: [
            row("upload", stages.upload, "multipart body read by the route wrapper's reader"),
            row("parse + validate CSV", stages.parse, "parseClinicList (timed alone on the same list)"),
            row("store check + rows", stages.storeRows, "one transaction, rows as one statement"),
            row("build + store message", stages.build, "rows read, QUPC_IN090000UK03 built in slices, skeleton checked, outbox row"),
            row("send (HTTP → 202)", stages.post, "ebXML multipart POST to the simulator"),
            row("simulator", stages.simulator, "the simulator's own work, until its reply reaches the app"),
            row("receipt (inbound route)", stages.receipt, "/api/spine/inbound: read, check, store the reply"),
            row("results", stages.results, "job wakes, reply read in slices, results + audit stored"),
            row("first page", stages.firstPage, "GET rows page 1 (query + JSON)"),
          ],
        },
      ],
      figures,
    };
  } finally {
    simulator.child.kill("SIGTERM");
    await new Promise<void>((resolve) => host.close(() => resolve()));
  }
}

/** server/ modules import "server-only", which resolves to an empty module only under the react-server condition. */
function reRunWithServerCondition(): boolean {
  if (process.execArgv.some((arg) => arg.includes("react-server"))) return false;
  const child = spawn(process.execPath, ["--conditions=react-server", ...process.execArgv, SELF, ...process.argv.slice(2)], {
    stdio: "inherit",
  });
  child.on("exit", (code) => {
    process.exitCode = code ?? 1;
  });
  return true;
}

if (isMainModule(import.meta.url) && !reRunWithServerCondition()) {
  void runAsScript("batch-check", run).then(() => process.exit());
}
