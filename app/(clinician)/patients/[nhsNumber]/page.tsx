import type { Metadata } from "next";
import { PatientBanner } from "@/components/patient/patient-banner";
import type { SpineRead } from "@/components/patient/spine-read";
import type { UiError } from "@/lib/schemas/api-error";
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
 * The patient page: banner from PDS, then the relationship and LR list, read from Spine on the
 * server and passed down with their errors (as plain UiErrors, so the page shows them instead of
 * silently asking Spine again). Viewing is audited.
 */
export default async function PatientPage({ params }: { params: Params }) {
  const opened = await openPatientPage(params, "lr.view", (n) => `/patients/${n}`);
  if ("problem" in opened) return opened.problem;
  const { nhsNumber, user, ctx, patient } = opened.loaded;
  await recordAudit({ action: AUDIT_ACTIONS.patientViewed, outcome: "success", actor: auditActorOf(ctx), nhsNumber });

  const [relationship, lrs] = await Promise.all([spineRead(checkRelationship(ctx, nhsNumber)), spineRead(listPatientLrs(ctx, nhsNumber))]);

  return (
    <>
      <a className="nhsuk-back-link" href="/patients">
        {copy.back}
      </a>
      <PatientBanner patient={patient} copy={copy.banner} training={config().LR_MODE === "training"} nameIsPageHeading />
      <PatientLrs
        nhsNumber={nhsNumber}
        relationship={relationship}
        lrs={lrs}
        can={{
          selfClaim: can(user, "lr.selfClaim"),
          changeStatus: can(user, "lr.changeStatus"),
          emergency: can(user, "lr.emergencyView"),
        }}
      />
    </>
  );
}

async function spineRead<T>(work: Promise<T>): Promise<SpineRead<T>> {
  try {
    return { data: await asUiResult(work) };
  } catch (error) {
    return { error: error as UiError };
  }
}
