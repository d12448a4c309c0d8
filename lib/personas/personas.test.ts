import { describe, expect, it } from "vitest";
import {
  cis2DisplayName,
  findPersona,
  findRoleProfile,
  organisationName,
  parsePersonaFixture,
  personaFixture,
  personas,
  toNrbacRole,
  userOrganisations,
  workgroupMembers,
} from "./index";
import rawFixture from "./personas.json";

const allRoles = personas.flatMap((persona) => persona.roles);

describe("persona fixture integrity", () => {
  it("has unique user ids and unique role profile ids, all 12 digits starting 9000", () => {
    const uids = personas.map((p) => p.uid);
    expect(new Set(uids).size).toBe(uids.length);
    const roleIds = allRoles.map((r) => r.person_roleid);
    expect(new Set(roleIds).size).toBe(roleIds.length);
    for (const id of [...uids, ...roleIds]) expect(id).toMatch(/^9000\d{8}$/);
  });

  it("refers only to organisations, workgroups and activities it defines", () => {
    const workgroupIds = new Set(personaFixture.workgroups.map((w) => w.workgroup_id));
    for (const role of allRoles) {
      expect(organisationName(role.org_code), role.org_code).toBeDefined();
      for (const id of role.workgroups_codes) expect(workgroupIds.has(id), id).toBe(true);
      for (const code of role.activity_codes) expect(personaFixture.activities[code], code).toBeDefined();
      expect(role.role_code.endsWith(role.job_role_code)).toBe(true);
    }
    for (const workgroup of personaFixture.workgroups) {
      expect(organisationName(workgroup.org_code)).toBeDefined();
    }
  });

  it("rejects a persona id outside the synthetic range and duplicate role ids", () => {
    const clone = structuredClone(rawFixture);
    const first = clone.personas[0];
    if (!first) throw new Error("fixture is empty");
    first.uid = "123456789012";
    expect(() => parsePersonaFixture(clone)).toThrow(/9000/);

    const dup = structuredClone(rawFixture);
    const a = dup.personas[0]?.roles[0];
    const b = dup.personas[1]?.roles[0];
    if (!a || !b) throw new Error("fixture too small");
    b.person_roleid = a.person_roleid;
    expect(() => parsePersonaFixture(dup)).toThrow(/duplicate person_roleid/);
  });
});

describe("the personas the project relies on", () => {
  it("keeps the five reference personas (cis2-rbac.md §3) with their role ids", () => {
    expect(findPersona("900000000001")?.roles.map((r) => r.person_roleid)).toEqual(["900000000101"]);
    expect(findPersona("900000000002")?.roles.map((r) => r.person_roleid)).toEqual(["900000000201", "900000000202"]);
    expect(findPersona("900000000003")?.roles[0]?.job_role_code).toBe("R0001");
    expect(findPersona("900000000004")?.roles[0]?.job_role_code).toBe("R5080");
    expect(findPersona("900000000005")?.roles[0]?.job_role_code).toBe("R8010");
  });

  it("covers zero roles, seven roles, AAL1-only, PO alerts, override activities, admin and no-LR clerk", () => {
    expect(personas.some((p) => p.roles.length === 0)).toBe(true);
    expect(personas.some((p) => p.roles.length === 7)).toBe(true);
    expect(personas.some((p) => p.authentication_assurance_level === "1" && p.default_acr === "AAL1_USERPASS")).toBe(true);
    const has = (codes: string[]) => allRoles.some((r) => codes.every((c) => r.activity_codes.includes(c)));
    expect(has(["B0015", "B0016"])).toBe(true);
    expect(has(["B0168", "B0082"])).toBe(true);
    expect(has(["B0264", "B0370"])).toBe(true);
    expect(has(["B0062"])).toBe(true);
    const clerk = findRoleProfile("900000000501")?.role;
    expect(clerk?.activity_codes.some((c) => ["B0264", "B0370", "B0360"].includes(c))).toBe(false);
  });
});

describe("CIS2 shapes", () => {
  it("builds nhsid_nrbac_roles elements with parallel name/code arrays", () => {
    const found = findRoleProfile("900000000201");
    if (!found) throw new Error("missing role");
    const role = toNrbacRole(found.role);
    expect(role.activity_codes).toEqual(["B0264", "B0370"]);
    expect(role.activities).toEqual(["Access SCR Application (Perform Patient Trace)", "View Summary Health Records"]);
    expect(role.workgroups).toEqual(["SYNTH ED NURSES"]);
    expect(role.workgroups_codes).toEqual(["900000000501"]);
    expect(role).not.toHaveProperty("job_role_code");
    const noGroups = findRoleProfile("900000000202");
    if (!noGroups) throw new Error("missing role");
    expect(toNrbacRole(noGroups.role)).not.toHaveProperty("workgroups");
  });

  it("lists each organisation once and formats the CIS2 name", () => {
    const locum = findPersona("900000000007");
    if (!locum) throw new Error("missing persona");
    const orgs = userOrganisations(locum);
    expect(orgs).toHaveLength(7);
    expect(new Set(orgs.map((o) => o.org_code)).size).toBe(7);
    const nurse = findPersona("900000000002");
    if (!nurse) throw new Error("missing persona");
    expect(cis2DisplayName(nurse)).toBe("SYNTHNURSE Robin Ms");
  });

  it("finds workgroup members through role profiles", () => {
    const members = workgroupMembers("900000000501").map((m) => m.role.person_roleid);
    expect(members).toEqual(["900000000201", "900000000401", "900000000705", "900000000801"]);
  });
});
