import { describe, expect, it } from "vitest";
import { findPersona, personas } from "@/lib/personas";
import { parsePermissionMap, permissionMap, permissionsForActivities } from "./permission-map";
import { PERMISSIONS } from "./permission-names";
import { canUseService, decideRolePermissions } from "./role-permissions";

function roleDecision(uid: string, roleId: string) {
  const role = findPersona(uid)?.roles.find((candidate) => candidate.person_roleid === roleId);
  if (!role) throw new Error(`no role ${roleId}`);
  return decideRolePermissions({ roleCode: role.role_code, activityCodes: role.activity_codes });
}

describe("permission map", () => {
  it("has a rule list for every permission and nothing else", () => {
    expect(Object.keys(permissionMap).sort()).toEqual([...PERMISSIONS].sort());
  });

  it("rejects unknown permission names and missing permissions", () => {
    const full = Object.fromEntries(PERMISSIONS.map((name) => [name, [["B0264"]]]));
    expect(() => parsePermissionMap({ permissions: full })).not.toThrow();
    expect(() => parsePermissionMap({ permissions: { ...full, "lr.delete": [["B0264"]] } })).toThrow(/unknown permissions: lr.delete/);
    const { "audit.view": _dropped, ...missing } = full;
    expect(() => parsePermissionMap({ permissions: missing })).toThrow(/audit.view/);
    expect(() => parsePermissionMap({ permissions: { ...full, "lr.view": [[]] } })).toThrow();
  });

  it("grants a permission when any one rule has all its codes", () => {
    expect(permissionsForActivities(["B0264"])).toEqual(["lr.view"]);
    expect(permissionsForActivities(["B0264", "B0360"])).toEqual(["lr.view", "lr.viewComplete", "lr.selfClaim"]);
    expect(permissionsForActivities(["B0168"])).toEqual([]); // emergency access needs the SCR gate too
    expect(permissionsForActivities(["B0015"])).toEqual(["po.alerts", "po.alerts.access"]);
    expect(permissionsForActivities([])).toEqual([]);
  });
});

describe("persona role decisions (shipped tables)", () => {
  it("GP clinician gets the clinical set incl. emergency view but no admin permissions", () => {
    expect(roleDecision("900000000001", "900000000101").permissions).toEqual([
      "lr.view",
      "lr.viewComplete",
      "lr.selfClaim",
      "lr.create",
      "lr.changeStatus",
      "lr.emergencyView",
    ]);
  });

  it("nurse's first role can self-claim, second role has no permission", () => {
    expect(roleDecision("900000000002", "900000000201").permissions).toEqual(["lr.view", "lr.selfClaim"]);
    const second = roleDecision("900000000002", "900000000202");
    expect(second.permissions).toEqual([]);
    expect(canUseService(second.permissions)).toBe(false);
  });

  it("privacy officer reviews alerts and audit; RA manager manages workgroups; admin trains", () => {
    expect(roleDecision("900000000003", "900000000301").permissions).toEqual([
      "lr.viewComplete",
      "lr.changeStatus",
      "po.alerts",
      "po.alerts.selfClaim",
      "po.alerts.access",
      "audit.view",
    ]);
    expect(roleDecision("900000000004", "900000000401").permissions).toEqual(["workgroup.manage"]);
    expect(roleDecision("900000000008", "900000000801").permissions).toEqual([
      "lr.viewComplete",
      "audit.view",
      "audit.viewAll",
      "workgroup.manage",
      "training.admin",
    ]);
  });

  it("clerk has no LR permission", () => {
    expect(roleDecision("900000000005", "900000000501").permissions).toEqual([]);
  });

  it("every persona role gets a decision with only known permissions", () => {
    for (const persona of personas) {
      for (const role of persona.roles) {
        const decision = decideRolePermissions({ roleCode: role.role_code, activityCodes: role.activity_codes });
        for (const code of role.activity_codes) expect(decision.effectiveActivities).toContain(code);
        for (const permission of decision.permissions) expect(PERMISSIONS).toContain(permission);
      }
    }
  });
});
