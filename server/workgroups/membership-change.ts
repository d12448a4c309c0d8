import "server-only";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { type WorkgroupChangeResponse, type WorkgroupMemberChangeInput, workgroupChangeOf } from "@/lib/schemas/workgroups";
import { directoryFor } from "@/server/directory/directory";
import { forgetLocally } from "@/server/directory/directory-invalidation";
import type { WorkgroupMemberInput } from "@/server/lr/interactions/workgroup-membership";
import type { LrContext, UpdateOutcome } from "@/server/lr/lr-context";

/**
 * What adding and removing a member share: the workgroup must be one of the signed-in role's own
 * organisation (from the SDS directory — when it cannot say, nothing is sent and the page says
 * why), then the Spine update (audited by the outbox: requested, confirmed or failed, with the
 * member and the reason), then — once Spine confirmed — this instance forgets what it cached about
 * the workgroup and the member at once (every other instance does on the database's notification).
 */
export async function changeMembership(
  ctx: LrContext,
  workgroupId: string,
  input: WorkgroupMemberChangeInput,
  action: "add" | "remove",
  send: (ctx: LrContext, input: WorkgroupMemberInput) => Promise<UpdateOutcome<{ flag?: boolean }>>,
): Promise<WorkgroupChangeResponse> {
  await requireOwnOrganisation(ctx, workgroupId);
  const outcome = await send(ctx, {
    workgroupId,
    memberUserId: input.userId,
    memberRoleProfileId: input.roleProfileId,
    reason: input.reason,
    idempotencyKey: input.idempotencyKey,
  });
  if (outcome.state === "pending") return { state: "pending", operationId: outcome.operationId, reference: outcome.messageId };
  forgetLocally({ workgroupId, memberUserId: input.userId, memberRoleProfileId: input.roleProfileId });
  return { state: "confirmed", change: workgroupChangeOf(action, outcome.flag), reference: outcome.messageId };
}

async function requireOwnOrganisation(ctx: LrContext, workgroupId: string): Promise<void> {
  let found: Awaited<ReturnType<Awaited<ReturnType<typeof directoryFor>>["workgroup"]>>;
  try {
    found = await (await directoryFor(ctx)).workgroup(workgroupId);
  } catch (error) {
    if (!isAppError(error)) throw error;
    throw new AppError(
      "upstream_unavailable",
      "LR Manager could not check which organisation this workgroup belongs to in the SDS directory, so nothing was changed. Try again.",
      { retryable: true, cause: error },
    );
  }
  if (!found) throw new AppError("not_found", `The SDS directory has no workgroup with ID ${workgroupId}.`);
  if (found.workgroup.orgCode !== ctx.orgCode) {
    throw new AppError("forbidden", "You can only add or remove members of your own organisation's workgroups.");
  }
}
