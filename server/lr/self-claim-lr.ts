import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { SELF_CLAIMED_LR_TYPE } from "@/lib/hl7/vocab/lr-codes";
import type { NhsNumber } from "@/lib/nhs/nhs-number";
import type { LrUpdateResponse, SelfClaimInput } from "@/lib/schemas/lr";
import { raiseSelfClaimAlert } from "@/server/alerts/raise-alert";
import { createLegitimateRelationship } from "./interactions/create-legitimate-relationship";
import { ctxCan, type LrContext } from "./lr-context";
import { myWorkgroups } from "./my-workgroups";
import { updateResponse } from "./outcome-response";

/**
 * Self-claim (or, where the role allows, create another type of) LR for the user or one of their
 * workgroups. The server re-checks what the form offered: other types need lr.create, and a
 * workgroup must be one the role belongs to in SDS. Audited by the outbox (requested, then
 * confirmed or failed). A self-claim that Spine accepted raises a privacy-officer alert.
 */
export async function selfClaimLr(ctx: LrContext, nhsNumber: NhsNumber, input: SelfClaimInput): Promise<LrUpdateResponse> {
  if (input.lrType !== SELF_CLAIMED_LR_TYPE && !ctxCan(ctx, "lr.create")) {
    throw new AppError("forbidden", "Your selected role can only self-claim relationships.");
  }
  if (input.subject.kind === "workgroup") {
    const workgroupId = input.subject.workgroupId;
    const mine = await myWorkgroups(ctx, { required: true });
    if (!mine.some((w) => w.workgroupId === workgroupId)) {
      throw new AppError("invalid_input", "You can only claim a relationship for a workgroup you belong to.", {
        fields: { subject: "Select yourself or one of your workgroups" },
      });
    }
  }
  const outcome = await createLegitimateRelationship(ctx, {
    nhsNumber,
    lrType: input.lrType,
    subject: input.subject,
    accessReason: { code: input.accessReasonCode, text: input.accessReasonText },
    idempotencyKey: input.idempotencyKey,
  });
  if (input.lrType === SELF_CLAIMED_LR_TYPE) {
    await raiseSelfClaimAlert(ctx, {
      nhsNumber,
      accessReasonCode: input.accessReasonCode,
      accessReasonText: input.accessReasonText,
      ...(outcome.state === "confirmed" ? { lrId: outcome.lrId } : {}),
      messageId: outcome.messageId,
    });
  }
  return updateResponse(outcome);
}
