import type { Kysely } from "kysely";
import { openStore } from "@/lib/store/open-store";
import { simulatorMigrations } from "@/simulator/store/migrations";
import type { SimulatorDatabase } from "@/simulator/store/schema";

export interface SimulatorStoreOptions {
  /** PostgreSQL connection string (env SIMULATOR_DATABASE_URL); PGlite when absent. */
  databaseUrl?: string;
  /** PGlite folder (env SIMULATOR_DATA_DIR), default .data/simulator. */
  dataDir?: string;
  /** In-memory PGlite (env SIMULATOR_DB_IN_MEMORY=1); what tests use. */
  inMemory?: boolean;
}

export interface SimulatorStore {
  db: Kysely<SimulatorDatabase>;
  kind: string;
  close(): Promise<void>;
}

export async function openSimulatorStore(options: SimulatorStoreOptions): Promise<SimulatorStore> {
  const store = await openStore<SimulatorDatabase>({ name: "simulator", ...options, migrations: simulatorMigrations });
  return { db: store.db, kind: store.kind, close: () => store.close() };
}
