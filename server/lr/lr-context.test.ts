import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors/app-error";
import { buildRequest, type Hl7Request, validateRequest } from "@/lib/hl7";
import { SAMPLE_REQUESTS } from "@/lib/hl7/fixtures/samples";
import { openStore, type Store } from "@/lib/store/open-store";
import type { ActiveSession } from "@/server/auth/session-record";
import { signedInUserFrom } from "@/server/auth/signed-in-user";
import { appMigrations } from "@/server/db/migrations";
import type { Database } from "@/server/db/schema";
import { lrContextFor, newMessageHeader } from "@/server/lr/lr-context";
import { testSpineOptions } from "@/server/spine/scripted-spine.fixture";
import { createSpineRuntime } from "@/server/spine/spine-runtime";

/** The job role Spine is told (docs/domain.md §2.4, §6.1): CIS2's whole role_code, never an invented one. */
const log = pino({ level: "silent" });
let store: Store<Database>;
beforeAll(async () => {
  store = await openStore<Database>({ name: "app", inMemory: true, migrations: appMigrations });
}, 60_000);
afterAll(async () => {
  await store?.close();
});

function session(roleCode: string | undefined): ActiveSession {
  const at = new Date("2026-01-01T09:00:00Z");
  return {
    sessionId: "s-1",
    sub: "900000000001",
    sid: null,
    roleProfileId: "900000000101",
    role: { roleProfileId: "900000000101", orgCode: "ZZH", activityCodes: ["B0264"], ...(roleCode === undefined ? {} : { roleCode }) },
    permissions: [],
    createdAt: at,
    lastSeenAt: at,
    expiresAt: new Date(at.getTime() + 3_600_000),
  };
}

describe("the clinician's job role on Spine messages", () => {
  it("writes the full CIS2 role_code in ControlActEvent/author/part/partSDSRole/id, and the request passes Spine's rules", () => {
    const ctx = lrContextFor(signedInUserFrom(session("S8000:G8000:R8000")), log);
    expect(ctx.jobRoleCode).toBe("S8000:G8000:R8000");
    const spine = createSpineRuntime({ store, options: testSpineOptions(), log });
    const sample = SAMPLE_REQUESTS.find((request) => request.interactionId === "REPC_IN010000UK15") as Hl7Request;
    const xml = buildRequest({ ...sample, header: newMessageHeader(ctx, spine, "REPC_IN010000UK15") } as Hl7Request);
    expect(xml).toMatch(/<partSDSRole classCode="ROL"><id root="1\.2\.826\.0\.1285\.0\.2\.1\.104" extension="S8000:G8000:R8000"\/>/);
    expect(validateRequest(xml, { envelope: "if-present" })).toEqual([]);
  });

  it.each([
    ["no role code", undefined],
    ["a blank role code", "  "],
  ])("refuses to act for a role with %s rather than inventing one", (_label, roleCode) => {
    const clinician = signedInUserFrom(session(roleCode));
    expect(clinician.jobRoleCode).toBeUndefined();
    let thrown: unknown;
    try {
      lrContextFor(clinician, log);
    } catch (error) {
      thrown = error;
    }
    expect(isAppError(thrown) && thrown.code).toBe("forbidden");
  });
});
