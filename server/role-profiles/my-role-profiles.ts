import "server-only";
import { isAppError } from "@/lib/errors/app-error";
import { AUDIT_ACTIONS } from "@/lib/schemas/audit";
import type { MyRoleProfiles } from "@/lib/schemas/workgroups";
import { roleProfileDifferences } from "@/lib/ui/role-profile-differences";
import type { ActiveSession, Cis2RoleSummary } from "@/server/auth/session-record";
import { uiErrorFrom } from "@/server/http/ui-error-from";
import { auditedQuery } from "@/server/lr/audited-query";
import { getUserRoleProfiles } from "@/server/lr/interactions/get-user-role-profiles";
import type { LrContext } from "@/server/lr/lr-context";
import { viewOfCis2Role, viewOfSpineProfile } from "./role-profile-views";

/**
 * "My role profiles": the role profiles Spine's SDS holds for the signed-in user (the role-profile
 * query, QUPC_IN010102UK01, by user id alone) beside the ones CIS2 gave at sign-in, and where they
 * differ. Spine's answer is audited as one role-profile query; when Spine cannot be asked (no job
 * role to send) or does not answer, the CIS2 side is still shown with the reason.
 */
export async function myRoleProfiles(session: ActiveSession, contextOf: () => LrContext): Promise<MyRoleProfiles> {
  const cis2 = cis2RolesOf(session).map(viewOfCis2Role);
  const base = { userId: session.sub, selectedRoleProfileId: session.roleProfileId, cis2 };
  let ctx: LrContext;
  try {
    ctx = contextOf();
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { ...base, spine: { state: "unavailable", problem: uiErrorFrom(error) }, differences: [] };
  }
  try {
    const answer = await auditedQuery(
      ctx,
      { action: AUDIT_ACTIONS.roleProfileQuery, details: { userId: session.sub, purpose: "my role profiles" } },
      () => getUserRoleProfiles(ctx),
      (result) => result.messageId,
    );
    const profiles = answer.roleProfiles.map(viewOfSpineProfile);
    return {
      ...base,
      spine: { state: "answered", profiles, reference: answer.messageId },
      differences: roleProfileDifferences(cis2, profiles),
    };
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { ...base, spine: { state: "unavailable", problem: uiErrorFrom(error) }, differences: [] };
  }
}

/** Every CIS2 role from sign-in; a session from before they were kept has only the selected one. */
function cis2RolesOf(session: ActiveSession): Cis2RoleSummary[] {
  const role = session.role;
  if (role?.cis2Roles?.length) return role.cis2Roles;
  if (!role) return [];
  return [
    {
      roleProfileId: role.roleProfileId,
      orgCode: role.orgCode,
      ...(role.orgName ? { orgName: role.orgName } : {}),
      roleCode: role.roleCode ?? "",
      ...(role.roleName ? { roleName: role.roleName } : {}),
      workgroups: [],
    },
  ];
}
