/**
 * Bench: the audit trail at 100,000 rows in a throwaway store — appending through the hash-chain
 * trigger (migration 0003), streaming the CSV export the way GET /api/audit/export does
 * (server/audit/audit-csv.ts: keyset chunks of 1,000, one chunk queued at a time), and verifying
 * the chain. Prints rows/s and the memory the export needed: heap and RSS growth over the start of
 * the export, sampled after every chunk, against the size of the CSV it produced.
 *
 *   node --expose-gc --conditions=react-server --import tsx bench/audit-export.ts
 *   BENCH_DATABASE_URL=postgres://… (an admin URL: a fresh database is made and dropped) for PostgreSQL
 */
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import pg from "pg";
import { type BenchSettings, isMainModule, machineLine, runAsScript } from "@/bench/lib/bench-main";
import { describeCpu, startCpuMeter } from "@/bench/lib/cpu-meter";
import { peakRssMb } from "@/bench/lib/memory";
import type { BenchReport, Figure } from "@/bench/lib/report";
import { openStore, type Store } from "@/lib/store/open-store";
import { auditCsvStream } from "@/server/audit/audit-csv";
import { verifyAuditChain } from "@/server/audit/verify-audit-chain";
import { appMigrations } from "@/server/db/migrations";
import type { Database } from "@/server/db/schema";

const MB = 1024 * 1024;
const ROWS = 100_000;
const QUICK_ROWS = 10_000;
const INSERT_BATCH = 10_000;

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  collect?.();
}

async function throwawayStore(adminUrl: string | undefined): Promise<{ store: Store<Database>; kind: string; drop: () => Promise<void> }> {
  if (!adminUrl) {
    return {
      store: await openStore<Database>({ name: "bench", inMemory: true, migrations: appMigrations }),
      kind: "PGlite (in memory)",
      drop: async () => {},
    };
  }
  const name = `lr_bench_audit_${randomUUID().replaceAll("-", "")}`;
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
    store: await openStore<Database>({ name: "bench", databaseUrl: url.toString(), migrations: appMigrations }),
    kind: `PostgreSQL ${url.host}`,
    drop: () => admin(`drop database if exists ${name} with (force)`),
  };
}

/** Realistic rows: a mix of actions, users, two organisations, patients and JSON details. */
async function insertRows(store: Store<Database>, rows: number): Promise<number> {
  const started = performance.now();
  for (let offset = 0; offset < rows; offset += INSERT_BATCH) {
    const count = Math.min(INSERT_BATCH, rows - offset);
    await sql`
      insert into audit_events (at, actor_sub, role_id, org_code, action, nhs_number, outcome, details, request_id, spine_message_id)
      select
        timestamptz '2026-11-01 08:00:00+00' + (g * interval '7 seconds'),
        '90000000000' || (g % 9 + 1),
        '9000000001' || lpad((g % 90)::text, 2, '0'),
        case when g % 3 = 0 then 'ZZP001' else 'ZZH' end,
        (array['patient.viewed', 'lr.details-query', 'lr.confirm-query', 'lr.create.requested', 'lr.create.confirmed', 'auth.sign-in'])[g % 6 + 1],
        '999' || lpad(((g % 5000) * 7 + 1000000)::text, 7, '0'),
        (array['success', 'success', 'success', 'failure', 'denied'])[g % 5 + 1],
        jsonb_build_object('sessionId', md5(g::text), 'detail', 'complete', 'reason', 'Seen in clinic, "urgent", follow-up ' || g),
        'req-' || md5((g * 31)::text),
        upper(substr(md5(g::text), 1, 8) || '-0000-4000-8000-' || substr(md5(g::text), 1, 12))
      from generate_series(${offset + 1}::int, ${offset + count}::int) g`.execute(store.db);
  }
  return (performance.now() - started) / 1000;
}

interface ExportFigures {
  seconds: number;
  rows: number;
  bytes: number;
  chunks: number;
  heapGrowthMb: number;
  /** Heap still in use after a collection, sampled every LIVE_SAMPLE_EVERY chunks: what the export keeps alive. */
  liveHeapGrowthMb: number;
  rssGrowthMb: number;
}

const LIVE_SAMPLE_EVERY = 10;

