import type { Metadata } from "next";
import { PatientBanner } from "@/components/patient/patient-banner";
import { DISSENT_OVERRIDES } from "@/lib/hl7/vocab/query-codes";
import { config } from "@/server/config";
import { patientCopy } from "../copy";
import { openPatientPage } from "../open-patient-page";
import { emergencyCopy as copy } from "./copy";
import { EmergencyAccessFlow } from "./emergency-access-flow";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: copy.title };

/** Emergency (dissent-override) access: only roles with lr.emergencyView reach this page; others are refused and audited. */
export default async function EmergencyAccessPage({ params }: { params: Promise<{ nhsNumber: string }> }) {
  const opened = await openPatientPage(params, "lr.emergencyView", (n) => `/patients/${n}/emergency-access`);
  if ("problem" in opened) return opened.problem;
  const { loaded } = opened;
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
