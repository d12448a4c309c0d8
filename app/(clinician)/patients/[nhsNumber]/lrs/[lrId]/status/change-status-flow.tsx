"use client";
import { Button, Radios, SummaryList } from "nhsuk-react-components";
import { type FormEvent, useRef, useState } from "react";
import { StepErrorSummary } from "@/components/forms/step-error-summary";
import { useStepFocus } from "@/components/forms/use-step-focus";
import { LrStatusTag } from "@/components/lr/lr-status-tag";
import { UpdateOutcome } from "@/components/lr/update-outcome";
import { useLrUpdate } from "@/components/lr/use-lr-update";
import type { LrStatus } from "@/lib/hl7/vocab/lr-status";
import { type ChangeStatusInput, changeStatusInput } from "@/lib/ui/lr-forms";
import { changeStatusCopy as copy } from "./copy";

type Step = "reason" | "check";

/** Reason (only those the transition map allows) → check your answers → submit → Spine's answer. */
export function ChangeStatusFlow({ nhsNumber, lrId, options }: { nhsNumber: string; lrId: string; options: { code: string; name: string; to: LrStatus }[] }) {
  const [step, setStep] = useState<Step>("reason");
  const [reasonCode, setReasonCode] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const idempotencyKey = useRef<string | null>(null);
  const container = useRef<HTMLDivElement>(null);
  const update = useLrUpdate<ChangeStatusInput>(`/api/lrs/${encodeURIComponent(lrId)}/status`, nhsNumber);
  const outcome = update.phase.phase === "idle" || update.phase.phase === "submitting" ? undefined : update.phase;
  const chosen = options.find((o) => o.code === reasonCode);
  const title = outcome ? copy.outcome.pendingHeading : step === "reason" ? copy.reason.title : copy.check.title;
  useStepFocus(container, outcome ? outcome.phase : step, `${Object.keys(errors).length ? copy.errorPrefix : ""}${title}`);

  function continueFromReason(event: FormEvent) {
    event.preventDefault();
    const result = changeStatusInput.shape.reasonCode.safeParse(reasonCode);
    const found: Record<string, string> = result.success && chosen ? {} : { reasonCode: result.error?.issues[0]?.message ?? "Select a reason" };
    setErrors(found);
    setAttempt((n) => n + 1);
    if (Object.keys(found).length === 0) setStep("check");
  }

  function submit() {
    idempotencyKey.current ??= crypto.randomUUID();
    update.submit({ nhsNumber, reasonCode, idempotencyKey: idempotencyKey.current });
  }

  if (outcome) {
    return (
      <div ref={container}>
        <UpdateOutcome
          phase={outcome}
          copy={copy.outcome}
          onRetry={submit}
          onCheckAgain={update.checkAgain}
          whatNext={<p>{copy.whatNext}</p>}
        />
        <p>
          <a href={`/patients/${nhsNumber}`}>{copy.patientLink}</a>
        </p>
      </div>
    );
  }

  return (
    <div className="nhsuk-grid-row" ref={container}>
      <div className="nhsuk-grid-column-two-thirds">
        <div key={attempt}>
          <StepErrorSummary title={copy.errorSummaryTitle} errors={errors} anchors={{ reasonCode: `reason-${options[0]?.code ?? ""}` }} />
        </div>
        {step === "reason" ? (
          <form noValidate onSubmit={continueFromReason}>
            <Radios name="reasonCode" legend={copy.reason.legend} legendProps={{ isPageHeading: true, size: "l" }} hint={copy.reason.hint} error={errors.reasonCode}>
              {options.map((option) => (
                <Radios.Item
                  key={option.code}
                  id={`reason-${option.code}`}
                  value={option.code}
                  checked={reasonCode === option.code}
                  onChange={() => {
                    setReasonCode(option.code);
                    idempotencyKey.current = null;
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
            <Button type="button" onClick={submit} disabled={update.phase.phase === "submitting"} data-testid="submit-status">
              {update.phase.phase === "submitting" ? copy.check.submitting : copy.check.submit}
            </Button>
          </>
        )}
      </div>
    </div>
  );
}
