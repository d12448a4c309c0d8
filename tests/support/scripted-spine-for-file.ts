import { afterAll, afterEach, beforeAll } from "vitest";
import { POST as inboundPost } from "@/app/api/spine/inbound/route";
import { openStore, type Store } from "@/lib/store/open-store";
import { appMigrations } from "@/server/db/migrations";
import type { Database } from "@/server/db/schema";
import { setSpineRuntime } from "@/server/spine/default-runtime";
import { type ScriptedSpine, serveRouteHandler, startScriptedSpine } from "@/server/spine/scripted-spine.fixture";
import { lateBound } from "./late-bound";
import { testSpineInboundCredential } from "./spine-inbound-credential";

export interface ScriptedSpineFile {
  /** The BFF's store, in memory, one for the file. */
  store: Store<Database>;
  spine: ScriptedSpine;
  /** The BFF's real inbound route handler, served over HTTP on 127.0.0.1. */
  inbound: { url: string; close(): Promise<void> };
  /** Headers a caller of the inbound route must send (the scripted Spine sends them on its replies). */
  inboundAuthHeaders: Record<string, string>;
}

/**
 * A scripted Spine on 127.0.0.1 whose async replies go to the BFF's real inbound route, for one
 * test file. After each test, once Spine's replies have landed, its record of what it received
 * and delivered is emptied; after the file everything closes and the default runtime is unset.
 */
export function scriptedSpineForFile(): ScriptedSpineFile {
  const credential = testSpineInboundCredential();
  let store: Store<Database> | undefined;
  let spine: ScriptedSpine | undefined;
  let inbound: ScriptedSpineFile["inbound"] | undefined;

  beforeAll(async () => {
    store = await openStore<Database>({ name: "app", inMemory: true, migrations: appMigrations });
    spine = await startScriptedSpine();
    inbound = await serveRouteHandler(inboundPost);
    spine.setInboundUrl(`${inbound.url}/api/spine/inbound`, credential.headers);
  });

  afterEach(async () => {
    if (!spine) return;
    await spine.settled();
    spine.received.length = 0;
    spine.inboundDeliveries.length = 0;
  });

  afterAll(async () => {
    setSpineRuntime(undefined);
    await spine?.close();
    await inbound?.close();
    await store?.close();
  });

  return {
    store: lateBound(() => store, "the file's store"),
    spine: lateBound(() => spine, "the scripted Spine"),
    inbound: lateBound(() => inbound, "the inbound route host"),
    inboundAuthHeaders: credential.headers,
  };
}
