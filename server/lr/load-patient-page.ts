import "server-only";
import { redirect } from "next/navigation";
import { isAppError } from "@/lib/errors/app-error";
import { type NhsNumber, validateNhsNumber } from "@/lib/nhs/nhs-number";
import type { Permission } from "@/lib/rbac/permission-names";
import type { UiError } from "@/lib/schemas/api-error";
import type { PdsPatient } from "@/lib/schemas/patient";
import { requirePagePermission } from "@/server/auth/page-session";
import { type SignedInUser, signedInUserFrom } from "@/server/auth/signed-in-user";
import { assertNhsNumberForMode } from "@/server/http/nhs-number-mode-guard";
import { uiErrorFrom } from "@/server/http/ui-error-from";
import { requestLogger } from "@/server/log/logger";
import { readPdsPatient } from "@/server/pds/read-pds-patient";
import { type LrContext, lrContextFor } from "./lr-context";

/**
 * What every patient page starts with: the page permission, the NHS number checked once (a bad
 * one goes back to the search box with its error), the signed-in user, their LR context, and the
 * PDS record for the banner.
 */
export interface LoadedPatient {
  nhsNumber: NhsNumber;
  user: SignedInUser;
  ctx: LrContext;
  patient: PdsPatient | { problem: UiError };
}

export async function loadPatientPage(
  rawNhsNumber: string,
  permission: Permission,
  returnPath: (nhsNumber: string) => string,
): Promise<LoadedPatient> {
  const decoded = decodeURIComponent(rawNhsNumber);
  const session = await requirePagePermission(permission, returnPath(decoded));
  const checked = validateNhsNumber(decoded);
  if (!checked.ok) redirect(`/patients?nhsNumber=${encodeURIComponent(decoded)}`);
  const user = signedInUserFrom(session);
  const ctx = lrContextFor(user, requestLogger(crypto.randomUUID()));
  try {
    // A training page never shows a real patient, nor a live page a synthetic one.
    assertNhsNumberForMode(checked.nhsNumber);
    return { nhsNumber: checked.nhsNumber, user, ctx, patient: await readPdsPatient(checked.nhsNumber) };
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { nhsNumber: checked.nhsNumber, user, ctx, patient: { problem: uiErrorFrom(error) } };
  }
}

export function hasPatient(loaded: LoadedPatient): loaded is LoadedPatient & { patient: PdsPatient } {
  return !("problem" in loaded.patient);
}

export function problemOf(loaded: LoadedPatient): UiError {
  return "problem" in loaded.patient ? loaded.patient.problem : { code: "internal", message: "The patient's details are missing." };
}
