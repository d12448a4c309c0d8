import "server-only";
import type { RoleProfile } from "@/lib/hl7";
import { sendQuery } from "@/server/spine/send-query";
import { type LrContext, newMessageHeader, ownerOf, runtimeOf, unexpectedReply } from "./lr-context";

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
  const rt = await runtimeOf(ctx);
  const header = newMessageHeader(ctx, rt);
  const reply = await sendQuery(rt, {
    request: {
      interactionId: "QUPC_IN010102UK01",
      header,
      payload: {
        userId: input.userId ?? ctx.userId,
        ...(input.organizationCode ? { organizationCode: input.organizationCode } : {}),
        ...(input.roleProfileId ? { roleProfileId: input.roleProfileId } : {}),
      },
    },
    actorSub: ownerOf(ctx),
    roleId: ctx.roleProfileId,
    operation: { kind: "user-role-profiles", description: "Look up role profiles" },
  });
  if (reply.interactionId !== "QUPC_IN010103UK01") throw unexpectedReply(reply.interactionId, header.messageId);
  return { messageId: header.messageId, userId: reply.payload.userId, roleProfiles: reply.payload.roleProfiles };
}
