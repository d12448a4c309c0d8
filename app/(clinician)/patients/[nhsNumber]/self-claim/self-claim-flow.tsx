"use client";
import { type FormEvent, useRef, useState } from "react";
import { StepLayout } from "@/components/forms/step-layout";
import { useStepErrors } from "@/components/forms/use-step-errors";
import { useStepFocus } from "@/components/forms/use-step-focus";
import { useLrUpdateFlow } from "@/components/lr/use-lr-update-flow";
import type { SelfClaimInput } from "@/lib/schemas/lr";
import { loadOnDemand } from "@/lib/ui/load-on-demand";
import { selfClaimCopy as copy } from "./copy";
import { SelfClaimBackLink } from "./self-claim-back-link";
import { SelfClaimStartStep } from "./self-claim-start-step";
import {
  SELF_CLAIM_STEP_TITLES,
  type SelfClaimAnswers,
  type SelfClaimOption,
  type SelfClaimStep,
  type SelfClaimWorkgroup,
  selfClaimSteps,
} from "./self-claim-steps";

/**
 * The answers a step checks with the same zod schema the route handler uses. The schema (and zod,
 * ~30 kB gzip) is loaded when a step is first continued from, not with the page.
 */
type CheckedField = "lrType" | "accessReasonCode" | "accessReasonText";

/** The questions, check page and outcome, loaded on "Start now" (self-claim-question-steps.ts). */
type QuestionSteps = typeof import("./self-claim-question-steps");

/**
 * The self-claim journey in place: start → type (only if the role may create other types) →
 * reason → for me or a workgroup (only if the role has workgroups) → check answers → submit →
 * waiting for Spine → confirmation. One idempotency key per set of answers: a retry or double
 * click re-sends the same Spine message; changing an answer makes a new one. This component holds
 * the state (step, answers, errors) and the moves between steps; each step renders itself.
 * The page opens on the static start page; the other steps are loaded when "Start now" is clicked
 * and shown once loaded, so the first question renders (and takes focus) as before.
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
  types: SelfClaimOption[];
  reasons: SelfClaimOption[];
  workgroups: SelfClaimWorkgroup[];
}) {
  const steps = selfClaimSteps(types.length > 0, workgroups.length > 0);
  const [step, setStep] = useState<SelfClaimStep>("start");
  const [answers, setAnswers] = useState<SelfClaimAnswers>({
    lrType: defaultType,
    accessReasonCode: "",
    accessReasonText: "",
    subject: "self",
  });
  const { errors, attempt, report, clear, hasErrors } = useStepErrors();
  const [returnToCheck, setReturnToCheck] = useState(false);
  const [questions, setQuestions] = useState<QuestionSteps | null>(null);
  const container = useRef<HTMLDivElement>(null);
  const flow = useLrUpdateFlow<SelfClaimInput>(`/api/patients/${nhsNumber}/lrs`, (idempotencyKey) => ({
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
    `${hasErrors ? copy.errorPrefix : ""}${outcome ? copy.outcome.pendingHeading : SELF_CLAIM_STEP_TITLES[step]}`,
  );

  function change(patch: Partial<SelfClaimAnswers>) {
    setAnswers((current) => ({ ...current, ...patch }));
    flow.answersChanged();
  }

  function go(next: SelfClaimStep) {
    clear();
    if (next === "check") setReturnToCheck(false);
    setStep(next);
  }

  function nextStep(): SelfClaimStep {
    if (returnToCheck) return "check";
    return steps[steps.indexOf(step) + 1] ?? "check";
  }

  async function continueFrom(event: FormEvent, fields: CheckedField[]) {
    event.preventDefault();
    const schemas = await loadOnDemand(() => import("@/lib/schemas/lr"), report);
    if (!schemas) return;
    const { selfClaimInput } = schemas;
    const found: Record<string, string> = {};
    for (const field of fields) {
      const result = selfClaimInput.shape[field].safeParse(answers[field]);
      if (!result.success) found[field] = result.error.issues[0]?.message ?? "";
    }
    if (report(found)) go(nextStep());
  }

  async function start() {
    const loaded = await loadOnDemand(() => import("./self-claim-question-steps"), report);
    if (!loaded) return;
    setQuestions(loaded);
    go(steps[1] ?? "reason");
  }

  /** The question before this one; none on the first, or when a Change link returns to the check page. */
  const back = step !== "start" && !returnToCheck ? steps[steps.indexOf(step) - 1] : undefined;

  if (outcome && questions) {
    return (
      <questions.SelfClaimOutcomeStep
        container={container}
        flow={flow}
        nhsNumber={nhsNumber}
        lrType={answers.lrType}
        selfClaimedType={defaultType}
      />
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
      before={<SelfClaimBackLink nhsNumber={nhsNumber} back={back} onBack={go} />}
    >
      {step === "start" ? <SelfClaimStartStep onStart={() => void start()} /> : null}
      {step === "type" && questions ? (
        <questions.SelfClaimTypeStep
          types={types}
          lrType={answers.lrType}
          error={errors.lrType}
          onChange={(lrType) => change({ lrType })}
          onContinue={(e) => void continueFrom(e, ["lrType"])}
        />
      ) : null}
      {step === "reason" && questions ? (
        <questions.SelfClaimReasonStep
          reasons={reasons}
          values={answers}
          errors={errors}
          onChange={change}
          onContinue={(e) => void continueFrom(e, ["accessReasonCode", "accessReasonText"])}
        />
      ) : null}
      {step === "subject" && questions ? (
        <questions.SelfClaimSubjectStep
          workgroups={workgroups}
          subject={answers.subject}
          onChange={(subject) => change({ subject })}
          onContinue={(e) => void continueFrom(e, [])}
        />
      ) : null}
      {step === "check" && questions ? (
        <questions.SelfClaimCheckStep
          answers={answers}
          types={types}
          reasons={reasons}
          workgroups={workgroups}
          submitting={flow.submitting}
          onChange={(changeStep) => {
            setReturnToCheck(true);
            go(changeStep);
          }}
          onSubmit={flow.submit}
        />
      ) : null}
    </StepLayout>
  );
}
