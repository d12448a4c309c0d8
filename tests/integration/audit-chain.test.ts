import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Kysely, sql } from "kysely";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { asNhsNumber, syntheticNhsNumber } from "@/lib/nhs/nhs-number";
import { AUDIT_ACTIONS } from "@/lib/schemas/audit";
import { migrateToLatest, openStore, type Store } from "@/lib/store/open-store";
import { storeForSuite, testBackends } from "@/lib/store/test-backends";
import { AUDIT_CHAIN_GENESIS } from "@/server/audit/audit-chain-hash";
import { recordAudit } from "@/server/audit/record-audit";
import { verifyAuditChain } from "@/server/audit/verify-audit-chain";
import { appMigrations } from "@/server/db/migrations";
import { insertPending, markConfirmed, markFailed } from "@/server/db/outbox";
import type { Database } from "@/server/db/schema";

/**
 * The audit trail is a hash chain (migration 0003): every row, whether the app wrote it
 * (recordAudit) or the database did (the outbox trigger of 0002), carries its predecessor's hash
 * and its own. Changing one row's content in the database, behind the append-only trigger's back,
 * is found and named by the verifier and by `npm run audit:verify`; two writers on one PostgreSQL
 * appending in parallel leave one unbroken chain.
 */

const ROOT = process.cwd();
const PG_ADMIN_URL = process.env.TEST_DATABASE_URL;

const GP = { sub: "900000000001", roleProfileId: "900000000101", orgCode: "ZZH" };
const NURSE = { sub: "900000000002", roleProfileId: "900000000201", orgCode: "ZZH" };

/** A Spine update through the outbox: the database writes `<base>.requested`, then `.confirmed` or `.failed`. */
async function outboxUpdate(db: Kysely<Database>, n: number, outcome: "confirmed" | "failed"): Promise<string> {
  const messageId = randomUUID().toUpperCase();
  await insertPending(db, {
    messageId,
    interactionId: "REPC_IN010000UK15",
    idempotencyKey: `audit-chain-${messageId}`,
    requestBody: "<CreateRequest/>",
    persistUntil: new Date(Date.now() + 3_600_000),
    operation: { kind: "create-lr", audit: "lr.create", orgCode: GP.orgCode, lrType: "08", requestId: `req-${n}` },
    actorSub: GP.sub,
    roleId: GP.roleProfileId,
    nhsNumber: syntheticNhsNumber(300 + n),
  });
  if (outcome === "confirmed") await markConfirmed(db, messageId, { replyBody: "<ok/>" });
  else await markFailed(db, messageId, { error: { code: "spine_rejected", message: "no" } });
  return messageId;
}

/** App-side events through the one writer, some with awkward content (newlines, non-ASCII, nested JSON). */
async function appEvents(db: Kysely<Database>, n: number): Promise<void> {
  await recordAudit(
    { action: AUDIT_ACTIONS.patientViewed, outcome: "success", actor: GP, nhsNumber: syntheticNhsNumber(400 + n), requestId: `r-${n}` },
    db,
  );
  await recordAudit(
    {
      action: AUDIT_ACTIONS.emergencyAccess,
      outcome: "failure",
      actor: NURSE,
      nhsNumber: syntheticNhsNumber(500 + n),
      details: { reason: "Patient unconscious\nline two: “quotes” – é ✓", nested: { b: [1, 2.5, null], a: true } },
    },
    db,
  );
  await recordAudit({ action: AUDIT_ACTIONS.accessRefused, outcome: "denied", actor: null, details: {} }, db);
}

/** Change a row behind the append-only trigger's back, in this connection's own transaction only. */
async function tamper(db: Kysely<Database>, statement: ReturnType<typeof sql>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    await statement.execute(trx);
  });
}

async function ids(db: Kysely<Database>): Promise<number[]> {
  const rows = await db.selectFrom("audit_events").select("id").orderBy("id").execute();
  return rows.map((row) => row.id);
}

