import { randomUUID } from "node:crypto";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { Migration } from "kysely/migration";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { openStore, type Store } from "./open-store";

/**
 * Test support: the same suite runs against PGlite in memory and, when TEST_DATABASE_URL is set,
 * against that PostgreSQL. Each PostgreSQL store gets a fresh database, so "migrations on an empty
 * database" holds there too and parallel test files never see each other's rows.
 */

export type TestBackendName = "pglite-memory" | "postgres";

export interface TestBackend {
  name: TestBackendName;
  /** Open a store on an empty database; close() also drops the database it created. */
  open<DB>(migrations: Record<string, Migration>): Promise<Store<DB>>;
}

/**
 * One store for the enclosing describe block: opened (migrated) before its tests, closed after
 * them. The returned view reads through to that store, so a suite can name it at declaration time
 * and still use it only once the hook has run.
 */
export function storeForSuite<DB>(backend: TestBackend, migrations: Record<string, Migration>): Store<DB> {
  let opened: Store<DB> | undefined;
  beforeAll(async () => {
    opened = await backend.open<DB>(migrations);
  });
  afterAll(async () => {
    await opened?.close();
  });
  const current = (): Store<DB> => {
    if (!opened) throw new Error("the suite's store is used before beforeAll opened it");
    return opened;
  };
  return {
    get db() {
      return current().db;
    },
    get kind() {
      return current().kind;
    },
    listen: (channel, onPayload, onLost) => current().listen(channel, onPayload, onLost),
    notify: (channel, payload) => current().notify(channel, payload),
    close: () => current().close(),
  };
}

let reportedMissingPostgres = false;

export function testBackends(env: Readonly<Record<string, string | undefined>> = process.env): TestBackend[] {
  const backends: TestBackend[] = [
    {
      name: "pglite-memory",
      open: async (migrations) => openStore({ name: "test", inMemory: true, initialDataDump: await pgliteTemplate(), migrations }),
    },
  ];
  const adminUrl = env.TEST_DATABASE_URL;
  if (adminUrl) {
    backends.push({ name: "postgres", open: (migrations) => openFreshPostgresStore(adminUrl, migrations) });
  } else if (!reportedMissingPostgres) {
    reportedMissingPostgres = true;
    console.warn(
      "[store tests] PostgreSQL leg NOT run: TEST_DATABASE_URL is not set " +
        "(url=$(bash scripts/pg/throwaway-postgres.sh start) to get one).",
    );
  }
  return backends;
}

function pgliteVersion(): string {
  try {
    const manifest = path.join(process.cwd(), "node_modules", "@electric-sql", "pglite", "package.json");
    return (JSON.parse(readFileSync(manifest, "utf8")) as { version?: string }).version ?? "unknown";
  } catch {
    return "unknown";
  }
}

let templateInProcess: Promise<Blob> | undefined;

/**
 * A dump of a freshly initialised (empty) PGlite, cached in the temp folder per PGlite version:
 * every test file after the first starts from it instead of running initdb. Migrations still run
 * on top, so tests still see an empty database.
 */
function pgliteTemplate(): Promise<Blob> {
  templateInProcess ??= (async () => {
    const templatePath = path.join(tmpdir(), `lr-store-pglite-template-${pgliteVersion()}.tar`);
    try {
      return new Blob([readFileSync(templatePath)]);
    } catch {
      const fresh = await PGlite.create();
      const dump = await fresh.dumpDataDir("none");
      await fresh.close();
      // Write then rename: parallel test files may build it at the same time.
      const partial = `${templatePath}.${process.pid}.${randomUUID()}`;
      writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
      renameSync(partial, templatePath);
      return dump;
    }
  })();
  return templateInProcess;
}

async function withAdmin<T>(adminUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

async function openFreshPostgresStore<DB>(adminUrl: string, migrations: Record<string, Migration>): Promise<Store<DB>> {
  const databaseName = `lr_test_${randomUUID().replaceAll("-", "")}`;
  await withAdmin(adminUrl, (client) => client.query(`create database ${databaseName}`));
  const url = new URL(adminUrl);
  url.pathname = `/${databaseName}`;
  const dropDatabase = () => withAdmin(adminUrl, (client) => client.query(`drop database if exists ${databaseName} with (force)`));
  let store: Store<DB>;
  try {
    store = await openStore<DB>({ name: "test", databaseUrl: url.toString(), migrations });
  } catch (error) {
    await dropDatabase();
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    ...store,
    close() {
      closing ??= store.close().finally(dropDatabase);
      return closing;
    },
  };
}
