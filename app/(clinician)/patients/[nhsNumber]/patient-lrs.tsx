"use client";
import { ProblemMessage } from "@/components/forms/problem-message";
import { LrTable } from "@/components/lr/lr-table";
import { type SpineRead, useSpineRead } from "@/components/patient/spine-read";
import type { PatientLrList, PatientRelationship } from "@/lib/schemas/patient-lrs";
import { howIHoldIt } from "@/lib/ui/lr-rows";
import { patientCopy as copy } from "./copy";

export interface PatientAbilities {
  selfClaim: boolean;
  changeStatus: boolean;
  emergency: boolean;
}

/**
 * The live part of the patient page: relationship and LR list as the server read them from Spine,
 * each with its own error state; "Try again" reads that one again in the browser.
 */
export function PatientLrs({
  nhsNumber,
  can,
  relationship: relationshipRead,
  lrs: lrsRead,
}: {
  nhsNumber: string;
  can: PatientAbilities;
  relationship: SpineRead<PatientRelationship>;
  lrs: SpineRead<PatientLrList>;
}) {
  const relationship = useSpineRead(relationshipRead, `/api/patients/${nhsNumber}/relationship`);
  const lrs = useSpineRead(lrsRead, `/api/patients/${nhsNumber}/lrs`);
  const how = lrs.data ? howIHoldIt(lrs.data.rows) : undefined;

  return (
    <>
      <section aria-labelledby="relationship-heading" className="nhsuk-card" data-testid="relationship">
        <div className="nhsuk-card__content">
          <h2 className="nhsuk-card__heading" id="relationship-heading">
            {copy.relationship.heading}
          </h2>
          {relationship.error ? (
            <ProblemMessage error={relationship.error} kind="query" headingLevel={3} onRetry={relationship.refetch} />
          ) : null}
          {relationship.data ? (
            <>
              <p
                className="nhsuk-body-l nhsuk-u-margin-bottom-2"
                data-testid="relationship-answer"
                data-has-lr={String(relationship.data.hasLr)}
              >
                {relationship.data.hasLr ? copy.relationship.yes : copy.relationship.no}
              </p>
              {relationship.data.hasLr && how?.direct ? <p className="nhsuk-u-margin-bottom-2">{copy.relationship.direct}</p> : null}
              {relationship.data.hasLr && how && how.workgroups.length > 0 ? (
                <p className="nhsuk-u-margin-bottom-2" data-testid="relationship-workgroups">
                  {copy.relationship.through} {how.workgroups.join(", ")}
                </p>
              ) : null}
              {!relationship.data.hasLr && can.selfClaim ? <p>{copy.relationship.selfClaimHint}</p> : null}
            </>
          ) : null}
          {can.selfClaim || can.emergency ? (
            <div className="nhsuk-button-group nhsuk-u-margin-bottom-0">
              {can.selfClaim ? (
                <a
                  className="nhsuk-button nhsuk-u-margin-bottom-0"
                  href={`/patients/${nhsNumber}/self-claim`}
                  data-testid="self-claim-link"
                >
                  {copy.actions.selfClaim}
                </a>
              ) : null}
              {can.emergency ? (
                <a
                  className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0"
                  href={`/patients/${nhsNumber}/emergency-access`}
                  data-testid="emergency-link"
                >
                  {copy.actions.emergency}
                </a>
              ) : null}
            </div>
          ) : null}
        </div>
      </section>

      <section aria-labelledby="lrs-heading" data-testid="lr-list">
        <h2 id="lrs-heading">{copy.list.heading}</h2>
        {lrs.error ? <ProblemMessage error={lrs.error} kind="query" onRetry={lrs.refetch} /> : null}
        {lrs.data ? (
          <>
            <p className="nhsuk-body-s">{lrs.data.detail === "comprehensive" ? copy.list.completeNote : copy.list.simpleNote}</p>
            {lrs.data.namesUnavailable ? (
              <div className="nhsuk-inset-text" data-testid="names-unavailable">
                <span className="nhsuk-u-visually-hidden">Information: </span>
                <p>{copy.list.namesUnavailable}</p>
              </div>
            ) : null}
            <LrTable
              list={lrs.data}
              copy={copy.table}
              {...(can.changeStatus
                ? { changeStatusHref: (row) => `/patients/${nhsNumber}/lrs/${encodeURIComponent(row.lrId)}/status` }
                : {})}
            />
            <p className="nhsuk-body-s nhsuk-u-secondary-text-colour">
              {copy.list.reference}: {lrs.data.reference}
            </p>
          </>
        ) : null}
      </section>
    </>
  );
}
