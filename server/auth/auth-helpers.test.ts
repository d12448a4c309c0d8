import { describe, expect, it } from "vitest";
import { safeReturnTo } from "./auth-transaction";
import { cis2UserInfoSchema, displayNameOf, jobRoleNameOf, roleSnapshotOf, selectedRoleOf } from "./cis2-userinfo";
import { readCookie, serializeCookie } from "./cookie-header";
import { sessionTiming } from "./session-policy";

describe("safeReturnTo (no open redirect after sign-in)", () => {
  it.each([
    ["/patients/9990000018", "/patients/9990000018"],
    ["/patients?tab=lrs", "/patients?tab=lrs"],
    ["//evil.example/x", "/"],
    ["https://evil.example", "/"],
    ["/\\evil.example", "/"],
    ["patients", "/"],
    ["/api/auth/logout", "/"],
    ["/\t/evil.example/phish", "/"],
    ["/\n/evil.example", "/"],
    ["/\r/evil.example", "/"],
    ["/%2F/evil.example", "/%2F/evil.example"],
    ["/patients/../api/auth/logout", "/"],
    [undefined, "/"],
    ["", "/"],
  ])("%s → %s", (input, expected) => {
    expect(safeReturnTo(input)).toBe(expected);
  });
});

describe("CIS2 userinfo", () => {
  const userInfo = cis2UserInfoSchema.parse({
    sub: "900000000002",
    name: "SYNTHNURSE Robin Ms",
    given_name: "Robin",
    family_name: "SYNTHNURSE",
    nhsid_user_orgs: [{ org_code: "ZZH", org_name: "SYNTHETIC HOSPITALS NHS TRUST (FAKE)" }],
    nhsid_nrbac_roles: [
      {
        person_roleid: "900000000201",
        person_orgid: "900000000021",
        org_code: "ZZH",
        role_code: "S8000:G8000:R8001",
        role_name: '"Clinical":"Clinical Provision":"Nurse Access Role"',
        activity_codes: ["B0264", "B0370"],
        unknown_member: true,
      },
    ],
  });

  it("takes the job role name from CIS2's quoted triple", () => {
    expect(jobRoleNameOf('"Clinical":"Clinical Provision":"Nurse Access Role"')).toBe("Nurse Access Role");
    expect(jobRoleNameOf("Plain name")).toBe("Plain name");
    expect(jobRoleNameOf(undefined)).toBeUndefined();
  });

  it("builds the role snapshot with the organisation name and the display name", () => {
    const role = userInfo.nhsid_nrbac_roles[0];
    if (!role) throw new Error("fixture");
    expect(roleSnapshotOf(userInfo, role, ["B0264", "B0370"])).toEqual({
      roleProfileId: "900000000201",
      orgCode: "ZZH",
      orgName: "SYNTHETIC HOSPITALS NHS TRUST (FAKE)",
      roleCode: "S8000:G8000:R8001",
      roleName: "Nurse Access Role",
      activityCodes: ["B0264", "B0370"],
      userName: "Robin SYNTHNURSE",
      cis2Roles: [
        {
          roleProfileId: "900000000201",
          orgCode: "ZZH",
          orgName: "SYNTHETIC HOSPITALS NHS TRUST (FAKE)",
          roleCode: "S8000:G8000:R8001",
          roleName: "Nurse Access Role",
          workgroups: [],
        },
      ],
    });
    expect(displayNameOf({ ...userInfo, given_name: undefined, family_name: undefined })).toBe("SYNTHNURSE Robin Ms");
  });

  it('keeps every CIS2 role profile, not only the selected one, with its workgroups (for "My role profiles")', () => {
    const twoRoles = cis2UserInfoSchema.parse({
      sub: "900000000002",
      nhsid_user_orgs: [
        { org_code: "ZZH", org_name: "SYNTHETIC HOSPITALS NHS TRUST (FAKE)" },
        { org_code: "ZZC", org_name: "SYNTHETIC COMMUNITY TRUST (FAKE)" },
      ],
      nhsid_nrbac_roles: [
        {
          person_roleid: "900000000201",
          org_code: "ZZH",
          role_code: "S8000:G8000:R8001",
          workgroups: ["SYNTH ED NURSES"],
          workgroups_codes: ["900000000501"],
        },
        { person_roleid: "900000000202", org_code: "ZZC", role_code: "S8000:G8000:R8001", role_name: '"A":"B":"Nurse Access Role"' },
      ],
    });
    const selected = twoRoles.nhsid_nrbac_roles[0];
    if (!selected) throw new Error("fixture");
    expect(roleSnapshotOf(twoRoles, selected, []).cis2Roles).toEqual([
      {
        roleProfileId: "900000000201",
        orgCode: "ZZH",
        orgName: "SYNTHETIC HOSPITALS NHS TRUST (FAKE)",
        roleCode: "S8000:G8000:R8001",
        workgroups: [{ workgroupId: "900000000501", name: "SYNTH ED NURSES" }],
      },
      {
        roleProfileId: "900000000202",
        orgCode: "ZZC",
        orgName: "SYNTHETIC COMMUNITY TRUST (FAKE)",
        roleCode: "S8000:G8000:R8001",
        roleName: "Nurse Access Role",
        workgroups: [],
      },
    ]);
  });

  it("accepts selected_roleid only when it names one of the user's roles", () => {
    expect(selectedRoleOf(userInfo, "900000000201")).toEqual({ ok: true, role: userInfo.nhsid_nrbac_roles[0] });
    expect(selectedRoleOf(userInfo, "900000000202")).toEqual({ ok: false, problem: "role-mismatch" });
    expect(selectedRoleOf(userInfo, undefined)).toEqual({ ok: false, problem: "role-mismatch" });
    expect(selectedRoleOf(userInfo, 900000000201)).toEqual({ ok: false, problem: "role-mismatch" });
    expect(selectedRoleOf({ ...userInfo, nhsid_nrbac_roles: [] }, "900000000201")).toEqual({ ok: false, problem: "no-role" });
  });

  it("treats missing role and org lists as empty, and refuses a malformed role", () => {
    expect(cis2UserInfoSchema.parse({ sub: "900000000006" }).nhsid_nrbac_roles).toEqual([]);
    expect(() => cis2UserInfoSchema.parse({ sub: "9", nhsid_nrbac_roles: [{ org_code: "ZZH" }] })).toThrow();
  });
});

