import { type Generated, type Kysely, sql } from "kysely";
import type { Migration } from "kysely/migration";
import { describe, expect, it } from "vitest";
import { jsonb } from "./jsonb";
import { MigrationFailedError, migrateToLatest } from "./open-store";
import { storeForSuite, testBackends } from "./test-backends";

interface NoteTable {
  id: Generated<number>;
  body: { text: string; tags: string[] };
  written_at: Date;
}
interface TestDb {
  note: NoteTable;
}

const createNote: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("note")
      .addColumn("id", "bigint", (col) => col.generatedAlwaysAsIdentity().primaryKey())
      .addColumn("body", "jsonb", (col) => col.notNull())
      .addColumn("written_at", "timestamptz", (col) => col.notNull())
      .execute();
  },
};
const addNoteIndex: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex("note_written_at_idx").on("note").column("written_at").execute();
  },
};
const brokenHalfway: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createTable("half_made").addColumn("id", "integer").execute();
    throw new Error("deliberately broken");
  },
};

const baseMigrations = { "0001_create_note": createNote };

function waitFor<T>(received: T[], count: number, timeoutMs = 5_000): Promise<T[]> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const poll = () => {
      if (received.length >= count) resolve(received);
      else if (Date.now() > deadline) reject(new Error(`only ${received.length} of ${count} notifications arrived`));
      else setTimeout(poll, 10);
    };
    poll();
  });
}

describe.each(testBackends())("openStore on $name", (backend) => {
  const store = storeForSuite<TestDb>(backend, baseMigrations);

  it("reports the backend kind", () => {
    expect(store.kind).toBe(backend.name === "postgres" ? "postgres" : "pglite");
  });

  it("applied the migrations at open, and re-running them applies nothing", async () => {
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(store.db);
    expect(applied.rows.map((row) => row.name)).toEqual(["0001_create_note"]);
    expect(await migrateToLatest(store.db as Kysely<unknown>, baseMigrations)).toEqual({ applied: [] });
  });

  it("applies only the new migration when one is added, then nothing", async () => {
    const next = { ...baseMigrations, "0002_note_index": addNoteIndex };
    expect(await migrateToLatest(store.db as Kysely<unknown>, next)).toEqual({ applied: ["0002_note_index"] });
    expect(await migrateToLatest(store.db as Kysely<unknown>, next)).toEqual({ applied: [] });
  });

  it("names a failing migration and rolls its half-done DDL back", async () => {
    const broken = { ...baseMigrations, "0002_note_index": addNoteIndex, "0003_broken": brokenHalfway };
    const failure = await migrateToLatest(store.db as Kysely<unknown>, broken).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MigrationFailedError);
    expect((failure as MigrationFailedError).migrationName).toBe("0003_broken");
    expect((failure as Error).message).toContain("deliberately broken");
    const table = await sql<{ found: string | null }>`select to_regclass('half_made')::text as found`.execute(store.db);
    expect(table.rows[0]?.found).toBeNull();
  });

  it("returns jsonb as objects, timestamptz as Date and bigint as number", async () => {
    const writtenAt = new Date("2026-11-25T10:15:30.123Z");
    const body = { text: 'it\'s "quoted"', tags: ["a", "b"] };
    const inserted = await store.db
      .insertInto("note")
      .values({ body: jsonb(body), written_at: writtenAt })
      .returning(["id", "body", "written_at"])
      .executeTakeFirstOrThrow();
    expect(typeof inserted.id).toBe("number");
    expect(inserted.body).toEqual(body);
    expect(inserted.written_at).toBeInstanceOf(Date);
    expect(inserted.written_at.toISOString()).toBe(writtenAt.toISOString());
    const count = await store.db
      .selectFrom("note")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(1);
  });

  it("delivers a NOTIFY payload to a listener, and stops after unsubscribe", async () => {
    const received: string[] = [];
    const unsubscribe = await store.listen("outbox_changed", (payload) => received.push(payload));
    await store.notify("outbox_changed", "message 1");
    await waitFor(received, 1);
    expect(received).toEqual(["message 1"]);

    await unsubscribe();
    await store.notify("outbox_changed", "message 2");
    // A listener still subscribed to the same channel proves the second NOTIFY was delivered.
    const witness: string[] = [];
    const stopWitness = await store.listen("outbox_changed", (payload) => witness.push(payload));
    await store.notify("outbox_changed", "message 3");
    await waitFor(witness, 1);
    await stopWitness();
    expect(received).toEqual(["message 1"]);
  });

  it("delivers a NOTIFY sent inside a transaction only after commit", async () => {
    const received: string[] = [];
    const unsubscribe = await store.listen("tx_channel", (payload) => received.push(payload));
    await store.db.transaction().execute(async (tx) => {
      await sql`select pg_notify('tx_channel', 'committed')`.execute(tx);
    });
    await expect(
      store.db.transaction().execute(async (tx) => {
        await sql`select pg_notify('tx_channel', 'rolled back')`.execute(tx);
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    await store.notify("tx_channel", "after");
    await waitFor(received, 2);
    await unsubscribe();
    expect(received).toEqual(["committed", "after"]);
  });

  it("rejects channel names that LISTEN and pg_notify would read differently", async () => {
    await expect(store.listen("Outbox", () => undefined)).rejects.toThrow(/Invalid NOTIFY channel/);
    await expect(store.notify("outbox; drop table note", "x")).rejects.toThrow(/Invalid NOTIFY channel/);
  });
});
