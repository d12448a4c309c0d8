import { PGlite } from "@electric-sql/pglite";
import { Kysely, PGliteDialect } from "kysely";
import { acquireDataDirLock, type DataDirLock } from "./data-dir-lock";
import { INT8_TYPE_OID, parseInt8 } from "./int8";
import { assertChannelName } from "./notify-channel";
import type { StoreBackend } from "./store-backend";

/** PGlite in memory (tests) or in a locked on-disk folder (one process per folder). */
export async function openPgliteBackend<DB>(
  target: { dataDir: string } | { inMemory: true; initialDataDump?: Blob },
): Promise<StoreBackend<DB>> {
  const lock: DataDirLock | undefined = "dataDir" in target ? acquireDataDirLock(target.dataDir) : undefined;
  let pglite: PGlite;
  try {
    const options = { parsers: { [INT8_TYPE_OID]: parseInt8 } };
    // The lock has already created the folder (PGlite's NodeFS mkdir is not recursive).
    if ("dataDir" in target) pglite = await PGlite.create(target.dataDir, options);
    // Starting from a dump skips initdb, the slow part of PGlite's start-up.
    else if (target.initialDataDump) pglite = await PGlite.create({ ...options, loadDataDir: target.initialDataDump });
    else pglite = await PGlite.create(options);
  } catch (error) {
    lock?.release();
    throw error;
  }
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
  return {
    db,
    kind: "pglite",
    async listen(channel, onPayload) {
      const unsubscribe = await pglite.listen(assertChannelName(channel), onPayload);
      let active = true;
      return async () => {
        if (!active || pglite.closed) return;
        active = false;
        await unsubscribe();
      };
    },
    async close() {
      try {
        await db.destroy();
      } finally {
        lock?.release();
      }
    },
  };
}
