"use client";
import { Button, Panel, Radios } from "nhsuk-react-components";
import { type FormEvent, useRef, useState } from "react";
import { useOnePost } from "@/components/api/use-one-post";
import { ProblemMessage } from "@/components/forms/problem-message";
import { ReasonDetails } from "@/components/forms/reason-details";
import { StepLayout } from "@/components/forms/step-layout";
import { useStepErrors } from "@/components/forms/use-step-errors";
import { useStepFocus } from "@/components/forms/use-step-focus";
import { LrTable } from "@/components/lr/lr-table";
import type { EmergencyAccessInput } from "@/lib/schemas/lr";
import type { PatientLrList } from "@/lib/schemas/patient-lrs";
import { loadOnDemand } from "@/lib/ui/load-on-demand";
import { patientCopy } from "../copy";
import { emergencyCopy as copy } from "./copy";

/**
 * Interruption panel → required override reason and details → the list. The request is a POST
 * through the route wrapper, which checks lr.emergencyView again and audits the access.
 */
export function EmergencyAccessFlow({ nhsNumber, reasons }: { nhsNumber: string; reasons: { code: string; name: string }[] }) {
  const [answers, setAnswers] = useState({ dissentOverride: "", reasonText: "" });
  const { errors, attempt, report, hasErrors } = useStepErrors();
  const container = useRef<HTMLDivElement>(null);
  const { state: request, post } = useOnePost<EmergencyAccessInput, PatientLrList>(`/api/patients/${nhsNumber}/emergency-access`);
  const access = {
    isPending: request.state === "sending",
    data: request.state === "answered" ? request.response : undefined,
    error: request.state === "error" ? request.error : undefined,
    mutate: (body: EmergencyAccessInput) => void post(body),
  };
  const stage = access.data ? "list" : "declare";
  useStepFocus(container, stage, `${hasErrors ? copy.errorPrefix : ""}${stage === "list" ? copy.result.heading : copy.title}`);

  // The form's schema (and zod, ~30 kB gzip) is loaded on the first submit, not with the page.
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (access.isPending) return;
    const schemas = await loadOnDemand(() => import("@/lib/schemas/lr"), report);
    if (!schemas) return;
    const { emergencyAccessInput, fieldErrors } = schemas;
    const parsed = emergencyAccessInput.safeParse(answers);
    report(parsed.success ? {} : fieldErrors(parsed.error));
    if (parsed.success) access.mutate(parsed.data);
  }

  async function retry() {
    const schemas = await loadOnDemand(() => import("@/lib/schemas/lr"), report);
    if (!schemas) return;
    const { emergencyAccessInput } = schemas;
    access.mutate(emergencyAccessInput.parse(answers));
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
    <StepLayout
      container={container}
      attempt={attempt}
      errorSummary={{
        title: copy.errorSummaryTitle,
        errors,
        anchors: { dissentOverride: `override-${reasons[0]?.code ?? ""}`, reasonText: "reasonText" },
      }}
    >
      <Panel interruption data-testid="interruption-panel">
        <Panel.Title headingLevel="h1">{copy.interruption.heading}</Panel.Title>
        {copy.interruption.body.map((line) => (
          <p key={line}>{line}</p>
        ))}
      </Panel>
      <form noValidate onSubmit={(event) => void submit(event)}>
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
        <ReasonDetails
          field="reasonText"
          copy={copy.reason}
          error={errors.reasonText}
          rows={3}
          value={answers.reasonText}
          onChange={(reasonText) => setAnswers((a) => ({ ...a, reasonText }))}
        />
        {access.error ? <ProblemMessage error={access.error} kind="query" focus onRetry={() => void retry()} /> : null}
        <div className="nhsuk-button-group">
          <Button type="submit" disabled={access.isPending} data-testid="submit-emergency">
            {access.isPending ? copy.submitting : copy.submit}
          </Button>
          <a className="nhsuk-link" href={`/patients/${nhsNumber}`}>
            {copy.cancel}
          </a>
        </div>
      </form>
    </StepLayout>
  );
}
