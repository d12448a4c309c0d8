import { validateNhsNumber } from "@/lib/nhs/nhs-number";
import { type BusinessContext, type BusinessOutcome, businessError } from "@/simulator/business/business-context";

/** PDS-side checks every patient-centred request makes: check digit, then (configurably) existence. */
export async function checkPatient(context: BusinessContext, nhsNumber: string): Promise<BusinessOutcome | undefined> {
  if (!validateNhsNumber(nhsNumber).ok) return businessError("invalidNhsNumber", `NHS number ${nhsNumber} is not valid`);
  if (!context.config.businessRules.requireKnownPatient) return undefined;
  const patient = await context.db.selectFrom("patients").select("nhs_number").where("nhs_number", "=", nhsNumber).executeTakeFirst();
  return patient ? undefined : businessError("patientNotFound", `NHS number ${nhsNumber} is not known`);
}
