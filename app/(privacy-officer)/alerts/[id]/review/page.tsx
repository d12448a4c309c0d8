import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ProblemMessage } from "@/components/forms/problem-message";
import { PatientBanner } from "@/components/patient/patient-banner";
import { isAppError } from "@/lib/errors/app-error";
import { alertParams } from "@/lib/schemas/alerts";
import { AUDIT_OUTCOME_LABELS, auditActionLabel } from "@/lib/ui/audit-action-names";
import { displayDateTime } from "@/lib/ui/clinical-dates";
import { type PatientReview, reviewPatientForAlert } from "@/server/alerts/review-patient";
import { requirePagePermission } from "@/server/auth/page-session";
import { signedInUserFrom } from "@/server/auth/signed-in-user";
import { config } from "@/server/config";
import { uiErrorFrom } from "@/server/http/ui-error-from";
import { requestLogger } from "@/server/log/logger";
import { lrContextFor } from "@/server/lr/lr-context";
import { readPdsPatient } from "@/server/pds/read-pds-patient";
import { patientCopy } from "../../../../(clinician)/patients/[nhsNumber]/copy";
import { reviewCopy as copy } from "./copy";
import { ReviewLrTable } from "./review-lr-table";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: copy.title };

/**
 * Review a patient from an alert: the patient's complete LR list from Spine (every LR, its status,
 * who created it and the last change) and this organisation's LR Manager audit trail for them.
 */
export default async function ReviewPatientPage({ params }: { params: Promise<{ id: string }> }) {
  const { id: rawId } = await params;
  const session = await requirePagePermission("po.alerts", `/alerts/${encodeURIComponent(rawId)}/review`);
  const checked = alertParams.safeParse({ id: rawId });
  if (!checked.success) notFound();
  const user = signedInUserFrom(session);
  let review: PatientReview | undefined;
  let problem: ReturnType<typeof uiErrorFrom> | undefined;
  try {
    review = await reviewPatientForAlert(user, lrContextFor(user, requestLogger(crypto.randomUUID())), checked.data.id);
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    problem = uiErrorFrom(error);
  }
  const patient = review ? await readPdsPatient(review.nhsNumber).catch(() => undefined) : undefined;
  return (
    <>
      <a className="nhsuk-back-link" href={`/alerts/${checked.data.id}`}>
        {copy.back}
      </a>
      {patient ? <PatientBanner patient={patient} copy={patientCopy.banner} training={config().LR_MODE === "training"} /> : null}
      <span className="nhsuk-caption-l">
        {copy.caption} {checked.data.id}
      </span>
      <h1>{copy.heading}</h1>
      {problem || !review ? (
        <>
          <p>{copy.unavailable}</p>
          {problem ? <ProblemMessage error={problem} kind="query" /> : null}
        </>
      ) : (
        <>
          <h2 className="nhsuk-heading-m">{copy.lrs.heading}</h2>
          <ReviewLrTable list={review.lrs} />
          <p className="nhsuk-body-s">{copy.lrs.reference(review.lrs.reference)}</p>
          <h2 className="nhsuk-heading-m">{copy.audit.heading}</h2>
          <p>{copy.audit.lead}</p>
          {review.audit.length === 0 ? (
            <p>{copy.audit.none}</p>
          ) : (
            <div>
              <table className="nhsuk-table-responsive" data-testid="patient-audit">
                <caption className="nhsuk-u-visually-hidden">{copy.audit.heading}</caption>
                <thead className="nhsuk-table__head">
                  <tr>
                    <th scope="col" className="nhsuk-table__header">
                      {copy.audit.when}
                    </th>
                    <th scope="col" className="nhsuk-table__header">
                      {copy.audit.who}
                    </th>
                    <th scope="col" className="nhsuk-table__header">
                      {copy.audit.action}
                    </th>
                    <th scope="col" className="nhsuk-table__header">
                      {copy.audit.outcome}
                    </th>
                    <th scope="col" className="nhsuk-table__header">
                      {copy.audit.spine}
                    </th>
                  </tr>
                </thead>
                <tbody className="nhsuk-table__body">
                  {review.audit.map((event) => (
                    <tr key={event.id} className="nhsuk-table__row" data-testid="patient-audit-row">
                      <td className="nhsuk-table__cell">
                        <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                          {copy.audit.when}{" "}
                        </span>
                        {displayDateTime(event.at.toISOString())}
                      </td>
                      <td className="nhsuk-table__cell">
                        <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                          {copy.audit.who}{" "}
                        </span>
                        {event.actorSub ?? "System"}
                        {event.roleId ? <span className="nhsuk-body-s"> (role {event.roleId})</span> : null}
                      </td>
                      <td className="nhsuk-table__cell">
                        <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                          {copy.audit.action}{" "}
                        </span>
                        {auditActionLabel(event.action)}
                      </td>
                      <td className="nhsuk-table__cell">
                        <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                          {copy.audit.outcome}{" "}
                        </span>
                        {AUDIT_OUTCOME_LABELS[event.outcome] ?? event.outcome}
                      </td>
                      <td className="nhsuk-table__cell nhsuk-body-s break-all">
                        <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                          {copy.audit.spine}{" "}
                        </span>
                        {event.spineMessageId ?? ""}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </>
  );
}
