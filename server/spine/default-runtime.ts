import "server-only";
import { config } from "@/server/config";
import { getDb } from "@/server/db/client";
import { logger } from "@/server/log/logger";
import { ensureOutboxWorker } from "./outbox-worker";
import { spineOptionsFromConfig } from "./spine-options";
import { createSpineRuntime, type SpineRuntime } from "./spine-runtime";
import { readTlsFiles } from "./tls-agent";

/**
 * The process-wide Spine runtime from configuration and the shared store. Kept on globalThis so
 * Next's dev reload reuses it (and its one outbox worker) instead of starting another.
 */
const RUNTIME_KEY = Symbol.for("lr-manager.spine-runtime");
type GlobalWithRuntime = typeof globalThis & { [RUNTIME_KEY]?: Promise<SpineRuntime> };

export function getSpineRuntime(): Promise<SpineRuntime> {
  const holder = globalThis as GlobalWithRuntime;
  const existing = holder[RUNTIME_KEY];
  if (existing) return existing;
  const creating = (async () => {
    const c = config();
    const tls = readTlsFiles({ certFile: c.SPINE_TLS_CERT_FILE, keyFile: c.SPINE_TLS_KEY_FILE, caFile: c.SPINE_TLS_CA_FILE });
    const store = await getDb();
    const runtime = createSpineRuntime({
      store,
      options: spineOptionsFromConfig(c, tls),
      log: logger.child({ component: "spine" }),
      autoStartWorker: true,
    });
    // Any first use (a request, an inbound reply, a status poll) starts the re-sender.
    ensureOutboxWorker(runtime);
    return runtime;
  })();
  holder[RUNTIME_KEY] = creating;
  creating.catch(() => {
    if (holder[RUNTIME_KEY] === creating) delete holder[RUNTIME_KEY];
  });
  return creating;
}

/** Install a runtime (tests that call the route handlers, or an embedding process). */
export function setSpineRuntime(runtime: SpineRuntime | undefined): void {
  const holder = globalThis as GlobalWithRuntime;
  if (runtime) holder[RUNTIME_KEY] = Promise.resolve(runtime);
  else delete holder[RUNTIME_KEY];
}
