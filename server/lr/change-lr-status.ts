import "server-only";
import { AppError } from "@/lib/errors/app-error";
import type { ListSubject } from "@/lib/hl7";
import { SC_REASON_CODES } from "@/lib/hl7/vocab/lr-codes";
import { allowedScReasons, type LrStatus, nextLrStatus } from "@/lib/hl7/vocab/lr-status";
import { displayNameOf } from "@/lib/hl7/vocab/vocabulary";
import type { NhsNumber } from "@/lib/nhs/nhs-number";
import type { ChangeStatusInput, LrUpdateResponse } from "@/lib/schemas/lr";
import { sendLrStatusChange } from "./interactions/change-lr-status";
import { getPatientLrs } from "./interactions/get-patient-lrs";
import type { LrContext } from "./lr-context";
import { updateResponse } from "./outcome-response";
import { assertMayChangeStatus } from "./status-change-scope";

/** The LR's current status from Spine's complete list, or not_found when the patient has no such LR. */
export async function currentLrStatus(
  ctx: LrContext,
  nhsNumber: NhsNumber,
  lrId: string,
): Promise<{ status: LrStatus; typeName: string; subject: ListSubject }> {
  const list = await getPatientLrs(ctx, { nhsNumber, detail: "comprehensive" });
  if (list.detail !== "comprehensive")
    throw new AppError("spine_unavailable", "Spine did not return the complete list.", { reference: list.messageId });
  const entry = list.entries.find((e) => e.lrId === lrId);
  if (!entry) throw new AppError("not_found", "This patient has no relationship with this reference.");
  const status = entry.code.code.toLowerCase();
  if (status !== "active" && status !== "frozen" && status !== "closed") {
    throw new AppError("spine_unavailable", "Spine reported a status LR Manager does not know.", { reference: list.messageId });
  }
  return { status, typeName: entry.reasonCode.displayName ?? entry.reasonCode.code, subject: entry.subject };
}

/** Reasons the transition map allows from a status, with their names, for the radios. */
export function reasonOptions(status: LrStatus): { code: string; name: string; to: LrStatus }[] {
  return allowedScReasons(status).map((code) => ({
    code,
    name: displayNameOf(SC_REASON_CODES, code) ?? code,
    to: nextLrStatus(status, code) ?? status,
  }));
}

/**
 * Change an LR's status after re-checking, on the server, that the transition map allows this
 * reason from the LR's current status (the page only offered allowed reasons, but pages can be
 * stale), and that the user may change this LR at all (the scope rule: own, own workgroup's, or a
 * privacy officer's own organisation). Audited by the outbox (requested, then confirmed or failed).
 */
export async function changeLrStatus(ctx: LrContext, lrId: string, input: ChangeStatusInput): Promise<LrUpdateResponse> {
  const { status, subject } = await currentLrStatus(ctx, input.nhsNumber, lrId);
  await assertMayChangeStatus(ctx, subject);
  if (!nextLrStatus(status, input.reasonCode)) {
    throw new AppError("conflict", `This relationship is ${status}, so it cannot be changed for this reason.`, {
      fields: { reasonCode: "Select a reason that applies to this relationship" },
    });
  }
  const outcome = await sendLrStatusChange(ctx, {
    nhsNumber: input.nhsNumber,
    lrId,
    reasonCode: input.reasonCode,
    idempotencyKey: input.idempotencyKey,
  });
  return updateResponse(outcome);
}
