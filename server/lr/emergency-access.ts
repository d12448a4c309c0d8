import "server-only";
import type { NhsNumber } from "@/lib/nhs/nhs-number";
import type { EmergencyAccessInput } from "@/lib/schemas/lr";
import type { PatientLrList } from "@/lib/schemas/patient-lrs";
import { listPatientLrs } from "./list-patient-lrs";
import type { LrContext } from "./lr-context";

/**
 * Emergency access: the details query with a DissentOverride reason. Always audited — also when
 * Spine fails — as one emergency-access event with the reason, so the privacy officer can review
 * every override.
 */
export function emergencyAccess(ctx: LrContext, nhsNumber: NhsNumber, input: EmergencyAccessInput): Promise<PatientLrList> {
  return listPatientLrs(ctx, nhsNumber, { dissentOverride: input.dissentOverride, reasonText: input.reasonText });
}
