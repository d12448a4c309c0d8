import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import type { NhsNumber } from "@/lib/nhs/nhs-number";
import type { PdsPatient } from "@/lib/schemas/patient";
import { config } from "@/server/config";

/**
 * PDS FHIR R4 read (GET {PDS_BASE_URL}/Patient/{nhsNumber}) for the patient banner. Only the
 * fields the banner shows are read; PDS's own errors become AppErrors a person can act on.
 */

const NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";
const PDS_TIMEOUT_MS = 10_000;

const humanName = z.object({
  use: z.string().optional(),
  family: z.string().optional(),
  given: z.array(z.string()).optional(),
  prefix: z.array(z.string()).optional(),
  period: z.object({ end: z.string().optional() }).optional(),
});

const fhirPatient = z.object({
  resourceType: z.literal("Patient"),
  id: z.string(),
  identifier: z.array(z.object({ system: z.string().optional(), value: z.string().optional() })).optional(),
  name: z.array(humanName).optional(),
  gender: z.string().optional(),
  birthDate: z.string().optional(),
  deceasedDateTime: z.string().optional(),
  deceasedBoolean: z.boolean().optional(),
});

/** The usual name that has not ended; else the first one. */
function currentName(names: z.infer<typeof humanName>[]): z.infer<typeof humanName> | undefined {
  return names.find((name) => name.use === "usual" && !name.period?.end) ?? names.find((name) => !name.period?.end) ?? names[0];
}

export function pdsPatientFromFhir(resource: unknown): PdsPatient {
  const parsed = fhirPatient.safeParse(resource);
  if (!parsed.success) throw new AppError("upstream_unavailable", "The patient's details could not be read from PDS.");
  const patient = parsed.data;
  const nhsNumber = patient.identifier?.find((id) => id.system === NHS_NUMBER_SYSTEM)?.value ?? patient.id;
  const name = currentName(patient.name ?? []);
  return {
    nhsNumber,
    familyName: name?.family ?? "",
    givenNames: name?.given ?? [],
    ...(name?.prefix?.[0] ? { title: name.prefix[0] } : {}),
    ...(patient.birthDate ? { birthDate: patient.birthDate } : {}),
    ...(patient.gender ? { gender: patient.gender } : {}),
    ...(patient.deceasedDateTime ? { deceasedAt: patient.deceasedDateTime } : {}),
  };
}

/** PDS read of a patient whose NHS number the caller has already checked (the type says so). */
export async function readPdsPatient(nhsNumber: NhsNumber, options: { baseUrl?: string; timeoutMs?: number } = {}): Promise<PdsPatient> {
  const baseUrl = (options.baseUrl ?? config().PDS_BASE_URL).replace(/\/$/, "");
  let response: Response;
  try {
    response = await fetch(`${baseUrl}/Patient/${nhsNumber}`, {
      headers: { accept: "application/fhir+json", "x-request-id": crypto.randomUUID() },
      signal: AbortSignal.timeout(options.timeoutMs ?? PDS_TIMEOUT_MS),
      cache: "no-store",
    });
  } catch (error) {
    throw new AppError("upstream_unavailable", "The patient demographics service (PDS) could not be reached.", {
      cause: error,
      retryable: true,
    });
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (response.status === 404) throw new AppError("not_found", "No patient with this NHS number was found on PDS.");
  if (response.status === 400)
    throw new AppError("invalid_input", "PDS says this NHS number is not valid.", { fields: { nhsNumber: "Enter a valid NHS number" } });
  if (!response.ok) throw new AppError("upstream_unavailable", `PDS answered with status ${response.status}.`, { retryable: true });
  const patient = pdsPatientFromFhir(body);
  // Never show one patient's details under another's number.
  if (patient.nhsNumber !== nhsNumber) throw new AppError("upstream_unavailable", "PDS returned a different patient.");
  return patient;
}
