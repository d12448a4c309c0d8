import pino from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors/app-error";
import { buildReply, parseRequest } from "@/lib/hl7";
import { syntheticNhsNumber } from "@/lib/nhs/nhs-number";
import { openStore, type Store } from "@/lib/store/open-store";
import { appMigrations } from "@/server/db/migrations";
import { findByMessageId } from "@/server/db/outbox";
import type { Database } from "@/server/db/schema";
import { confirmLr } from "@/server/lr/interactions/confirm-lr";
import { createLegitimateRelationship } from "@/server/lr/interactions/create-legitimate-relationship";
import type { LrContext } from "@/server/lr/lr-context";
import { replyTo, type ScriptedSpine, startScriptedSpine, testSpineOptions } from "@/server/spine/scripted-spine.fixture";
import { createSpineRuntime } from "@/server/spine/spine-runtime";

// MHS adaptor mode: POST / with the adaptor's headers and a JSON {payload}; a scripted adaptor on 127.0.0.1.
process.env.APP_DB_IN_MEMORY = "1";

const log = pino({ level: "silent" });
const patient = syntheticNhsNumber(4);
let store: Store<Database>;
let mhs: ScriptedSpine;

beforeAll(async () => {
  store = await openStore<Database>({ name: "app", inMemory: true, migrations: appMigrations });
  mhs = await startScriptedSpine();
});

afterEach(() => {
  mhs.received.length = 0;
});

afterAll(async () => {
  await mhs?.close();
  await store?.close();
});

function ctx(asyncWaitMs = 2000): LrContext {
  const rt = createSpineRuntime({
    store,
    options: testSpineOptions({ transport: "mhs", mhsUrl: mhs.url, baseUrl: "http://127.0.0.1:1", asyncWaitMs }),
    log,
  });
  return { userId: "900000000101", roleProfileId: "900000000201", orgCode: "ZZH", jobRoleCode: "R8000", log, spine: rt };
}

describe("MHS adaptor transport", () => {
  it("sends an update as JSON {payload} with the adaptor headers and uses the 200 reply", async () => {
    mhs.setScript(({ document }) => ({
      status: 200,
      body: buildReply(replyTo(document!.request, "REPC_IN020000UK13", { lrId: "LR0000000000000060AB" })),
    }));
    const result = await createLegitimateRelationship(ctx(), { nhsNumber: patient, lrType: "01" });
    expect(result).toMatchObject({ state: "confirmed", lrId: "LR0000000000000060AB" });
    const [sent] = mhs.received;
    expect(sent?.path).toBe("/");
    expect(sent?.headers).toMatchObject({
      "content-type": "application/json",
      "interaction-id": "REPC_IN010000UK15",
      "wait-for-response": "true",
      "message-id": result.messageId,
      "correlation-id": result.messageId,
    });
    expect(sent?.headers["from-asid"]).toBeUndefined(); // sync workflow only
    const payload = (JSON.parse(sent!.body) as { payload: string }).payload;
    expect(parseRequest(payload).header.messageId).toBe(result.messageId);
    expect((await findByMessageId(store.db, result.messageId))?.state).toBe("confirmed");
  });

  it("sends from-asid for a sync interaction", async () => {
    mhs.setScript(({ document }) => ({
      status: 200,
      body: buildReply(replyTo(document!.request, "QUPC_IN030000UK14", { lrExists: true })),
    }));
    const result = await confirmLr(ctx(), { nhsNumber: patient });
    expect(result.lrExists).toBe(true);
    expect(mhs.received[0]?.headers).toMatchObject({ "interaction-id": "QUPC_IN010000UK32", "from-asid": "900000000001" });
  });

  it("a 500 with the adaptor's JSON error list is a typed failure, not a success", async () => {
    mhs.setScript(() => ({
      status: 500,
      contentType: "application/json",
      body: JSON.stringify({
        error_message: "Error(s) received from Spine",
        process_key: "SPINE_ERROR",
        errors: [
          {
            codeContext: "urn:nhs:names:error:tms",
            errorCode: 200,
            severity: "Error",
            description: "System failure to process message - default",
            errorType: "soap_fault",
          },
        ],
      }),
    }));
    try {
      await createLegitimateRelationship(ctx(), { nhsNumber: patient, lrType: "01" });
      expect.unreachable();
    } catch (error) {
      if (!isAppError(error)) throw error;
      expect(error.code).toBe("spine_unavailable");
      expect((await findByMessageId(store.db, error.reference!))?.state).toBe("failed");
    }
    expect(mhs.received).toHaveLength(1); // the adaptor already retried; we do not
  });

  it("a 202 (accepted, reply to the adaptor's queue) leaves the operation pending", async () => {
    mhs.setScript(() => ({ status: 202 }));
    const result = await createLegitimateRelationship(ctx(50), { nhsNumber: patient, lrType: "01" });
    expect(result.state).toBe("pending");
    expect((await findByMessageId(store.db, result.messageId))?.state).toBe("sent");
  });
});
