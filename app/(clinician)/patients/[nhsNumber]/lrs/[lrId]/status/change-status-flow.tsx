"use client";
import { Button, Radios, SummaryList } from "nhsuk-react-components";
import { type FormEvent, useRef, useState } from "react";
import { StepLayout } from "@/components/forms/step-layout";
import { useStepErrors } from "@/components/forms/use-step-errors";
import { useStepFocus } from "@/components/forms/use-step-focus";
import { LrStatusTag } from "@/components/lr/lr-status-tag";
import { UpdateOutcomeStep } from "@/components/lr/update-outcome";
import { useLrUpdateFlow } from "@/components/lr/use-lr-update-flow";
import type { LrStatus } from "@/lib/hl7/vocab/lr-status";
import type { ChangeStatusForm } from "@/lib/schemas/lr";
import { loadOnDemand } from "@/lib/ui/load-on-demand";
import { changeStatusCopy as copy } from "./copy";

type Step = "reason" | "check";

/** Reason (only those the transition map allows) → check your answers → submit → Spine's answer. */
export function ChangeStatusFlow({
  nhsNumber,
  lrId,
  options,
}: {
  nhsNumber: string;
  lrId: string;
  options: { code: string; name: string; to: LrStatus }[];
}) {
  const [step, setStep] = useState<Step>("reason");
  const [reasonCode, setReasonCode] = useState("");
  const { errors, attempt, report, hasErrors } = useStepErrors();
  const container = useRef<HTMLDivElement>(null);
  const flow = useLrUpdateFlow<ChangeStatusForm>(`/api/lrs/${encodeURIComponent(lrId)}/status`, (idempotencyKey) => ({
    nhsNumber,
    reasonCode,
    idempotencyKey,
  }));
  const { outcome } = flow;
  const chosen = options.find((o) => o.code === reasonCode);
  const title = outcome ? copy.outcome.pendingHeading : step === "reason" ? copy.reason.title : copy.check.title;
  useStepFocus(container, outcome ? outcome.phase : step, `${hasErrors ? copy.errorPrefix : ""}${title}`);

  // The reason's schema (and zod, ~30 kB gzip) is loaded when the step is first continued from.
  async function continueFromReason(event: FormEvent) {
    event.preventDefault();
    const schemas = await loadOnDemand(() => import("@/lib/schemas/lr"), report);
    if (!schemas) return;
    const { changeStatusInput } = schemas;
    const result = changeStatusInput.shape.reasonCode.safeParse(reasonCode);
    if (report(result.success && chosen ? {} : { reasonCode: result.error?.issues[0]?.message ?? "Select a reason" })) setStep("check");
  }

  if (outcome) {
    return (
      <UpdateOutcomeStep container={container} flow={flow} copy={copy.outcome} whatNext={<p>{copy.whatNext}</p>}>
        <p>
          <a href={`/patients/${nhsNumber}`}>{copy.patientLink}</a>
        </p>
      </UpdateOutcomeStep>
    );
  }

  return (
    <StepLayout
      container={container}
      attempt={attempt}
      errorSummary={{ title: copy.errorSummaryTitle, errors, anchors: { reasonCode: `reason-${options[0]?.code ?? ""}` } }}
    >
      {step === "reason" ? (
        <form noValidate onSubmit={(event) => void continueFromReason(event)}>
          <Radios
            name="reasonCode"
            legend={copy.reason.legend}
            legendProps={{ isPageHeading: true, size: "l" }}
            hint={copy.reason.hint}
            error={errors.reasonCode}
          >
            {options.map((option) => (
              <Radios.Item
                key={option.code}
                id={`reason-${option.code}`}
                value={option.code}
                checked={reasonCode === option.code}
                onChange={() => {
                  setReasonCode(option.code);
                  flow.answersChanged();
                }}
                hint={copy.reason.effects[option.to]}
              >
                {option.name}
              </Radios.Item>
            ))}
          </Radios>
          <Button type="submit">{copy.continue}</Button>
          <p>
            <a href={`/patients/${nhsNumber}`}>{copy.backToPatient}</a>
          </p>
        </form>
      ) : (
        <>
          <h1>{copy.check.heading}</h1>
          <SummaryList data-testid="check-answers">
            <SummaryList.Row>
              <SummaryList.Key>{copy.check.reason}</SummaryList.Key>
              <SummaryList.Value>{chosen?.name}</SummaryList.Value>
              <SummaryList.Action
                href="#reason"
                visuallyHiddenText={copy.check.reason.toLowerCase()}
                onClick={(e) => {
                  e.preventDefault();
                  setStep("reason");
                }}
              >
                {copy.check.change}
              </SummaryList.Action>
            </SummaryList.Row>
            <SummaryList.Row>
              <SummaryList.Key>{copy.check.newStatus}</SummaryList.Key>
              <SummaryList.Value>{chosen ? <LrStatusTag status={chosen.to} /> : null}</SummaryList.Value>
            </SummaryList.Row>
          </SummaryList>
          <Button type="button" onClick={flow.submit} disabled={flow.submitting} data-testid="submit-status">
            {flow.submitting ? copy.check.submitting : copy.check.submit}
          </Button>
        </>
      )}
    </StepLayout>
  );
}
