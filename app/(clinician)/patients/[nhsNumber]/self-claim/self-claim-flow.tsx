"use client";
import { Button, Radios, Select, SummaryList, WarningCallout } from "nhsuk-react-components";
import { type FormEvent, useRef, useState } from "react";
import { ReasonDetails } from "@/components/forms/reason-details";
import { StepLayout } from "@/components/forms/step-layout";
import { useStepErrors } from "@/components/forms/use-step-errors";
import { useStepFocus } from "@/components/forms/use-step-focus";
import { UpdateOutcomeStep } from "@/components/lr/update-outcome";
import { useLrUpdateFlow } from "@/components/lr/use-lr-update-flow";
import { SELF_CLAIMED_LR_TYPE } from "@/lib/hl7/vocab/lr-codes";
import { type SelfClaimInput, selfClaimInput } from "@/lib/schemas/lr";
import { selfClaimCopy as copy } from "./copy";

interface Option {
  code: string;
  name: string;
}

/** The answers a step checks with the same zod schema the route handler uses. */
type CheckedField = "lrType" | "accessReasonCode" | "accessReasonText";

type Step = "start" | "type" | "reason" | "subject" | "check";

interface Answers {
  lrType: string;
  accessReasonCode: string;
  accessReasonText: string;
  /** "self" or a workgroup id. */
  subject: string;
}

const STEP_TITLES: Record<Step, string> = {
  start: copy.start.title,
  type: copy.type.title,
  reason: copy.reason.title,
  subject: copy.subject.title,
  check: copy.check.title,
};

/**
 * The self-claim journey in place: start → type (only if the role may create other types) →
 * reason → for me or a workgroup (only if the role has workgroups) → check answers → submit →
 * waiting for Spine → confirmation. One idempotency key per set of answers: a retry or double
 * click re-sends the same Spine message; changing an answer makes a new one.
 */