function runVerifyCommand(env: Record<string, string | undefined>): Promise<{ code: number | null; output: string }> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: "silent", ...env };
  delete childEnv.APP_DB_IN_MEMORY;
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete childEnv[key];
  return new Promise((resolve, reject) => {
    // Exactly what `npm run audit:verify` runs (package.json), without npm in between.
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/audit-verify.ts"], {
      cwd: ROOT,
      env: childEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

describe.each(testBackends())("audit hash chain on $name", (backend) => {
  const store = storeForSuite<Database>(backend, appMigrations);

  it("chains every row, from the app and from the outbox trigger, in id order; the verifier recomputes each hash", async () => {
    for (let n = 0; n < 3; n++) {
      await appEvents(store.db, n);
      await outboxUpdate(store.db, n, n % 2 === 0 ? "confirmed" : "failed");
    }
    const rows = await store.db.selectFrom("audit_events").select(["id", "action", "prev_hash", "row_hash"]).orderBy("id").execute();
    expect(rows).toHaveLength(15);
    expect(rows.map((row) => row.id)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(rows.filter((row) => row.action.startsWith("lr.create.")).length).toBe(6);
    expect(rows[0]?.prev_hash).toBe(AUDIT_CHAIN_GENESIS);
    for (let i = 1; i < rows.length; i++) expect(rows[i]?.prev_hash).toBe(rows[i - 1]?.row_hash);
    expect(new Set(rows.map((row) => row.row_hash)).size).toBe(15);

    const result = await verifyAuditChain(store.db, { pageSize: 4 });
    expect(result).toMatchObject({ ok: true, rows: 15, head: { id: 15, hash: rows[14]?.row_hash } });
  });

  it("ignores hash values an INSERT tries to supply: the database computes them", async () => {
    await sql`insert into audit_events (at, action, outcome, prev_hash, row_hash)
      values (now(), 'auth.sign-in', 'success', ${"f".repeat(64)}, ${"e".repeat(64)})`.execute(store.db);
    const last = await store.db
      .selectFrom("audit_events")
      .select(["prev_hash", "row_hash"])
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(last.prev_hash).not.toBe("f".repeat(64));
    expect(last.row_hash).not.toBe("e".repeat(64));
    expect((await verifyAuditChain(store.db)).ok).toBe(true);
  });

  it("names the row whose content was changed directly in the database, and what differs", async () => {
    const before = await verifyAuditChain(store.db);
    expect(before.ok).toBe(true);
    const victim = await store.db
      .selectFrom("audit_events")
      .select(["id", "action"])
      .where("action", "=", AUDIT_ACTIONS.emergencyAccess)
      .orderBy("id")
      .limit(1)
      .executeTakeFirstOrThrow();
    // Still refused the normal way: the append-only trigger stands.
    await expect(sql`update audit_events set outcome = 'success' where id = ${victim.id}`.execute(store.db)).rejects.toThrow(/append-only/);
    await tamper(store.db, sql`update audit_events set outcome = 'success' where id = ${victim.id}`);

    const result = await verifyAuditChain(store.db, { pageSize: 3 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.broken.id).toBe(victim.id);
    expect(result.broken.problems).toEqual(["content"]);
    expect(result.broken.message).toContain(`Row ${victim.id} (${AUDIT_ACTIONS.emergencyAccess}`);
    expect(result.broken.message).toMatch(/content no longer matches its hash/);
    expect(result.rows).toBe(victim.id - 1);

    // Putting the value back restores the chain: the hash is of the content, nothing else.
    await tamper(store.db, sql`update audit_events set outcome = 'failure' where id = ${victim.id}`);
    expect((await verifyAuditChain(store.db)).ok).toBe(true);

    // A change inside details (jsonb) is found as well.
    await tamper(store.db, sql`update audit_events set details = details || '{"reason":"edited"}'::jsonb where id = ${victim.id}`);
    const detailsChanged = await verifyAuditChain(store.db);
    expect(detailsChanged.ok === false && detailsChanged.broken.id).toBe(victim.id);
  });
});

describe.each(testBackends())("audit hash chain: a removed row on $name", (backend) => {
  const store = storeForSuite<Database>(backend, appMigrations);

  it("a deleted row breaks the link of the row after it, which is named", async () => {
    for (let n = 0; n < 2; n++) await appEvents(store.db, n);
    await tamper(store.db, sql`delete from audit_events where id = 3`);
    const result = await verifyAuditChain(store.db);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.broken.id).toBe(4);
    expect(result.broken.problems).toEqual(["link"]);
    expect(result.broken.message).toMatch(/is not row 2's hash/);
  });
});

describe.each(testBackends())("migration 0003 chains the rows already there on $name", (backend) => {
  const before0003 = Object.fromEntries(Object.entries(appMigrations).filter(([name]) => name < "0003"));
  const store = storeForSuite<Database>(backend, before0003);

  it("rows written before the chain existed are chained in id order, and new rows continue the chain", async () => {
    for (let n = 0; n < 4; n++) {
      await sql`insert into audit_events (at, action, outcome, nhs_number, details)
        values (${new Date(Date.UTC(2026, 0, 1, 12, 0, n, 123))}, 'patient.viewed', 'success', ${syntheticNhsNumber(600 + n)}, ${JSON.stringify({ n })}::jsonb)`.execute(
        store.db,
      );
    }
    const { applied } = await migrateToLatest(store.db as Kysely<unknown>, appMigrations);
    expect(applied).toContain("0003_audit_hash_chain");
    await recordAudit(
      { action: AUDIT_ACTIONS.signIn, outcome: "success", actor: GP, nhsNumber: asNhsNumber(syntheticNhsNumber(700)) },
      store.db,
    );
    const result = await verifyAuditChain(store.db);
    expect(result).toMatchObject({ ok: true, rows: 5, head: { id: 5 } });
  });

  it("has a real down migration: the chain goes, ids continue from the highest, and up chains everything again", async () => {
    const migration = appMigrations["0003_audit_hash_chain"];
    if (!migration?.down) throw new Error("0003_audit_hash_chain has no down migration");
    await migration.down(store.db as Kysely<unknown>);
    const columns = await sql<{ column_name: string }>`
      select column_name from information_schema.columns where table_name = 'audit_events' and column_name in ('prev_hash', 'row_hash')`.execute(
      store.db,
    );
    expect(columns.rows).toEqual([]);
    await sql`insert into audit_events (at, action, outcome) values (now(), 'auth.sign-out', 'success')`.execute(store.db);
    await migration.up(store.db as Kysely<unknown>);
    expect(await ids(store.db)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await verifyAuditChain(store.db)).toMatchObject({ ok: true, rows: 6 });
  });
});

/** A PGlite folder or a fresh PostgreSQL database the command can open as the app's store. */
interface CommandTarget {
  name: string;
  open(): Promise<Store<Database>>;
  env: () => Record<string, string | undefined>;
  cleanup(): Promise<void>;
}

function commandTargets(): CommandTarget[] {
  const folder = mkdtempSync(path.join(tmpdir(), "lrm-audit-verify-"));
  const dataDir = path.join(folder, "app");
  const targets: CommandTarget[] = [
    {
      name: "PGlite folder (APP_DATA_DIR)",
      open: () => openStore<Database>({ name: "app", dataDir, migrations: appMigrations }),
      env: () => ({ APP_DATA_DIR: dataDir, DATABASE_URL: undefined }),
      cleanup: async () => rmSync(folder, { recursive: true, force: true }),
    },
  ];
  if (PG_ADMIN_URL) {
    const databaseName = `lr_audit_cmd_${randomUUID().replaceAll("-", "")}`;
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${databaseName}`;
    const admin = async (statement: string) => {
      const client = new pg.Client({ connectionString: PG_ADMIN_URL });
      await client.connect();
      try {
        await client.query(statement);
      } finally {
        await client.end();
      }
    };
    let created = false;
    targets.push({
      name: "PostgreSQL (DATABASE_URL)",
      open: async () => {
        if (!created) await admin(`create database ${databaseName}`);
        created = true;
        return openStore<Database>({ name: "app", databaseUrl: url.toString(), migrations: appMigrations });
      },
      env: () => ({ DATABASE_URL: url.toString(), APP_DATA_DIR: undefined }),
      cleanup: () => admin(`drop database if exists ${databaseName} with (force)`),
    });
  }
  return targets;
}

describe.each(commandTargets())("npm run audit:verify on a $name", (target) => {
  afterAll(() => target.cleanup());

  it("prints OK with the row count, then names the tampered row and exits 1", async () => {
    let store = await target.open();
    try {
      await appEvents(store.db, 1);
      await outboxUpdate(store.db, 1, "confirmed");
      await appEvents(store.db, 2);
    } finally {
      await store.close();
    }
    const intact = await runVerifyCommand(target.env());
    expect(intact.output).toMatch(/audit trail OK: 8 rows/);
    expect(intact.code).toBe(0);

    store = await target.open();
    let victim: number;
    try {
      const row = await store.db
        .selectFrom("audit_events")
        .select("id")
        .where("action", "=", "lr.create.confirmed")
        .executeTakeFirstOrThrow();
      victim = row.id;
      await tamper(store.db, sql`update audit_events set actor_sub = '900000000005' where id = ${victim}`);
    } finally {
      await store.close();
    }
    const broken = await runVerifyCommand(target.env());
    expect(broken.output).toContain(`audit trail BROKEN at row ${victim}: Row ${victim} (lr.create.confirmed`);
    expect(broken.output).toMatch(/content no longer matches its hash/);
    expect(broken.code).toBe(1);
  }, 120_000);
});

describe.runIf(PG_ADMIN_URL)("two writers on one PostgreSQL", () => {
  const databaseName = `lr_audit_two_${randomUUID().replaceAll("-", "")}`;
  const url = PG_ADMIN_URL ? new URL(PG_ADMIN_URL) : undefined;
  if (url) url.pathname = `/${databaseName}`;
  const stores: Store<Database>[] = [];
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: PG_ADMIN_URL });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
    await admin(`drop database if exists ${databaseName} with (force)`);
  });

  async function openInstance(): Promise<Store<Database>> {
    const store = await openStore<Database>({ name: "app", databaseUrl: String(url), migrations: appMigrations });
    stores.push(store);
    return store;
  }

  it("two app instances (two pools) appending in parallel, interleaved, leave one unbroken chain in id order", async () => {
    await admin(`create database ${databaseName}`);
    const a = await openInstance();
    const b = await openInstance();
    const ROUNDS = 40;
    const writer = async (db: Kysely<Database>, offset: number) => {
      const work: Promise<unknown>[] = [];
      for (let n = 0; n < ROUNDS; n++) {
        work.push(appEvents(db, offset + n));
        if (n % 4 === 0) work.push(outboxUpdate(db, offset + n, n % 8 === 0 ? "confirmed" : "failed"));
        // Several rows in one transaction: the chain lock is held until it commits.
        if (n % 5 === 0) {
          work.push(
            db.transaction().execute(async (trx) => {
              await recordAudit({ action: AUDIT_ACTIONS.batchCheck, outcome: "success", actor: GP }, trx);
              await new Promise((resolve) => setTimeout(resolve, 5));
              await recordAudit({ action: AUDIT_ACTIONS.batchCheck, outcome: "failure", actor: GP }, trx);
            }),
          );
        }
      }
      await Promise.all(work);
    };
    await Promise.all([writer(a.db, 0), writer(b.db, 1_000)]);

    const expected = 2 * (ROUNDS * 3 + (ROUNDS / 4) * 2 + (ROUNDS / 5) * 2);
    const all = await ids(a.db);
    expect(all).toEqual(Array.from({ length: expected }, (_, i) => i + 1));
    // Both instances' rows are interleaved in the chain, not one block after the other.
    const byRequest = await a.db
      .selectFrom("audit_events")
      .select(["id", "request_id"])
      .where("request_id", "like", "r-%")
      .orderBy("id")
      .execute();
    const instanceOf = (requestId: string | null) => (Number(requestId?.slice(2)) >= 1_000 ? "b" : "a");
    const switches = byRequest.filter((row, i) => i > 0 && instanceOf(row.request_id) !== instanceOf(byRequest[i - 1]?.request_id ?? null));
    expect(switches.length).toBeGreaterThan(1);

    const fromA = await verifyAuditChain(a.db, { pageSize: 50 });
    const fromB = await verifyAuditChain(b.db);
    expect(fromA).toMatchObject({ ok: true, rows: expected });
    expect(fromB).toMatchObject({ ok: true, rows: expected, head: fromA.ok ? fromA.head : undefined });
  }, 120_000);

  it("a REPEATABLE READ transaction with a stale view of the tail fails its insert instead of forking the chain", async () => {
    const [a, b] = stores as [Store<Database>, Store<Database>];
    const attempt = a.db
      .transaction()
      .setIsolationLevel("repeatable read")
      .execute(async (trx) => {
        await sql`select count(*) from audit_events`.execute(trx); // the snapshot is taken here
        await recordAudit({ action: AUDIT_ACTIONS.signIn, outcome: "success", actor: NURSE }, b.db);
        await recordAudit({ action: AUDIT_ACTIONS.signOut, outcome: "success", actor: GP }, trx);
      });
    await expect(attempt).rejects.toThrow(/duplicate key|audit_events_pkey/);
    expect((await verifyAuditChain(b.db)).ok).toBe(true);
  }, 60_000);
});
