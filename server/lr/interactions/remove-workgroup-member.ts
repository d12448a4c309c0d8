import "server-only";
import { PLACEHOLDER_CODES } from "@/lib/hl7";
import type { LrContext, UpdateOutcome } from "../lr-context";
import { changeWorkgroupMembership, type WorkgroupMemberInput } from "./workgroup-membership";

/** Remove a user (role profile) from an SDS workgroup (REPC_IN130004UK01). `flag` = was not a member. */
export function removeWorkgroupMember(ctx: LrContext, input: WorkgroupMemberInput): Promise<UpdateOutcome<{ flag?: boolean }>> {
  return changeWorkgroupMembership(
    ctx,
    {
      interactionId: "REPC_IN130004UK01",
      replyId: "REPC_IN130005UK01",
      code: PLACEHOLDER_CODES.removeFromWorkgroup,
      kind: "workgroup-remove",
      description: "Remove workgroup member",
    },
    input,
  );
}
