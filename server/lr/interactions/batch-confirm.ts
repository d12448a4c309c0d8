import "server-only";
import { AppError } from "@/lib/errors/app-error";
import type { BatchConfirmResult } from "@/lib/hl7";
import { normaliseNhsNumber, validateNhsNumber } from "@/lib/nhs/nhs-number";
import { type LrContext, queryAsUser, unexpectedReply } from "../lr-context";

/** One user against up to 10 000 patients (QUPC_IN090000UK03): which of them have an LR with the user. */
export interface BatchConfirmInput {
  nhsNumbers: string[];
  workgroupIds?: string[];
}

export const BATCH_CONFIRM_LIMIT = 10_000;

/**
 * Ten digits is all the message needs. A wrong check digit is Spine's per-patient answer (a
 * DetectedIssueEvent for that patient), so one mistyped number in a list of thousands comes back
 * as that patient's error instead of refusing the whole list.
 */
function listedNhsNumber(value: string, field: string): string {
  const result = validateNhsNumber(value);
  if (result.ok) return result.nhsNumber;
  if (result.problem === "check_digit") return normaliseNhsNumber(value);
  throw new AppError("invalid_input", "Each NHS number must be 10 digits.", { fields: { [field]: "Enter a 10-digit NHS number" } });
}

export async function batchConfirm(
  ctx: LrContext,
  input: BatchConfirmInput,
): Promise<{ messageId: string; results: BatchConfirmResult[] }> {
  if (input.nhsNumbers.length < 1 || input.nhsNumbers.length > BATCH_CONFIRM_LIMIT) {
    throw new AppError("invalid_input", `Give between 1 and ${BATCH_CONFIRM_LIMIT} NHS numbers.`, {
      fields: { nhsNumbers: "Between 1 and 10,000" },
    });
  }
  const nhsNumbers = input.nhsNumbers.map((n, i) => listedNhsNumber(n, `nhsNumbers.${i}`));
  const { messageId, reply } = await queryAsUser(
    ctx,
    {
      interactionId: "QUPC_IN090000UK03",
      payload: {
        nhsNumbers,
        parameterList: { userId: ctx.userId, roleProfileId: ctx.roleProfileId, workgroupIds: input.workgroupIds ?? [] },
      },
    },
    { kind: "batch-confirm", description: "Check relationships for a list of patients", patients: nhsNumbers.length },
  );
  if (reply.interactionId !== "QUPC_IN250000UK02") throw unexpectedReply(reply.interactionId, messageId);
  return { messageId, results: reply.payload.results };
}
