import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { isCodeIn, SC_REASON_CODES } from "@/lib/hl7";
import type { NhsNumber } from "@/lib/nhs/nhs-number";
import { type LrContext, pending, type UpdateOutcome, unexpectedReply, updateAsUser } from "../lr-context";

/** Send an LR status change (REPC_IN040000UK15): freeze, close or re-activate, by SC reason code. */
export interface ChangeLrStatusInput {
  nhsNumber: NhsNumber;
  /** Spine's LR id (CreationResponseConfirm/id), 1–20 chars. */
  lrId: string;
  /** SCReasonCode, e.g. "06" Relationship Termination. */
  reasonCode: string;
  idempotencyKey?: string;
}

export async function sendLrStatusChange(ctx: LrContext, input: ChangeLrStatusInput): Promise<UpdateOutcome<{ lrId: string }>> {
  const { nhsNumber } = input;
  if (!isCodeIn(SC_REASON_CODES, input.reasonCode)) {
    throw new AppError("invalid_input", "Choose why the relationship is changing.", { fields: { reasonCode: "Choose a reason" } });
  }
  const result = await updateAsUser(
    ctx,
    {
      interactionId: "REPC_IN040000UK15",
      payload: {
        reasonCode: input.reasonCode,
        nhsNumber,
        author: { kind: "user", roleProfileId: ctx.roleProfileId, userId: ctx.userId },
        lrId: input.lrId,
      },
    },
    {
      idempotencyKey: input.idempotencyKey,
      nhsNumber,
      operation: {
        audit: "lr.status-change",
        kind: "change-lr-status",
        description: "Change legitimate relationship status",
        lrId: input.lrId,
        reasonCode: input.reasonCode,
      },
    },
  );
  if (result.state === "pending") return pending(result.messageId);
  if (result.reply.interactionId !== "REPC_IN050000UK13") throw unexpectedReply(result.reply.interactionId, result.messageId);
  return { state: "confirmed", messageId: result.messageId, lrId: result.reply.payload.lrId };
}
