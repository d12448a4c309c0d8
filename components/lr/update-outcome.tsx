"use client";
import { Panel } from "nhsuk-react-components";
import type { ReactNode, RefObject } from "react";
import { ProblemMessage } from "@/components/forms/problem-message";
import type { LrUpdatePhase } from "./use-lr-update";
import type { LrUpdateFlow } from "./use-lr-update-flow";

export interface UpdateOutcomeCopy {
  pendingHeading: string;
  pendingBody: string;
  stillWaiting: string;
  checkAgain: string;
  reference: string;
  confirmedTitle: string;
  lrIdLabel: string;
  failedHeading: string;
}

/**
 * After submit: "waiting for Spine" (never success until Spine confirms), the NHS confirmation
 * panel with the LR id, or the failure with what to do next (retry only where safe).
 */
export function UpdateOutcome({
  phase,
  copy,
  onRetry,
  onCheckAgain,
  whatNext,
}: {
  phase: Exclude<LrUpdatePhase, { phase: "idle" } | { phase: "submitting" }>;
  copy: UpdateOutcomeCopy;
  onRetry: () => void;
  onCheckAgain: () => void;
  whatNext: ReactNode;
}) {
  if (phase.phase === "pending") {
    return (
      <div data-testid="update-pending">
        <h1>{copy.pendingHeading}</h1>
        <p aria-live="polite">{phase.stillWaiting ? copy.stillWaiting : copy.pendingBody}</p>
        <p>
          {copy.reference}: <strong>{phase.reference}</strong>
        </p>
        {phase.stillWaiting ? (
          <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={onCheckAgain}>
            {copy.checkAgain}
          </button>
        ) : null}
      </div>
    );
  }
  if (phase.phase === "confirmed") {
    return (
      <div data-testid="update-confirmed">
        <Panel>
          <Panel.Title headingLevel="h1">{copy.confirmedTitle}</Panel.Title>
          {copy.lrIdLabel}
          <br />
          <strong data-testid="confirmed-lr-id">{phase.lrId}</strong>
        </Panel>
        <p>
          {copy.reference}: {phase.reference}
        </p>
        {whatNext}
      </div>
    );
  }
  return (
    <div data-testid="update-failed">
      <h1>{copy.failedHeading}</h1>
      <ProblemMessage error={phase.error} kind="update" onRetry={onRetry} focus />
    </div>
  );
}

/** A journey's page once submitted: its outcome (retry re-sends the same message), then what follows it. */
export function UpdateOutcomeStep({
  container,
  flow,
  copy,
  whatNext,
  children,
}: {
  container: RefObject<HTMLDivElement | null>;
  flow: Pick<LrUpdateFlow, "outcome" | "submit" | "checkAgain">;
  copy: UpdateOutcomeCopy;
  whatNext: ReactNode;
  children?: ReactNode;
}) {
  if (!flow.outcome) return null;
  return (
    <div ref={container}>
      <UpdateOutcome phase={flow.outcome} copy={copy} onRetry={flow.submit} onCheckAgain={flow.checkAgain} whatNext={whatNext} />
      {children}
    </div>
  );
}
