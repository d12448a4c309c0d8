import type { Kysely } from "kysely";
import { type Migration, type MigrationProvider, Migrator } from "kysely/migration";

/**
 * In-code migration provider: migrations are static imports keyed "0001_…", so they survive
 * bundling (a FileMigrationProvider that import()s .ts files at run time fails under `next start`).
 */
function inCodeProvider(migrations: Record<string, Migration>): MigrationProvider {
  return { getMigrations: async () => migrations };
}

export class MigrationFailedError extends Error {
  readonly migrationName: string | undefined;
  constructor(migrationName: string | undefined, cause: unknown) {
    super(
      migrationName
        ? `Database migration ${migrationName} failed: ${String(cause)}`
        : `Database migrations could not run: ${String(cause)}`,
      { cause },
    );
    this.name = "MigrationFailedError";
    this.migrationName = migrationName;
  }
}

/**
 * Apply every migration not yet applied, in key order. Idempotent: a second run applies nothing.
 * A migration added with a lower number than one already applied (parallel branches of work) is
 * still applied: each migration touches its own tables, so their relative order does not matter.
 */
export async function migrateToLatest(db: Kysely<unknown>, migrations: Record<string, Migration>): Promise<{ applied: string[] }> {
  const migrator = new Migrator({ db, provider: inCodeProvider(migrations), allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((result) => result.status === "Error");
    throw new MigrationFailedError(failed?.migrationName, error);
  }
  return {
    applied: (results ?? []).filter((result) => result.status === "Success").map((result) => result.migrationName),
  };
}
