import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { PatientBanner } from "@/components/patient/patient-banner";
import { patientQueryKeys } from "@/lib/ui/patient-queries";
import { config } from "@/server/config";
import { can } from "@/server/patients/clinician";
import { getPatientLrList } from "@/server/patients/get-patient-lr-list";
import { getPatientRelationship } from "@/server/patients/get-patient-relationship";
import { auditPatientEvent, PATIENT_AUDIT_ACTIONS } from "@/server/patients/patient-audit";
import { asUiResult } from "@/server/patients/ui-error-from";
import { patientCopy as copy } from "./copy";
import { openPatientPage } from "./open-patient-page";
import { PatientLrs } from "./patient-lrs";

export const dynamic = "force-dynamic";

type Params = Promise<{ nhsNumber: string }>;

// No patient name in the title: it is visible in browser history and tab lists.
export const metadata: Metadata = { title: copy.titleSuffix };

/**
 * The patient page: banner from PDS, then the relationship and LR list, prefetched on the server
 * into TanStack Query and hydrated (the client refetches only after an update). Viewing is audited.
 */
export default async function PatientPage({ params }: { params: Params }) {
  const opened = await openPatientPage(params, "lr.view", (n) => `/patients/${n}`);
  if ("problem" in opened) return opened.problem;
  const { nhsNumber, clinician, ctx, patient } = opened.loaded;
  await auditPatientEvent(clinician, { action: PATIENT_AUDIT_ACTIONS.patientViewed, nhsNumber, outcome: "success" });

  const queryClient = new QueryClient();
  await Promise.all([
    queryClient.prefetchQuery({
      queryKey: patientQueryKeys.relationship(nhsNumber),
      queryFn: () => asUiResult(getPatientRelationship(ctx, nhsNumber)),
      retry: false,
    }),
    queryClient.prefetchQuery({
      queryKey: patientQueryKeys.lrs(nhsNumber),
      queryFn: () => asUiResult(getPatientLrList(clinician, ctx, { nhsNumber })),
      retry: false,
    }),
  ]);
  // Errors are hydrated too (as plain UiErrors), so the page shows them instead of silently asking Spine again.
  const state = dehydrate(queryClient, { shouldDehydrateQuery: () => true, shouldRedactErrors: () => false });

  return (
    <>
      <a className="nhsuk-back-link" href="/patients">
        {copy.back}
      </a>
      <PatientBanner patient={patient} copy={copy.banner} training={config().LR_MODE === "training"} nameIsPageHeading />
      <HydrationBoundary state={state}>
        <PatientLrs
          nhsNumber={nhsNumber}
          can={{
            selfClaim: can(clinician, "lr.selfClaim"),
            changeStatus: can(clinician, "lr.changeStatus"),
            emergency: can(clinician, "lr.emergencyView"),
          }}
        />
      </HydrationBoundary>
    </>
  );
}
