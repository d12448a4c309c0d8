import "server-only";
import { isAppError } from "@/lib/errors/app-error";
import type { EmergencyAccessInput } from "@/lib/ui/lr-forms";
import type { PatientLrList } from "@/lib/ui/lr-rows";
import type { LrContext } from "@/server/lr";
import type { Clinician } from "./clinician";
import { getPatientLrList } from "./get-patient-lr-list";
import { auditPatientEvent, PATIENT_AUDIT_ACTIONS } from "./patient-audit";

/**
 * Emergency access: the details query with a DissentOverride reason. Always audited — also when
 * Spine fails — with the reason, so the privacy officer can review every override.
 */
export async function emergencyAccess(
  clinician: Clinician,
  ctx: LrContext,
  nhsNumber: string,
  input: EmergencyAccessInput,
  requestId?: string,
): Promise<PatientLrList> {
  const details = { dissentOverride: input.dissentOverride, reasonText: input.reasonText };
  try {
    const list = await getPatientLrList(clinician, ctx, { nhsNumber, dissentOverride: input.dissentOverride });
    await auditPatientEvent(clinician, {
      action: PATIENT_AUDIT_ACTIONS.emergencyAccess,
      nhsNumber,
      outcome: "success",
      details: { ...details, spineMessageId: list.reference },
      ...(requestId ? { requestId } : {}),
    });
    return list;
  } catch (error) {
    await auditPatientEvent(clinician, {
      action: PATIENT_AUDIT_ACTIONS.emergencyAccess,
      nhsNumber,
      outcome: "failure",
      details: { ...details, ...(isAppError(error) ? { error: error.code, spineMessageId: error.reference } : {}) },
      ...(requestId ? { requestId } : {}),
    });
    throw error;
  }
}
