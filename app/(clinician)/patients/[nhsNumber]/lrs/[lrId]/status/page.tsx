import type { Metadata } from "next";
import { ProblemMessage } from "@/components/forms/problem-message";
import { LrStatusTag } from "@/components/lr/lr-status-tag";
import { PatientBanner } from "@/components/patient/patient-banner";
import { AppError } from "@/lib/errors/app-error";
import { lrIdSchema } from "@/lib/schemas/params";
import { config } from "@/server/config";
import { uiErrorFrom } from "@/server/http/ui-error-from";
import { currentLrStatus, reasonOptions } from "@/server/lr/change-lr-status";
import { mayChangeStatus } from "@/server/lr/status-change-scope";
import { patientCopy } from "../../../copy";
import { openPatientPage } from "../../../open-patient-page";
import { ChangeStatusFlow } from "./change-status-flow";
import { changeStatusCopy as copy } from "./copy";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: copy.title };

/** Change an LR's status: the reasons offered come from the transition map for its current status. */
export default async function ChangeStatusPage({ params }: { params: Promise<{ nhsNumber: string; lrId: string }> }) {
  const opened = await openPatientPage(params, "lr.changeStatus", (n, { lrId }) => `/patients/${n}/lrs/${lrId}/status`);
  if ("problem" in opened) return opened.problem;
  const { nhsNumber, ctx, patient } = opened.loaded;
  const rawLrId = opened.params.lrId;
  const banner = <PatientBanner patient={patient} copy={patientCopy.banner} training={config().LR_MODE === "training"} />;
  let current: Awaited<ReturnType<typeof currentLrStatus>>;
  let lrId: string;
  try {
    const checked = lrIdSchema.safeParse(decodeURIComponent(rawLrId));
    if (!checked.success) throw new AppError("not_found", "There is no relationship with this reference.");
    lrId = checked.data;
    current = await currentLrStatus(ctx, nhsNumber, lrId);
  } catch (error) {
    return (
      <>
        {banner}
        <h1>{copy.unavailableHeading}</h1>
        <ProblemMessage error={uiErrorFrom(error)} kind="query" />
        <p>
          <a href={`/patients/${nhsNumber}`}>{copy.backToPatient}</a>
        </p>
      </>
    );
  }
  if (!(await mayChangeStatus(ctx, current.subject).catch(() => false))) {
    return (
      <>
        {banner}
        <h1>{copy.notAllowed.heading}</h1>
        <p data-testid="status-change-not-allowed">{copy.notAllowed.body}</p>
        <p>
          <a href={`/patients/${nhsNumber}`}>{copy.backToPatient}</a>
        </p>
      </>
    );
  }
  const options = reasonOptions(current.status);
  return (
    <>
      {banner}
      <dl className="nhsuk-summary-list nhsuk-summary-list--no-border" data-testid="lr-summary">
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">{copy.relationship}</dt>
          <dd className="nhsuk-summary-list__value">{current.typeName}</dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">{copy.reference}</dt>
          <dd className="nhsuk-summary-list__value">{lrId}</dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">{copy.current}</dt>
          <dd className="nhsuk-summary-list__value" data-testid="current-status">
            <LrStatusTag status={current.status} />
          </dd>
        </div>
      </dl>
      {options.length === 0 ? (
        <>
          <p className="nhsuk-inset-text" data-testid="no-transitions">
            {copy.closed}
          </p>
          <p>
            <a href={`/patients/${nhsNumber}`}>{copy.backToPatient}</a>
          </p>
        </>
      ) : (
        <ChangeStatusFlow nhsNumber={nhsNumber} lrId={lrId} options={options} />
      )}
    </>
  );
}
