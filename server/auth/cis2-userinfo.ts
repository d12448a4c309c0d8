import "server-only";
import { z } from "zod";
import type { Cis2RoleSummary, SessionRole } from "./session-record";

/**
 * The parts of CIS2 userinfo we use (docs/domain.md §9.1): the role profiles and organisation
 * names, and the user's name for the header. Unknown members are ignored; a malformed roles
 * array fails sign-in rather than guessing.
 */

const nrbacRoleSchema = z.object({
  person_roleid: z.string().min(1),
  org_code: z.string().min(1),
  role_code: z.string().min(1),
  role_name: z.string().optional(),
  activity_codes: z.array(z.string()).optional(),
  /** Workgroup names and ids, parallel arrays as CIS2 sends them (absent when the role has none). */
  workgroups: z.array(z.string()).optional(),
  workgroups_codes: z.array(z.string()).optional(),
});

export const cis2UserInfoSchema = z.object({
  sub: z.string().min(1),
  name: z.string().optional(),
  given_name: z.string().optional(),
  family_name: z.string().optional(),
  nhsid_nrbac_roles: z.array(nrbacRoleSchema).default([]),
  nhsid_user_orgs: z.array(z.object({ org_code: z.string(), org_name: z.string() })).default([]),
});

export type Cis2UserInfo = z.infer<typeof cis2UserInfoSchema>;
export type Cis2NrbacRole = z.infer<typeof nrbacRoleSchema>;

/** `"Clinical":"Clinical Provision":"Nurse Access Role"` → `Nurse Access Role`. */
export function jobRoleNameOf(roleName: string | undefined): string | undefined {
  if (!roleName) return undefined;
  const segments = [...roleName.matchAll(/"([^"]*)"/g)].map((match) => match[1] ?? "");
  return segments.at(-1) || roleName;
}

/** "Robin SYNTHNURSE" for the header; CIS2's `name` ("SYNTHNURSE Robin Ms") as a fallback. */
export function displayNameOf(userInfo: Cis2UserInfo): string {
  const friendly = [userInfo.given_name, userInfo.family_name].filter(Boolean).join(" ");
  return friendly || userInfo.name || userInfo.sub;
}

export function roleSnapshotOf(userInfo: Cis2UserInfo, role: Cis2NrbacRole, effectiveActivities: string[]): SessionRole {
  const orgName = userInfo.nhsid_user_orgs.find((org) => org.org_code === role.org_code)?.org_name;
  const roleName = jobRoleNameOf(role.role_name);
  return {
    roleProfileId: role.person_roleid,
    orgCode: role.org_code,
    ...(orgName ? { orgName } : {}),
    roleCode: role.role_code,
    ...(roleName ? { roleName } : {}),
    activityCodes: effectiveActivities,
    userName: displayNameOf(userInfo),
    cis2Roles: cis2RolesOf(userInfo),
  };
}

/** Every role profile in userinfo, as "My role profiles" compares them with SDS (names resolved from nhsid_user_orgs). */
export function cis2RolesOf(userInfo: Cis2UserInfo): Cis2RoleSummary[] {
  return userInfo.nhsid_nrbac_roles.map((role) => {
    const orgName = userInfo.nhsid_user_orgs.find((org) => org.org_code === role.org_code)?.org_name;
    const roleName = jobRoleNameOf(role.role_name);
    return {
      roleProfileId: role.person_roleid,
      orgCode: role.org_code,
      ...(orgName ? { orgName } : {}),
      roleCode: role.role_code,
      ...(roleName ? { roleName } : {}),
      workgroups: (role.workgroups_codes ?? []).map((workgroupId, index) => {
        const name = role.workgroups?.[index];
        return { workgroupId, ...(name ? { name } : {}) };
      }),
    };
  });
}

/**
 * The role profile the user chose at CIS2: `selected_roleid` must name one of the roles in
 * userinfo (never trust the ID token's choice on its own). No roles at all is its own answer.
 */
export function selectedRoleOf(
  userInfo: Cis2UserInfo,
  selectedRoleId: unknown,
): { ok: true; role: Cis2NrbacRole } | { ok: false; problem: "no-role" | "role-mismatch" } {
  if (userInfo.nhsid_nrbac_roles.length === 0) return { ok: false, problem: "no-role" };
  const role =
    typeof selectedRoleId === "string"
      ? userInfo.nhsid_nrbac_roles.find((candidate) => candidate.person_roleid === selectedRoleId)
      : undefined;
  return role ? { ok: true, role } : { ok: false, problem: "role-mismatch" };
}
