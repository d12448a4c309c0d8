import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AlertSendTag, AlertStatusTag } from "@/components/alerts/alert-tags";
import { NhsNumber } from "@/components/patient/nhs-number";
import { PatientBanner } from "@/components/patient/patient-banner";
import { isAppError } from "@/lib/errors/app-error";
import type { NhsNumber as CheckedNhsNumber } from "@/lib/nhs/nhs-number";
import { ALERT_STATUS_NAMES, type AlertDetail, alertParams } from "@/lib/schemas/alerts";
import { displayDateTime } from "@/lib/ui/clinical-dates";
import { getAlert } from "@/server/alerts/get-alert";
import { requirePagePermission } from "@/server/auth/page-session";
import { signedInUserFrom } from "@/server/auth/signed-in-user";
import { config } from "@/server/config";
import { readPdsPatient } from "@/server/pds/read-pds-patient";
import { patientCopy } from "../../../(clinician)/patients/[nhsNumber]/copy";
import { alertQueueCopy } from "../copy";
import { AlertActions } from "./alert-actions";
import { alertCopy as copy } from "./copy";
import { ResendAlert } from "./resend-alert";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: copy.title };

function Row({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className="nhsuk-summary-list__row">
      <dt className="nhsuk-summary-list__key">{label}</dt>
      <dd className="nhsuk-summary-list__value" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

async function loadAlert(user: ReturnType<typeof signedInUserFrom>, id: string): Promise<AlertDetail> {
  try {
    return await getAlert(user, id);
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
}

/**
 * One alert: who, when, which patient (banner, NHS number 3-3-4), the reason and what they typed,
 * the LR or access it belongs to, the Spine message ids, every note and status change; and the
 * actions — unless the viewer caused it (four-eyes, also enforced by the server).
 */
export default async function AlertPage({ params }: { params: Promise<{ id: string }> }) {
  const { id: rawId } = await params;
  const session = await requirePagePermission("po.alerts", `/alerts/${encodeURIComponent(rawId)}`);
  const checked = alertParams.safeParse({ id: rawId });
  if (!checked.success) notFound();
  const user = signedInUserFrom(session);
  const alert = await loadAlert(user, checked.data.id);
  const patient = await readPdsPatient(alert.nhsNumber as CheckedNhsNumber).catch(() => undefined);

  return (
    <>
      <a className="nhsuk-back-link" href="/alerts">
        {copy.back}
      </a>
      {patient ? <PatientBanner patient={patient} copy={patientCopy.banner} training={config().LR_MODE === "training"} /> : null}
      <span className="nhsuk-caption-l">{copy.caption}</span>
      <h1>{copy.heading(alert.typeName)}</h1>
      <dl className="nhsuk-summary-list" data-testid="alert-details">
        <Row label={copy.details.reference} testId="alert-reference">
          {alert.id}
        </Row>
        <Row label={copy.details.status}>
          <AlertStatusTag status={alert.status} copy={alertQueueCopy.statusTags} />
          {alert.sampled ? <p className="nhsuk-body-s nhsuk-u-margin-top-2">{copy.details.sampled}</p> : null}
        </Row>
        <Row label={copy.details.raisedAt}>{displayDateTime(alert.raisedAt)}</Row>
        <Row label={copy.details.who} testId="alert-who">
          {alert.actor.name ?? alert.actor.userId}
          <br />
          {copy.details.userId}: {alert.actor.userId}
          <br />
          {copy.details.role}: {alert.actor.roleName ?? alert.actor.roleProfileId} ({alert.actor.roleProfileId})
          <br />
          {copy.details.organisation}: {alert.actor.orgName ?? alert.actor.orgCode} ({alert.actor.orgCode})
        </Row>
        <Row label={copy.details.patient}>
          <NhsNumber value={alert.nhsNumber} />
        </Row>
        <Row label={copy.details.reason} testId="alert-reason">
          {alert.reasonName}
        </Row>
        <Row label={copy.details.reasonText} testId="alert-reason-text">
          {alert.reasonText ?? copy.details.noReasonText}
        </Row>
        <Row label={copy.details.relationship}>{alert.lrId ?? copy.details.noRelationship}</Row>
        {alert.sourceMessageId ? <Row label={copy.details.sourceMessage}>{alert.sourceMessageId}</Row> : null}
        <Row label={copy.details.spine}>
          <AlertSendTag state={alert.sendState} copy={alertQueueCopy.sendTags} />
          {alert.spineMessageId ? <p className="nhsuk-body-s nhsuk-u-margin-top-2">{alert.spineMessageId}</p> : null}
          {alert.sendError ? <p className="nhsuk-body-s">{alert.sendError}</p> : null}
          {alert.sendState !== "sent" ? <ResendAlert alertId={alert.id} label={copy.resend} done={copy.resendDone} /> : null}
        </Row>
      </dl>
      <p>
        <a href={`/alerts/${alert.id}/review`} data-testid="review-patient-link">
          {copy.reviewPatient}
        </a>
      </p>

      <h2 className="nhsuk-heading-m">{copy.history.heading}</h2>
      {alert.events.length === 0 ? (
        <p data-testid="alert-history-empty">{copy.history.none}</p>
      ) : (
        <ol className="nhsuk-list" data-testid="alert-history">
          {alert.events.map((event) => (
            <li key={event.id} className="nhsuk-u-margin-bottom-3" data-testid="alert-history-item">
              <strong>{displayDateTime(event.at)}</strong> {copy.history.by} {event.by.name ?? event.by.userId}
              <br />
              {event.kind === "status" && event.fromStatus && event.toStatus
                ? copy.statusChange(ALERT_STATUS_NAMES[event.fromStatus], ALERT_STATUS_NAMES[event.toStatus])
                : event.kind === "sampled"
                  ? copy.sampledEvent
                  : copy.history.note}
              {event.note ? <p className="nhsuk-u-margin-bottom-0">{event.note}</p> : null}
            </li>
          ))}
        </ol>
      )}

      {alert.canAct ? (
        <AlertActions alertId={alert.id} status={alert.status} />
      ) : (
        <div className="nhsuk-inset-text" data-testid="four-eyes">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <h2 className="nhsuk-heading-s">{copy.fourEyes.heading}</h2>
          <p>{copy.fourEyes.body}</p>
        </div>
      )}
    </>
  );
}
