import "server-only";
import { redirect } from "next/navigation";
import { isAppError } from "@/lib/errors/app-error";
import { validateNhsNumber } from "@/lib/nhs/nhs-number";
import type { Permission } from "@/lib/rbac/permission-names";
import type { UiError } from "@/lib/ui/ui-error";
import { requirePagePermission } from "@/server/auth/page-session";
import { requestLogger } from "@/server/log/logger";
import type { LrContext } from "@/server/lr";
import type { PdsPatient } from "@/server/pds/pds-patient";
import { readPdsPatient } from "@/server/pds/read-pds-patient";
import { type Clinician, clinicianFromSession, lrContextFor } from "./clinician";
import { uiErrorFrom } from "./ui-error-from";

/**
 * What every patient page starts with: the page permission, a checked NHS number (a bad one goes
 * back to the search box with its error), the clinician, and the PDS record for the banner.
 */
export interface LoadedPatient {
  nhsNumber: string;
  clinician: Clinician;
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
  const clinician = clinicianFromSession(session);
  const ctx = lrContextFor(clinician, requestLogger(crypto.randomUUID()));
  try {
    return { nhsNumber: checked.nhsNumber, clinician, ctx, patient: await readPdsPatient(checked.nhsNumber) };
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { nhsNumber: checked.nhsNumber, clinician, ctx, patient: { problem: uiErrorFrom(error) } };
  }
}

export function hasPatient(loaded: LoadedPatient): loaded is LoadedPatient & { patient: PdsPatient } {
  return !("problem" in loaded.patient);
}

export function problemOf(loaded: LoadedPatient): UiError {
  return "problem" in loaded.patient ? loaded.patient.problem : { code: "internal", message: "The patient's details are missing." };
}
