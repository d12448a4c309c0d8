import { type Kysely, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { migrateToLatest } from "@/lib/store/open-store";
import { storeForSuite, testBackends } from "@/lib/store/test-backends";
import type { Database } from "../schema";
import { appMigrations } from "./index";

const expectedTables = [
  "alert_events",
  "alert_samples",
  "alerts",
  "audit_chain_lock",
  "audit_events",
  "batch_checks",
  "kysely_migration",
  "kysely_migration_lock",
  "outbox",
  "seen_logout_tokens",
  "sessions",
  "training_exercises",
];

describe.each(testBackends())("BFF migrations on $name", (backend) => {
  const store = storeForSuite<Database>(backend, appMigrations);

  it("apply cleanly on an empty database: every table exists and every migration is recorded", async () => {
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables
      where table_schema = current_schema() order by table_name`.execute(store.db);
    expect(tables.rows.map((row) => row.table_name)).toEqual(expectedTables);
    const recorded = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(store.db);
    expect(recorded.rows.map((row) => row.name)).toEqual(Object.keys(appMigrations));
  });

  it("a second run is a no-op", async () => {
    expect(await migrateToLatest(store.db as Kysely<unknown>, appMigrations)).toEqual({ applied: [] });
  });

  it("runs down and back up again (the down migrations are real, applied newest first)", async () => {
    const db = store.db as Kysely<unknown>;
    const newestFirst = Object.entries(appMigrations).reverse();
    for (const [name, migration] of newestFirst) {
      if (!migration.down) throw new Error(`${name} has no down migration`);
      await migration.down(db);
    }
    const left = await sql<{ n: number }>`
      select count(*)::int as n from information_schema.tables
      where table_schema = current_schema() and table_name in ('sessions', 'audit_events', 'outbox', 'seen_logout_tokens')`.execute(
      store.db,
    );
    expect(left.rows[0]?.n).toBe(0);
    for (const [, migration] of [...newestFirst].reverse()) await migration.up(db);
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables
      where table_schema = current_schema() order by table_name`.execute(store.db);
    expect(tables.rows.map((row) => row.table_name)).toEqual(expectedTables);
  });
});
