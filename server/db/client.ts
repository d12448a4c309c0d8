import "server-only";
import path from "node:path";
import { type OpenStoreOptions, openStore, type Store } from "@/lib/store/open-store";
import { environment } from "@/server/config";
import { appMigrations } from "./migrations";
import type { Database } from "./schema";

/**
 * The BFF's database: one Store per process. The open promise lives on globalThis so Next's dev
 * hot reload (which re-evaluates modules) reuses it instead of opening, and locking, a second one.
 */

const STORE_KEY = Symbol.for("lr-manager.app-store");

type GlobalWithStore = typeof globalThis & { [STORE_KEY]?: Promise<Store<Database>> };

/**
 * Where the app's data lives, from the environment: DATABASE_URL (PostgreSQL), else PGlite in
 * APP_DATA_DIR (default .data/app); APP_DB_IN_MEMORY=1 for tests.
 */
export function appStoreOptions(env: Readonly<Record<string, string | undefined>> = environment()): OpenStoreOptions {
  const databaseUrl = env.DATABASE_URL?.trim();
  const dataDir = env.APP_DATA_DIR?.trim();
  return {
    name: "app",
    migrations: appMigrations,
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(env.APP_DB_IN_MEMORY === "1" ? { inMemory: true } : {}),
    ...(dataDir ? { dataDir: path.resolve(dataDir) } : {}),
  };
}

/** The process-wide store, opened (and migrated) on first use. */
export function getDb(): Promise<Store<Database>> {
  const holder = globalThis as GlobalWithStore;
  const existing = holder[STORE_KEY];
  if (existing) return existing;
  const opening = openStore<Database>(appStoreOptions());
  holder[STORE_KEY] = opening;
  // A failed open (e.g. folder locked by another process) must not be cached forever.
  opening.catch(() => {
    if (holder[STORE_KEY] === opening) delete holder[STORE_KEY];
  });
  return opening;
}

/** Close the process-wide store (graceful shutdown, tests). The next getDb() opens a new one. */
export async function closeDb(): Promise<void> {
  const holder = globalThis as GlobalWithStore;
  const existing = holder[STORE_KEY];
  if (!existing) return;
  delete holder[STORE_KEY];
  const store = await existing.catch(() => undefined);
  await store?.close();
}