export function SelfClaimFlow({
  nhsNumber,
  defaultType,
  types,
  reasons,
  workgroups,
}: {
  nhsNumber: string;
  defaultType: string;
  types: Option[];
  reasons: Option[];
  workgroups: { workgroupId: string; name: string }[];
}) {
  const steps: Step[] = [
    "start",
    ...(types.length > 0 ? (["type"] as const) : []),
    "reason",
    ...(workgroups.length > 0 ? (["subject"] as const) : []),
    "check",
  ];
  const [step, setStep] = useState<Step>("start");
  const [answers, setAnswers] = useState<Answers>({ lrType: defaultType, accessReasonCode: "", accessReasonText: "", subject: "self" });
  const { errors, attempt, report, clear, hasErrors } = useStepErrors();
  const [returnToCheck, setReturnToCheck] = useState(false);
  const container = useRef<HTMLDivElement>(null);
  const flow = useLrUpdateFlow<SelfClaimInput>(`/api/patients/${nhsNumber}/lrs`, nhsNumber, (idempotencyKey) => ({
    lrType: answers.lrType,
    accessReasonCode: answers.accessReasonCode,
    accessReasonText: answers.accessReasonText,
    subject: answers.subject === "self" ? { kind: "self" } : { kind: "workgroup", workgroupId: answers.subject },
    idempotencyKey,
  }));
  const { outcome } = flow;
  useStepFocus(
    container,
    outcome ? outcome.phase : step,
    `${hasErrors ? copy.errorPrefix : ""}${outcome ? copy.outcome.pendingHeading : STEP_TITLES[step]}`,
  );

  function change(patch: Partial<Answers>) {
    setAnswers((current) => ({ ...current, ...patch }));
    flow.answersChanged();
  }

  function go(next: Step) {
    clear();
    if (next === "check") setReturnToCheck(false);
    setStep(next);
  }

  function nextStep(): Step {
    if (returnToCheck) return "check";
    return steps[steps.indexOf(step) + 1] ?? "check";
  }

  function previousStep(): Step | undefined {
    return steps[steps.indexOf(step) - 1];
  }

  function continueFrom(event: FormEvent, fields: CheckedField[]) {
    event.preventDefault();
    const found: Record<string, string> = {};
    for (const field of fields) {
      const result = selfClaimInput.shape[field].safeParse(answers[field]);
      if (!result.success) found[field] = result.error.issues[0]?.message ?? "";
    }
    if (report(found)) go(nextStep());
  }

  const typeName = (code: string) => types.find((t) => t.code === code)?.name ?? copy.check.selfClaimed;
  const subjectName =
    answers.subject === "self" ? copy.subject.me : (workgroups.find((w) => w.workgroupId === answers.subject)?.name ?? answers.subject);
  const back = previousStep();

  if (outcome) {
    return (
      <UpdateOutcomeStep
        container={container}
        flow={flow}
        copy={copy.outcome}
        whatNext={
          <>
            <h2>{copy.whatNext.heading}</h2>
            <p>{answers.lrType === SELF_CLAIMED_LR_TYPE ? copy.whatNext.body : copy.whatNext.bodyOtherType}</p>
            <p>
              <a href={`/patients/${nhsNumber}`}>{copy.whatNext.patientLink}</a>
            </p>
          </>
        }
      >
        {outcome.phase === "failed" ? (
          <p>
            <a href={`/patients/${nhsNumber}`}>{copy.backToPatient}</a>
          </p>
        ) : null}
      </UpdateOutcomeStep>
    );
  }

  return (
    <StepLayout
      container={container}
      attempt={attempt}
      errorSummary={{
        title: copy.errorSummaryTitle,
        errors,
        anchors: { lrType: `lrType-${types[0]?.code ?? ""}`, accessReasonCode: "accessReasonCode", accessReasonText: "accessReasonText" },
      }}
      before={
        step !== "start" && back && !returnToCheck ? (
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
          <a className="nhsuk-back-link" href={`/patients/${nhsNumber}`}>
            {copy.backToPatient}
          </a>
        )
      }
    >
      {step === "start" ? (
        <>
          <h1>{copy.start.heading}</h1>
          <p>{copy.start.body}</p>
          <WarningCallout>
            <WarningCallout.Heading>{copy.start.warningHeading}</WarningCallout.Heading>
            <p>{copy.start.warning}</p>
          </WarningCallout>
          <Button type="button" onClick={() => go(steps[1] ?? "reason")}>
            {copy.start.start}
          </Button>
        </>
      ) : null}

      {step === "type" ? (
        <form noValidate onSubmit={(e) => continueFrom(e, ["lrType"])}>
          <Radios
            name="lrType"
            legend={copy.type.legend}
            legendProps={{ isPageHeading: true, size: "l" }}
            hint={copy.type.hint}
            error={errors.lrType}
          >
            {types.map((type) => (
              <Radios.Item
                key={type.code}
                id={`lrType-${type.code}`}
                value={type.code}
                checked={answers.lrType === type.code}
                onChange={() => change({ lrType: type.code })}
              >
                {type.name}
              </Radios.Item>
            ))}
          </Radios>
          <Button type="submit">{copy.continue}</Button>
        </form>
      ) : null}

      {step === "reason" ? (
        <form noValidate onSubmit={(e) => continueFrom(e, ["accessReasonCode", "accessReasonText"])}>
          <h1>{copy.reason.heading}</h1>
          <Select
            id="accessReasonCode"
            name="accessReasonCode"
            label={copy.reason.codeLegend}
            error={errors.accessReasonCode}
            value={answers.accessReasonCode}
            onChange={(e) => change({ accessReasonCode: e.target.value })}
          >
            <Select.Option value="">{copy.reason.choose}</Select.Option>
            {reasons.map((reason) => (
              <Select.Option key={reason.code} value={reason.code}>
                {reason.name}
              </Select.Option>
            ))}
          </Select>
          <ReasonDetails
            field="accessReasonText"
            copy={copy.reason}
            error={errors.accessReasonText}
            rows={4}
            value={answers.accessReasonText}
            onChange={(accessReasonText) => change({ accessReasonText })}
          />
          <Button type="submit">{copy.continue}</Button>
        </form>
      ) : null}

      {step === "subject" ? (
        <form noValidate onSubmit={(e) => continueFrom(e, [])}>
          <Radios name="subject" legend={copy.subject.legend} legendProps={{ isPageHeading: true, size: "l" }} hint={copy.subject.hint}>
            <Radios.Item id="subject-self" value="self" checked={answers.subject === "self"} onChange={() => change({ subject: "self" })}>
              {copy.subject.me}
            </Radios.Item>
            {workgroups.map((workgroup) => (
              <Radios.Item
                key={workgroup.workgroupId}
                id={`subject-${workgroup.workgroupId}`}
                value={workgroup.workgroupId}
                checked={answers.subject === workgroup.workgroupId}
                onChange={() => change({ subject: workgroup.workgroupId })}
              >
                {workgroup.name} {copy.subject.workgroupSuffix}
              </Radios.Item>
            ))}
          </Radios>
          <Button type="submit">{copy.continue}</Button>
        </form>
      ) : null}

      {step === "check" ? (
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
                      setReturnToCheck(true);
                      go(changeStep);
                    }}
                  >
                    {copy.check.change}
                  </SummaryList.Action>
                ) : null}
              </SummaryList.Row>
            ))}
          </SummaryList>
          <Button type="button" onClick={flow.submit} disabled={flow.submitting} aria-disabled={flow.submitting} data-testid="submit-claim">
            {flow.submitting ? copy.check.submitting : copy.check.submit}
          </Button>
        </>
      ) : null}
    </StepLayout>
  );
}
