import type { Kysely } from "kysely";
import { validateNhsNumber } from "@/lib/nhs/nhs-number";
import type { PatientTable, SimulatorDatabase } from "@/simulator/store/schema";

/** Synthetic PDS FHIR R4 read: GET /personal-demographics/FHIR/R4/Patient/{nhsNumber}. */
export const PDS_PATIENT_PATH = /^\/personal-demographics\/FHIR\/R4\/Patient\/([^/?]+)$/;

const NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";
const SPINE_ERROR_CODES = "https://fhir.nhs.uk/R4/CodeSystem/Spine-ErrorOrWarningCode";

export interface FhirResult {
  status: number;
  resource: Record<string, unknown>;
}

function operationOutcome(issueCode: string, spineCode: string, display: string, diagnostics: string): Record<string, unknown> {
  return {
    resourceType: "OperationOutcome",
    issue: [
      {
        severity: "error",
        code: issueCode,
        details: { coding: [{ system: SPINE_ERROR_CODES, version: "1", code: spineCode, display }] },
        diagnostics,
      },
    ],
  };
}

export function toFhirPatient(patient: PatientTable): Record<string, unknown> {
  return {
    resourceType: "Patient",
    id: patient.nhs_number,
    meta: { versionId: "1" },
    identifier: [{ system: NHS_NUMBER_SYSTEM, value: patient.nhs_number }],
    name: [{ use: "usual", family: patient.family_name, given: [patient.given_name] }],
    gender: patient.gender,
    birthDate: patient.birth_date,
    ...(patient.deceased_at ? { deceasedDateTime: patient.deceased_at } : { deceasedBoolean: false }),
  };
}

export async function readPdsPatient(db: Kysely<SimulatorDatabase>, rawNhsNumber: string): Promise<FhirResult> {
  const checked = validateNhsNumber(decodeURIComponent(rawNhsNumber));
  if (!checked.ok) {
    return {
      status: 400,
      resource: operationOutcome("value", "INVALID_RESOURCE_ID", "Resource Id is invalid", `Invalid NHS number (${checked.problem})`),
    };
  }
  const patient = await db.selectFrom("patients").selectAll().where("nhs_number", "=", checked.nhsNumber).executeTakeFirst();
  if (!patient) {
    return {
      status: 404,
      resource: operationOutcome("not-found", "RESOURCE_NOT_FOUND", "Resource not found", `Patient ${checked.nhsNumber} not found`),
    };
  }
  return { status: 200, resource: toFhirPatient(patient) };
}
