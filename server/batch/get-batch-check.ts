import "server-only";
import type { BatchCheckList, BatchCheckStatus } from "@/lib/schemas/batch-checks";
import { listBatchChecksOf } from "@/server/db/batch-checks";
import { findByMessageId } from "@/server/db/outbox";
import { type LrContext, ownerOf, runtimeOf } from "@/server/lr/lr-context";
import { batchCheckStatus, ownedBatchCheck, progressOf } from "./batch-check-record";
import { ensureBatchWorker } from "./batch-worker";
import { isBatchCheckRunning, runBatchCheck } from "./run-batch-check";

/**
 * A batch check's progress and summary, for its owner (the page polls it; a reload or a second
 * tab finds the same check). A check left open by a stopped app is picked up again here too, so
 * looking at it is enough to resume it.
 */
export async function getBatchCheck(ctx: LrContext, id: string): Promise<BatchCheckStatus> {
  const { rt, check } = await ownedBatchCheck(ctx, id);
  ensureBatchWorker(rt);
  if (check.state === "ready" || check.state === "failed") return batchCheckStatus(check);
  const message = check.spine_message_id ? await findByMessageId(rt.store.db, check.spine_message_id) : undefined;
  if (!isBatchCheckRunning(rt, check.id)) {
    const run = runBatchCheck(rt, check.id);
    // A failure is quick to record: show it now rather than on the next poll.
    if (message?.state === "failed") {
      await run;
      const { check: after } = await ownedBatchCheck(ctx, id);
      return batchCheckStatus(after, progressOf(after, message));
    }
  }
  return batchCheckStatus(check, progressOf(check, message));
}

/** The user's checks still within their retention time, newest first. */
export async function listBatchChecks(ctx: LrContext): Promise<BatchCheckList> {
  const rt = await runtimeOf(ctx);
  ensureBatchWorker(rt);
  const checks = await listBatchChecksOf(rt.store.db, ownerOf(ctx), rt.now());
  return { checks: checks.map((check) => batchCheckStatus(check)) };
}
