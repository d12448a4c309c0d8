"use client";
import { ProblemMessage } from "@/components/forms/problem-message";
import type { WorkgroupChangePhase } from "./use-workgroup-change";

export interface WorkgroupChangeOutcomeCopy {
  pendingHeading: string;
  pendingBody: string;
  stillWaiting: string;
  checkAgain: string;
  reference: string;
  failedHeading: string;
  returning: string;
  backToWorkgroup: string;
}

/**
 * After submit, until the page returns to the workgroup: "waiting for Spine" (never success until
 * Spine confirms), a short "returning" once it has, or the failure with what to do (retry re-sends
 * the same message, only where safe).
 */
export function WorkgroupChangeOutcome({
  phase,
  copy,
  workgroupHref,
  onRetry,
  onCheckAgain,
}: {
  phase: Exclude<WorkgroupChangePhase, { phase: "idle" } | { phase: "submitting" }>;
  copy: WorkgroupChangeOutcomeCopy;
  workgroupHref: string;
  onRetry: () => void;
  onCheckAgain: () => void;
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
        <p>
          <a href={workgroupHref}>{copy.backToWorkgroup}</a>
        </p>
      </div>
    );
  }
  if (phase.phase === "confirmed") {
    return (
      <div data-testid="update-confirmed">
        <h1>{copy.returning}</h1>
        <p>
          <a href={workgroupHref}>{copy.backToWorkgroup}</a>
        </p>
      </div>
    );
  }
  return (
    <div data-testid="update-failed">
      <h1>{copy.failedHeading}</h1>
      <ProblemMessage error={phase.error} kind="update" onRetry={onRetry} focus />
      <p>
        <a href={workgroupHref}>{copy.backToWorkgroup}</a>
      </p>
    </div>
  );
}
