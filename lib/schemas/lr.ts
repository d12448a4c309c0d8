import { z } from "zod";
import { ACCESS_REASON_CODES, LR_TYPES, SC_REASON_CODES } from "@/lib/hl7/vocab/lr-codes";
import { DISSENT_OVERRIDES } from "@/lib/hl7/vocab/query-codes";
import { isCodeIn } from "@/lib/hl7/vocab/vocabulary";
import { nhsNumberSchema } from "./params";

/**
 * The journeys' form inputs, shared by the browser (to show errors before sending) and the route
 * handlers (which re-check everything). Messages follow the NHS error-message style.
 */

export const FREE_TEXT_MAX = 500;

const freeText = (empty: string) =>
  z.string({ error: empty }).trim().min(1, empty).max(FREE_TEXT_MAX, `Reason must be ${FREE_TEXT_MAX} characters or fewer`);

export const selfClaimInput = z.object({
  lrType: z
    .string({ error: "Select the type of relationship" })
    .refine((code) => isCodeIn(LR_TYPES, code), "Select the type of relationship"),
  accessReasonCode: z
    .string({ error: "Select why you need access" })
    .refine((code) => isCodeIn(ACCESS_REASON_CODES, code), "Select why you need access"),
  accessReasonText: freeText("Enter details of why you need access"),
  subject: z.discriminatedUnion(
    "kind",
    [
      z.object({ kind: z.literal("self") }),
      z.object({ kind: z.literal("workgroup"), workgroupId: z.string().regex(/^[0-9A-Za-z-]{1,12}$/) }),
    ],
    { error: "Select who the relationship is for" },
  ),
  idempotencyKey: z.uuid(),
});
export type SelfClaimInput = z.infer<typeof selfClaimInput>;

export const changeStatusInput = z.object({
  nhsNumber: nhsNumberSchema,
  reasonCode: z.string({ error: "Select a reason" }).refine((code) => isCodeIn(SC_REASON_CODES, code), "Select a reason"),
  idempotencyKey: z.uuid(),
});
export type ChangeStatusInput = z.output<typeof changeStatusInput>;
/** What the browser sends (before the NHS number is checked and branded). */
export type ChangeStatusForm = z.input<typeof changeStatusInput>;

/** "0" (no override) is never an emergency reason. */
export const emergencyAccessInput = z.object({
  dissentOverride: z
    .string({ error: "Select the reason for emergency access" })
    .refine((code) => code !== "0" && isCodeIn(DISSENT_OVERRIDES, code), "Select the reason for emergency access"),
  reasonText: freeText("Enter details of why you need emergency access"),
});
export type EmergencyAccessInput = z.infer<typeof emergencyAccessInput>;

/** What a create or status change answers: Spine confirmed it, or it is still waiting for Spine. */
export type LrUpdateResponse =
  | { state: "confirmed"; lrId: string; reference: string }
  | { state: "pending"; operationId: string; reference: string };

/** First message per field, for the error summary. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "_");
    fields[key] ??= issue.message;
  }
  return fields;
}
