import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isSyntheticNhsNumber } from "@/lib/nhs/nhs-number";
import { personas } from "@/lib/personas";
import faults from "@/simulator/data/faults.json";
import notable from "@/simulator/data/notable-patients.json";
import { seedScenario, UnknownScenarioError } from "@/simulator/seed/seed-world";
import { openSimulatorStore, type SimulatorStore } from "@/simulator/store/open-simulator-store";

let store: SimulatorStore;

beforeAll(async () => {
  store = await openSimulatorStore({ inMemory: true });
});
afterAll(async () => {
  await store.close();
});

async function snapshot() {
  const { db } = store;
  return {
    patients: await db.selectFrom("patients").selectAll().orderBy("nhs_number").execute(),
    lrs: await db.selectFrom("legitimate_relationships").selectAll().orderBy("lr_id").execute(),
    changes: await db.selectFrom("lr_status_changes").selectAll().orderBy("change_id").execute(),
    members: await db.selectFrom("workgroup_members").selectAll().orderBy("workgroup_id").orderBy("role_profile_id").execute(),
  };
}

describe("seeded synthetic world", () => {
  it("is deterministic: the same scenario twice gives identical rows and LR ids", async () => {
    await seedScenario(store.db, "default");
    const first = await snapshot();
    await seedScenario(store.db, "no-lrs");
    expect((await snapshot()).lrs).toHaveLength(0);
    await seedScenario(store.db, "default");
    expect(await snapshot()).toEqual(first);
  });

  it("holds at least 50 synthetic patients with valid Mod 11 numbers and varied ages", async () => {
    await seedScenario(store.db, "default");
    const { patients } = await snapshot();
    expect(patients.length).toBeGreaterThanOrEqual(50);
    for (const patient of patients) expect(isSyntheticNhsNumber(patient.nhs_number)).toBe(true);
    const years = patients.map((patient) => Number(patient.birth_date.slice(0, 4)));
    expect(Math.max(...years) - Math.min(...years)).toBeGreaterThan(60);
    expect(patients.filter((patient) => patient.deceased_at !== null)).toHaveLength(1);
  });

  it("gives the notable patients the LRs their descriptions promise", async () => {
    await seedScenario(store.db, "default");
    const { lrs, patients } = await snapshot();
    const byKey = (key: string) => notable.patients.find((patient) => patient.key === key)?.nhsNumber;
    const lrsOf = (key: string) => lrs.filter((lr) => lr.nhs_number === byKey(key));
    expect(lrsOf("noLrs")).toHaveLength(0);
    const many = lrsOf("manyLrs");
    expect(many.length).toBeGreaterThanOrEqual(10);
    expect(new Set(many.map((lr) => lr.status))).toEqual(new Set(["active", "frozen", "closed"]));
    expect(many.some((lr) => lr.start_time < "2020")).toBe(true);
    expect(lrsOf("deceased").map((lr) => lr.status)).toEqual(["frozen"]);
    expect(lrsOf("selfClaimed")[0]).toMatchObject({ lr_type_code: "08", alert_requested: true });
    expect(new Set(lrs.map((lr) => lr.lr_type_code)).size).toBeGreaterThanOrEqual(5);
    for (const lr of lrs) expect(lr.lr_id).toMatch(/^[A-Z0-9]{1,20}$/);
    for (const entry of notable.patients) {
      const seeded = patients.some((patient) => patient.nhs_number === entry.nhsNumber);
      expect(seeded).toBe(entry.seeded !== false);
    }
  });

  it("takes users, role profiles and workgroups from the personas, with at least three workgroups", async () => {
    await seedScenario(store.db, "default");
    const roleProfiles = await store.db.selectFrom("role_profiles").select("role_profile_id").execute();
    const personaRoles = personas.flatMap((persona) =>
      persona.roles.filter((role) => role.in_sds !== false).map((role) => role.person_roleid),
    );
    expect(roleProfiles.map((row) => row.role_profile_id).sort()).toEqual([...personaRoles].sort());
    const workgroupRows = await store.db.selectFrom("workgroups").selectAll().execute();
    expect(workgroupRows.length).toBeGreaterThanOrEqual(3);
    expect((await snapshot()).members.length).toBeGreaterThan(0);
  });

  it("leaves out of SDS a role CIS2 gives but SDS does not hold (in_sds: false), so the two can disagree", async () => {
    await seedScenario(store.db, "default");
    const notInSds = personas.flatMap((persona) => persona.roles.filter((role) => role.in_sds === false).map((role) => role.person_roleid));
    expect(notInSds).toEqual(["900000000202"]);
    const held = await store.db.selectFrom("role_profiles").select("role_profile_id").where("role_profile_id", "in", notInSds).execute();
    expect(held).toEqual([]);
    const nurse = await store.db.selectFrom("users").select("user_id").where("user_id", "=", "900000000002").execute();
    expect(nurse).toHaveLength(1);
  });

  it("seeds every magic fault number as a PDS patient", async () => {
    await seedScenario(store.db, "default");
    const { patients } = await snapshot();
    for (const fault of faults.faults) {
      expect(isSyntheticNhsNumber(fault.nhsNumber)).toBe(true);
      expect(patients.some((patient) => patient.nhs_number === fault.nhsNumber)).toBe(true);
    }
  });

  it("refuses an unknown scenario", async () => {
    await expect(seedScenario(store.db, "nope")).rejects.toBeInstanceOf(UnknownScenarioError);
  });
});
