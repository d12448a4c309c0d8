import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors/app-error";
import { formatNhsNumber } from "@/lib/nhs/nhs-number";
import { AUDIT_ACTIONS } from "@/lib/schemas/audit";
import { openStore, type Store } from "@/lib/store/open-store";
import { resumeOpenBatchChecks } from "@/server/batch/batch-worker";
import { exportBatchCheck } from "@/server/batch/export-batch-check";
import { getBatchCheck } from "@/server/batch/get-batch-check";
import { listBatchCheckRows } from "@/server/batch/list-batch-check-rows";
import { runBatchCheck } from "@/server/batch/run-batch-check";
import { startBatchCheck } from "@/server/batch/start-batch-check";
import { listAuditEvents } from "@/server/db/audit-events";
import { appMigrations } from "@/server/db/migrations";
import { findByMessageId } from "@/server/db/outbox";
import type { Database } from "@/server/db/schema";
import type { LrContext } from "@/server/lr/lr-context";
import { setSpineRuntime } from "@/server/spine/default-runtime";
import { createOutboxWorker } from "@/server/spine/outbox-worker";
import { createSpineRuntime, type SpineRuntime } from "@/server/spine/spine-runtime";
import faultCatalogue from "@/simulator/data/faults.json";
import notable from "@/simulator/data/notable-patients.json";
import { withWrongCheckDigit } from "../support/batch-patients";
import { personaContext, silentLog, spineSimulatorRigForFile } from "../support/spine-simulator-rig";

/**
 * The batch LR check as a job, against the real Spine simulator over HTTP: a clinic list with good,
 * unknown, mistyped and repeated numbers comes back as one result per row, one audit event with
 * counts (no patients), a page of results and a CSV; and a job interrupted by stopping the app
 * (the store closed under it, then opened again as a new process would) is resumed to its results,
 * or — when Spine never answered and the message has expired — failed with a clear reason.
 */
process.env.APP_DB_IN_MEMORY = "1";

const GP = "900000000001";
const patient = (key: string) => notable.patients.find((p) => p.key === key)?.nhsNumber ?? "";
const magic = (name: string) => faultCatalogue.faults.find((f) => f.name === name)?.nhsNumber ?? "";

const rig = spineSimulatorRigForFile({ resetBetweenTests: true, startTimeoutMs: 120_000 });

function gp(rt: SpineRuntime): LrContext {
  return { ...personaContext(GP, rt), sessionSub: GP, permissions: ["lr.view"], requestId: crypto.randomUUID() };
}

const CLINIC_CSV = [
  "NHS number,Name,Clinic",
  `${formatNhsNumber(patient("gpActive"))},Patient A,Monday`,
  `${patient("noLrs")},Patient B,Monday`,
  `${patient("notInPds")},Patient C,Tuesday`,
  `${withWrongCheckDigit(patient("noLrs"))},Patient D,Tuesday`,
  `${patient("noLrs")},Patient B again,Wednesday`,
  `12345,Short,Wednesday`,
  `"999 001 0005",Patient E,"Thursday, late"`,
].join("\n");

