import { describe, expect, it } from "vitest";
import { findPersona, organisationName, type Persona } from "@/lib/personas";
import { ACR_MIN_LEVEL, decideAcr, parseAssuranceLevel } from "./assurance";
import { personaClaims, scopeRequestsRoleSelection } from "./claims";
import { decideAfterLogin, filterRoles } from "./login-decision";

function persona(uid: string): Persona {
  const found = findPersona(uid);
  if (!found) throw new Error(`no persona ${uid}`);
  return found;
}

describe("decideAcr", () => {
  it("uses the persona's own acr when nothing known was requested", () => {
    expect(decideAcr(3, undefined, "AAL3_ANY")).toEqual({ ok: true, acr: "AAL3_ANY" });
    expect(decideAcr(1, "SOMETHING_ELSE", "AAL1_USERPASS")).toEqual({ ok: true, acr: "AAL1_USERPASS" });
  });

  it("takes the first requested value the user can reach", () => {
    expect(decideAcr(3, "AAL3_ANY AAL2_OR_AAL3_ANY", "x")).toEqual({ ok: true, acr: "AAL3_ANY" });
    expect(decideAcr(2, "AAL3_ANY AAL2_OR_AAL3_ANY", "x")).toEqual({ ok: true, acr: "AAL2_OR_AAL3_ANY" });
  });

  it("refuses with the lowest level that would have been enough", () => {
    expect(decideAcr(1, "AAL3_ANY AAL2_OR_AAL3_ANY", "x")).toEqual({
      ok: false,
      requiredLevel: 2,
      requested: ["AAL3_ANY", "AAL2_OR_AAL3_ANY"],
    });
    expect(decideAcr(2, "AAL3_ANY", "x")).toMatchObject({ ok: false, requiredLevel: 3 });
  });

  it("knows every level in its table and rejects bad level strings", () => {
    for (const [acr, level] of Object.entries(ACR_MIN_LEVEL)) {
      expect(decideAcr(level, acr, "x")).toEqual({ ok: true, acr });
    }
    expect(() => parseAssuranceLevel("4")).toThrow(RangeError);
  });
});

describe("decideAfterLogin", () => {
  const withRoles = { acrValues: "AAL2_OR_AAL3_ANY", roleSelectionRequested: true };

  it("auto-selects a single role, asks for one of many, stops on none", () => {
    expect(decideAfterLogin(persona("900000000001"), withRoles)).toEqual({
      kind: "finish",
      acr: "AAL2_OR_AAL3_ANY",
      selectedRoleId: "900000000101",
    });
    expect(decideAfterLogin(persona("900000000002"), withRoles)).toEqual({ kind: "pick-role", acr: "AAL2_OR_AAL3_ANY" });
    expect(decideAfterLogin(persona("900000000006"), withRoles)).toEqual({ kind: "no-roles" });
  });

  it("checks assurance before roles", () => {
    expect(decideAfterLogin(persona("900000000009"), withRoles)).toEqual({
      kind: "refuse-assurance",
      requiredLevel: 2,
      userLevel: 1,
    });
  });

  it("skips role selection when the RP did not ask for it", () => {
    const decision = decideAfterLogin(persona("900000000002"), { acrValues: undefined, roleSelectionRequested: false });
    expect(decision).toEqual({ kind: "finish", acr: "AAL3_ANY", selectedRoleId: undefined });
  });
});

describe("filterRoles", () => {
  const roles = persona("900000000007").roles;
  it("matches organisation name, ODS code, job role and role id, ignoring case", () => {
    const ids = (query: string) => filterRoles(roles, query, organisationName).map((role) => role.person_roleid);
    expect(ids("")).toHaveLength(7);
    expect(ids("riverside")).toEqual(["900000000703"]);
    expect(ids("zzp004")).toEqual(["900000000704"]);
    expect(ids("health professional")).toEqual(["900000000704"]);
    expect(ids("900000000705")).toEqual(["900000000705"]);
    expect(ids("dentist")).toEqual([]);
  });
});

describe("personaClaims", () => {
  it("adds selected_roleid only for selectedrole/changedrole scopes", () => {
    const nurse = persona("900000000002");
    expect(personaClaims(nurse, "openid selectedrole", "900000000201").selected_roleid).toBe("900000000201");
    expect(personaClaims(nurse, "openid changedrole", "900000000202").selected_roleid).toBe("900000000202");
    expect(personaClaims(nurse, "openid profile", "900000000201")).not.toHaveProperty("selected_roleid");
    expect(personaClaims(nurse, "openid selectedrole", undefined)).not.toHaveProperty("selected_roleid");
    expect(scopeRequestsRoleSelection("openid selectedroles")).toBe(false);
  });

  it("carries CIS2 identity and assurance claims as strings", () => {
    const claims = personaClaims(persona("900000000010"), "openid", undefined);
    expect(claims).toMatchObject({
      sub: "900000000010",
      uid: "900000000010",
      nhsid_useruid: "900000000010",
      name: "SYNTHAHP Drew Ms",
      id_assurance_level: "3",
      authentication_assurance_level: "2",
    });
  });
});
