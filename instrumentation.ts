/**
 * Runs once when the Next.js server starts: opens the store and starts the Spine outbox worker, so
 * messages left pending by a previous run are re-sent at boot rather than on first use; in
 * training mode, seeds the privacy-officer backlog into an empty alerts table.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getSpineRuntime } = await import("@/server/spine/default-runtime");
  const { logger } = await import("@/server/log/logger");
  try {
    const runtime = await getSpineRuntime();
    // Batch checks left open by a previous run are resumed (or failed clearly) at boot, and expired ones deleted.
    (await import("@/server/batch/batch-worker")).ensureBatchWorker(runtime);
    const { config } = await import("@/server/config");
    if (config().LR_MODE === "training") {
      const { seedAlertBacklog } = await import("@/server/alerts/seed-alert-backlog");
      await seedAlertBacklog(runtime.store.db, new Date());
    }
  } catch (error) {
    // The app still serves pages (health reports the store as down); the worker starts on first use.
    logger.error({ err: error }, "could not start the Spine runtime at boot");
  }
}
