import { apiFetch } from "@/components/api/api-fetch";
import type { PatientLrList, PatientRelationship } from "@/lib/schemas/patient-lrs";

/**
 * TanStack Query keys and fetchers for a patient's LR data. The server page prefetches the same
 * keys (calling the service directly) and hydrates them, so the first paint needs no client fetch;
 * after an update the journeys invalidate `patientQueryKeys.all(nhsNumber)`.
 */
export const patientQueryKeys = {
  all: (nhsNumber: string) => ["patient", nhsNumber] as const,
  lrs: (nhsNumber: string) => ["patient", nhsNumber, "lrs"] as const,
  relationship: (nhsNumber: string) => ["patient", nhsNumber, "relationship"] as const,
};

/**
 * Spine reads are not retried automatically: a timeout already took 30 s, and a person decides
 * whether to try again. A hydrated error stays shown (no silent refetch on mount).
 */
export const SPINE_QUERY_OPTIONS = { retry: false, retryOnMount: false } as const;

export function patientLrsQuery(nhsNumber: string) {
  return {
    queryKey: patientQueryKeys.lrs(nhsNumber),
    queryFn: ({ signal }: { signal: AbortSignal }) => apiFetch<PatientLrList>(`/api/patients/${nhsNumber}/lrs`, { signal }),
    ...SPINE_QUERY_OPTIONS,
  };
}

export function patientRelationshipQuery(nhsNumber: string) {
  return {
    queryKey: patientQueryKeys.relationship(nhsNumber),
    queryFn: ({ signal }: { signal: AbortSignal }) => apiFetch<PatientRelationship>(`/api/patients/${nhsNumber}/relationship`, { signal }),
    ...SPINE_QUERY_OPTIONS,
  };
}
