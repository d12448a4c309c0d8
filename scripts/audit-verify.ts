/**
 * Verifies the audit trail's hash chain (migration 0003) in the store the app uses: DATABASE_URL
 * (PostgreSQL), else the PGlite folder APP_DATA_DIR (default .data/app), as server/db/client.ts
 * decides. Prints OK with the row count and the head hash, or the first broken row and what
 * differs.
 *
 *   npm run audit:verify
 *   DATABASE_URL=postgres://… npm run audit:verify
 *
 * Exit code: 0 intact, 1 broken, 2 could not check (store unreachable, PGlite folder in use…).
 * A PGlite folder is locked by the process using it: while the app runs on PGlite, use the audit
 * page's "Verify the audit trail" button instead (PostgreSQL has no such limit).
 */
import { openStore, StoreLockedError } from "@/lib/store/open-store";
import { verifyAuditChain } from "@/server/audit/verify-audit-chain";
import { appStoreOptions } from "@/server/db/client";
import type { Database } from "@/server/db/schema";

function describeStore(options: ReturnType<typeof appStoreOptions>): string {
  if (options.databaseUrl) {
    const url = new URL(options.databaseUrl);
    url.password = "";
    return `PostgreSQL ${url.host}${url.pathname}`;
  }
  if (options.inMemory) return "PGlite in memory";
  return `PGlite ${options.dataDir ?? ".data/app"}`;
}

async function main(): Promise<number> {
  const options = appStoreOptions(process.env);
  let store: Awaited<ReturnType<typeof openStore<Database>>>;
  try {
    store = await openStore<Database>(options);
  } catch (error) {
    if (error instanceof StoreLockedError) {
      console.error(`audit:verify: ${error.message}\nWhile the app runs on PGlite, use the audit page's "Verify the audit trail" button.`);
    } else {
      console.error(`audit:verify: could not open ${describeStore(options)}: ${error instanceof Error ? error.message : String(error)}`);
    }
    return 2;
  }
  try {
    const result = await verifyAuditChain(store.db);
    if (result.ok) {
      const head = result.head ? `; head: row ${result.head.id}, sha256 ${result.head.hash}` : "";
      console.log(`audit trail OK: ${result.rows} rows, every hash and link verified (${describeStore(options)})${head}`);
      return 0;
    }
    const { broken } = result;
    console.log(`audit trail BROKEN at row ${broken.id}: ${broken.message}`);
    console.log(`  rows verified before it: ${result.rows}`);
    console.log(`  stored row_hash:  ${broken.storedHash}`);
    console.log(`  recomputed hash:  ${broken.recomputedHash}`);
    console.log(`  stored prev_hash: ${broken.storedPrevHash}`);
    console.log(`  expected prev:    ${broken.expectedPrevHash}`);
    return 1;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error("audit:verify failed:", error);
    process.exitCode = 2;
  },
);
