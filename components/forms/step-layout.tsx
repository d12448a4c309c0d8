"use client";
import type { ReactNode, RefObject } from "react";
import { StepErrorSummary } from "./step-error-summary";

/**
 * A journey step in the two-thirds column: what goes above the error summary (a back link), the
 * summary itself, remounted on each attempt so it takes focus again, then the step.
 */
export function StepLayout({
  container,
  attempt,
  errorSummary,
  before,
  children,
}: {
  container: RefObject<HTMLDivElement | null>;
  attempt: number;
  errorSummary: { title: string; errors: Record<string, string>; anchors: Record<string, string> };
  before?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="nhsuk-grid-row" ref={container}>
      <div className="nhsuk-grid-column-two-thirds">
        {before}
        <div key={attempt}>
          <StepErrorSummary title={errorSummary.title} errors={errorSummary.errors} anchors={errorSummary.anchors} />
        </div>
        {children}
      </div>
    </div>
  );
}
