import { z } from "zod";
import { type NhsNumber, type NhsNumberProblem, validateNhsNumber } from "@/lib/nhs/nhs-number";

/**
 * Path and body fields that name a patient or an LR. The NHS number schema is the one place a
 * request's NHS number is checked (format and Modulus 11); it yields a branded `NhsNumber`, so
 * nothing further down checks it again.
 */

/** Field messages follow the NHS design system's wording for an NHS number input. */
export const NHS_NUMBER_MESSAGES: Record<NhsNumberProblem, string> = {
  empty: "Enter an NHS number",
  format: "NHS number must only contain numbers",
  length: "NHS number must be 10 digits",
  check_digit: "Enter a valid NHS number",
};

export const nhsNumberSchema = z.string({ error: NHS_NUMBER_MESSAGES.empty }).transform((value, ctx): NhsNumber => {
  const checked = validateNhsNumber(value);
  if (checked.ok) return checked.nhsNumber;
  ctx.addIssue({ code: "custom", message: NHS_NUMBER_MESSAGES[checked.problem] });
  return z.NEVER;
});

/** Spine LR ids are 1–20 characters (docs/domain.md §2.3). */
export const lrIdSchema = z.string().regex(/^[A-Za-z0-9-]{1,20}$/, "There is no relationship with this reference.");

/** Spine MessageIds, which are also operation ids: upper-case UUIDs (lower case accepted and upper-cased). */
export const operationIdSchema = z
  .string()
  .regex(/^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/, "There is no operation with this reference.")
  .transform((value) => value.toUpperCase());

export const patientParams = z.object({ nhsNumber: nhsNumberSchema });
export const lrParams = z.object({ lrId: lrIdSchema });
export const operationParams = z.object({ id: operationIdSchema });
