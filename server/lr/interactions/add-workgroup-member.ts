import "server-only";
import { PLACEHOLDER_CODES } from "@/lib/hl7";
import type { LrContext, UpdateOutcome } from "../lr-context";
import { changeWorkgroupMembership, type WorkgroupMemberInput } from "./workgroup-membership";

/** Add a user (role profile) to an SDS workgroup (REPC_IN130002UK01). `flag` = already a member. */
export function addWorkgroupMember(ctx: LrContext, input: WorkgroupMemberInput): Promise<UpdateOutcome<{ flag?: boolean }>> {
  return changeWorkgroupMembership(
    ctx,
    {
      interactionId: "REPC_IN130002UK01",
      replyId: "REPC_IN130003UK01",
      code: PLACEHOLDER_CODES.addToWorkgroup,
      kind: "workgroup-add",
      description: "Add workgroup member",
    },
    input,
  );
}
