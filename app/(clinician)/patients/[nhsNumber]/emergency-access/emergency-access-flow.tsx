"use client";
import { useMutation } from "@tanstack/react-query";
import { Button, Panel, Radios, Textarea } from "nhsuk-react-components";
import { type FormEvent, useRef, useState } from "react";
import { ProblemMessage } from "@/components/forms/problem-message";
import { StepErrorSummary } from "@/components/forms/step-error-summary";
import { useStepFocus } from "@/components/forms/use-step-focus";
import { LrTable } from "@/components/lr/lr-table";
import { apiFetch } from "@/lib/ui/api-fetch";
import { type EmergencyAccessInput, emergencyAccessInput, fieldErrors } from "@/lib/ui/lr-forms";
import type { PatientLrList } from "@/lib/ui/lr-rows";
import type { UiError } from "@/lib/ui/ui-error";
import { patientCopy } from "../copy";
import { emergencyCopy as copy } from "./copy";

/**
 * Interruption panel → required override reason and details → the list. The request is a POST
 * through the route wrapper, which checks lr.emergencyView again and audits the access.
 */
export function EmergencyAccessFlow({ nhsNumber, reasons }: { nhsNumber: string; reasons: { code: string; name: string }[] }) {
  const [answers, setAnswers] = useState({ dissentOverride: "", reasonText: "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const container = useRef<HTMLDivElement>(null);
  const access = useMutation<PatientLrList, UiError, EmergencyAccessInput>({
    mutationFn: (body) => apiFetch<PatientLrList>(`/api/patients/${nhsNumber}/emergency-access`, { method: "POST", body }),
  });
  const stage = access.data ? "list" : "declare";
  useStepFocus(container, stage, `${Object.keys(errors).length ? copy.errorPrefix : ""}${stage === "list" ? copy.result.heading : copy.title}`);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (access.isPending) return;
    const parsed = emergencyAccessInput.safeParse(answers);
    setAttempt((n) => n + 1);
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error));
      return;
    }
    setErrors({});
    access.mutate(parsed.data);
  }

  if (access.data) {
    return (
      <div ref={container} data-testid="emergency-result">
        <h1>{copy.result.heading}</h1>
        <div className="nhsuk-inset-text">
          <p>{copy.result.recorded}</p>
        </div>
        <LrTable list={access.data} copy={patientCopy.table} />
        <p className="nhsuk-body-s">
          {copy.result.reference}: {access.data.reference}
        </p>
        <p>
          <a href={`/patients/${nhsNumber}`}>{copy.backToPatient}</a>
        </p>
      </div>
    );
  }

  return (
    <div className="nhsuk-grid-row" ref={container}>
      <div className="nhsuk-grid-column-two-thirds">
        <div key={attempt}>
          <StepErrorSummary title={copy.errorSummaryTitle} errors={errors} anchors={{ dissentOverride: `override-${reasons[0]?.code ?? ""}`, reasonText: "reasonText" }} />
        </div>
        <Panel interruption data-testid="interruption-panel">
          <Panel.Title headingLevel="h1">{copy.interruption.heading}</Panel.Title>
          {copy.interruption.body.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </Panel>
        <form noValidate onSubmit={submit}>
          <Radios name="dissentOverride" legend={copy.reason.legend} legendProps={{ size: "m" }} error={errors.dissentOverride}>
            {reasons.map((reason) => (
              <Radios.Item
                key={reason.code}
                id={`override-${reason.code}`}
                value={reason.code}
                checked={answers.dissentOverride === reason.code}
                onChange={() => setAnswers((a) => ({ ...a, dissentOverride: reason.code }))}
              >
                {reason.name}
              </Radios.Item>
            ))}
          </Radios>
          <Textarea
            id="reasonText"
            name="reasonText"
            label={copy.reason.textLabel}
            hint={copy.reason.textHint}
            error={errors.reasonText}
            rows={3}
            value={answers.reasonText}
            onChange={(e) => setAnswers((a) => ({ ...a, reasonText: e.target.value }))}
          />
          {access.error ? <ProblemMessage error={access.error} kind="query" focus onRetry={() => access.mutate(emergencyAccessInput.parse(answers))} /> : null}
          <div className="nhsuk-button-group">
            <Button type="submit" disabled={access.isPending} data-testid="submit-emergency">
              {access.isPending ? copy.submitting : copy.submit}
            </Button>
            <a className="nhsuk-link" href={`/patients/${nhsNumber}`}>
              {copy.cancel}
            </a>
          </div>
        </form>
      </div>
    </div>
  );
}
