import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { startSimulator } from "@/simulator/server";

/**
 * The trainer console's routes in training mode against the real Spine simulator over loopback
 * HTTP (its control API): scenarios, faults and reset land in the simulator and in the audit trail;
 * a clinician is refused; and training's guard refuses a non-synthetic NHS number before anything
 * reaches Spine (the simulator's message log is unchanged).
 */
const simulator = await startSimulator({ store: { inMemory: true }, config: { controlEnabled: true } });
const APP_BASE_URL = "http://127.0.0.1:3998";
Object.assign(process.env, {
  LR_MODE: "training",
  APP_BASE_URL,
  SESSION_PASSWORD: "training-console-session-password-0123456789abcdef",
  APP_DB_IN_MEMORY: "1",
  LOG_LEVEL: "silent",
  SPINE_BASE_URL: simulator.url,
  TRAINING_SIMULATOR_URL: simulator.url,
  PDS_BASE_URL: `${simulator.url}/personal-demographics/FHIR/R4`,
  SPINE_ASYNC_WAIT_MS: "0",
  CIS2_ISSUER: "http://127.0.0.1:9/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare",
});

const { getDb } = await import("@/server/db/client");
const { callRoute, sessionCookieFor } = await import("@/tests/support/route-call");
const { decideRolePermissions } = await import("@/lib/rbac/role-permissions");
const { findPersona } = await import("@/lib/personas");
const resetRoute = await import("@/app/api/training/reset/route");
const scenarioRoute = await import("@/app/api/training/scenarios/[scenarioId]/route");
const faultsRoute = await import("@/app/api/training/faults/route");
const faultRoute = await import("@/app/api/training/faults/[faultId]/route");
const patientLrsRoute = await import("@/app/api/patients/[nhsNumber]/lrs/route");
const { loadTrainingConsole } = await import("@/server/training/training-console");
const { trainingNotices } = await import("@/server/training/training-notices");

afterAll(async () => {
  await simulator.close();
});

async function cookieFor(uid: string): Promise<string> {
  const persona = findPersona(uid)!;
  const role = persona.roles[0]!;
  const { permissions } = decideRolePermissions({ roleCode: role.role_code, activityCodes: role.activity_codes });
  return sessionCookieFor({
    sub: persona.uid,
    roleProfileId: role.person_roleid,
    permissions,
    activityCodes: role.activity_codes,
    userName: persona.given_name,
  });
}

const TRAINER = await cookieFor("900000000008");
const CLINICIAN = await cookieFor("900000000001");

const call = (handler: unknown, cookie: string, method: string, path: string, body?: unknown, params: Record<string, string> = {}) =>
  callRoute(handler, { appBaseUrl: APP_BASE_URL, cookie, method, path, body, params });

async function simulatorFaults(): Promise<
  { id: number; spec: { match?: { nhsNumber?: string }; fault: { kind: string; delayMs?: number } } }[]
> {
  return ((await (await fetch(`${simulator.url}/_control/faults`)).json()) as { armed: never[] }).armed;
}
async function simulatorMessageCount(): Promise<number> {
  return ((await (await fetch(`${simulator.url}/_control/messages?limit=1000`)).json()) as { messages: unknown[] }).messages.length;
}
async function auditActions(): Promise<string[]> {
  const { db } = await getDb();
  return (await db.selectFrom("audit_events").select("action").where("action", "like", "training.%").orderBy("id").execute()).map(
    (row) => row.action,
  );
}

beforeEach(async () => {
  await simulator.reset();
});

