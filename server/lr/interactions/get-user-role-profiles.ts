import "server-only";
import type { RoleProfile } from "@/lib/hl7";
import { type LrContext, queryAsUser, unexpectedReply } from "../lr-context";

/** A user's role profiles from SDS (QUPC_IN010102UK01); default: the signed-in user. */
export interface GetUserRoleProfilesInput {
  userId?: string;
  organizationCode?: string;
  roleProfileId?: string;
}

export async function getUserRoleProfiles(
  ctx: LrContext,
  input: GetUserRoleProfilesInput = {},
): Promise<{ messageId: string; userId: string; roleProfiles: RoleProfile[] }> {
  const { messageId, reply } = await queryAsUser(
    ctx,
    {
      interactionId: "QUPC_IN010102UK01",
      payload: {
        userId: input.userId ?? ctx.userId,
        ...(input.organizationCode ? { organizationCode: input.organizationCode } : {}),
        ...(input.roleProfileId ? { roleProfileId: input.roleProfileId } : {}),
      },
    },
    { kind: "user-role-profiles", description: "Look up role profiles" },
  );
  if (reply.interactionId !== "QUPC_IN010103UK01") throw unexpectedReply(reply.interactionId, messageId);
  return { messageId, userId: reply.payload.userId, roleProfiles: reply.payload.roleProfiles };
}
