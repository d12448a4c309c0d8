import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { validateNhsNumber } from "@/lib/nhs/nhs-number";

/** The NHS number in a URL path, checked (format and Modulus 11) before anything reaches Spine. */
export function nhsNumberParam(params: Record<string, string>): string {
  const result = validateNhsNumber(params.nhsNumber ?? "");
  if (!result.ok)
    throw new AppError("invalid_input", "Enter a valid 10-digit NHS number.", { fields: { nhsNumber: "Enter a valid NHS number" } });
  return result.nhsNumber;
}

/** Spine LR ids are 1–20 characters (spine-lr.md §2.3). */
export function lrIdParam(params: Record<string, string>): string {
  const lrId = params.lrId ?? "";
  if (!/^[A-Za-z0-9-]{1,20}$/.test(lrId)) throw new AppError("not_found", "There is no relationship with this reference.");
  return lrId;
}