async function streamExport(store: Store<Database>): Promise<ExportFigures> {
  gc();
  const heapBase = process.memoryUsage().heapUsed;
  const rssBase = process.memoryUsage().rss;
  let heapPeak = heapBase;
  let livePeak = heapBase;
  let rssPeak = rssBase;
  let exported = -1;
  const started = performance.now();
  const reader = auditCsvStream(
    store.db,
    {},
    {
      onEnd: async (rows) => {
        exported = rows;
      },
    },
  ).getReader();
  let bytes = 0;
  let chunks = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    chunks++;
    const memory = process.memoryUsage();
    heapPeak = Math.max(heapPeak, memory.heapUsed);
    rssPeak = Math.max(rssPeak, memory.rss);
    if (chunks % LIVE_SAMPLE_EVERY === 0) {
      gc();
      livePeak = Math.max(livePeak, process.memoryUsage().heapUsed);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    seconds,
    rows: exported,
    bytes,
    chunks,
    heapGrowthMb: (heapPeak - heapBase) / MB,
    liveHeapGrowthMb: (livePeak - heapBase) / MB,
    rssGrowthMb: (rssPeak - rssBase) / MB,
  };
}

/** For comparison only: what an export that loads every row first would hold (rows, before any CSV text). */
async function loadAllAtOnce(store: Store<Database>): Promise<number> {
  gc();
  const base = process.memoryUsage().heapUsed;
  const all = await store.db.selectFrom("audit_events").selectAll().execute();
  const grown = (process.memoryUsage().heapUsed - base) / MB;
  if (all.length === 0) throw new Error("bench sanity check failed: no rows loaded");
  return grown;
}

export async function runAuditExportBench(settings: BenchSettings, adminUrl?: string): Promise<BenchReport> {
  const rows = settings.quick ? QUICK_ROWS : ROWS;
  const cpu = startCpuMeter();
  const { store, kind, drop } = await throwawayStore(adminUrl);
  try {
    const insertSeconds = await insertRows(store, rows);
    const exported = await streamExport(store);
    if (exported.rows !== rows) throw new Error(`bench sanity check failed: exported ${exported.rows} rows, expected ${rows}`);
    const verifyStarted = performance.now();
    const verified = await verifyAuditChain(store.db);
    const verifySeconds = (performance.now() - verifyStarted) / 1000;
    if (!verified.ok || verified.rows !== rows)
      throw new Error(`bench sanity check failed: verification ${JSON.stringify(verified).slice(0, 300)}`);
    const loadAllMb = await loadAllAtOnce(store);
    const csvMb = exported.bytes / MB;
    const figures: Figure[] = [
      {
        subject: "append through the chain trigger (batches of 10,000)",
        metric: "throughput",
        value: rows / insertSeconds,
        unit: "rows/s",
      },
      {
        subject: `CSV export, ${rows.toLocaleString("en-GB")} rows streamed`,
        metric: "throughput",
        value: exported.rows / exported.seconds,
        unit: "rows/s",
        targetId: "audit.export.rows-per-s",
      },
      { subject: "CSV export", metric: "size", value: csvMb, unit: "MB" },
      { subject: "CSV export", metric: "chunks read", value: exported.chunks, unit: "reads" },
      {
        subject: "CSV export",
        metric: "live heap growth (after GC)",
        value: exported.liveHeapGrowthMb,
        unit: "MB",
        targetId: "audit.export.heap-growth.mb",
      },
      { subject: "CSV export", metric: "heap growth (peak, incl. garbage)", value: exported.heapGrowthMb, unit: "MB" },
      { subject: "CSV export", metric: "RSS growth (peak)", value: exported.rssGrowthMb, unit: "MB" },
      { subject: "for comparison: the same rows loaded at once (no CSV yet)", metric: "heap growth", value: loadAllMb, unit: "MB" },
      {
        subject: "chain verification (recomputes every hash)",
        metric: "throughput",
        value: rows / verifySeconds,
        unit: "rows/s",
        targetId: "audit.verify.rows-per-s",
      },
      { subject: "whole bench process", metric: "peak RSS", value: peakRssMb(), unit: "MB" },
    ];
    return {
      title: `Audit trail at ${rows.toLocaleString("en-GB")} rows: chain append, streamed CSV export, verification (${kind})`,
      notes: [
        machineLine(),
        describeCpu(cpu()),
        `export memory: growth over the start of the export; peak heap and RSS sampled after each of ${exported.chunks} chunks, live heap after a collection every ${LIVE_SAMPLE_EVERY} chunks${(globalThis as { gc?: unknown }).gc ? "" : " (WITHOUT --expose-gc: no collection, so the live figure includes garbage)"}; the CSV itself is ${csvMb.toFixed(1)} MB, so a bounded export keeps a small fraction of it`,
      ],
      figures,
    };
  } finally {
    await store.close();
    await drop();
  }
}

if (isMainModule(import.meta.url))
  void runAsScript("audit-export", (settings) => runAuditExportBench(settings, process.env.BENCH_DATABASE_URL));
