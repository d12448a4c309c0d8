import path from "node:path";
import { type Kysely, sql } from "kysely";
import type { Migration } from "kysely/migration";
import { migrateToLatest } from "./migrate";
import { assertChannelName } from "./notify-channel";
import { openPgliteBackend } from "./pglite-backend";
import { openPostgresBackend } from "./postgres-backend";
import type { StoreBackend } from "./store-backend";

export { StoreLockedError } from "./data-dir-lock";
export { MigrationFailedError, migrateToLatest } from "./migrate";

export interface OpenStoreOptions {
  /** "app" | "simulator" | … — names the default folder .data/<name> */
  name: string;
  /** Set → PostgreSQL through pg (same migrations). */
  databaseUrl?: string;
  /** PGlite folder; default `${process.cwd()}/.data/<name>`. */
  dataDir?: string;
  /** PGlite in memory (tests). */
  inMemory?: boolean;
  /** In-code migrations, applied in key order ("0001_…"). */
  migrations: Record<string, Migration>;
  /**
   * In-memory PGlite only: start from this data-folder dump (PGlite `dumpDataDir()` of a freshly
   * initialised instance) instead of running initdb — ~0.5 s instead of ~3 s; used by tests.
   */
  initialDataDump?: Blob;
}

export interface Store<DB> {
  db: Kysely<DB>;
  kind: "pglite" | "postgres";
  /**
   * Subscribe to a NOTIFY channel (PGlite listen / dedicated pg.Client LISTEN). `onLost` is called
   * once if the subscription ends without being asked to (its connection failed or closed): a
   * cache kept honest by notifications must then stop trusting itself.
   */
  listen(channel: string, onPayload: (payload: string) => void, onLost?: (reason: string) => void): Promise<() => Promise<void>>;
  notify(channel: string, payload: string): Promise<void>;
  close(): Promise<void>;
}

export function defaultDataDir(name: string): string {
  return path.join(process.cwd(), ".data", name);
}

function openBackend<DB>(opts: OpenStoreOptions): Promise<StoreBackend<DB>> {
  if (opts.databaseUrl) return openPostgresBackend<DB>(opts.databaseUrl);
  if (opts.inMemory) return openPgliteBackend<DB>({ inMemory: true, initialDataDump: opts.initialDataDump });
  return openPgliteBackend<DB>({ dataDir: opts.dataDir ?? defaultDataDir(opts.name) });
}

/**
 * Open a database and bring its schema up to date. Precedence: databaseUrl (PostgreSQL), then
 * inMemory, then an on-disk PGlite folder that this process locks until close() or exit.
 */
export async function openStore<DB>(opts: OpenStoreOptions): Promise<Store<DB>> {
  const backend = await openBackend<DB>(opts);
  try {
    await migrateToLatest(backend.db as Kysely<unknown>, opts.migrations);
  } catch (error) {
    await backend.close().catch(() => undefined);
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    db: backend.db,
    kind: backend.kind,
    listen: (channel, onPayload, onLost) => backend.listen(channel, onPayload, onLost),
    async notify(channel, payload) {
      // pg_notify takes the name verbatim; the same check as listen keeps the two in step.
      await sql`select pg_notify(${assertChannelName(channel)}, ${payload})`.execute(backend.db);
    },
    close() {
      closing ??= backend.close();
      return closing;
    },
  };
}
