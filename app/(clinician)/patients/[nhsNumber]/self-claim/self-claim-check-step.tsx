"use client";
import { Button, SummaryList } from "nhsuk-react-components";
import { selfClaimCopy as copy } from "./copy";
import type { SelfClaimAnswers, SelfClaimChangeStep, SelfClaimOption, SelfClaimWorkgroup } from "./self-claim-steps";

/**
 * Check your answers: one row per answer, with a Change link to each question the user was asked
 * (type and subject only when they were offered), then the submit button.
 */
export function SelfClaimCheckStep({
  answers,
  types,
  reasons,
  workgroups,
  submitting,
  onChange,
  onSubmit,
}: {
  answers: SelfClaimAnswers;
  types: SelfClaimOption[];
  reasons: SelfClaimOption[];
  workgroups: SelfClaimWorkgroup[];
  submitting: boolean;
  onChange: (step: SelfClaimChangeStep) => void;
  onSubmit: () => void;
}) {
  const typeName = (code: string) => types.find((t) => t.code === code)?.name ?? copy.check.selfClaimed;
  const subjectName =
    answers.subject === "self" ? copy.subject.me : (workgroups.find((w) => w.workgroupId === answers.subject)?.name ?? answers.subject);
  return (
    <>
      <h1>{copy.check.heading}</h1>
      <SummaryList data-testid="check-answers">
        {(
          [
            [copy.check.type, typeName(answers.lrType), types.length > 0 ? "type" : undefined],
            [copy.check.reasonCode, reasons.find((r) => r.code === answers.accessReasonCode)?.name ?? "", "reason"],
            [copy.check.reasonText, answers.accessReasonText, "reason"],
            [copy.check.subject, subjectName, workgroups.length > 0 ? "subject" : undefined],
          ] as const
        ).map(([key, value, changeStep]) => (
          <SummaryList.Row key={key}>
            <SummaryList.Key>{key}</SummaryList.Key>
            <SummaryList.Value>{value}</SummaryList.Value>
            {changeStep ? (
              <SummaryList.Action
                href={`#${changeStep}`}
                visuallyHiddenText={key.toLowerCase()}
                onClick={(e) => {
                  e.preventDefault();
                  onChange(changeStep);
                }}
              >
                {copy.check.change}
              </SummaryList.Action>
            ) : null}
          </SummaryList.Row>
        ))}
      </SummaryList>
      <Button type="button" onClick={onSubmit} disabled={submitting} aria-disabled={submitting} data-testid="submit-claim">
        {submitting ? copy.check.submitting : copy.check.submit}
      </Button>
    </>
  );
}
