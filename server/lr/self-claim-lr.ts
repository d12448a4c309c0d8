import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { SELF_CLAIMED_LR_TYPE } from "@/lib/hl7/vocab/lr-codes";
import type { LrUpdateResponse, SelfClaimInput } from "@/lib/ui/lr-forms";
import { createLegitimateRelationship, type LrContext } from "@/server/lr";
import { type Clinician, can } from "./clinician";
import { myWorkgroups } from "./my-workgroups";

/**
 * Self-claim (or, where the role allows, create another type of) LR for the user or one of their
 * workgroups. The server re-checks what the form offered: other types need lr.create, and a
 * workgroup must be one the role belongs to in SDS.
 */
export async function selfClaimLr(
  clinician: Clinician,
  ctx: LrContext,
  nhsNumber: string,
  input: SelfClaimInput,
): Promise<LrUpdateResponse> {
  if (input.lrType !== SELF_CLAIMED_LR_TYPE && !can(clinician, "lr.create")) {
    throw new AppError("forbidden", "Your selected role can only self-claim relationships.");
  }
  if (input.subject.kind === "workgroup") {
    const workgroupId = input.subject.workgroupId;
    const mine = await myWorkgroups(ctx);
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
  return outcome.state === "confirmed"
    ? { state: "confirmed", lrId: outcome.lrId, reference: outcome.messageId }
    : { state: "pending", operationId: outcome.operationId, reference: outcome.messageId };
}
