import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { type CreateLrRequest, formatHl7Timestamp, isCodeIn, LR_TYPES, SELF_CLAIMED_LR_TYPE } from "@/lib/hl7";
import type { NhsNumber } from "@/lib/nhs/nhs-number";
import { type LrContext, pending, type UpdateOutcome, unexpectedReply, updateAsUser } from "../lr-context";

/** Create an LR (REPC_IN010000UK15) between the signed-in user — or one of their workgroups — and a patient. */
export interface CreateLrInput {
  nhsNumber: NhsNumber;
  /** LRType code, e.g. "08" Self Claimed Relationship. */
  lrType: string;
  /** Default: the signed-in user in their selected role. */
  subject?: { kind: "self" } | { kind: "workgroup"; workgroupId: string };
  /** Start of the LR; default is "now" as judged by Spine (left out). */
  effectiveTime?: Date;
  accessReason?: { text?: string; code?: string };
  /** Default: requested for self-claimed LRs, which must alert the privacy officer. */
  alertRequested?: boolean;
  /** Same key = same action (double submit, retry): reuses the original MessageId. */
  idempotencyKey?: string;
}

export async function createLegitimateRelationship(ctx: LrContext, input: CreateLrInput): Promise<UpdateOutcome<{ lrId: string }>> {
  const { nhsNumber } = input;
  if (!isCodeIn(LR_TYPES, input.lrType)) {
    throw new AppError("invalid_input", "Choose the type of relationship.", { fields: { lrType: "Choose a relationship type" } });
  }
  const subject: CreateLrRequest["subject"] =
    input.subject?.kind === "workgroup"
      ? { kind: "workgroup", workgroupId: input.subject.workgroupId }
      : { kind: "user", roleProfileId: ctx.roleProfileId, userId: ctx.userId };
  const payload: CreateLrRequest = {
    lrType: input.lrType,
    subject,
    nhsNumber,
    author: { kind: "user", roleProfileId: ctx.roleProfileId, userId: ctx.userId },
    alertRequested: input.alertRequested ?? input.lrType === SELF_CLAIMED_LR_TYPE,
    ...(input.effectiveTime ? { effectiveTime: formatHl7Timestamp(input.effectiveTime) } : {}),
    ...(input.accessReason ? { accessReason: input.accessReason } : {}),
  };
  const result = await updateAsUser(
    ctx,
    { interactionId: "REPC_IN010000UK15", payload },
    {
      idempotencyKey: input.idempotencyKey,
      nhsNumber,
      operation: {
        audit: "lr.create",
        kind: "create-lr",
        description: "Create legitimate relationship",
        lrType: input.lrType,
        subjectKind: subject.kind,
      },
    },
  );
  if (result.state === "pending") return pending(result.messageId);
  if (result.reply.interactionId !== "REPC_IN020000UK13") throw unexpectedReply(result.reply.interactionId, result.messageId);
  ctx.log.info({ messageId: result.messageId, lrId: result.reply.payload.lrId }, "LR created");
  return { state: "confirmed", messageId: result.messageId, lrId: result.reply.payload.lrId };
}
