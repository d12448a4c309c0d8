"use client";
import { Button, Panel, SummaryList } from "nhsuk-react-components";
import { type FormEvent, useCallback, useEffect, useRef, useState } from "react";
import { ReasonDetails } from "@/components/forms/reason-details";
import { StepLayout } from "@/components/forms/step-layout";
import { useStepErrors } from "@/components/forms/use-step-errors";
import { useStepFocus } from "@/components/forms/use-step-focus";
import { useWorkgroupChange } from "@/components/workgroups/use-workgroup-change";
import { WorkgroupChangeOutcome } from "@/components/workgroups/workgroup-change-outcome";
import type { WorkgroupMember } from "@/lib/schemas/workgroups";
import { loadOnDemand } from "@/lib/ui/load-on-demand";
import { workgroupReturnHref } from "@/lib/ui/workgroup-links";
import { removeMemberCopy as copy } from "./copy";

type Step = "interruption" | "reason" | "check";
const TITLES: Record<Step, string> = { interruption: copy.interruption.title, reason: copy.reason.title, check: copy.check.title };

/**
 * Remove a member, in place: an interruption panel saying what they lose (patients seen through the
 * workgroup's LRs) → reason → check your answers → submit → waiting for Spine → back to the
 * workgroup with the banner.
 */
export function RemoveMemberFlow({
  workgroupId,
  workgroupName,
  member,
}: {
  workgroupId: string;
  workgroupName: string;
  member: WorkgroupMember;
}) {
  const [step, setStep] = useState<Step>("interruption");
  const [reason, setReason] = useState("");
  const { errors, attempt, report, clear, hasErrors } = useStepErrors();
  const container = useRef<HTMLDivElement>(null);
  const answers = useCallback(() => ({ userId: member.userId, roleProfileId: member.roleProfileId, reason }), [member, reason]);
  const change = useWorkgroupChange(`/api/workgroups/${workgroupId}/members/remove`, "remove", answers);
  const outcome = change.phase.phase === "idle" || change.phase.phase === "submitting" ? undefined : change.phase;
  useStepFocus(
    container,
    outcome ? outcome.phase : step,
    `${hasErrors ? copy.errorPrefix : ""}${outcome ? copy.outcome.pendingHeading : TITLES[step]}`,
  );
  const returnHref = outcome?.phase === "confirmed" ? workgroupReturnHref(workgroupId, outcome.change, member) : undefined;
  useEffect(() => {
    if (returnHref) window.location.assign(returnHref);
  }, [returnHref]);

  const go = (next: Step) => {
    clear();
    setStep(next);
  };
  const workgroupHref = `/workgroups/${workgroupId}`;

  // The reason's schema (and zod, ~30 kB gzip) is loaded when the step is first continued from.
  async function continueFromReason(event: FormEvent) {
    event.preventDefault();
    const schemas = await loadOnDemand(() => import("@/lib/schemas/workgroups"), report);
    if (!schemas) return;
    const { workgroupMemberChangeInput } = schemas;
    const result = workgroupMemberChangeInput.shape.reason.safeParse(reason);
    if (report(result.success ? {} : { reason: result.error.issues[0]?.message ?? "" })) go("check");
  }

  if (outcome) {
    return (
      <div ref={container}>
        <WorkgroupChangeOutcome
          phase={outcome}
          copy={copy.outcome}
          workgroupHref={workgroupHref}
          onRetry={change.submit}
          onCheckAgain={change.checkAgain}
        />
      </div>
    );
  }

  const back: Step | undefined = step === "reason" ? "interruption" : step === "check" ? "reason" : undefined;
  return (
    <StepLayout
      container={container}
      attempt={attempt}
      errorSummary={{ title: copy.errorSummaryTitle, errors, anchors: { reason: "reason" } }}
      before={
        back ? (
          <a
            className="nhsuk-back-link"
            href={`#${back}`}
            onClick={(e) => {
              e.preventDefault();
              go(back);
            }}
          >
            {copy.back}
          </a>
        ) : (
          <a className="nhsuk-back-link" href={workgroupHref}>
            {copy.backToWorkgroup}
          </a>
        )
      }
    >
      {step === "interruption" ? (
        <>
          <Panel interruption data-testid="interruption-panel">
            <Panel.Title headingLevel="h1">{copy.interruption.heading(member.userName, workgroupName)}</Panel.Title>
            <p>{copy.interruption.roleProfile(member.roleProfileId, member.jobRoleName)}</p>
            {copy.interruption.body(workgroupName).map((line) => (
              <p key={line}>{line}</p>
            ))}
          </Panel>
          <div className="nhsuk-button-group">
            <Button type="button" onClick={() => go("reason")} data-testid="continue-remove">
              {copy.continue}
            </Button>
            <a className="nhsuk-button nhsuk-button--secondary" href={workgroupHref}>
              {copy.cancel}
            </a>
          </div>
        </>
      ) : null}
      {step === "reason" ? (
        <form noValidate onSubmit={(e) => void continueFromReason(e)}>
          <h1>{copy.reason.title}</h1>
          <ReasonDetails
            field="reason"
            copy={copy.reason}
            error={errors.reason}
            rows={4}
            value={reason}
            onChange={(value) => {
              setReason(value);
              change.answersChanged();
            }}
          />
          <Button type="submit">{copy.continue}</Button>
        </form>
      ) : null}
      {step === "check" ? (
        <>
          <h1>{copy.check.heading}</h1>
          <SummaryList data-testid="check-answers">
            {(
              [
                [copy.check.workgroup, workgroupName, false],
                [copy.check.user, member.userName, false],
                [copy.check.userId, member.userId, false],
                [copy.check.roleProfile, `${member.roleProfileId} (${member.jobRoleName})`, false],
                [copy.check.reason, reason, true],
              ] as const
            ).map(([key, value, changeable]) => (
              <SummaryList.Row key={key}>
                <SummaryList.Key>{key}</SummaryList.Key>
                <SummaryList.Value>{value}</SummaryList.Value>
                {changeable ? (
                  <SummaryList.Action
                    href="#reason"
                    visuallyHiddenText={key.toLowerCase()}
                    onClick={(e) => {
                      e.preventDefault();
                      go("reason");
                    }}
                  >
                    {copy.check.change}
                  </SummaryList.Action>
                ) : null}
              </SummaryList.Row>
            ))}
          </SummaryList>
          <Button
            type="button"
            onClick={change.submit}
            disabled={change.phase.phase === "submitting"}
            aria-disabled={change.phase.phase === "submitting"}
            data-testid="submit-change"
          >
            {change.phase.phase === "submitting" ? copy.check.submitting : copy.check.submit}
          </Button>
        </>
      ) : null}
    </StepLayout>
  );
}
