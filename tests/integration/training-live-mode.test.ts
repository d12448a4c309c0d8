import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * Live mode, the other way round: a synthetic NHS number is refused before anything is sent (Spine
 * is configured at an address that cannot answer, so only a refusal made first can come back as
 * 422), and the trainer's tools do not exist — their routes answer 404 even for a trainer, and the
 * console's server functions refuse.
 */
const APP_BASE_URL = "https://lr.example.nhs.uk";
Object.assign(process.env, {
  LR_MODE: "live",
  APP_BASE_URL,
  SESSION_PASSWORD: "live-mode-guards-session-password-0123456789abcdef",
  APP_DB_IN_MEMORY: "1",
  LOG_LEVEL: "silent",
  SPINE_BASE_URL: "https://spine.example.invalid",
  PDS_BASE_URL: "https://pds.example.invalid/personal-demographics/FHIR/R4",
  SPINE_ASYNC_WAIT_MS: "0",
  SPINE_INBOUND_AUTH_HEADER: "x-client-verify",
  SPINE_INBOUND_AUTH_VALUE: "SUCCESS",
  CIS2_CLIENT_PRIVATE_JWK: "{}",
  SPINE_ROUTES_FILE: fileURLToPath(new URL("../../lib/config/spine-routes.json", import.meta.url)),
  CIS2_ISSUER: "https://cis2.example.invalid/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare",
});

const { getDb } = await import("@/server/db/client");
const { callRoute, sessionCookieFor } = await import("@/tests/support/route-call");
const { PERMISSIONS } = await import("@/lib/rbac/permission-names");
const { config } = await import("@/server/config");
const patientLrsRoute = await import("@/app/api/patients/[nhsNumber]/lrs/route");
const resetRoute = await import("@/app/api/training/reset/route");
const faultsRoute = await import("@/app/api/training/faults/route");
const { loadTrainingConsole } = await import("@/server/training/training-console");
const { listTraineeMessages } = await import("@/server/training/trainee-messages");
const { trainingNotices } = await import("@/server/training/training-notices");

const { db } = await getDb();
const COOKIE = await sessionCookieFor({ sub: "900000000098", roleProfileId: "900000000998", permissions: PERMISSIONS });
const call = (handler: unknown, method: string, path: string, body?: unknown, params: Record<string, string> = {}) =>
  callRoute(handler, { appBaseUrl: APP_BASE_URL, cookie: COOKIE, method, path, body, params });

describe("live mode refuses synthetic data and has no trainer's tools", () => {
  it("runs in live mode (sanity: the guards below are live mode's)", () => {
    expect(config().LR_MODE).toBe("live");
  });

  it("a self-claim and a query for a synthetic NHS number are refused before any Spine call", async () => {
    const claim = await call(
      patientLrsRoute.POST,
      "POST",
      "/api/patients/9990010013/lrs",
      { lrType: "08", accessReasonCode: "01", accessReasonText: "Seen in clinic", subject: { kind: "self" }, idempotencyKey: randomUUID() },
      { nhsNumber: "9990010013" },
    );
    expect(claim.status).toBe(422);
    expect(claim.json.error?.fields?.nhsNumber).toBe("Enter the patient's real NHS number");
    const query = await call(patientLrsRoute.GET, "GET", "/api/patients/9990010013/lrs", undefined, { nhsNumber: "9990010013" });
    expect(query.status).toBe(422);
    const outbox = await db.selectFrom("outbox").select("message_id").execute();
    expect(outbox).toEqual([]);
  });

  it("the console's routes answer 404 even with every permission, and its server functions refuse", async () => {
    expect((await call(resetRoute.POST, "POST", "/api/training/reset")).status).toBe(404);
    expect((await call(faultsRoute.GET, "GET", "/api/training/faults")).status).toBe(404);
    expect((await call(faultsRoute.POST, "POST", "/api/training/faults", { kind: "timeout" })).status).toBe(404);
    await expect(loadTrainingConsole()).rejects.toMatchObject({ code: "not_found" });
    await expect(listTraineeMessages()).rejects.toMatchObject({ code: "not_found" });
    expect(await trainingNotices()).toBeNull();
  });
});
