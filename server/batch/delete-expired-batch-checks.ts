import "server-only";
import { deleteExpiredBatchChecks as deleteExpired } from "@/server/db/batch-checks";
import type { SpineRuntime } from "@/server/spine/spine-runtime";

/**
 * Retention (BATCH_RESULT_RETENTION_HOURS, default 24 h): a check, its rows (the list as given)
 * and its results are deleted together once its time is up. Run by the batch worker; a check past
 * its time is already hidden from its owner before this runs.
 */
export async function deleteExpiredBatchChecks(rt: SpineRuntime): Promise<number> {
  const deleted = await deleteExpired(rt.store.db, rt.now());
  if (deleted > 0) rt.log.info({ deleted }, "expired batch checks deleted");
  return deleted;
}
