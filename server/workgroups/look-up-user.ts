import "server-only";
import { AUDIT_ACTIONS } from "@/lib/schemas/audit";
import type { UserLookup } from "@/lib/schemas/workgroups";
import { personLabel } from "@/lib/ui/directory-names";
import { directoryFor } from "@/server/directory/directory";
import { auditedQuery } from "@/server/lr/audited-query";
import { getUserRoleProfiles } from "@/server/lr/interactions/get-user-role-profiles";
import type { LrContext } from "@/server/lr/lr-context";
import { viewOfSpineProfile } from "@/server/role-profiles/role-profile-views";

/**
 * "Find the user by their ID" when adding a workgroup member: the role profiles Spine's SDS holds
 * for them (one audited role-profile query) and their name from the directory ("Name not
 * available" when it cannot say). Spine not knowing the user is Spine's answer, shown as it is.
 */
export async function lookUpUser(ctx: LrContext, userId: string): Promise<UserLookup> {
  const [answer, names] = await Promise.all([
    auditedQuery(
      ctx,
      { action: AUDIT_ACTIONS.roleProfileQuery, details: { userId, purpose: "add to workgroup" } },
      () => getUserRoleProfiles(ctx, { userId }),
      (result) => result.messageId,
    ),
    directoryFor(ctx).then((directory) => directory.userNames([userId])),
  ]);
  const name = names.names.get(userId);
  return {
    userId,
    userName: personLabel(name, userId),
    nameAvailable: name !== undefined,
    roleProfiles: answer.roleProfiles.map(viewOfSpineProfile),
    reference: answer.messageId,
  };
}
