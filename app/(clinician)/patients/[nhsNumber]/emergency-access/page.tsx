import type { Metadata } from "next";
import { PatientBanner } from "@/components/patient/patient-banner";
import { PatientProblem } from "@/components/patient/patient-problem";
import { DISSENT_OVERRIDES } from "@/lib/hl7/vocab/query-codes";
import { config } from "@/server/config";
import { hasPatient, loadPatientPage, problemOf } from "@/server/patients/load-patient";
import { patientCopy } from "../copy";
import { emergencyCopy as copy } from "./copy";
import { EmergencyAccessFlow } from "./emergency-access-flow";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: copy.title };

/** Emergency (dissent-override) access: only roles with lr.emergencyView reach this page; others are refused and audited. */
export default async function EmergencyAccessPage({ params }: { params: Promise<{ nhsNumber: string }> }) {
  const { nhsNumber: raw } = await params;
  const loaded = await loadPatientPage(raw, "lr.emergencyView", (n) => `/patients/${n}/emergency-access`);
  if (!hasPatient(loaded)) return <PatientProblem nhsNumber={loaded.nhsNumber} error={problemOf(loaded)} copy={patientCopy.problem} />;
  return (
    <>
      <PatientBanner patient={loaded.patient} copy={patientCopy.banner} training={config().LR_MODE === "training"} />
      <EmergencyAccessFlow
        nhsNumber={loaded.nhsNumber}
        reasons={DISSENT_OVERRIDES.entries.filter((e) => e.code !== "0").map((e) => ({ code: e.code, name: e.displayName }))}
      />
    </>
  );
}
