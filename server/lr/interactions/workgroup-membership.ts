import "server-only";
import { IDENTIFIED_WORKGROUPS_ONLY_DEFAULT, type WorkgroupMembershipRequest } from "@/lib/hl7";
import { type LrContext, pending, type UpdateOutcome, unexpectedReply, updateAsUser } from "../lr-context";

/** Shared by add/remove workgroup member: the two messages have the same shape. */
export interface WorkgroupMemberInput {
  workgroupId: string;
  /** The member being added or removed. */
  memberUserId: string;
  memberRoleProfileId: string;
  /** Why (the RA manager's own words): kept on the outbox row, so the audit trail records it (migration 0005). */
  reason?: string;
  idempotencyKey?: string;
}

export interface MembershipChange {
  interactionId: "REPC_IN130002UK01" | "REPC_IN130004UK01";
  replyId: "REPC_IN130003UK01" | "REPC_IN130005UK01";
  code: WorkgroupMembershipRequest["code"];
  kind: string;
  description: string;
}

/** Confirmed result: `flag` is alreadyAMember (add) or wasNotAMember (remove) when Spine says so. */
export async function changeWorkgroupMembership(
  ctx: LrContext,
  change: MembershipChange,
  input: WorkgroupMemberInput,
): Promise<UpdateOutcome<{ flag?: boolean }>> {
  const payload: WorkgroupMembershipRequest = {
    code: change.code,
    roleProfileId: input.memberRoleProfileId,
    userId: input.memberUserId,
    workgroupId: input.workgroupId,
    originatingRoleProfileId: ctx.roleProfileId,
    // Always sent (docs/domain.md §3.9); code and value are data (INFERRED placeholder).
    identifiedWorkgroupsOnly: IDENTIFIED_WORKGROUPS_ONLY_DEFAULT,
  };
  const result = await updateAsUser(
    ctx,
    { interactionId: change.interactionId, payload },
    {
      idempotencyKey: input.idempotencyKey,
      operation: {
        audit: change.interactionId === "REPC_IN130002UK01" ? "workgroup.add" : "workgroup.remove",
        kind: change.kind,
        description: change.description,
        workgroupId: input.workgroupId,
        memberUserId: input.memberUserId,
        memberRoleProfileId: input.memberRoleProfileId,
        ...(input.reason ? { reason: input.reason } : {}),
      },
    },
  );
  if (result.state === "pending") return pending(result.messageId);
  const reply = result.reply;
  if (
    reply.interactionId !== change.replyId ||
    (reply.interactionId !== "REPC_IN130003UK01" && reply.interactionId !== "REPC_IN130005UK01")
  ) {
    throw unexpectedReply(reply.interactionId, result.messageId);
  }
  const flag = reply.payload.flag?.value;
  return { state: "confirmed", messageId: result.messageId, ...(flag !== undefined ? { flag } : {}) };
}
