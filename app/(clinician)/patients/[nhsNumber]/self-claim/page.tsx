import type { Metadata } from "next";
import { PatientBanner } from "@/components/patient/patient-banner";
import { ACCESS_REASON_CODES, LR_TYPES, SELF_CLAIMED_LR_TYPE } from "@/lib/hl7/vocab/lr-codes";
import { can } from "@/server/auth/signed-in-user";
import { config } from "@/server/config";
import { uiErrorFrom } from "@/server/http/ui-error-from";
import { myWorkgroupsForPage } from "@/server/lr/my-workgroups";
import { patientCopy } from "../copy";
import { openPatientPage } from "../open-patient-page";
import { selfClaimCopy as copy } from "./copy";
import { SelfClaimFlow } from "./self-claim-flow";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: copy.title };

/** Self-claim journey: server checks the permission and gathers the choices the role may make. */
export default async function SelfClaimPage({ params }: { params: Promise<{ nhsNumber: string }> }) {
  const opened = await openPatientPage(params, "lr.selfClaim", (n) => `/patients/${n}/self-claim`);
  if ("problem" in opened) return opened.problem;
  const { nhsNumber, user, ctx, patient } = opened.loaded;
  // Other LR types only where the role may create them (lr.create); everyone here may self-claim.
  const types = can(user, "lr.create") ? LR_TYPES.entries.map((e) => ({ code: e.code, name: e.displayName })) : [];
  // When SDS cannot say which workgroups the role is in, the page says so (only "for me" is offered).
  const { workgroups, problem } = await myWorkgroupsForPage(ctx);
  return (
    <>
      <PatientBanner patient={patient} copy={patientCopy.banner} training={config().LR_MODE === "training"} />
      {problem ? (
        <div className="nhsuk-warning-callout" data-testid="workgroups-unavailable">
          <h2 className="nhsuk-warning-callout__label">
            <span className="nhsuk-u-visually-hidden">Important: </span>
            {copy.workgroupsUnavailable.heading}
          </h2>
          <p>{uiErrorFrom(problem).message}</p>
          <p>{copy.workgroupsUnavailable.body}</p>
        </div>
      ) : null}
      <SelfClaimFlow
        nhsNumber={nhsNumber}
        defaultType={SELF_CLAIMED_LR_TYPE}
        types={types}
        reasons={ACCESS_REASON_CODES.entries.map((e) => ({ code: e.code, name: e.displayName }))}
        workgroups={workgroups}
      />
    </>
  );
}
