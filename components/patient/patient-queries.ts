/**
 * TanStack Query keys of a patient's LR data: after an update the journeys invalidate
 * `patientQueryKeys.all(nhsNumber)`. (The patient page itself reads Spine on the server and
 * passes the answers down; components/patient/spine-read.ts.)
 */
export const patientQueryKeys = {
  all: (nhsNumber: string) => ["patient", nhsNumber] as const,
  lrs: (nhsNumber: string) => ["patient", nhsNumber, "lrs"] as const,
  relationship: (nhsNumber: string) => ["patient", nhsNumber, "relationship"] as const,
};
