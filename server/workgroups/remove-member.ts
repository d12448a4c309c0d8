import "server-only";
import type { WorkgroupChangeResponse, WorkgroupMemberChangeInput } from "@/lib/schemas/workgroups";
import { removeWorkgroupMember } from "@/server/lr/interactions/remove-workgroup-member";
import type { LrContext } from "@/server/lr/lr-context";
import { changeMembership } from "./membership-change";

/** Remove a member's role profile from a workgroup (REPC_IN130004UK01); "was not a member" is Spine's answer, not an error. */
export function removeMember(ctx: LrContext, workgroupId: string, input: WorkgroupMemberChangeInput): Promise<WorkgroupChangeResponse> {
  return changeMembership(ctx, workgroupId, input, "remove", removeWorkgroupMember);
}