describe("trainer console routes (training mode, real simulator)", () => {
  it("loads 'Spine degraded': the simulator's world is reset with a timeout fault for everyone, and trainees are told", async () => {
    const loaded = await call(scenarioRoute.POST, TRAINER, "POST", "/api/training/scenarios/spine-degraded", undefined, {
      scenarioId: "spine-degraded",
    });
    expect(loaded.status).toBe(200);
    expect(loaded.json.scenario).toBe("spine-degraded");
    const armed = await simulatorFaults();
    expect(armed.map((entry) => entry.spec.fault.kind)).toEqual(["noReply"]);
    expect(armed[0]?.spec.match?.nhsNumber).toBeUndefined();
    const listed = await call(faultsRoute.GET, TRAINER, "GET", "/api/training/faults");
    expect(listed.json.faults).toEqual([{ id: armed[0]!.id, fault: { kind: "timeout" } }]);
    const notices = await trainingNotices();
    expect(notices?.exercise).toBe("Spine degraded");
    expect(notices?.notices.join(" ")).toMatch(/Spine is not answering/);
    const console = await loadTrainingConsole();
    expect(console.exercise?.scenarioId).toBe("spine-degraded");
    expect(console.exercise?.steps.length).toBeGreaterThan(0);
    expect(console.exercise?.steps.every((step) => step.doneAt === null)).toBe(true);
  });

  it("switches a slow-reply fault on for one patient and off again; reset clears every fault; each is audited", async () => {
    const before = (await auditActions()).length;
    const on = await call(faultsRoute.POST, TRAINER, "POST", "/api/training/faults", {
      kind: "slow",
      latencyMs: 2500,
      nhsNumber: "999 001 0013",
    });
    expect(on.status, JSON.stringify(on.json)).toBe(200);
    const armed = await simulatorFaults();
    expect(armed).toHaveLength(1);
    expect(armed[0]?.spec).toMatchObject({ match: { nhsNumber: "9990010013" }, fault: { kind: "delay", delayMs: 2500 } });
    const notices = await trainingNotices();
    expect(notices?.notices).toContain("Spine is slow in this exercise for patient 999 001 0013: replies take 2.5 seconds.");

    const off = await call(faultRoute.DELETE, TRAINER, "DELETE", `/api/training/faults/${armed[0]!.id}`, undefined, {
      faultId: String(armed[0]!.id),
    });
    expect(off.status).toBe(200);
    expect(await simulatorFaults()).toEqual([]);

    await call(faultsRoute.POST, TRAINER, "POST", "/api/training/faults", { kind: "soapFault" });
    expect(await simulatorFaults()).toHaveLength(1);
    const reset = await call(resetRoute.POST, TRAINER, "POST", "/api/training/reset");
    expect(reset.status, JSON.stringify(reset.json)).toBe(200);
    expect(await simulatorFaults()).toEqual([]);
    expect((await auditActions()).slice(before)).toEqual([
      "training.fault-on",
      "training.fault-off",
      "training.fault-on",
      "training.reset",
    ]);
  });

  it("refuses a bad fault clearly and arms nothing: slow without a latency, a latency out of range, a non-synthetic patient", async () => {
    for (const body of [
      { kind: "slow" },
      { kind: "slow", latencyMs: 10 },
      { kind: "timeout", nhsNumber: "0000000000" },
      { kind: "explode" },
    ]) {
      const refused = await call(faultsRoute.POST, TRAINER, "POST", "/api/training/faults", body);
      expect(refused.status, JSON.stringify(body)).toBe(422);
      expect(refused.json.error?.code).toBe("invalid_input");
    }
    expect(await simulatorFaults()).toEqual([]);
  });

  it("a clinician is refused every console route (403) and nothing changes in the simulator", async () => {
    for (const [handler, method, path, params] of [
      [resetRoute.POST, "POST", "/api/training/reset", {}],
      [scenarioRoute.POST, "POST", "/api/training/scenarios/spine-degraded", { scenarioId: "spine-degraded" }],
      [faultsRoute.GET, "GET", "/api/training/faults", {}],
      [faultsRoute.POST, "POST", "/api/training/faults", {}],
      [faultRoute.DELETE, "DELETE", "/api/training/faults/1", { faultId: "1" }],
    ] as const) {
      const refused = await call(handler, CLINICIAN, method, path, method === "POST" ? { kind: "timeout" } : undefined, params);
      expect(refused.status, `${method} ${path}`).toBe(403);
    }
    expect(await simulatorFaults()).toEqual([]);
  });
});

describe("training accepts only synthetic NHS numbers, before any Spine call", () => {
  it("a self-claim for 0000000000 (valid check digit, not synthetic) is refused and Spine receives nothing", async () => {
    const before = await simulatorMessageCount();
    const refused = await call(
      patientLrsRoute.POST,
      CLINICIAN,
      "POST",
      "/api/patients/0000000000/lrs",
      { lrType: "08", accessReasonCode: "01", accessReasonText: "Seen in clinic", subject: { kind: "self" }, idempotencyKey: randomUUID() },
      { nhsNumber: "0000000000" },
    );
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.json.error)).toMatch(/Enter a synthetic NHS number, from 999 000 0000 to 999 999 9999/);
    const query = await call(patientLrsRoute.GET, CLINICIAN, "GET", "/api/patients/0000000000/lrs", undefined, {
      nhsNumber: "0000000000",
    });
    expect(query.status).toBe(422);
    expect(await simulatorMessageCount()).toBe(before);
  });
});
