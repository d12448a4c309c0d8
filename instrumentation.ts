/**
 * Runs once when the Next.js server starts: opens the store and starts the Spine outbox worker, so
 * messages left pending by a previous run are re-sent at boot rather than on first use.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getSpineRuntime } = await import("@/server/spine/default-runtime");
  const { logger } = await import("@/server/log/logger");
  try {
    await getSpineRuntime();
  } catch (error) {
    // The app still serves pages (health reports the store as down); the worker starts on first use.
    logger.error({ err: error }, "could not start the Spine runtime at boot");
  }
}
