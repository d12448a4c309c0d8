import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { isSyntheticNhsNumber } from "@/lib/nhs/nhs-number";
import { config } from "@/server/config";

/**
 * Training and live data never mix, decided on the server: in training mode only synthetic NHS
 * numbers (999 000 0000 – 999 999 9999) are accepted — `0000000000` has a valid check digit and
 * would otherwise be sent to Spine — and in live mode a synthetic number is refused. Checked before
 * anything is sent or stored.
 */
export function assertNhsNumberForMode(nhsNumber: string, mode: "training" | "live" = config().LR_MODE): void {
  const synthetic = isSyntheticNhsNumber(nhsNumber);
  if (mode === "training" && !synthetic) {
    throw new AppError("invalid_input", "This is a training environment: use a synthetic NHS number (999 000 0000 to 999 999 9999).", {
      fields: { nhsNumber: "Enter a synthetic NHS number, from 999 000 0000 to 999 999 9999" },
    });
  }
  if (mode === "live" && synthetic) {
    throw new AppError("invalid_input", "Synthetic NHS numbers (999 …) are for training only and cannot be used here.", {
      fields: { nhsNumber: "Enter the patient's real NHS number" },
    });
  }
}

/** The NHS numbers a request names in its path or body (the fields the API contract calls `nhsNumber`). */
export function assertRequestNhsNumbersForMode(...parts: unknown[]): void {
  for (const part of parts) {
    if (typeof part !== "object" || part === null) continue;
    const value = (part as { nhsNumber?: unknown }).nhsNumber;
    if (typeof value === "string") assertNhsNumberForMode(value);
  }
}
