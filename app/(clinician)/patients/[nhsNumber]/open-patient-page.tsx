import type { ReactNode } from "react";
import { PatientProblem } from "@/components/patient/patient-problem";
import type { Permission } from "@/lib/rbac/permission-names";
import type { PdsPatient } from "@/lib/schemas/patient";
import { hasPatient, type LoadedPatient, loadPatientPage, problemOf } from "@/server/lr/load-patient-page";
import { patientCopy } from "./copy";

/**
 * What every patient page does first: the page permission, the NHS number from its URL and the
 * patient's PDS record. Without a record to show, the page is the problem instead (`problem`).
 */
export async function openPatientPage<P extends { nhsNumber: string }>(
  params: Promise<P>,
  permission: Permission,
  returnPath: (nhsNumber: string, params: P) => string,
): Promise<{ loaded: LoadedPatient & { patient: PdsPatient }; params: P } | { problem: ReactNode }> {
  const resolved = await params;
  const loaded = await loadPatientPage(resolved.nhsNumber, permission, (nhsNumber) => returnPath(nhsNumber, resolved));
  if (!hasPatient(loaded))
    return { problem: <PatientProblem nhsNumber={loaded.nhsNumber} error={problemOf(loaded)} copy={patientCopy.problem} /> };
  return { loaded, params: resolved };
}