async function failureOf(work: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await work;
  } catch (error) {
    if (isAppError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected a failure");
}

describe("batch LR check against the simulator", () => {
  it("checks every row: LR, no LR, Spine's per-patient issue, and the rows refused before sending", async () => {
    const { rt } = rig.runtime("direct");
    const ctx = gp(rt);
    const started = await startBatchCheck(ctx, { list: CLINIC_CSV, subject: "self", fileName: "clinic.csv" }, { run: false });
    expect(started).toMatchObject({
      state: "accepted",
      rows: 7,
      valid: 4,
      rejected: 3,
      rejectedBy: { check_digit: 1, duplicate: 1, length: 1 },
    });
    await runBatchCheck(rt, started.id);

    const status = await getBatchCheck(ctx, started.id);
    expect(status.state).toBe("ready");
    expect(status.counts).toEqual({ lr: 2, noLr: 1, invalid: 3, spineError: 1 });
    expect(status.reference).toMatch(/^[0-9A-F-]{36}$/);

    const page = await listBatchCheckRows(ctx, started.id, { page: 1 });
    expect(page.total).toBe(7);
    expect(page.rows.map((row) => [row.rowNo, row.outcome])).toEqual([
      [1, "lr"],
      [2, "no-lr"],
      [3, "spine-error"],
      [4, "invalid"],
      [5, "invalid"],
      [6, "invalid"],
      [7, "lr"],
    ]);
    expect(page.rows[4]?.detail).toBe("Already in the list (row 2)");
    const noLr = await listBatchCheckRows(ctx, started.id, { page: 1, outcome: "no-lr" });
    expect(noLr.rows.map((row) => row.nhsNumber)).toEqual([patient("noLrs")]);
    const searched = await listBatchCheckRows(ctx, started.id, { page: 1, search: patient("gpActive").slice(4) });
    expect(searched.rows.map((row) => row.rowNo)).toEqual([1]);

    const csv = await (await exportBatchCheck(ctx, started.id)).text();
    const lines = csv
      .replace(/^\ufeff/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toBe("NHS number,Name,Clinic,NHS number checked,Outcome,Detail");
    expect(lines).toHaveLength(8);
    expect(lines[1]).toBe(`${formatNhsNumber(patient("gpActive"))},Patient A,Monday,${formatNhsNumber(patient("gpActive"))},LR,`);
    expect(lines[7]).toBe(`999 001 0005,Patient E,"Thursday, late",999 001 0005,LR,`);

    // One audit event for the whole batch: counts and the Spine message, never the patients.
    const events = (await listAuditEvents(rig.store.db, { limit: 1000 })).filter((event) => event.action === AUDIT_ACTIONS.batchCheck);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ outcome: "success", actorSub: GP, nhsNumber: null, spineMessageId: status.reference });
    expect(events[0]?.details).toMatchObject({ rows: 7, sent: 4, rejected: 3, lr: 2, noLr: 1, invalid: 3, spineError: 1 });
    expect(JSON.stringify(events[0]?.details)).not.toMatch(/\d{10}/);
  });

  it("refuses a list over 10,000 rows, saying how many it found, and stores nothing", async () => {
    const { rt } = rig.runtime("direct");
    const list = Array.from({ length: 10_001 }, () => patient("noLrs")).join("\n");
    const failure = await failureOf(startBatchCheck(gp(rt), { pasted: list, subject: "self" }, { run: false }));
    expect(failure.code).toBe("invalid_input");
    expect(failure.message).toContain("10,001 rows");
  });

  it("only the owner can see a check", async () => {
    const { rt } = rig.runtime("direct");
    const started = await startBatchCheck(gp(rt), { pasted: patient("noLrs"), subject: "self" }, { run: false });
    const other = { ...gp(rt), userId: "900000000002", sessionSub: "900000000002" };
    expect((await failureOf(getBatchCheck(other, started.id))).code).toBe("not_found");
  });
});

describe("a batch check interrupted by stopping the app", () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  /** The app as a process: its own on-disk store and Spine runtime, receiving Spine's replies. */
  async function startApp(dataDir: string, now?: () => Date): Promise<{ store: Store<Database>; rt: SpineRuntime }> {
    const store = await openStore<Database>({ name: "app", dataDir, migrations: appMigrations });
    const rt = createSpineRuntime({ store, options: rig.runtime("direct").rt.options, log: silentLog, ...(now ? { now } : {}) });
    setSpineRuntime(rt);
    return { store, rt };
  }

  function dataDir(): string {
    const dir = mkdtempSync(path.join(tmpdir(), "lrm-batch-"));
    dirs.push(dir);
    return path.join(dir, "app");
  }

  it("accepted but never sent before the app stopped: resumed after restart, to its results", async () => {
    const dir = dataDir();
    const first = await startApp(dir);
    const started = await startBatchCheck(
      gp(first.rt),
      { pasted: `${patient("gpActive")}\n${patient("noLrs")}`, subject: "self" },
      { run: false },
    );
    await first.store.close(); // the app stops: nothing was sent

    const second = await startApp(dir);
    try {
      expect(await resumeOpenBatchChecks(second.rt)).toEqual([started.id]);
      const status = await getBatchCheck(gp(second.rt), started.id);
      expect(status.state).toBe("ready");
      expect(status.counts).toEqual({ lr: 1, noLr: 1, invalid: 0, spineError: 0 });
      const message = await findByMessageId(second.store.db, started.reference ?? "");
      expect(message?.attempts, "sent once, by the resumed job").toBe(1);
    } finally {
      await second.store.close();
    }
  });

  it("sent, Spine never answered, the app stopped: after restart its expired message fails the check clearly", async () => {
    const dir = dataDir();
    const first = await startApp(dir);
    const started = await startBatchCheck(gp(first.rt), { pasted: `${patient("noLrs")}\n${magic("noReply")}`, subject: "self" });
    // Wait until Spine has accepted it (202), then stop the app with the job still waiting.
    await expect
      .poll(async () => (await findByMessageId(first.store.db, started.reference ?? ""))?.state, { timeout: 20_000 })
      .toBe("sent");
    await first.store.close();

    // Restarted long after the message's reply time: the outbox worker expires it, the batch worker fails the check.
    const later = () => new Date(Date.now() + 60 * 60_000);
    const second = await startApp(dir, later);
    try {
      await createOutboxWorker(second.rt).runOnce();
      await resumeOpenBatchChecks(second.rt);
      const status = await getBatchCheck(gp(second.rt), started.id);
      expect(status.state).toBe("failed");
      expect(status.error?.code).toBe("spine_timeout");
      const events = (await listAuditEvents(second.store.db, { limit: 100 })).filter((event) => event.action === AUDIT_ACTIONS.batchCheck);
      expect(events.map((event) => event.outcome)).toEqual(["failure"]);
    } finally {
      await second.store.close();
    }
  });
});
