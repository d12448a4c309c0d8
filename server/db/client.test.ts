import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { appStoreOptions } from "./client";
import { appMigrations } from "./migrations";

describe("appStoreOptions", () => {
  it("uses PostgreSQL when DATABASE_URL is set", () => {
    expect(appStoreOptions({ DATABASE_URL: "postgres://postgres@127.0.0.1:5432/app" })).toEqual({
      name: "app",
      migrations: appMigrations,
      databaseUrl: "postgres://postgres@127.0.0.1:5432/app",
    });
  });

  it("uses PGlite at APP_DATA_DIR (absolute), or the default .data/app when unset", () => {
    expect(appStoreOptions({ APP_DATA_DIR: "tmp/app-data" }).dataDir).toBe(path.resolve("tmp/app-data"));
    const defaults = appStoreOptions({});
    expect(defaults.dataDir).toBeUndefined();
    expect(defaults.databaseUrl).toBeUndefined();
    expect(defaults.name).toBe("app");
  });

  it("uses PGlite in memory only for APP_DB_IN_MEMORY=1", () => {
    expect(appStoreOptions({ APP_DB_IN_MEMORY: "1" }).inMemory).toBe(true);
    expect(appStoreOptions({ APP_DB_IN_MEMORY: "0" }).inMemory).toBeUndefined();
  });
});

describe("getDb", () => {
  vi.stubEnv("APP_DB_IN_MEMORY", "1");
  vi.stubEnv("DATABASE_URL", "");

  afterAll(async () => {
    const { closeDb } = await import("./client");
    await closeDb();
    vi.unstubAllEnvs();
  });

  it("opens one migrated store per process, kept across module reloads (Next dev hot reload)", async () => {
    const first = await import("./client");
    const store = await first.getDb();
    expect(store.kind).toBe("pglite");
    const tables = await store.db.selectFrom("sessions").select("id").execute();
    expect(tables).toEqual([]);

    vi.resetModules();
    const reloaded = await import("./client");
    expect(reloaded).not.toBe(first);
    expect(await reloaded.getDb()).toBe(store);
  });

  it("opens a fresh store after closeDb", async () => {
    const { getDb, closeDb } = await import("./client");
    const before = await getDb();
    await closeDb();
    const after = await getDb();
    expect(after).not.toBe(before);
    await expect(before.db.selectFrom("sessions").select("id").execute()).rejects.toThrow();
  });
});
