import "server-only";
import type { NhsNumber } from "@/lib/nhs/nhs-number";
import type { EmergencyAccessInput } from "@/lib/schemas/lr";
import type { PatientLrList } from "@/lib/schemas/patient-lrs";
import { raiseAccessAlert } from "@/server/alerts/raise-alert";
import { listPatientLrs } from "./list-patient-lrs";
import type { LrContext } from "./lr-context";

/**
 * Emergency access: the details query with a DissentOverride reason. Always audited — also when
 * Spine fails — as one emergency-access event with the reason, so the privacy officer can review
 * every override, and — once Spine has answered, so the access happened — it raises an access
 * alert with the reason for the privacy officers of the user's organisation.
 */
export async function emergencyAccess(ctx: LrContext, nhsNumber: NhsNumber, input: EmergencyAccessInput): Promise<PatientLrList> {
  const list = await listPatientLrs(ctx, nhsNumber, { dissentOverride: input.dissentOverride, reasonText: input.reasonText });
  await raiseAccessAlert(ctx, {
    nhsNumber,
    dissentOverride: input.dissentOverride,
    reasonText: input.reasonText,
    messageId: list.reference,
  });
  return list;
}
