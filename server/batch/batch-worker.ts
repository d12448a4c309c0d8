import "server-only";
import { listOpenBatchChecks } from "@/server/db/batch-checks";
import type { SpineRuntime } from "@/server/spine/spine-runtime";
import { deleteExpiredBatchChecks } from "./delete-expired-batch-checks";
import { isBatchCheckRunning, runBatchCheck } from "./run-batch-check";

/**
 * Keeps batch checks moving when nobody is watching: at start-up and then every few seconds it
 * resumes every open check this process is not already running (one left behind by a stopped
 * app resumes, or fails clearly once its Spine message has expired), and about once a minute it
 * deletes checks past their retention time.
 */
const RESUME_EVERY_MS = 5_000;
const DELETE_EVERY_MS = 60_000;

/** Start (or join) the runs of every open check; resolves when those runs have settled. */
export async function resumeOpenBatchChecks(rt: SpineRuntime): Promise<string[]> {
  const open = await listOpenBatchChecks(rt.store.db);
  const resumed = open.filter((check) => !isBatchCheckRunning(rt, check.id));
  await Promise.all(resumed.map((check) => runBatchCheck(rt, check.id)));
  return resumed.map((check) => check.id);
}

const workers = new WeakMap<SpineRuntime, NodeJS.Timeout>();

export function ensureBatchWorker(rt: SpineRuntime): void {
  if (!rt.autoStartWorker || workers.has(rt)) return;
  let lastDelete = 0;
  const tick = () => {
    void resumeOpenBatchChecks(rt).catch((error: unknown) => rt.log.error({ err: error }, "batch worker could not resume checks"));
    if (Date.now() - lastDelete >= DELETE_EVERY_MS) {
      lastDelete = Date.now();
      void deleteExpiredBatchChecks(rt).catch((error: unknown) =>
        rt.log.error({ err: error }, "batch worker could not delete expired checks"),
      );
    }
  };
  const timer = setInterval(tick, RESUME_EVERY_MS);
  timer.unref();
  workers.set(rt, timer);
  tick();
}

export function stopBatchWorker(rt: SpineRuntime): void {
  const timer = workers.get(rt);
  if (timer) clearInterval(timer);
  workers.delete(rt);
}
