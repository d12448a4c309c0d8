"use client";
import { useRouter } from "next/navigation";
import { type FormEvent, useRef, useState } from "react";
import { ProblemMessage } from "@/components/forms/problem-message";
import { StepLayout } from "@/components/forms/step-layout";
import { useStepErrors } from "@/components/forms/use-step-errors";
import { useStepFocus } from "@/components/forms/use-step-focus";
import { type ClinicList, type ClinicListProblem, parseClinicList } from "@/lib/batch/parse-clinic-list";
import { type UiError, uiErrorFromBody } from "@/lib/schemas/api-error";
import type { BatchCheckStatus } from "@/lib/schemas/batch-checks";
import { BatchAnswersStep } from "./batch-answers-step";
import { BatchListStep } from "./batch-list-step";
import { batchCheckCopy as copy } from "./copy";

export interface BatchWorkgroup {
  workgroupId: string;
  name: string;
}

export interface BatchAnswers {
  file?: File;
  fileText?: string;
  pasted: string;
  /** "self" or a workgroup id. */
  subject: string;
}

type Step = "list" | "check";

/** The list-level refusals, worded as the server words them (it checks the same list again). */
export function listProblemMessage(problem: ClinicListProblem): string {
  switch (problem.kind) {
    case "empty":
      return copy.list.missing;
    case "too_many_rows":
      return `The list has ${problem.found.toLocaleString("en-GB")} rows. You can check up to ${problem.limit.toLocaleString("en-GB")} patients at a time: split the list and check each part.`;
    case "too_many_columns":
      return `Row ${problem.rowNo} has more than ${problem.limit} columns. Remove the columns you do not need.`;
    case "cell_too_long":
      return `Row ${problem.rowNo} has a value longer than ${problem.limit} characters.`;
    case "unclosed_quote":
      return `The file cannot be read: a quoted value that starts in row ${problem.rowNo} is never closed.`;
  }
}

/**
 * The batch check journey in place: the list and who it is for on one page, then check your
 * answers (how many rows, how many will be checked, how many will not and why), then run — which
 * answers at once with the check's id, and the progress page takes over.
 */
export function BatchCheckFlow({
  trainingMode,
  workgroups,
  workgroupsUnavailable,
}: {
  trainingMode: boolean;
  workgroups: BatchWorkgroup[];
  workgroupsUnavailable: boolean;
}) {
  const router = useRouter();
  const [step, setStep] = useState<Step>("list");
  const [answers, setAnswers] = useState<BatchAnswers>({ pasted: "", subject: "self" });
  const [list, setList] = useState<ClinicList | undefined>();
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<UiError | undefined>();
  const { errors, attempt, report, clear, hasErrors } = useStepErrors();
  const container = useRef<HTMLDivElement>(null);
  useStepFocus(container, step, `${hasErrors ? copy.errorPrefix : ""}${step === "list" ? copy.title : copy.check.heading}`);

  async function continueFromList(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    let text = "";
    if (answers.file && answers.pasted.trim() !== "") found.list = copy.list.bothGiven;
    else if (answers.file) {
      try {
        text = answers.fileText ?? (await answers.file.text());
      } catch {
        found.list = copy.list.unreadableFile;
      }
    } else text = answers.pasted;
    if (!found.list) {
      const parsed = parseClinicList(text, { trainingMode });
      if (parsed.ok) {
        setList(parsed.list);
        if (answers.file) setAnswers((current) => ({ ...current, fileText: text }));
      } else found[answers.file ? "list" : "pasted"] = listProblemMessage(parsed.problem);
    }
    if (report(found)) {
      setFailure(undefined);
      setStep("check");
    }
  }

  async function run() {
    if (submitting) return;
    setSubmitting(true);
    setFailure(undefined);
    const form = new FormData();
    if (answers.file) {
      form.set("list", answers.file);
      form.set("fileName", answers.file.name.slice(0, 200));
    } else form.set("pasted", answers.pasted);
    form.set("subject", answers.subject === "self" ? "self" : "workgroup");
    if (answers.subject !== "self") form.set("workgroupId", answers.subject);
    try {
      const response = await fetch("/api/batch-checks", { method: "POST", body: form, credentials: "same-origin" });
      const body: unknown = await response.json().catch(() => undefined);
      if (!response.ok) throw uiErrorFromBody(body, response.status);
      router.push(`/batch-check/${(body as BatchCheckStatus).id}`);
    } catch (error) {
      setFailure(
        error && typeof error === "object" && "code" in error
          ? (error as UiError)
          : { code: "network", message: "LR Manager could not be reached. Check your connection.", retryable: true },
      );
      setSubmitting(false);
    }
  }

  return (
    <StepLayout
      container={container}
      attempt={attempt}
      errorSummary={{ title: copy.errorSummaryTitle, errors, anchors: { list: "list", pasted: "pasted" } }}
      before={
        step === "check" ? (
          <a
            className="nhsuk-back-link"
            href="/batch-check"
            onClick={(e) => {
              e.preventDefault();
              clear();
              setStep("list");
            }}
          >
            {copy.back}
          </a>
        ) : undefined
      }
    >
      {step === "list" ? (
        <BatchListStep
          answers={answers}
          errors={errors}
          workgroups={workgroups}
          workgroupsUnavailable={workgroupsUnavailable}
          onChange={(patch) => {
            setAnswers((current) => ({ ...current, ...patch, ...("file" in patch ? { fileText: undefined } : {}) }));
          }}
          onContinue={continueFromList}
        />
      ) : null}
      {step === "check" && list ? (
        <>
          {failure ? <ProblemMessage error={failure} kind="update" focus onRetry={run} /> : null}
          <BatchAnswersStep
            answers={answers}
            list={list}
            workgroups={workgroups}
            submitting={submitting}
            onChange={() => {
              clear();
              setStep("list");
            }}
            onSubmit={run}
          />
        </>
      ) : null}
    </StepLayout>
  );
}