describe("cookie header helpers", () => {
  it("reads one cookie among several and serialises attributes", () => {
    expect(readCookie("a=1; lrm_session=abc%3D; b=2", "lrm_session")).toBe("abc=");
    expect(readCookie("a=1", "lrm_session")).toBeUndefined();
    expect(readCookie(null, "x")).toBeUndefined();
    const header = serializeCookie("__Host-lrm_session", "v", { maxAgeSeconds: 60, secure: true, sameSite: "Lax" });
    expect(header).toBe("__Host-lrm_session=v; Path=/; Max-Age=60; HttpOnly; SameSite=Lax; Secure");
    expect(serializeCookie("x", "", { maxAgeSeconds: 0, secure: false, sameSite: "Lax" })).toMatch(
      /Max-Age=0; HttpOnly; SameSite=Lax; Expires=/,
    );
  });
});

describe("sessionTiming", () => {
  const limits = { idleTimeoutMs: 15 * 60_000, absoluteLimitMs: 12 * 3_600_000, warningMs: 120_000 };
  it("ends at the idle limit while the absolute limit is far away", () => {
    const timing = sessionTiming({ lastSeenAt: new Date(0), expiresAt: new Date(12 * 3_600_000) }, limits);
    expect(timing).toEqual({ endsAt: 15 * 60_000, idleEndsAt: 15 * 60_000, absoluteEndsAt: 12 * 3_600_000, absoluteFirst: false });
  });
  it("ends at the absolute limit when that comes first", () => {
    const lastSeenAt = new Date(12 * 3_600_000 - 5 * 60_000);
    const timing = sessionTiming({ lastSeenAt, expiresAt: new Date(12 * 3_600_000) }, limits);
    expect(timing.endsAt).toBe(12 * 3_600_000);
    expect(timing.absoluteFirst).toBe(true);
  });
});
