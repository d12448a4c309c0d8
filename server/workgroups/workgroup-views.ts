import "server-only";
import type { WorkgroupMember } from "@/lib/schemas/workgroups";
import { personLabel } from "@/lib/ui/directory-names";
import { jobRoleName } from "@/lib/ui/job-roles";
import type { DirectoryMember } from "@/server/directory/directory-client";

/** A directory member as the workgroup page lists it (name, user id, role profile, job role). */
export function memberView(member: DirectoryMember): WorkgroupMember {
  return {
    userId: member.userId,
    userName: personLabel(member.userName, member.userId),
    roleProfileId: member.roleProfileId,
    jobRoleName: jobRoleName(member.jobRoleCode),
    ...(member.orgName ? { organisationName: member.orgName } : {}),
  };
}
