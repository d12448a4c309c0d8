import type { RoleProfileDifference, RoleProfileView } from "@/lib/schemas/workgroups";

/**
 * Where CIS2 (the roles it gave at sign-in) and Spine's SDS (the role-profile query) disagree, in
 * plain English, one sentence per difference, matched by role profile id. Both describe the same
 * person; a difference usually means one of them has not caught up with a change made by the
 * registration authority.
 */
export function roleProfileDifferences(cis2: readonly RoleProfileView[], spine: readonly RoleProfileView[]): RoleProfileDifference[] {
  const differences: RoleProfileDifference[] = [];
  for (const cis2Role of cis2) {
    const spineRole = spine.find((role) => role.roleProfileId === cis2Role.roleProfileId);
    const at = cis2Role.organisationName;
    if (!spineRole) {
      differences.push({
        roleProfileId: cis2Role.roleProfileId,
        kind: "notInSpine",
        text: `Spine does not know your role at ${at} (${cis2Role.jobRoleName}, role profile ${cis2Role.roleProfileId}). Spine will refuse anything you do in this role.`,
      });
      continue;
    }
    if (cis2Role.organisationCode && spineRole.organisationCode && cis2Role.organisationCode !== spineRole.organisationCode) {
      differences.push({
        roleProfileId: cis2Role.roleProfileId,
        kind: "organisation",
        text: `CIS2 says role profile ${cis2Role.roleProfileId} is at ${at}, but Spine has it at ${spineRole.organisationName}.`,
      });
    }
    if (cis2Role.jobRoleCode && spineRole.jobRoleCode && cis2Role.jobRoleCode !== spineRole.jobRoleCode) {
      differences.push({
        roleProfileId: cis2Role.roleProfileId,
        kind: "jobRole",
        text: `Your role at ${at} is ${cis2Role.jobRoleName} in CIS2, but ${spineRole.jobRoleName} in Spine.`,
      });
    }
    for (const workgroup of spineRole.workgroups) {
      if (!cis2Role.workgroups.some((w) => w.workgroupId === workgroup.workgroupId)) {
        differences.push({
          roleProfileId: cis2Role.roleProfileId,
          kind: "workgroupOnlyInSpine",
          text: `Spine has your role at ${at} in the workgroup ${workgroup.name}, which CIS2 did not give you when you signed in.`,
        });
      }
    }
    for (const workgroup of cis2Role.workgroups) {
      if (!spineRole.workgroups.some((w) => w.workgroupId === workgroup.workgroupId)) {
        differences.push({
          roleProfileId: cis2Role.roleProfileId,
          kind: "workgroupOnlyInCis2",
          text: `CIS2 gave your role at ${at} the workgroup ${workgroup.name}, but Spine does not have you in it.`,
        });
      }
    }
  }
  for (const spineRole of spine) {
    if (!cis2.some((role) => role.roleProfileId === spineRole.roleProfileId)) {
      differences.push({
        roleProfileId: spineRole.roleProfileId,
        kind: "notInCis2",
        text: `Spine holds a role for you at ${spineRole.organisationName} (${spineRole.jobRoleName}, role profile ${spineRole.roleProfileId}) that CIS2 did not give you when you signed in.`,
      });
    }
  }
  return differences;
}
