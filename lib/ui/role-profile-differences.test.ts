import { describe, expect, it } from "vitest";
import type { RoleProfileView } from "@/lib/schemas/workgroups";
import { roleProfileDifferences } from "./role-profile-differences";

const hospital: RoleProfileView = {
  roleProfileId: "900000000201",
  organisationCode: "ZZH",
  organisationName: "SYNTHETIC HOSPITALS NHS TRUST (FAKE)",
  jobRoleCode: "R8001",
  jobRoleName: "Nurse Access Role",
  workgroups: [{ workgroupId: "900000000501", name: "SYNTH ED NURSES" }],
};
const community: RoleProfileView = {
  roleProfileId: "900000000202",
  organisationCode: "ZZC",
  organisationName: "SYNTHETIC COMMUNITY TRUST (FAKE)",
  jobRoleCode: "R8001",
  jobRoleName: "Nurse Access Role",
  workgroups: [],
};

describe("role profile differences between CIS2 and Spine", () => {
  it("none when both hold the same roles and workgroups", () => {
    expect(roleProfileDifferences([hospital, community], [community, hospital])).toEqual([]);
  });

  it("a CIS2 role Spine does not know, in plain English with the organisation's name", () => {
    const [difference, ...rest] = roleProfileDifferences([hospital, community], [hospital]);
    expect(rest).toEqual([]);
    expect(difference?.kind).toBe("notInSpine");
    expect(difference?.roleProfileId).toBe("900000000202");
    expect(difference?.text).toContain("Spine does not know your role at SYNTHETIC COMMUNITY TRUST (FAKE)");
  });

  it("a Spine role CIS2 did not give, and workgroups only one side has", () => {
    const spineHospital = { ...hospital, workgroups: [{ workgroupId: "900000000502", name: "SYNTH PO TEAM" }] };
    const kinds = roleProfileDifferences([hospital], [spineHospital, community]).map((d) => [d.kind, d.text]);
    expect(kinds).toEqual([
      ["workgroupOnlyInSpine", expect.stringContaining("in the workgroup SYNTH PO TEAM, which CIS2 did not give you")],
      ["workgroupOnlyInCis2", expect.stringContaining("the workgroup SYNTH ED NURSES, but Spine does not have you in it")],
      ["notInCis2", expect.stringContaining("Spine holds a role for you at SYNTHETIC COMMUNITY TRUST (FAKE)")],
    ]);
  });

  it("a different organisation or job role for the same role profile", () => {
    const moved = { ...hospital, organisationCode: "ZZU", organisationName: "SYNTHETIC URGENT CARE SERVICE (FAKE)" };
    const regraded = { ...hospital, jobRoleCode: "R8000", jobRoleName: "Clinical Practitioner Access Role" };
    expect(roleProfileDifferences([hospital], [moved]).map((d) => d.kind)).toEqual(["organisation"]);
    expect(roleProfileDifferences([hospital], [regraded])[0]?.text).toBe(
      "Your role at SYNTHETIC HOSPITALS NHS TRUST (FAKE) is Nurse Access Role in CIS2, but Clinical Practitioner Access Role in Spine.",
    );
  });
});
