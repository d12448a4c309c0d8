import http from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppError, isAppError } from "@/lib/errors/app-error";
import { asNhsNumber } from "@/lib/nhs/nhs-number";
import { openStore, type Store } from "@/lib/store/open-store";
import { appMigrations } from "@/server/db/migrations";
import type { Database } from "@/server/db/schema";
import type { LrContext } from "@/server/lr/lr-context";
import { readPdsPatient } from "@/server/pds/read-pds-patient";
import { testSpineOptions } from "@/server/spine/scripted-spine.fixture";
import { createSpineRuntime } from "@/server/spine/spine-runtime";
import notable from "@/simulator/data/notable-patients.json";
import { startTestRig, type TestRig } from "@/simulator/test-support/test-simulator";
import { checkRelationship } from "./check-relationship";
import { rowFromComplete, rowFromSimple } from "./lr-rows-from-spine";

/**
 * The patient journeys' server side against the real Spine simulator on 127.0.0.1: PDS reads for
 * the banner, Spine's confirm query for "your relationship", and Spine being down.
 */
process.env.APP_DB_IN_MEMORY = "1";
const log = pino({ level: "silent" });
const nhs = (key: string) => asNhsNumber(notable.patients.find((p) => p.key === key)?.nhsNumber ?? "");
let rig: TestRig;
let store: Store<Database>;

beforeAll(async () => {
  store = await openStore<Database>({ name: "app", inMemory: true, migrations: appMigrations });
  rig = await startTestRig();
});
afterAll(async () => {
  await rig?.close();
  await store?.close();
});

function ctxFor(baseUrl: string, roleProfileId: string, userId: string): LrContext {
  const spine = createSpineRuntime({ store, options: testSpineOptions({ baseUrl, timeScale: 0.05 }), log });
  return { userId, roleProfileId, orgCode: "ZZH", jobRoleCode: "R8000", log, spine };
}

async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("PDS read for the patient banner", () => {
  const pds = () => `${rig.simulator.url}/personal-demographics/FHIR/R4`;
  it("reads name, birth date and NHS number", async () => {
    const patient = await readPdsPatient(nhs("manyLrs"), { baseUrl: pds() });
    expect(patient.nhsNumber).toBe(nhs("manyLrs"));
    expect(patient.familyName).toMatch(/^[A-Z]+$/);
    expect(patient.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(patient.deceasedAt).toBeUndefined();
  });
  it("marks the deceased patient", async () => {
    expect((await readPdsPatient(nhs("deceased"), { baseUrl: pds() })).deceasedAt).toBe("2024-11-03T06:40:00Z");
  });
  it("says not_found for a valid number PDS does not know, and upstream_unavailable when PDS is down", async () => {
    await expect(readPdsPatient(nhs("notInPds"), { baseUrl: pds() })).rejects.toMatchObject({ code: "not_found" });
    const port = await closedPort();
    await expect(readPdsPatient(nhs("manyLrs"), { baseUrl: `http://127.0.0.1:${port}` })).rejects.toMatchObject({
      code: "upstream_unavailable",
    });
  });
});

describe("your relationship with this patient (confirm query)", () => {
  it("is true for the GP's own LR and false for a patient with none", async () => {
    const gp = ctxFor(rig.simulator.url, "900000000101", "900000000001");
    expect((await checkRelationship(gp, nhs("gpActive"))).hasLr).toBe(true);
    expect((await checkRelationship(gp, nhs("noLrs"))).hasLr).toBe(false);
  });
  it("is true through the nurse's workgroup", async () => {
    const nurse = ctxFor(rig.simulator.url, "900000000201", "900000000002");
    const answer = await checkRelationship(nurse, nhs("workgroupOnly"));
    expect(answer.hasLr).toBe(true);
    expect(answer.reference).toMatch(/^[0-9A-F-]{36}$/);
  });
  it("Spine down: a spine_unavailable error a person can act on, with the message reference", async () => {
    const port = await closedPort();
    const down = ctxFor(`http://127.0.0.1:${port}`, "900000000101", "900000000001");
    const error = (await checkRelationship(down, nhs("gpActive")).catch((e: unknown) => e)) as AppError;
    expect(isAppError(error)).toBe(true);
    expect(error.code).toBe("spine_unavailable");
    expect(error.reference).toMatch(/^[0-9A-F-]{36}$/);
  });
});

describe("LR rows from Spine's lists", () => {
  const viewer = { roleProfileId: "900000000201", workgroupIds: ["900000000501"] };
  it("names the subject from the viewer's point of view", () => {
    const mine = rowFromSimple(
      {
        lrId: "L1",
        code: { code: "08" },
        effectiveTime: "20240101120000",
        subject: { kind: "user", roleProfileId: "900000000201", userId: "900000000002" },
      },
      viewer,
    );
    expect(mine).toMatchObject({
      typeName: "Self Claimed Relationship",
      startDate: "2024-01-01",
      subject: { kind: "me", label: "You", mine: true },
    });
    const team = rowFromSimple(
      { lrId: "L2", code: { code: "06" }, subject: { kind: "workgroup", workgroupId: "900000000501", workgroupName: "SYNTH ED NURSES" } },
      viewer,
    );
    expect(team.subject).toEqual({
      kind: "workgroup",
      label: "SYNTH ED NURSES (your workgroup)",
      mine: true,
      workgroupName: "SYNTH ED NURSES",
      workgroupId: "900000000501",
    });
  });

  it("names other people and unnamed workgroups from the directory, and says 'Name not available' where it could not", () => {
    const named = {
      ...viewer,
      names: { users: new Map([["900000000001", "Alex SYNTHGP"]]), workgroups: new Map([["900000000503", "SYNTH GP PARTNERS"]]) },
    };
    const other = (userId: string) =>
      rowFromSimple({ lrId: "L3", code: { code: "08" }, subject: { kind: "user", roleProfileId: "900000000101", userId } }, named).subject;
    expect(other("900000000001")).toEqual({ kind: "user", label: "Alex SYNTHGP", mine: false, userId: "900000000001" });
    expect(other("900000000003").label).toBe("Name not available (user 900000000003)");
    const workgroup = (workgroupId: string) =>
      rowFromSimple({ lrId: "L4", code: { code: "06" }, subject: { kind: "workgroup", workgroupId } }, named).subject.label;
    expect(workgroup("900000000503")).toBe("SYNTH GP PARTNERS");
    expect(workgroup("900000000504")).toBe("Name not available (workgroup 900000000504)");
  });
  it("reads status, dates, author, last change and access reason from the complete list", () => {
    const row = rowFromComplete(
      {
        lrId: "L3",
        code: { code: "frozen" },
        reasonCode: { code: "08" },
        effectiveTime: { low: "20230120221500" },
        subject: { kind: "user", roleProfileId: "900000000101", userId: "900000000001" },
        author: { kind: "system", asid: "990000000001" },
        statusChange: {
          reasonCode: { code: "04", displayName: "Timed out through lack of use (Freeze)" },
          author: { kind: "system", asid: "990000000001" },
        },
        accessReason: { code: { code: "04" }, text: "ED attendance" },
      },
      viewer,
    );
    expect(row).toMatchObject({
      status: "frozen",
      startDate: "2023-01-20",
      author: "System (ASID 990000000001)",
      lastChange: { reason: "Timed out through lack of use (Freeze)" },
      accessReason: "Best interests of patient: ED attendance",
      subject: { kind: "user", mine: false },
    });
  });
});
