import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors/app-error";
import { openStore, type Store } from "@/lib/store/open-store";
import { findByMessageId } from "@/server/db/outbox";
import { appMigrations } from "@/server/db/migrations";
import type { Database } from "@/server/db/schema";
import { logger } from "@/server/log/logger";
import { changeLrStatus } from "@/server/lr/change-lr-status";
import { confirmLr } from "@/server/lr/confirm-lr";
import { createLegitimateRelationship } from "@/server/lr/create-legitimate-relationship";
import { getPatientLrs } from "@/server/lr/get-patient-lrs";
import type { LrContext } from "@/server/lr/lr-context";
import { setSpineRuntime } from "@/server/spine/default-runtime";
import { serveRouteHandler, testSpineOptions } from "@/server/spine/scripted-spine.fixture";
import { createSpineRuntime, type SpineRuntime } from "@/server/spine/spine-runtime";
import { type RunningSimulator, startSimulator } from "@/simulator/server";
import { POST as inboundPost } from "@/app/api/spine/inbound/route";

// Interop: the BFF's service API against the project's own Spine simulator over real HTTP, with
// async replies arriving on the real inbound route. Synthetic personas and patients only.
process.env.APP_DB_IN_MEMORY = "1";
logger.level = "silent";

const log = pino({ level: "silent" });
const GP = { userId: "900000000001", roleProfileId: "900000000101", jobRoleCode: "R8000", orgCode: "ZZP001" };
const GP_ACTIVE_PATIENT = "9990010048";
const NO_LRS_PATIENT = "9990010013";

let store: Store<Database>;
let simulator: RunningSimulator;
let inbound: { url: string; close(): Promise<void> };
let rt: SpineRuntime;

beforeAll(async () => {
  store = await openStore<Database>({ name: "app", inMemory: true, migrations: appMigrations });
  inbound = await serveRouteHandler(inboundPost);
  simulator = await startSimulator({
    store: { inMemory: true },
    config: { bffInboundUrl: `${inbound.url}/api/spine/inbound`, async: { replyDelayMs: 20 } },
  });
  rt = createSpineRuntime({
    store,
    options: testSpineOptions({ baseUrl: simulator.url, toAsid: simulator.context.config.spine.asid, spinePartyKey: simulator.context.config.spine.partyKey, timeScale: 0.25 }),
    log,
  });
  setSpineRuntime(rt);
});

afterAll(async () => {
  setSpineRuntime(undefined);
  await simulator?.close();
  await inbound?.close();
  await store?.close();
});

const ctx = (): LrContext => ({ ...GP, log, spine: rt });

describe("against the Spine simulator", () => {
  it("confirm query (sync SOAP) answers true for the GP's seeded LR", async () => {
    const result = await confirmLr(ctx(), { nhsNumber: GP_ACTIVE_PATIENT });
    expect(result.lrExists).toBe(true);
  });

  it("create (async ebXML) → details query shows it → status change closes it", async () => {
    const created = await createLegitimateRelationship(ctx(), { nhsNumber: NO_LRS_PATIENT, lrType: "01" });
    if (created.state !== "confirmed") throw new Error(`expected confirmed, got ${created.state}`);
    expect(created.lrId).toMatch(/^[A-Z0-9]{1,20}$/);
    expect((await findByMessageId(store.db, created.messageId))?.state).toBe("confirmed");

    const lrs = await getPatientLrs(ctx(), { nhsNumber: NO_LRS_PATIENT, detail: "simple" });
    expect(lrs.entries.map((e) => e.lrId)).toContain(created.lrId);

    const closed = await changeLrStatus(ctx(), { nhsNumber: NO_LRS_PATIENT, lrId: created.lrId, reasonCode: "06" });
    expect(closed).toMatchObject({ state: "confirmed", lrId: created.lrId });

    // A closed LR cannot be closed again: Spine's business error, never a success.
    try {
      await changeLrStatus(ctx(), { nhsNumber: NO_LRS_PATIENT, lrId: created.lrId, reasonCode: "06" });
      expect.unreachable();
    } catch (error) {
      if (!isAppError(error)) throw error;
      expect(error.code).toBe("spine_business_error");
    }
  });
});
