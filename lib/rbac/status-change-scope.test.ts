import { describe, expect, it } from "vitest";
import type { Permission } from "./permission-names";
import { type Changer, type LrHolder, organisationMatters, parseStatusChangeScope, statusChangeRule } from "./status-change-scope";

const clinician: Changer = {
  userId: "900000000001",
  orgCode: "ZZP001",
  permissions: ["lr.view", "lr.changeStatus"],
  workgroupIds: ["900000000503"],
};
const privacyOfficer: Changer = {
  userId: "900000000003",
  orgCode: "ZZH",
  permissions: ["lr.viewComplete", "lr.changeStatus", "po.alerts"] as Permission[],
  workgroupIds: [],
};

const cases: [string, Changer, LrHolder, string | undefined][] = [
  ["own LR", clinician, { kind: "user", userId: "900000000001", roleProfileId: "900000000101" }, "self"],
  ["own LR in another of my roles", clinician, { kind: "user", userId: "900000000001", roleProfileId: "900000000199" }, "self"],
  ["own workgroup's LR", clinician, { kind: "workgroup", workgroupId: "900000000503" }, "ownWorkgroup"],
  ["another workgroup's LR", clinician, { kind: "workgroup", workgroupId: "900000000501", orgCode: "ZZP001" }, undefined],
  [
    "another user's LR in my organisation (not a PO)",
    clinician,
    { kind: "user", userId: "900000000002", roleProfileId: "900000000201", orgCode: "ZZP001" },
    undefined,
  ],
  [
    "PO: a user's LR in the PO's organisation",
    privacyOfficer,
    { kind: "user", userId: "900000000002", roleProfileId: "900000000201", orgCode: "ZZH" },
    "sameOrganisation",
  ],
  [
    "PO: a workgroup's LR in the PO's organisation",
    privacyOfficer,
    { kind: "workgroup", workgroupId: "900000000501", orgCode: "ZZH" },
    "sameOrganisation",
  ],
  [
    "PO: an LR in another organisation",
    privacyOfficer,
    { kind: "user", userId: "900000000001", roleProfileId: "900000000101", orgCode: "ZZP001" },
    undefined,
  ],
  ["PO: holder organisation unknown", privacyOfficer, { kind: "user", userId: "900000000001", roleProfileId: "900000000101" }, undefined],
];

describe("who may change an LR's status", () => {
  it.each(cases)("%s", (_label, changer, holder, rule) => {
    expect(statusChangeRule(changer, holder)?.holder).toBe(rule);
  });

  it("a rule counts only for roles with its permission", () => {
    const withoutPo = { ...privacyOfficer, permissions: ["lr.changeStatus"] as Permission[] };
    expect(statusChangeRule(withoutPo, { kind: "workgroup", workgroupId: "900000000501", orgCode: "ZZH" })).toBeUndefined();
    expect(organisationMatters(withoutPo)).toBe(false);
    expect(organisationMatters(privacyOfficer)).toBe(true);
  });

  it("refuses a rule table that names an unknown permission or relation", () => {
    expect(() => parseStatusChangeScope({ rules: [{ holder: "self", permission: "lr.everything", description: "x" }] })).toThrow();
    expect(() => parseStatusChangeScope({ rules: [{ holder: "anyone", permission: "lr.changeStatus", description: "x" }] })).toThrow();
  });
});
