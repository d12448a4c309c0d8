"use client";
import { useEffect, useRef } from "react";
import type { UiError } from "@/lib/schemas/api-error";
import { canRetry, ERROR_COPY } from "@/lib/ui/error-copy";

/**
 * A failure a person can act on: what went wrong (heading + the server's plain-English message),
 * the reference to quote, what to do next, and "Try again" only where repeating is safe.
 * `focus` moves focus here when it appears after an action (submit), so screen readers hear it.
 */
export function ProblemMessage({
  error,
  kind,
  onRetry,
  focus = false,
  headingLevel = 2,
}: {
  error: UiError;
  kind: "query" | "update";
  onRetry?: () => void;
  focus?: boolean;
  headingLevel?: 2 | 3;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  const copy = ERROR_COPY[error.code] ?? ERROR_COPY.internal;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const retry = onRetry && canRetry(error, kind);
  return (
    <div className="nhsuk-warning-callout" role="alert" tabIndex={-1} ref={ref} data-testid="problem-message" data-error-code={error.code}>
      <Heading className="nhsuk-warning-callout__label">
        <span className="nhsuk-u-visually-hidden">Important: </span>
        {copy.title}
      </Heading>
      <p>{error.message}</p>
      <p>{copy.whatNext}</p>
      {error.reference ? (
        <p>
          Reference: <strong data-testid="problem-reference">{error.reference}</strong>
        </p>
      ) : null}
      {retry ? (
        <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}
