import "server-only";
import type { WorkgroupChangeResponse, WorkgroupMemberChangeInput } from "@/lib/schemas/workgroups";
import { addWorkgroupMember } from "@/server/lr/interactions/add-workgroup-member";
import type { LrContext } from "@/server/lr/lr-context";
import { changeMembership } from "./membership-change";

/** Add a user's role profile to a workgroup (REPC_IN130002UK01); "already a member" is Spine's answer, not an error. */
export function addMember(ctx: LrContext, workgroupId: string, input: WorkgroupMemberChangeInput): Promise<WorkgroupChangeResponse> {
  return changeMembership(ctx, workgroupId, input, "add", addWorkgroupMember);
}
