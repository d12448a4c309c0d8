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
