import "server-only";
import type { RoleProfile } from "@/lib/hl7";
import type { RoleProfileView } from "@/lib/schemas/workgroups";
import { workgroupLabel } from "@/lib/ui/directory-names";
import { jobRoleCodeOf, jobRoleName } from "@/lib/ui/job-roles";
import type { Cis2RoleSummary } from "@/server/auth/session-record";

/** A role profile as Spine's URPIDResponse describes it, ready to show. */
export function viewOfSpineProfile(profile: RoleProfile): RoleProfileView {
  const code = jobRoleCodeOf(profile.jobRoleCode);
  return {
    roleProfileId: profile.roleProfileId,
    ...(profile.organizationId ? { organisationCode: profile.organizationId } : {}),
    organisationName: profile.organizationName || profile.organizationId || "Organisation not given",
    ...(code ? { jobRoleCode: code } : {}),
    jobRoleName: jobRoleName(profile.jobRoleCode),
    workgroups: profile.workgroups.map((w) => ({ workgroupId: w.workgroupId, name: workgroupLabel(w.name, w.workgroupId) })),
  };
}

/** A role profile as CIS2 gave it at sign-in, ready to show. */
export function viewOfCis2Role(role: Cis2RoleSummary): RoleProfileView {
  const code = jobRoleCodeOf(role.roleCode);
  return {
    roleProfileId: role.roleProfileId,
    organisationCode: role.orgCode,
    organisationName: role.orgName ?? role.orgCode,
    ...(code ? { jobRoleCode: code } : {}),
    jobRoleName: role.roleName ?? jobRoleName(role.roleCode),
    workgroups: role.workgroups.map((w) => ({ workgroupId: w.workgroupId, name: workgroupLabel(w.name, w.workgroupId) })),
  };
}
