import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { PatientBanner } from "@/components/patient/patient-banner";
import { patientQueryKeys } from "@/components/patient/patient-queries";
import { AUDIT_ACTIONS } from "@/lib/schemas/audit";
import { recordAudit } from "@/server/audit/record-audit";
import { can } from "@/server/auth/signed-in-user";
import { config } from "@/server/config";
import { asUiResult } from "@/server/http/ui-error-from";
import { checkRelationship } from "@/server/lr/check-relationship";
import { listPatientLrs } from "@/server/lr/list-patient-lrs";
import { auditActorOf } from "@/server/lr/lr-context";
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
  const { nhsNumber, user, ctx, patient } = opened.loaded;
  await recordAudit({ action: AUDIT_ACTIONS.patientViewed, outcome: "success", actor: auditActorOf(ctx), nhsNumber });

  const queryClient = new QueryClient();
  await Promise.all([
    queryClient.prefetchQuery({
      queryKey: patientQueryKeys.relationship(nhsNumber),
      queryFn: () => asUiResult(checkRelationship(ctx, nhsNumber)),
      retry: false,
    }),
    queryClient.prefetchQuery({
      queryKey: patientQueryKeys.lrs(nhsNumber),
      queryFn: () => asUiResult(listPatientLrs(ctx, nhsNumber)),
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
            selfClaim: can(user, "lr.selfClaim"),
            changeStatus: can(user, "lr.changeStatus"),
            emergency: can(user, "lr.emergencyView"),
          }}
        />
      </HydrationBoundary>
    </>
  );
}
