import type { PdsPatient } from "@/lib/schemas/patient";

/** "FAMILY, Given (Title)" — the NHS CUI patient name display. */
export function bannerName(patient: PdsPatient): string {
  const given = patient.givenNames.join(" ");
  const title = patient.title ? ` (${patient.title})` : "";
  return `${patient.familyName.toUpperCase()}, ${given}${title}`;
}
