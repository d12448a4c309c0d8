import "server-only";

/** The demographics the patient banner needs, from a PDS FHIR Patient read. */
export interface PdsPatient {
  nhsNumber: string;
  familyName: string;
  givenNames: string[];
  title?: string;
  /** ISO date. */
  birthDate?: string;
  gender?: string;
  /** ISO date-time when PDS records the patient as deceased. */
  deceasedAt?: string;
}

/** "FAMILY, Given (Title)" — the NHS CUI patient name display. */
export function bannerName(patient: PdsPatient): string {
  const given = patient.givenNames.join(" ");
  const title = patient.title ? ` (${patient.title})` : "";
  return `${patient.familyName.toUpperCase()}, ${given}${title}`;
}
